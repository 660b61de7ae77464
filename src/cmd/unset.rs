//! `ssoenv unset`: the snippet that removes everything `ssoenv use` may set.

use std::process::ExitCode;

use super::emit;
use super::use_::{KEY_VARIABLES, OTHER_VARIABLES};
use crate::cli::UnsetArgs;
use crate::env::Env;
use crate::shell::{Plan, Shell};

pub fn run(args: UnsetArgs) -> anyhow::Result<ExitCode> {
    let shell = Shell::detect(args.shell, &Env::from_process())?;
    let mut plan = Plan::default();
    // Every variable `use` may set, in any export mode.
    for name in KEY_VARIABLES.into_iter().chain(OTHER_VARIABLES) {
        plan.unset(name);
    }
    emit(&plan.render(shell)?)?;
    Ok(ExitCode::SUCCESS)
}
