//! `ssoenv prompt`, when the fast path in `main` left it to clap (it is the same code either way).

use std::process::ExitCode;

use crate::cli::PromptArgs;
use crate::prompt::{self, PromptShell};

pub fn run(args: PromptArgs) -> anyhow::Result<ExitCode> {
    if let Some(format) = &args.format
        && let Err(error) = prompt::check_format(format)
    {
        // A usage error, like clap's own: exit code 2.
        eprintln!("ssoenv: {error}");
        return Ok(ExitCode::from(2));
    }
    Ok(prompt::print(args.format, args.shell.as_deref().and_then(PromptShell::from_name)))
}
