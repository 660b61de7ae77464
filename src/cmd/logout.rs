//! `ssoenv logout`: everything, as `aws sso logout` (sso-protocol.md §6.1), or one session.

use std::path::Path;
use std::process::ExitCode;

use super::default_profile;
use crate::auth::{Auth, ui};
use crate::cache::fs::{TEMP_SUFFIX, read_json, remove_if_present};
use crate::cache::role_credentials::is_sso_file;
use crate::cache::token::SsoToken;
use crate::cli::LogoutArgs;
use crate::config::Config;
use crate::config::sso::LoginTarget;
use crate::env::Env;
use crate::secret::Secret;

pub fn run(args: LogoutArgs) -> anyhow::Result<ExitCode> {
    let env = Env::from_process();
    let config = Config::load(&env)?;
    let target = match (&args.sso_session, &args.profile) {
        (Some(session), _) => Some(LoginTarget::Session(config.sso_session(session)?)),
        (None, Some(profile)) => Some(config.login_target(profile)?),
        (None, None) => None,
    };
    let profile_name = args.profile.clone().unwrap_or_else(|| default_profile(&env));
    let auth = Auth::new(&env, &config, Some(&profile_name))?;
    match target {
        None => {
            log_out_everything(&auth)?;
            ui::say("Successfully signed out of all SSO profiles.\n");
        }
        Some(target) => {
            log_out_of(&auth, &config, &target)?;
            ui::say(&format!("Successfully signed out of {}.\n", target.describe()));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Revokes the token on the server when the file names a region, then deletes the file. Unlike the AWS CLI,
/// a server that cannot be reached does not stop the local logout: the point is that nothing usable stays here.
fn revoke_and_delete(auth: &Auth<'_>, path: &Path, region: Option<&str>, access_token: &Secret) -> anyhow::Result<()> {
    if let Some(region) = region
        && let Err(error) = auth.server_logout(region, access_token)
    {
        log::debug!("server logout for {} failed (the token is deleted here anyway): {error}", path.display());
    }
    delete(path)
}

fn delete(path: &Path) -> anyhow::Result<()> {
    remove_if_present(path).map_err(|e| anyhow::anyhow!("cannot delete {}: {e}", path.display()))
}

/// Every file of a cache folder, whatever its name, as the AWS CLI sweeps them; but ssoenv's own temporary
/// files, which another process may be about to rename into place.
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && !p.to_string_lossy().ends_with(TEMP_SUFFIX))
        .collect()
}

fn log_out_everything(auth: &Auth<'_>) -> anyhow::Result<()> {
    // Every file with an accessToken, whoever wrote it; registrations (no accessToken) stay.
    for path in files(&auth.paths().sso_dir) {
        let Some(json) = read_json(&path) else { continue };
        let Some(access_token) = json.get("accessToken") else { continue };
        // The raw fields, as the AWS CLI reads them: a token whose other fields do not parse is revoked too.
        match access_token.as_str() {
            Some(access_token) => {
                let region = json.get("region").and_then(serde_json::Value::as_str);
                revoke_and_delete(auth, &path, region, &Secret::new(access_token))?;
            }
            None => delete(&path)?,
        }
    }
    for path in files(&auth.paths().cli_dir) {
        if read_json(&path).is_some_and(|json| is_sso_file(&json)) {
            delete(&path)?;
        }
    }
    Ok(())
}

fn log_out_of(auth: &Auth<'_>, config: &Config, target: &LoginTarget) -> anyhow::Result<()> {
    let path = auth.paths().token(target);
    if let Some(token) = SsoToken::read(&path) {
        revoke_and_delete(auth, &path, token.region.as_deref(), &token.access_token)?;
    } else {
        delete(&path)?;
    }
    // The role credentials made from this session: those of every profile that logs in through it.
    for name in config.profile_names() {
        if let Ok(profile) = config.sso_profile(name)
            && profile.login == *target
        {
            let credentials = auth.paths().role_credentials(&profile);
            delete(&credentials)?;
        }
    }
    Ok(())
}
