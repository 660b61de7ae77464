//! `use`, `exec` and `credential-process` against the emulator: the cache, the request counts, automatic
//! re-login, and the failure discipline (nothing on stdout).

mod common;

use std::time::Duration;

use common::Sandbox;
use serde_json::Value;
use ssoenv::emulator::{EmulatorConfig, FaultConfig};

/// Every API request the emulator has answered (the two browser pages are not API requests).
fn api_requests(sandbox: &Sandbox) -> u64 {
    let stats = sandbox.api.stats();
    stats["operations"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), "Authorize" | "Device"))
        .map(|(_, count)| count.as_u64().unwrap())
        .sum()
}

fn exported(stdout: &str, name: &str) -> Option<String> {
    stdout.lines().find_map(|line| {
        line.strip_prefix(&format!("export {name}='")).map(|rest| rest.trim_end_matches('\'').to_owned())
    })
}

#[test]
fn use_exports_the_keys_and_the_session() {
    let sandbox = Sandbox::auto();
    let run = sandbox.run(&["use", "dev", "-s", "bash"]);
    run.ok();
    for name in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_CREDENTIAL_EXPIRATION",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "SSOENV_PROFILE",
        "SSOENV_SESSION_EXPIRATION",
    ] {
        assert!(exported(&run.stdout, name).is_some(), "{name} missing from {}", run.stdout);
    }
    assert!(run.stdout.contains("\nunset AWS_PROFILE\n"));
    assert_eq!(exported(&run.stdout, "AWS_REGION").as_deref(), Some("eu-west-1"));
    let expiration = exported(&run.stdout, "AWS_CREDENTIAL_EXPIRATION").unwrap();
    assert!(expiration.ends_with('Z') && expiration.len() == 20, "{expiration}");
    // The credentials are cached for the AWS CLI, with its key and bytes.
    let cached: Vec<_> = std::fs::read_dir(sandbox.home().join(".aws/cli/cache")).unwrap().flatten().collect();
    assert!(cached.iter().any(|e| e.path().extension().is_some_and(|x| x == "json")));
}

#[test]
fn cached_credentials_mean_no_network_at_all() {
    let sandbox = Sandbox::auto();
    let first = sandbox.run(&["use", "dev", "-s", "bash"]);
    first.ok();
    let before = api_requests(&sandbox);
    for _ in 0..3 {
        let again = sandbox.run(&["use", "dev", "-s", "bash"]);
        again.ok();
        assert_eq!(exported(&again.stdout, "AWS_ACCESS_KEY_ID"), exported(&first.stdout, "AWS_ACCESS_KEY_ID"));
    }
    sandbox.run(&["credential-process", "dev"]).ok();
    sandbox.run(&["exec", "dev", "--", "true"]).ok();
    assert_eq!(api_requests(&sandbox), before, "no request was made");
}

#[test]
fn a_valid_token_without_credentials_costs_one_request() {
    let sandbox = Sandbox::auto();
    sandbox.run(&["login", "dev", "--use-device-code"]).ok();
    let before = api_requests(&sandbox);
    sandbox.run(&["use", "dev"]).ok();
    assert_eq!(api_requests(&sandbox) - before, 1);
    assert_eq!(sandbox.api.stats()["operations"]["GetRoleCredentials"], 1);
}

#[test]
fn a_token_in_its_refresh_window_costs_two_requests() {
    let sandbox =
        Sandbox::new(EmulatorConfig { auto_approve: true, token_ttl: Duration::from_secs(600), ..Default::default() });
    sandbox.run(&["login", "dev", "--use-device-code"]).ok();
    let before = api_requests(&sandbox);
    sandbox.run(&["use", "dev"]).ok();
    assert_eq!(api_requests(&sandbox) - before, 2, "{}", sandbox.api.stats());
    assert_eq!(sandbox.api.stats()["grant_types"]["refresh_token"], 1);
}

#[test]
fn profile_mode_exports_the_profile_and_fetches_no_credentials() {
    let sandbox = Sandbox::auto();
    let run = sandbox.run(&["use", "dev", "-s", "bash", "--export", "profile"]);
    run.ok();
    assert_eq!(exported(&run.stdout, "AWS_PROFILE").as_deref(), Some("dev"));
    // The epoch too, else the prompt hook would renew keys into this shell.
    for name in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_CREDENTIAL_EXPIRATION",
        "SSOENV_CREDENTIAL_EXPIRATION_EPOCH",
    ] {
        assert!(run.stdout.contains(&format!("unset {name}\n")), "{}", run.stdout);
    }
    assert_eq!(sandbox.api.stats()["operations"]["GetRoleCredentials"], 0);
    let both = sandbox.run(&["use", "dev", "-s", "bash", "--export", "both", "--region", "ap-south-1"]);
    both.ok();
    assert_eq!(exported(&both.stdout, "AWS_PROFILE").as_deref(), Some("dev"));
    assert!(exported(&both.stdout, "AWS_ACCESS_KEY_ID").is_some());
    assert_eq!(exported(&both.stdout, "AWS_DEFAULT_REGION").as_deref(), Some("ap-south-1"));
}

#[test]
fn use_logs_in_again_when_the_service_refuses_the_token() {
    // No refresh tokens: a refused token can only be replaced by a new login, through the browser.
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        refresh_tokens: false,
        // Below the 15-minute window, so each `use` asks for new credentials.
        credentials_ttl: Duration::from_secs(600),
        ..Default::default()
    });
    sandbox.run(&["use", "dev"]).ok();
    assert_eq!(sandbox.browser_launches(), 1);
    sandbox.api.post("/_emulator/expire-tokens", Value::Null);

    let refused = sandbox.run(&["use", "dev", "--no-login"]);
    refused.fails();
    assert_eq!(refused.stdout, "", "a failed use prints nothing to eval");
    assert!(refused.stderr.contains("may not log in. Run: ssoenv login dev"), "{}", refused.stderr);
    assert_eq!(sandbox.browser_launches(), 1);

    let run = sandbox.run(&["use", "dev"]);
    run.ok();
    assert!(run.stderr.contains("Successfully logged into Start URL"), "{}", run.stderr);
    assert_eq!(sandbox.browser_launches(), 2);
    assert!(exported(&run.stdout, "AWS_ACCESS_KEY_ID").is_some());
}

#[test]
fn a_refused_but_refreshable_token_is_refreshed_without_a_browser() {
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        credentials_ttl: Duration::from_secs(600),
        ..Default::default()
    });
    sandbox.run(&["use", "dev"]).ok();
    sandbox.api.post("/_emulator/expire-tokens", Value::Null);
    sandbox.run(&["use", "dev", "--no-login"]).ok();
    assert_eq!(sandbox.browser_launches(), 1);
    assert_eq!(sandbox.api.stats()["grant_types"]["refresh_token"], 1);
}

#[test]
fn without_a_terminal_or_browser_use_does_not_log_in() {
    let mut sandbox = Sandbox::auto();
    sandbox.set_env("BROWSER", "");
    let run = sandbox.run(&["use", "dev"]);
    run.fails();
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("Run: ssoenv login dev"), "{}", run.stderr);
    assert_eq!(sandbox.api.stats()["operations"]["RegisterClient"], 0);
}

#[test]
fn failures_print_nothing_on_stdout() {
    let sandbox = Sandbox::auto();
    for args in [&["use", "nope"][..], &["use", "dev", "-s", "tcsh"], &["use"]] {
        let run = sandbox.run(args);
        assert_ne!(run.code, Some(0), "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
    // A value cmd.exe cannot carry is refused, not mangled.
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        secret_access_key: Some("50%off".into()),
        ..Default::default()
    });
    let run = sandbox.run(&["use", "dev", "-s", "cmd"]);
    run.fails();
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("AWS_SECRET_ACCESS_KEY contains '%', which cmd.exe cannot carry"), "{}", run.stderr);
    // The service fails.
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        faults: FaultConfig { fail_rate: 1.0, ..Default::default() },
        ..Default::default()
    });
    let run = sandbox.run(&["use", "dev"]);
    run.fails();
    assert_eq!(run.stdout, "");
}

#[test]
fn an_unassigned_role_is_a_clear_error() {
    let sandbox = Sandbox::auto();
    let config = std::fs::read_to_string(sandbox.config_path())
        .unwrap()
        .replace("sso_role_name = ReadOnly", "sso_role_name = Admin");
    sandbox.write_config(&config);
    let run = sandbox.run(&["use", "dev"]);
    run.fails();
    assert!(run.stderr.contains("GetRoleCredentials: ResourceNotFoundException (HTTP 404)"), "{}", run.stderr);
}

#[test]
fn exec_passes_arguments_and_the_exit_code_through() {
    let sandbox = Sandbox::auto();
    let run = sandbox.run(&[
        "exec",
        "dev",
        "--",
        "sh",
        "-c",
        r#"printf '%s|' "$@"; printf '%s %s %s' "${AWS_PROFILE-none}" "$AWS_REGION" "$SSOENV_PROFILE"; exit 7"#,
        "argv0",
        "a b",
        "c'd",
        "e\"f",
        "",
        "--flag",
    ]);
    assert_eq!(run.code, Some(7), "{}", run.stderr);
    assert_eq!(run.stdout, "a b|c'd|e\"f||--flag|none eu-west-1 dev");
    let missing = sandbox.run(&["exec", "dev", "--", "no-such-command-here"]);
    assert_eq!(missing.code, Some(127));
    assert!(missing.stderr.contains("ssoenv: cannot run no-such-command-here"), "{}", missing.stderr);
    let keys = sandbox.run(&[
        "exec",
        "dev",
        "--",
        "sh",
        "-c",
        "test -n \"$AWS_ACCESS_KEY_ID$AWS_SECRET_ACCESS_KEY$AWS_SESSION_TOKEN\"",
    ]);
    keys.ok();
}

#[test]
fn credential_process_prints_version_1_json() {
    let sandbox = Sandbox::auto();
    let run = sandbox.run(&["credential-process", "dev"]);
    run.ok();
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["Version"], 1);
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 5);
    assert!(json["AccessKeyId"].as_str().unwrap().starts_with("ASIA"));
    assert!(json["Expiration"].as_str().unwrap().ends_with('Z'));
}
