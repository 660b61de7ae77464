//! One file per subcommand: glue that parses, calls the layers below and prints.

mod accounts;
mod completions;
mod configure;
mod console;
mod credential_process;
mod demo;
mod emulator;
mod exec;
mod init;
mod listing;
mod login;
mod logout;
mod profiles;
mod prompt;
mod roles;
mod status;
mod unset;
pub mod use_;

use std::process::ExitCode;

use std::io::{IsTerminal, Write};

use crate::auth::flow::FlowRequest;
use crate::auth::role::{Credentials, role_credentials};
use crate::auth::ui::Presentation;
use crate::auth::{Auth, LoginOptions};
use crate::cli::{Cli, Command, CredentialLoginFlags, FlowArg, LoginFlags};
use crate::config::Config;
use crate::config::sso::SsoProfile;
use crate::env::Env;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Use(args) => use_::run(args),
        Command::Unset(args) => unset::run(args),
        Command::Exec(args) => exec::run(args),
        Command::CredentialProcess(args) => credential_process::run(args),
        Command::Demo(args) => demo::run(args),
        Command::Emulator(args) => emulator::run(args),
        Command::Login(args) => login::run(args),
        Command::Logout(args) => logout::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Init(args) => init::run(args),
        Command::Prompt(args) => prompt::run(args),
        Command::Status(args) => status::run(args),
        Command::Profiles(args) => profiles::run(args),
        Command::Accounts(args) => accounts::run(args),
        Command::Roles(args) => roles::run(args),
        Command::Configure(args) => configure::run(args),
        Command::Console(args) => console::run(args),
    }
}

/// The profile when none is named: `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else `default` (as botocore).
fn default_profile(env: &Env) -> String {
    env.get("AWS_PROFILE").or_else(|| env.get("AWS_DEFAULT_PROFILE")).unwrap_or("default").to_owned()
}

fn flow_request(flags: &LoginFlags) -> FlowRequest {
    match (flags.use_device_code, flags.flow) {
        (true, _) | (false, FlowArg::DeviceCode) => FlowRequest::DeviceCode,
        (false, FlowArg::Pkce) => FlowRequest::Pkce,
        (false, FlowArg::Auto) => FlowRequest::Auto,
    }
}

fn presentation(flags: &LoginFlags) -> Presentation {
    Presentation { no_browser: flags.no_browser, qr: flags.qr }
}

/// How a command that needs credentials may log in: not with `--no-login`, and not when nobody could see the
/// prompt (no terminal on stderr) unless a `BROWSER` command can do the approving. `login_command` is what
/// the error tells the person to run instead.
fn credential_login_options(login: &CredentialLoginFlags, env: &Env, login_command: String) -> LoginOptions {
    let someone_can_approve = std::io::stderr().is_terminal() || env.get("BROWSER").is_some();
    LoginOptions {
        flow: flow_request(&login.flags),
        presentation: presentation(&login.flags),
        may_login: !login.no_login && someone_can_approve,
        login_command,
        ..Default::default()
    }
}

/// The command that logs in for a profile.
fn login_command_for(profile: &str) -> String {
    format!("ssoenv login {}", shell_words::quote(profile))
}

/// A profile and its role credentials, logging in first when that is needed and allowed.
fn profile_credentials(profile_name: &str, login: &CredentialLoginFlags) -> anyhow::Result<(SsoProfile, Credentials)> {
    let env = Env::from_process();
    let config = Config::load_for_profile(&env, profile_name)?;
    let profile = config.sso_profile(profile_name)?;
    let auth = Auth::new(&env, &config, Some(profile_name))?;
    let credentials =
        role_credentials(&auth, &profile, &credential_login_options(login, &env, login_command_for(profile_name)))?;
    Ok((profile, credentials))
}

/// Writes what the shell evaluates, all at once. A reader that went away (`| head`) is not an error.
fn emit(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(anyhow::anyhow!("cannot write to stdout: {e}")),
        _ => Ok(()),
    }
}
