#![forbid(unsafe_code)]

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
    // A cached `use` is answered before clap too, in its common forms.
    if args.get(1).is_some_and(|a| a == "use")
        && let Some(use_args) = ssoenv::cmd::use_::fast_args(&args[2..])
    {
        return finish(ssoenv::cmd::use_::run(use_args));
    }
    let cli = Cli::parse();
    ssoenv::logger::init(cli.verbose);
    finish(ssoenv::cmd::run(cli))
}

fn finish(result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("ssoenv: {error:#}");
            ExitCode::FAILURE
        }
    }
}
