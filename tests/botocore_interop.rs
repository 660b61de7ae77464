//! ssoenv and botocore on one cache, both ways (tests/python/interop.py): botocore uses and refreshes a login
//! made by ssoenv, and ssoenv uses a login cached the way the AWS CLI caches it.

mod common;

use std::process::Command;
use std::time::Duration;

use common::Sandbox;
use serde_json::Value;
use ssoenv::emulator::EmulatorConfig;

/// Runs a subcommand of interop.py in the sandbox's environment; `None` (after the notice) when botocore is
/// not installed and CI is not set.
fn interop(sandbox: &Sandbox, args: &[&str]) -> Option<Value> {
    let python = common::botocore_python();
    if !common::require_tool("python with botocore (target/venv, see tests/python/requirements.txt)", python.is_some())
    {
        return None;
    }
    let output = Command::new(python.unwrap())
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/interop.py"))
        .args(args)
        .env_clear()
        .envs(sandbox.envs())
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "interop.py {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).expect("interop.py prints JSON"))
}

#[test]
fn botocore_uses_and_refreshes_a_login_made_by_ssoenv() {
    // Ten-minute tokens: inside botocore's 15-minute window, so its token provider refreshes at once.
    let sandbox =
        Sandbox::new(EmulatorConfig { auto_approve: true, token_ttl: Duration::from_secs(600), ..Default::default() });
    sandbox.run(&["login", "dev", "--flow", "pkce"]).ok();
    sandbox.run(&["login", "legacy"]).ok();
    let Some(checked) = interop(&sandbox, &["check-bytes"]) else { return };
    assert_eq!(checked["checked"].as_array().unwrap().len(), 4, "two tokens and two registrations: {checked}");

    let corp = {
        use sha1::{Digest, Sha1};
        let key: String = Sha1::digest(b"corp").iter().map(|b| format!("{b:02x}")).collect();
        sandbox.sso_cache().join(format!("{key}.json"))
    };
    let before: Value = serde_json::from_slice(&std::fs::read(&corp).unwrap()).unwrap();

    let dev = interop(&sandbox, &["credentials", "dev"]).unwrap();
    assert_eq!(dev["method"], "sso");
    assert!(dev["access_key"].as_str().unwrap().starts_with("ASIA"));
    let legacy = interop(&sandbox, &["credentials", "legacy"]).unwrap();
    assert_eq!(legacy["method"], "sso");

    // botocore refreshed ssoenv's token in place, and ssoenv reads what botocore wrote.
    let stats = sandbox.api.stats();
    assert_eq!(stats["grant_types"]["refresh_token"], 1, "{stats}");
    assert_eq!(stats["operations"]["GetRoleCredentials"], 2);
    let after: Value = serde_json::from_slice(&std::fs::read(&corp).unwrap()).unwrap();
    assert_ne!(after["accessToken"], before["accessToken"]);
    interop(&sandbox, &["check-bytes"]).unwrap();
    let status: Value = serde_json::from_str(&sandbox.run(&["status", "--json"]).ok().stdout).unwrap();
    assert_eq!(status["logins"][0]["token"]["valid"], true);
    assert_eq!(status["logins"][0]["token"]["refreshable"], true);
}

#[test]
fn ssoenv_uses_a_login_cached_by_the_aws_cli() {
    let sandbox = Sandbox::auto();
    if interop(&sandbox, &["write-token", "corp", common::START_URL, "us-east-1"]).is_none() {
        return;
    }
    assert_eq!(sandbox.api.stats()["operations"]["StartDeviceAuthorization"], 1);
    let status: Value = serde_json::from_str(&sandbox.run(&["status", "--json"]).ok().stdout).unwrap();
    assert_eq!(status["logins"][0]["name"], "corp");
    assert_eq!(status["logins"][0]["token"]["valid"], true);
    assert_eq!(status["logins"][0]["token"]["refreshable"], true);
    let run = sandbox.run(&["login", "dev"]);
    run.ok();
    assert!(run.stderr.starts_with("Already logged in to sso-session corp"), "{}", run.stderr);
    // The registration the CLI cached is reused by the next device login.
    sandbox.run(&["login", "dev", "--use-device-code", "--force"]).ok();
    let stats = sandbox.api.stats();
    assert_eq!(stats["operations"]["StartDeviceAuthorization"], 2);
    assert_eq!(stats["operations"]["RegisterClient"], 1, "{stats}");
}

#[test]
fn botocore_s_process_provider_reads_credential_process() {
    let sandbox = Sandbox::auto();
    let config = std::fs::read_to_string(sandbox.config_path()).unwrap();
    sandbox.write_config(&format!(
        "{config}\n[profile via-ssoenv]\ncredential_process = {} credential-process dev\n",
        common::ssoenv_bin()
    ));
    let Some(credentials) = interop(&sandbox, &["credentials", "via-ssoenv"]) else { return };
    assert_eq!(credentials["method"], "custom-process");
    assert!(credentials["access_key"].as_str().unwrap().starts_with("ASIA"));
    assert_eq!(credentials["has_token"], true);
    // ssoenv cached the role credentials where the AWS CLI keeps them, in its bytes.
    interop(&sandbox, &["check-bytes"]).unwrap();
}

#[test]
fn botocore_uses_the_profiles_that_configure_writes() {
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        accounts: 3,
        roles: vec!["Admin".into(), "ReadOnly".into()],
        ..Default::default()
    });
    sandbox.write_config("# mine\n[default]\nregion = eu-west-1\n");
    let start_url = common::START_URL;
    let wizard = common::configure_sso_flags("team name", start_url, "487420489017", "Admin", "from wizard");
    sandbox.run(&wizard).ok();
    let legacy = common::configure_sso_flags("", start_url, "487420489017", "ReadOnly", "old-style");
    sandbox.run(&legacy).ok();
    sandbox.run(&["configure", "populate", "--sso-session", "team name", "--region", "ap-south-1"]).ok();
    let config = std::fs::read_to_string(sandbox.config_path()).unwrap();
    assert!(config.contains("[sso-session 'team name']") && config.contains("[profile 'from wizard']"), "{config}");

    for profile in ["from wizard", "old-style", "platform-dev.Admin", "identity-dev.ReadOnly"] {
        let Some(answer) = interop(&sandbox, &["credentials", profile]) else { return };
        assert_eq!(answer["method"], "sso", "{profile}: {answer}");
        assert!(answer["access_key"].as_str().unwrap().starts_with("ASIA"), "{profile}: {answer}");
    }
}
