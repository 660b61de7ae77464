//! `ssoenv unset`: the snippet that removes everything `ssoenv use` may set.

use std::process::ExitCode;

use super::emit;
use crate::cli::UnsetArgs;
use crate::env::Env;
use crate::shell::{Plan, Shell};

/// Every variable `use` may set, in any export mode.
const EXPORTED: [&str; 11] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "SSOENV_PROFILE",
    "SSOENV_SESSION_EXPIRATION",
    "SSOENV_CREDENTIAL_EXPIRATION_EPOCH",
    "SSOENV_SESSION_EXPIRATION_EPOCH",
];

pub fn run(args: UnsetArgs) -> anyhow::Result<ExitCode> {
    let shell = Shell::detect(args.shell, &Env::from_process())?;
    let mut plan = Plan::default();
    for name in EXPORTED {
        plan.unset(name);
    }
    emit(&plan.render(shell)?)?;
    Ok(ExitCode::SUCCESS)
}
