use std::process::ExitCode;

use clap::Parser;
use ssoenv::cli::Cli;

fn main() -> ExitCode {
    // The prompt runs at every prompt: it is answered before clap is built.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "prompt")
        && let Some(code) = ssoenv::prompt::fast_path(&args[2..])
    {
        return code;
    }
    // `COMPLETE=<shell> ssoenv ...` is a completion request: answered here, before anything is printed.
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command).complete();
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
