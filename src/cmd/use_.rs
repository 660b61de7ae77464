//! `ssoenv use PROFILE`: the export snippet for the shell (design.md "What `use` exports").

use std::process::ExitCode;

use super::{credential_login_options, emit};
use crate::auth::Auth;
use crate::auth::role::role_credentials;
use crate::cache::timestamp;
use crate::cli::{ExportMode, UseArgs};
use crate::config::Config;
use crate::env::Env;
use crate::shell::{Plan, Shell};

pub fn run(args: UseArgs) -> anyhow::Result<ExitCode> {
    let env = Env::from_process();
    let shell = Shell::detect(args.shell, &env)?;
    let config = Config::load_for_profile(&env, &args.profile)?;
    let profile = config.sso_profile(&args.profile)?;
    let auth = Auth::new(&env, &config, config.profile(&args.profile))?;
    let options = credential_login_options(&args.login, &env, &args.profile);
    let region = args.region.clone().or_else(|| profile.region.clone());

    let mut plan = Plan::default();
    let session_expires_at = match args.export {
        ExportMode::Keys | ExportMode::Both => {
            let credentials = role_credentials(&auth, &profile, &options)?;
            let role = credentials.role;
            plan.set("AWS_ACCESS_KEY_ID", role.access_key_id);
            plan.set("AWS_SECRET_ACCESS_KEY", role.secret_access_key.expose());
            plan.set("AWS_SESSION_TOKEN", role.session_token.expose());
            plan.set("AWS_CREDENTIAL_EXPIRATION", timestamp::format(role.expiration));
            // For the shell integration, which decides in shell arithmetic whether to renew.
            plan.set("SSOENV_CREDENTIAL_EXPIRATION_EPOCH", epoch_seconds(role.expiration).to_string());
            credentials.session_expires_at
        }
        ExportMode::Profile => {
            let (token, _) = auth.ensure_token(&profile.login, &options)?;
            for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION"]
            {
                plan.unset(name);
            }
            Some(token.expires_at)
        }
    };
    match args.export {
        ExportMode::Keys => plan.unset("AWS_PROFILE"),
        ExportMode::Profile | ExportMode::Both => plan.set("AWS_PROFILE", &args.profile),
    }
    if let Some(region) = region {
        plan.set("AWS_REGION", &region);
        plan.set("AWS_DEFAULT_REGION", region);
    }
    plan.set("SSOENV_PROFILE", &args.profile);
    match session_expires_at {
        Some(at) => {
            plan.set("SSOENV_SESSION_EXPIRATION", timestamp::format(at));
            plan.set("SSOENV_SESSION_EXPIRATION_EPOCH", epoch_seconds(at).to_string());
        }
        None => {
            plan.unset("SSOENV_SESSION_EXPIRATION");
            plan.unset("SSOENV_SESSION_EXPIRATION_EPOCH");
        }
    }
    emit(&plan.render(shell)?)?;
    Ok(ExitCode::SUCCESS)
}

fn epoch_seconds(at: std::time::SystemTime) -> u64 {
    at.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}
