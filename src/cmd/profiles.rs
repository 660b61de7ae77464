//! `ssoenv profiles`: the profiles that use SSO, by name, as a table (`--long`) or as JSON. Reads the config
//! file only: no cache, no network.

use std::process::ExitCode;

use serde::Serialize;

use super::accounts::table;
use super::emit;
use crate::cli::ProfilesArgs;
use crate::config::Config;
use crate::config::sso::{LoginTarget, SsoProfile};
use crate::env::Env;

/// A profile as `--json` shows it: what it resolves to, or why it does not.
#[derive(Serialize)]
struct ProfileEntry<'a> {
    name: &'a str,
    sso_session: Option<&'a str>,
    sso_start_url: Option<&'a str>,
    sso_region: Option<&'a str>,
    account_id: Option<&'a str>,
    role_name: Option<&'a str>,
    region: Option<&'a str>,
    error: Option<String>,
}

pub fn run(args: ProfilesArgs) -> anyhow::Result<ExitCode> {
    let config = Config::load(&Env::from_process())?;
    let names: Vec<&str> = config.sso_profile_names().collect();
    if !args.long && !args.json {
        return emit(&names.iter().map(|name| format!("{name}\n")).collect::<String>()).map(|()| ExitCode::SUCCESS);
    }
    let resolved: Vec<(&str, Result<SsoProfile, String>)> =
        names.iter().map(|&name| (name, config.sso_profile(name).map_err(|e| e.to_string()))).collect();
    if args.json {
        let entries: Vec<ProfileEntry> = resolved.iter().map(|(name, profile)| entry(name, profile)).collect();
        return emit(&format!("{}\n", serde_json::to_string_pretty(&entries)?)).map(|()| ExitCode::SUCCESS);
    }
    let rows: Vec<[String; 5]> = resolved
        .iter()
        .map(|(name, profile)| match profile {
            Ok(p) => [
                name.to_string(),
                p.account_id.clone(),
                p.role_name.clone(),
                p.region.clone().unwrap_or_else(|| "-".to_owned()),
                p.login.describe(),
            ],
            Err(_) => [name.to_string(), "-".into(), "-".into(), "-".into(), "(broken)".into()],
        })
        .collect();
    let rows: Vec<[&str; 5]> = rows.iter().map(|row| row.each_ref().map(String::as_str)).collect();
    emit(&table(["PROFILE", "ACCOUNT ID", "ROLE", "REGION", "LOGIN"], &rows))?;
    // Listed, not fatal: this is where one looks to find what is wrong.
    for (name, profile) in &resolved {
        if let Err(error) = profile {
            eprintln!("ssoenv: profile {name}: {error}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn entry<'a>(name: &'a str, profile: &'a Result<SsoProfile, String>) -> ProfileEntry<'a> {
    let mut entry = ProfileEntry {
        name,
        sso_session: None,
        sso_start_url: None,
        sso_region: None,
        account_id: None,
        role_name: None,
        region: None,
        error: None,
    };
    match profile {
        Ok(profile) => {
            if let LoginTarget::Session(session) = &profile.login {
                entry.sso_session = Some(&session.name);
            }
            entry.sso_start_url = Some(profile.login.start_url());
            entry.sso_region = Some(profile.login.region());
            entry.account_id = Some(&profile.account_id);
            entry.role_name = Some(&profile.role_name);
            entry.region = profile.region.as_deref();
        }
        Err(error) => entry.error = Some(error.clone()),
    }
    entry
}
