//! botocore's own `sso-oidc` and `sso` clients against `ssoenv emulator`: every operation, both paginators and
//! each modelled exception (tests/python/conformance.py). botocore is the reference for the wire format.

mod common;

use std::process::Command;

#[test]
fn botocore_clients_accept_the_emulator() {
    let python = common::botocore_python();
    if !common::require_tool("python with botocore (target/venv, see tests/python/requirements.txt)", python.is_some())
    {
        return;
    }
    let output = Command::new(python.unwrap())
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/conformance.py"))
        .env("SSOENV_BIN", common::ssoenv_bin())
        .output()
        .expect("python runs");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "botocore conformance failed:\n{report}");
    // unittest's summary: a run that found no tests must not pass.
    assert!(report.contains("\nOK") && !report.contains("Ran 0 tests"), "{report}");
}
