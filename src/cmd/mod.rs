//! One file per subcommand: glue that parses, calls the layers below and prints.

mod emulator;
mod login;
mod logout;
mod status;

use std::process::ExitCode;

use crate::auth::flow::FlowRequest;
use crate::auth::ui::Presentation;
use crate::cli::{Cli, Command, FlowArg, LoginFlags};
use crate::env::Env;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Emulator(args) => emulator::run(args),
        Command::Login(args) => login::run(args),
        Command::Logout(args) => logout::run(args),
        Command::Status(args) => status::run(args),
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
