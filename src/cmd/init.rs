//! `ssoenv init SHELL`: the integration, calling this very binary by its full path.

use std::process::ExitCode;

use anyhow::Context;

use super::emit;
use crate::cli::InitArgs;
use crate::shell::init::script;

pub fn run(args: InitArgs) -> anyhow::Result<ExitCode> {
    let exe = std::env::current_exe().context("cannot find the path of the ssoenv binary")?;
    let exe = exe.to_str().context("the path of the ssoenv binary is not valid UTF-8")?;
    emit(&script(args.shell, exe))?;
    Ok(ExitCode::SUCCESS)
}
