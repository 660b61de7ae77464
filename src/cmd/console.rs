//! `ssoenv console PROFILE`: a console sign-in for the profile's role, opened in the browser or printed.

use std::process::ExitCode;

use super::{credential_login_options, emit, login_command_for};
use crate::auth::role::role_credentials;
use crate::auth::{Auth, browser, ui};
use crate::cli::ConsoleArgs;
use crate::config::Config;
use crate::env::Env;
use crate::sso::endpoint::{Service, console_host};
use crate::sso::federation;

pub fn run(args: ConsoleArgs) -> anyhow::Result<ExitCode> {
    let env = Env::from_process();
    let config = Config::load_for_profile(&env, &args.profile)?;
    let profile = config.sso_profile(&args.profile)?;
    let auth = Auth::new(&env, &config, Some(&args.profile))?;
    let options = credential_login_options(&args.login, &env, login_command_for(&args.profile));
    let credentials = role_credentials(&auth, &profile, &options)?;
    let region = args.region.as_deref().or(profile.region.as_deref()).unwrap_or(profile.login.region());
    let destination = destination(args.destination.as_deref(), region)?;
    // The sign-in host follows the partition of the role's region (the SSO region when the profile has none).
    let endpoint = auth.endpoint(Service::Federation, region)?;
    let token = federation::signin_token(auth.http()?, &endpoint, &credentials.role)?;
    let url = federation::login_url(&endpoint, &destination, &token)?;
    if args.print {
        emit(&format!("{}\n", url.expose()))?;
        return Ok(ExitCode::SUCCESS);
    }
    match browser::open(&env, url.expose()) {
        Ok(()) => ui::say(&format!(
            "Opened the console as {} in account {} ({destination}).\n",
            profile.role_name, profile.account_id
        )),
        Err(error) => anyhow::bail!("{error}; run ssoenv console {} --print to get the URL instead", args.profile),
    }
    Ok(ExitCode::SUCCESS)
}

/// Where the console opens: a full https URL as given, a service's home page (`s3`), or the console home, in
/// `region`.
fn destination(wanted: Option<&str>, region: &str) -> anyhow::Result<String> {
    let host = console_host(region);
    match wanted {
        None => Ok(format!("{host}/console/home?region={region}")),
        Some(url) if url.starts_with("https://") => Ok(url.to_owned()),
        Some(service)
            if !service.is_empty()
                && service.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') =>
        {
            Ok(format!("{host}/{service}/home?region={region}"))
        }
        Some(other) => {
            anyhow::bail!("--destination {other:?} is neither an https:// URL nor a service name such as s3 or ec2")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::destination;

    #[test]
    fn destinations() {
        assert_eq!(
            destination(None, "eu-west-1").unwrap(),
            "https://console.aws.amazon.com/console/home?region=eu-west-1"
        );
        assert_eq!(
            destination(Some("s3"), "cn-north-1").unwrap(),
            "https://console.amazonaws.cn/s3/home?region=cn-north-1"
        );
        assert_eq!(destination(Some("https://x.example/y"), "us-east-1").unwrap(), "https://x.example/y");
        assert!(destination(Some("http://evil"), "us-east-1").is_err());
        assert!(destination(Some("s3 ls"), "us-east-1").is_err());
    }
}
