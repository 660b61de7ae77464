//! `ssoenv use PROFILE`: the export snippet for the shell (design.md "What `use` exports").

use std::process::ExitCode;

use super::{credential_login_options, emit, login_command_for};
use crate::auth::Auth;
use crate::auth::role::role_credentials;
use crate::cache::timestamp;
use crate::cli::{CredentialLoginFlags, ExportMode, FlowArg, LoginFlags, UseArgs};
use crate::config::Config;
use crate::env::Env;
use crate::shell::{Plan, Shell};

/// What only the keys modes set: `--export profile` removes them all, the expiry epoch included (left over,
/// it would have the prompt hook renew, and so export, keys into a shell that asked for none).
pub(super) const KEY_VARIABLES: [&str; 5] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
    "SSOENV_CREDENTIAL_EXPIRATION_EPOCH",
];

/// What every mode may set besides (`AWS_PROFILE` is set or removed by the mode).
pub(super) const OTHER_VARIABLES: [&str; 6] = [
    "AWS_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "SSOENV_PROFILE",
    "SSOENV_SESSION_EXPIRATION",
    "SSOENV_SESSION_EXPIRATION_EPOCH",
];

pub fn run(args: UseArgs) -> anyhow::Result<ExitCode> {
    let env = Env::from_process();
    let shell = Shell::detect(args.shell, &env)?;
    let config = Config::load_for_profile(&env, &args.profile)?;
    let profile = config.sso_profile(&args.profile)?;
    let auth = Auth::new(&env, &config, Some(&args.profile))?;
    let options = credential_login_options(&args.login, &env, login_command_for(&args.profile));
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
            plan.set("SSOENV_CREDENTIAL_EXPIRATION_EPOCH", timestamp::epoch_seconds(role.expiration).to_string());
            credentials.session_expires_at
        }
        ExportMode::Profile => {
            let (token, _) = auth.ensure_token(&profile.login, &options)?;
            for name in KEY_VARIABLES {
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
            plan.set("SSOENV_SESSION_EXPIRATION_EPOCH", timestamp::epoch_seconds(at).to_string());
        }
        None => {
            plan.unset("SSOENV_SESSION_EXPIRATION");
            plan.unset("SSOENV_SESSION_EXPIRATION_EPOCH");
        }
    }
    emit(&plan.render(shell)?)?;
    Ok(ExitCode::SUCCESS)
}

/// The common forms of `ssoenv use`, parsed by hand so that `main` can answer them before clap's command is
/// built (building it touches most of clap's code, which is most of a cached `use`'s cost; bench/README.md).
/// `None` for anything else (`--help`, login flags, a repeated flag, a mistake): clap then parses it, with the
/// same meaning and its own messages.
pub fn fast_args(args: &[std::ffi::OsString]) -> Option<UseArgs> {
    let mut args = args.iter().map(|a| a.to_str());
    let profile = args.next()??;
    if profile.starts_with('-') {
        return None;
    }
    let (mut shell, mut export, mut region, mut no_login) = (None, None, None, false);
    while let Some(arg) = args.next() {
        let arg = arg?;
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value)),
            _ => (arg, None),
        };
        let mut value = || inline.map(Some).unwrap_or_else(|| args.next().flatten());
        match flag {
            "-s" | "--shell" if shell.is_none() && (flag == "--shell" || inline.is_none()) => {
                shell = Some(<Shell as clap::ValueEnum>::from_str(value()?, false).ok()?);
            }
            "--export" if export.is_none() => {
                export = Some(<ExportMode as clap::ValueEnum>::from_str(value()?, false).ok()?);
            }
            "--region" if region.is_none() => region = Some(value()?.to_owned()),
            "--no-login" if !no_login && inline.is_none() => no_login = true,
            _ => return None,
        }
    }
    Some(UseArgs {
        profile: profile.to_owned(),
        shell,
        export: export.unwrap_or(ExportMode::Keys),
        region,
        login: CredentialLoginFlags {
            no_login,
            flags: LoginFlags { no_browser: false, use_device_code: false, flow: FlowArg::Auto, qr: false },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn both(args: &[&str]) -> (Option<UseArgs>, Option<UseArgs>) {
        let os: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        let clap =
            crate::cli::Cli::try_parse_from(["ssoenv", "use"].iter().chain(args)).ok().map(|cli| match cli.command {
                crate::cli::Command::Use(args) => args,
                _ => unreachable!(),
            });
        (fast_args(&os), clap)
    }

    /// Whatever the fast path accepts, clap reads the same way.
    #[test]
    fn the_fast_path_agrees_with_clap() {
        for args in [
            &["dev"][..],
            &["dev", "-s", "fish"],
            &["dev", "--shell=pwsh", "--export", "both", "--region", "eu-west-1", "--no-login"],
            &["my profile", "--region=", "-s", "json"],
            &["dev", "--export=profile"],
        ] {
            let (fast, clap) = both(args);
            assert_eq!(format!("{fast:?}"), format!("{clap:?}"), "{args:?}");
            assert!(fast.is_some(), "{args:?}");
        }
    }

    /// Anything else goes to clap, which knows the rest (and says what is wrong).
    #[test]
    fn the_rest_is_left_to_clap() {
        for args in [
            &[][..],
            &["--help"],
            &["dev", "--help"],
            &["dev", "--use-device-code"],
            &["dev", "-s", "tcsh"],
            &["dev", "-s", "fish", "-s", "bash"],
            &["dev", "--region"],
            &["dev", "--no-login=yes"],
            &["-s", "bash", "dev"],
            &["dev", "extra"],
        ] {
            assert!(both(args).0.is_none(), "{args:?}");
        }
    }
}
