//! `ssoenv login`: `aws sso login`, but a still-valid token is kept unless `--force`.

use std::process::ExitCode;

use super::{default_profile, flow_request, presentation};
use crate::auth::{Auth, LoginOptions, TokenSource, describe_expiry, ui};
use crate::cli::LoginArgs;
use crate::config::Config;
use crate::config::sso::LoginTarget;
use crate::env::Env;

pub fn run(args: LoginArgs) -> anyhow::Result<ExitCode> {
    let env = Env::from_process();
    let config = match (&args.sso_session, &args.profile) {
        (None, Some(profile)) => Config::load_for_profile(&env, profile)?,
        _ => Config::load(&env)?,
    };
    let (target, profile_name, command) = match &args.sso_session {
        Some(session) => {
            let target = LoginTarget::Session(config.sso_session(session)?);
            (target, default_profile(&env), format!("ssoenv login --sso-session {session}"))
        }
        None => {
            let name = args.profile.clone().unwrap_or_else(|| default_profile(&env));
            (config.login_target(&name)?, name.clone(), format!("ssoenv login {name}"))
        }
    };
    let auth = Auth::new(&env, &config, Some(&profile_name))?;
    let options = LoginOptions {
        force: args.force,
        flow: flow_request(&args.login),
        presentation: presentation(&args.login),
        may_login: true,
        login_command: command,
        ..Default::default()
    };
    let (token, source) = auth.ensure_token(&target, &options)?;
    match source {
        TokenSource::LoggedIn => {}
        TokenSource::Refreshed => ui::say(&format!(
            "Refreshed the SSO session for {}; valid until {}.\n",
            target.describe(),
            describe_expiry(token.expires_at)
        )),
        TokenSource::Cache => ui::say(&format!(
            "Already logged in to {} until {}; ssoenv login --force logs in again.\n",
            target.describe(),
            describe_expiry(token.expires_at)
        )),
    }
    Ok(ExitCode::SUCCESS)
}
