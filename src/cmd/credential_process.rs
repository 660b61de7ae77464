//! `ssoenv credential-process PROFILE`: the credential_process contract, so every AWS SDK can get credentials
//! from ssoenv (`credential_process = ssoenv credential-process dev`).

use std::process::ExitCode;

use serde::Serialize;

use super::{emit, profile_credentials};
use crate::cache::timestamp;
use crate::cli::CredentialProcessArgs;

/// The fields, in the order `aws configure export-credentials --format process` prints them.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ProcessCredentials<'a> {
    version: u8,
    access_key_id: &'a str,
    secret_access_key: &'a str,
    session_token: &'a str,
    expiration: String,
}

pub fn run(args: CredentialProcessArgs) -> anyhow::Result<ExitCode> {
    let role = profile_credentials(&args.profile, &args.login)?.1.role;
    let output = ProcessCredentials {
        version: 1,
        access_key_id: &role.access_key_id,
        secret_access_key: role.secret_access_key.expose(),
        session_token: role.session_token.expose(),
        expiration: timestamp::format(role.expiration),
    };
    emit(&format!("{}\n", serde_json::to_string_pretty(&output)?))?;
    Ok(ExitCode::SUCCESS)
}
