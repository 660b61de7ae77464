//! `ssoenv emulator`: serve the local IAM Identity Center until interrupted.

use std::process::ExitCode;

use anyhow::Context;

use crate::cli::EmulatorArgs;
use crate::emulator::{Emulator, EmulatorConfig, FaultConfig};

/// The start URL the printed config uses. Any URL works against the emulator; this one is on an AWS-owned
/// domain (so no client tries to resolve it as a vanity URL) with a directory ID no real instance has.
const START_URL: &str = "https://d-0000000000.awsapps.com/start";

pub fn run(args: EmulatorArgs) -> anyhow::Result<ExitCode> {
    let config = EmulatorConfig {
        listen: args.listen,
        accounts: args.accounts,
        roles: args.roles.iter().map(|r| r.trim().to_owned()).filter(|r| !r.is_empty()).collect(),
        token_ttl: args.token_ttl,
        session_ttl: args.session_ttl,
        credentials_ttl: args.credentials_ttl,
        registration_ttl: args.registration_ttl,
        device_code_ttl: args.device_code_ttl,
        device_interval: std::time::Duration::from_secs(args.device_interval),
        refresh_tokens: !args.no_refresh_tokens,
        auto_approve: args.auto_approve,
        secret_access_key: args.secret_access_key,
        faults: FaultConfig {
            latency: args.latency,
            throttle_rps: args.throttle,
            retry_after: args.retry_after,
            fail_rate: args.fail_rate,
            seed: args.seed,
        },
        log_requests: !args.quiet,
    };
    let emulator = Emulator::start(config.clone())?;
    let url = emulator.base_url();
    println!("{url}");
    eprint!("{}", usage_notes(url, &config));
    wait_for_interrupt().context("cannot wait for Ctrl-C")?;
    eprintln!("ssoenv emulator: stopped");
    Ok(ExitCode::SUCCESS)
}

fn usage_notes(url: &str, config: &EmulatorConfig) -> String {
    let first_account = crate::emulator::first_account_id(config).unwrap_or_else(|| "123456789012".to_owned());
    let approval = if config.auto_approve {
        "Logins are approved as soon as their page opens (--auto-approve).".to_owned()
    } else {
        format!("Approve logins in the browser, or at {url}/device with the code the client shows.")
    };
    format!(
        "ssoenv emulator: IAM Identity Center on {url} ({accounts} accounts; roles {roles})\n\
         \n\
         Point ssoenv, the AWS CLI and the AWS SDKs at it:\n\
         \x20 export AWS_ENDPOINT_URL_SSO_OIDC={url}\n\
         \x20 export AWS_ENDPOINT_URL_SSO={url}\n\
         \x20 export AWS_ENDPOINT_URL_SIGNIN={url}    # ssoenv console\n\
         \n\
         and give them a profile (in ~/.aws/config, or the file AWS_CONFIG_FILE names):\n\
         \x20 [sso-session emulator]\n\
         \x20 sso_start_url = {START_URL}\n\
         \x20 sso_region = us-east-1\n\
         \x20 sso_registration_scopes = sso:account:access\n\
         \n\
         \x20 [profile emulator]\n\
         \x20 sso_session = emulator\n\
         \x20 sso_account_id = {first_account}\n\
         \x20 sso_role_name = {role}\n\
         \x20 region = us-east-1\n\
         \n\
         {approval} Stop with Ctrl-C.\n",
        accounts = config.accounts,
        roles = config.roles.join(", "),
        role = config.roles.first().map(String::as_str).unwrap_or("ReadOnly"),
    )
}

/// Blocks until SIGINT or SIGTERM.
fn wait_for_interrupt() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        #[cfg(unix)]
        {
            let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
            tokio::select! {
                result = tokio::signal::ctrl_c() => result,
                _ = terminate.recv() => Ok(()),
            }
        }
        #[cfg(not(unix))]
        tokio::signal::ctrl_c().await
    })
}
