//! `ssoenv configure sso` and `ssoenv configure populate`: writing profiles into the config file.

mod populate;
mod sso;

use std::process::ExitCode;

use crate::cli::{ConfigureArgs, ConfigureCommand};

pub fn run(args: ConfigureArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        ConfigureCommand::Sso(args) => sso::run(args),
        ConfigureCommand::Populate(args) => populate::run(args),
    }
}
