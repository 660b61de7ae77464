//! `ssoenv status`: every sso-session and legacy start URL in the config, with its cached token and the role
//! credentials cached for each of its profiles. Reads files only; no network.

use std::process::ExitCode;
use std::time::SystemTime;

use serde::Serialize;

use crate::auth::describe_expiry;
use crate::cache::registration::Registration;
use crate::cache::role_credentials::RoleCredentials;
use crate::cache::token::SsoToken;
use crate::cache::{CachePaths, timestamp};
use crate::cli::StatusArgs;
use crate::config::Config;
use crate::config::sso::LoginTarget;
use crate::env::Env;

#[derive(Serialize)]
struct Report {
    config_file: String,
    logins: Vec<LoginStatus>,
    /// Profiles that could not be resolved, with why: shown, not fatal, since status is where one looks.
    problems: Vec<Problem>,
}

#[derive(Serialize)]
struct LoginStatus {
    /// `sso-session` or `legacy`.
    kind: &'static str,
    name: Option<String>,
    start_url: String,
    region: String,
    token_file: String,
    token: Option<TokenStatus>,
    /// The token's registration when there is a token, else the cached registration's.
    registration_expires_at: Option<String>,
    profiles: Vec<ProfileStatus>,
}

#[derive(Serialize)]
struct TokenStatus {
    expires_at: String,
    valid: bool,
    refreshable: bool,
    registration_expires_at: Option<String>,
}

#[derive(Serialize)]
struct ProfileStatus {
    name: String,
    account_id: String,
    role_name: String,
    credentials_expire_at: Option<String>,
    credentials_valid: bool,
}

#[derive(Serialize)]
struct Problem {
    profile: String,
    error: String,
}

pub fn run(args: StatusArgs) -> anyhow::Result<ExitCode> {
    let env = Env::from_process();
    let config = Config::load(&env)?;
    let paths = CachePaths::from_env(&env)?;
    let report = build(&config, &paths, SystemTime::now());
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", render(&report));
    }
    Ok(ExitCode::SUCCESS)
}

fn build(config: &Config, paths: &CachePaths, now: SystemTime) -> Report {
    let mut logins: Vec<(LoginTarget, LoginStatus)> = Vec::new();
    let mut problems = Vec::new();
    let add_target = |target: LoginTarget, logins: &mut Vec<(LoginTarget, LoginStatus)>| {
        if logins.iter().any(|(known, _)| *known == target) {
            return;
        }
        let token_file = paths.token(&target);
        let token = SsoToken::read(&token_file).map(|token| TokenStatus {
            expires_at: timestamp::format(token.expires_at),
            valid: !token.is_expired(now),
            refreshable: matches!(target, LoginTarget::Session(_)) && token.is_refreshable(now),
            registration_expires_at: token.registration_expires_at.map(timestamp::format),
        });
        let registration_expires_at = match &token {
            Some(token) => token.registration_expires_at.clone(),
            None => Registration::read(&paths.registration(&target)).map(|r| timestamp::format(r.expires_at)),
        };
        let status = LoginStatus {
            kind: if target.session_name().is_some() { "sso-session" } else { "legacy" },
            name: target.session_name().map(str::to_owned),
            start_url: target.start_url().to_owned(),
            region: target.region().to_owned(),
            token_file: token_file.display().to_string(),
            token,
            registration_expires_at,
            profiles: Vec::new(),
        };
        logins.push((target, status));
    };
    for name in config.sso_session_names() {
        match config.sso_session(name) {
            Ok(session) => add_target(LoginTarget::Session(session), &mut logins),
            Err(error) => problems.push(Problem { profile: format!("[sso-session {name}]"), error: error.to_string() }),
        }
    }
    for name in config.sso_profile_names() {
        let Some(settings) = config.profile(name) else { continue };
        let profile = match config.sso_profile(name) {
            Ok(profile) => profile,
            Err(error) => {
                // A profile used only to log in (no account or role) is fine for `login`; report the rest.
                match config.login_target(name) {
                    Ok(target)
                        if settings.get("sso_role_name").is_none() && settings.get("sso_account_id").is_none() =>
                    {
                        add_target(target, &mut logins)
                    }
                    _ => problems.push(Problem { profile: name.to_owned(), error: error.to_string() }),
                }
                continue;
            }
        };
        add_target(profile.login.clone(), &mut logins);
        let credentials = RoleCredentials::read(&paths.role_credentials(&profile));
        let entry = logins.iter_mut().find(|(target, _)| *target == profile.login).map(|(_, s)| s);
        if let Some(status) = entry {
            status.profiles.push(ProfileStatus {
                name: name.to_owned(),
                account_id: profile.account_id.clone(),
                role_name: profile.role_name.clone(),
                credentials_expire_at: credentials.as_ref().map(|c| timestamp::format(c.expiration)),
                credentials_valid: credentials.is_some_and(|c| c.expiration > now),
            });
        }
    }
    Report {
        config_file: config.config_path.display().to_string(),
        logins: logins.into_iter().map(|(_, status)| status).collect(),
        problems,
    }
}

fn render(report: &Report) -> String {
    let mut out = String::new();
    if report.logins.is_empty() && report.problems.is_empty() {
        out.push_str(&format!(
            "No SSO profiles or sso-sessions in {}. Add one with aws configure sso, or see ssoenv emulator --help to \
             try ssoenv locally.\n",
            report.config_file
        ));
    }
    for login in &report.logins {
        let title = match &login.name {
            Some(name) => format!("sso-session {name}"),
            None => "legacy profile login".to_owned(),
        };
        out.push_str(&format!("{title}: {} ({})\n", login.start_url, login.region));
        // Everything shown was read once, by `build`; only the remaining times are computed here.
        let expiry = |at: &str| timestamp::parse(at).map(describe_expiry).unwrap_or_else(|| at.to_owned());
        match &login.token {
            Some(token) => {
                let state = if token.valid { "valid until" } else { "expired:" };
                let refresh = if token.refreshable {
                    "refreshable"
                } else if login.name.is_none() {
                    "not refreshable (legacy logins last one session)"
                } else {
                    "not refreshable"
                };
                out.push_str(&format!("  token: {state} {}, {refresh}\n", expiry(&token.expires_at)));
            }
            None => out.push_str("  token: none (not logged in)\n"),
        }
        if let Some(at) = &login.registration_expires_at {
            out.push_str(&format!("  client registration: until {}\n", expiry(at)));
        }
        for profile in &login.profiles {
            let credentials = match &profile.credentials_expire_at {
                None => "no cached credentials".to_owned(),
                Some(at) => {
                    if profile.credentials_valid {
                        format!("credentials until {}", expiry(at))
                    } else {
                        format!("credentials expired: {}", expiry(at))
                    }
                }
            };
            out.push_str(&format!(
                "  profile {} ({} {}): {credentials}\n",
                profile.name, profile.account_id, profile.role_name
            ));
        }
    }
    for problem in &report.problems {
        out.push_str(&format!("problem with {}: {}\n", problem.profile, problem.error));
    }
    out
}
