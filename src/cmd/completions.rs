//! `ssoenv completions SHELL`: static completion scripts, generated from cli.rs.

use std::process::ExitCode;

use clap::CommandFactory;

use super::emit;
use crate::cli::{Cli, CompletionsArgs};

/// The script for `shell`, as completions/ holds it.
pub fn script(shell: clap_complete::Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "ssoenv", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

pub fn run(args: CompletionsArgs) -> anyhow::Result<ExitCode> {
    emit(&script(args.shell))?;
    Ok(ExitCode::SUCCESS)
}
