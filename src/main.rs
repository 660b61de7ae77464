use std::process::ExitCode;

use clap::Parser;
use ssoenv::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    ssoenv::logger::init(cli.verbose);
    match ssoenv::cmd::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("ssoenv: {error:#}");
            ExitCode::FAILURE
        }
    }
}
