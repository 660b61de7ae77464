//! One file per subcommand: glue that parses, calls the layers below and prints.

mod emulator;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Emulator(args) => emulator::run(args),
    }
}
