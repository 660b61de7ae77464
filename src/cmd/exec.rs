//! `ssoenv exec PROFILE -- COMMAND ...`: the command runs with the credentials in its environment; on Unix
//! ssoenv becomes the command, so its exit code and signals are the command's own.

use std::process::{Command, ExitCode};

use super::profile_credentials;
use crate::cache::timestamp;
use crate::cli::ExecArgs;

pub fn run(args: ExecArgs) -> anyhow::Result<ExitCode> {
    let (profile, credentials) = profile_credentials(&args.profile, &args.login)?;
    let role = credentials.role;

    let (program, arguments) = args.command.split_first().expect("clap requires a command");
    let mut command = Command::new(program);
    command
        .args(arguments)
        .env("AWS_ACCESS_KEY_ID", &role.access_key_id)
        .env("AWS_SECRET_ACCESS_KEY", role.secret_access_key.expose())
        .env("AWS_SESSION_TOKEN", role.session_token.expose())
        .env("AWS_CREDENTIAL_EXPIRATION", timestamp::format(role.expiration))
        .env("SSOENV_PROFILE", &args.profile)
        // The keys and a profile would contradict each other.
        .env_remove("AWS_PROFILE");
    match credentials.session_expires_at {
        Some(at) => command.env("SSOENV_SESSION_EXPIRATION", timestamp::format(at)),
        None => command.env_remove("SSOENV_SESSION_EXPIRATION"),
    };
    if let Some(region) = args.region.or(profile.region) {
        command.env("AWS_REGION", &region).env("AWS_DEFAULT_REGION", &region);
    }
    let program_name = program.to_string_lossy().into_owned();
    let failed = |error: std::io::Error| {
        // As shells do: 127 when there is no such command, 126 when it cannot be run.
        let code = if error.kind() == std::io::ErrorKind::NotFound { 127 } else { 126 };
        eprintln!("ssoenv: cannot run {program_name}: {error}");
        ExitCode::from(code)
    };
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Only returns on failure.
        Ok(failed(command.exec()))
    }
    #[cfg(not(unix))]
    {
        match command.status() {
            Ok(status) => Ok(ExitCode::from(status.code().unwrap_or(1).clamp(0, 255) as u8)),
            Err(error) => Ok(failed(error)),
        }
    }
}
