//! `ssoenv demo` runs the whole journey on its own, quickly, and shows no secret.

mod common;

use std::process::Command;

#[test]
fn the_demo_runs_end_to_end() {
    let home = tempfile::tempdir().unwrap();
    // A clean environment: the demo must need nothing from the machine's AWS setup.
    let output = Command::new(common::ssoenv_bin())
        .arg("demo")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    for expected in [
        "Successfully logged into Start URL",
        "AWS_ACCESS_KEY_ID=ASIA",
        "characters, masked)",
        "$ ssoenv prompt\n     dev ",
        "token: valid until",
        "Successfully signed out of all SSO profiles.",
    ] {
        assert!(stdout.contains(expected), "{expected:?} missing from:\n{stdout}");
    }
    // Nothing was left in the real HOME, and the demo's own HOME is gone.
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
}
