//! `ssoenv login`, `logout` and `status` against the emulator, with a `BROWSER` script playing the person.

mod common;

use std::time::Duration;

use common::{Sandbox, standard_config};
use serde_json::Value;
use ssoenv::emulator::EmulatorConfig;

fn token_file(sandbox: &Sandbox, key_source: &str) -> std::path::PathBuf {
    use sha1::{Digest, Sha1};
    let key: String = Sha1::digest(key_source.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    sandbox.sso_cache().join(format!("{key}.json"))
}

fn read_json(path: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn keys(value: &Value) -> Vec<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn pkce_login_writes_the_aws_cli_cache_files() {
    let sandbox = Sandbox::auto();
    let run = sandbox.run(&["login", "dev", "--flow", "pkce"]);
    run.ok();
    assert!(run.stdout.is_empty(), "login prints nothing on stdout: {}", run.stdout);
    assert!(
        run.stderr.contains("Attempting to open your default browser. If the browser does not open"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("/authorize?response_type=code&client_id="), "{}", run.stderr);
    assert!(run.stderr.ends_with(&format!("Successfully logged into Start URL: {}\n", common::START_URL)));
    assert_eq!(sandbox.browser_launches(), 1);

    let token_path = token_file(&sandbox, "corp");
    let token = read_json(&token_path);
    assert_eq!(
        keys(&token),
        [
            "accessToken",
            "clientId",
            "clientSecret",
            "expiresAt",
            "refreshToken",
            "region",
            "registrationExpiresAt",
            "startUrl"
        ]
    );
    let bytes = std::fs::read_to_string(&token_path).unwrap();
    assert!(bytes.starts_with(&format!(
        "{{\"startUrl\": \"{}\", \"region\": \"us-east-1\", \"accessToken\": \"",
        common::START_URL
    )));
    assert!(!bytes.ends_with('\n'));
    let expires = token["expiresAt"].as_str().unwrap();
    assert!(expires.len() == 20 && expires.ends_with('Z'), "{expires}");

    let registrations: Vec<Value> = std::fs::read_dir(sandbox.sso_cache())
        .unwrap()
        .flatten()
        .filter(|e| e.path() != token_path && e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| read_json(&e.path()))
        .collect();
    assert_eq!(registrations.len(), 1);
    assert_eq!(registrations[0]["grantTypes"], serde_json::json!(["authorization_code", "refresh_token"]));
    assert_eq!(registrations[0]["clientId"], token["clientId"]);
    #[cfg(unix)]
    {
        assert_eq!(mode(&token_path), 0o600);
        assert_eq!(mode(&sandbox.sso_cache()), 0o700);
        assert_eq!(mode(&sandbox.home().join(".aws")), 0o700);
    }
    let stats = sandbox.api.stats();
    assert_eq!(stats["grant_types"]["authorization_code"], 1);
    assert_eq!(stats["operations"]["StartDeviceAuthorization"], 0);
}

#[test]
fn device_code_login_for_a_legacy_profile() {
    let sandbox = Sandbox::auto();
    let run = sandbox.run(&["login", "legacy"]);
    run.ok();
    assert!(
        run.stderr.starts_with("Attempting to open your default browser.\nIf the browser does not open or you wish")
    );
    assert!(run.stderr.contains("Then enter the code:\n\n"));
    assert!(run.stderr.contains("/device?user_code="));
    assert_eq!(sandbox.browser_launches(), 1);
    let token = read_json(&token_file(&sandbox, common::START_URL));
    // Registered without scopes, as a legacy profile is: no refresh token.
    assert!(token.get("refreshToken").is_none(), "{token}");
    assert_eq!(sandbox.api.stats()["operations"]["StartDeviceAuthorization"], 1);
}

#[test]
fn no_browser_device_login_completes_when_someone_approves() {
    let sandbox = Sandbox::new(EmulatorConfig::default());
    let mut child = sandbox
        .command(&["login", "dev", "--use-device-code", "--no-browser"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Approve as a person would, from the code in the prompt.
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut prompt = String::new();
    let code = loop {
        let mut line = String::new();
        assert!(std::io::BufRead::read_line(&mut stderr, &mut line).unwrap() > 0, "no code in: {prompt}");
        prompt.push_str(&line);
        let trimmed = line.trim();
        if trimmed.len() == 9 && trimmed.as_bytes()[4] == b'-' {
            break trimmed.to_owned();
        }
    };
    assert!(
        prompt.starts_with("Browser will not be automatically opened.\nPlease visit the following URL:\n\n"),
        "{prompt}"
    );
    let approved = sandbox.api.post_form("/device", &[("user_code", &code), ("decision", "approve")]);
    assert_eq!(approved.status, 200);
    assert!(child.wait().unwrap().success());
    assert_eq!(sandbox.browser_launches(), 0);
}

#[test]
fn a_valid_token_is_reused_unless_forced() {
    let sandbox = Sandbox::auto();
    sandbox.run(&["login", "dev", "--use-device-code"]).ok();
    let run = sandbox.run(&["login", "dev"]);
    run.ok();
    assert!(run.stderr.starts_with("Already logged in to sso-session corp until "), "{}", run.stderr);
    assert_eq!(sandbox.api.stats()["operations"]["StartDeviceAuthorization"], 1);
    sandbox.run(&["login", "dev", "--use-device-code", "--force"]).ok();
    assert_eq!(sandbox.api.stats()["operations"]["StartDeviceAuthorization"], 2);
    // The registration was reused: one RegisterClient for both logins.
    assert_eq!(sandbox.api.stats()["operations"]["RegisterClient"], 1);
}

#[test]
fn a_token_near_expiry_is_refreshed_once() {
    // Ten minutes is inside botocore's 15-minute refresh window.
    let sandbox =
        Sandbox::new(EmulatorConfig { auto_approve: true, token_ttl: Duration::from_secs(600), ..Default::default() });
    sandbox.run(&["login", "dev", "--use-device-code"]).ok();
    let before = read_json(&token_file(&sandbox, "corp"));
    let run = sandbox.run(&["login", "dev"]);
    run.ok();
    assert!(run.stderr.starts_with("Refreshed the SSO session for sso-session corp"), "{}", run.stderr);
    let after = read_json(&token_file(&sandbox, "corp"));
    assert_ne!(after["accessToken"], before["accessToken"]);
    assert_ne!(after["refreshToken"], before["refreshToken"]);
    assert_eq!(after["clientId"], before["clientId"]);
    assert_eq!(after["registrationExpiresAt"], before["registrationExpiresAt"]);
    assert_eq!(sandbox.api.stats()["grant_types"]["refresh_token"], 1);
}

#[test]
fn concurrent_refreshes_make_one_create_token_call() {
    let sandbox = Sandbox::auto();
    sandbox.run(&["login", "dev", "--use-device-code"]).ok();
    // Make the cached token five minutes from expiry, inside the refresh window; a refresh gives an hour.
    let path = token_file(&sandbox, "corp");
    let mut token = read_json(&path);
    let soon = std::time::SystemTime::now() + Duration::from_secs(300);
    token["expiresAt"] = humantime::format_rfc3339_seconds(soon).to_string().into();
    std::fs::write(&path, serde_json::to_vec(&token).unwrap()).unwrap();
    let children: Vec<_> = (0..5)
        .map(|_| sandbox.command(&["login", "dev"]).stderr(std::process::Stdio::piped()).spawn().unwrap())
        .collect();
    for child in children {
        assert!(child.wait_with_output().unwrap().status.success());
    }
    assert_eq!(sandbox.api.stats()["grant_types"]["refresh_token"], 1);
    assert_ne!(read_json(&path)["accessToken"], token["accessToken"]);
}

#[test]
fn a_failed_refresh_keeps_the_valid_token() {
    let sandbox =
        Sandbox::new(EmulatorConfig { auto_approve: true, token_ttl: Duration::from_secs(600), ..Default::default() });
    sandbox.run(&["login", "dev", "--use-device-code"]).ok();
    let before = std::fs::read(token_file(&sandbox, "corp")).unwrap();
    // The server forgets the session: the refresh token is now invalid.
    let token = read_json(&token_file(&sandbox, "corp"));
    assert_eq!(sandbox.api.logout(token["accessToken"].as_str().unwrap()).status, 200);
    let run = sandbox.run(&["login", "dev"]);
    run.ok();
    assert!(run.stderr.starts_with("Already logged in"), "{}", run.stderr);
    assert_eq!(std::fs::read(token_file(&sandbox, "corp")).unwrap(), before);
}

#[test]
fn an_expired_unrefreshable_token_means_a_new_login() {
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        token_ttl: Duration::from_secs(1),
        refresh_tokens: false,
        ..Default::default()
    });
    sandbox.run(&["login", "dev", "--use-device-code"]).ok();
    std::thread::sleep(Duration::from_millis(1100));
    let run = sandbox.run(&["login", "dev", "--use-device-code"]);
    run.ok();
    assert!(run.stderr.contains("Successfully logged into Start URL"));
    assert_eq!(sandbox.api.stats()["operations"]["StartDeviceAuthorization"], 2);
}

#[test]
fn a_registration_near_its_end_is_replaced() {
    // Ten minutes left is inside the 15-minute window: the registration is not reused.
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        registration_ttl: Duration::from_secs(600),
        ..Default::default()
    });
    sandbox.run(&["login", "dev", "--use-device-code"]).ok();
    sandbox.run(&["login", "dev", "--use-device-code", "--force"]).ok();
    assert_eq!(sandbox.api.stats()["operations"]["RegisterClient"], 2);
    // Switching flows replaces the registration too: each flow rejects the other's.
    sandbox.run(&["login", "dev", "--flow", "pkce", "--force"]).ok();
    assert_eq!(sandbox.api.stats()["operations"]["RegisterClient"], 3);
}

#[test]
fn ten_concurrent_logins_make_one_device_authorization_and_one_browser_tab() {
    let sandbox = Sandbox::auto();
    // The person takes a moment to approve, so that all ten processes are waiting at once.
    sandbox.set_browser("sleep 1; curl -sL -o /dev/null \"$1\"");
    let children: Vec<_> = (0..10)
        .map(|_| {
            sandbox
                .command(&["login", "dev", "--use-device-code"])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    for output in &outputs {
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let waited = outputs
        .iter()
        .filter(|o| String::from_utf8_lossy(&o.stderr).contains("Waiting for another ssoenv process"))
        .count();
    assert!(waited >= 1, "the others said why they wait");
    let stats = sandbox.api.stats();
    assert_eq!(stats["operations"]["StartDeviceAuthorization"], 1, "{stats}");
    assert_eq!(stats["operations"]["RegisterClient"], 1, "{stats}");
    assert_eq!(sandbox.browser_launches(), 1);
}

#[test]
fn login_errors_are_clear() {
    // Denied in the browser.
    let sandbox = Sandbox::new(EmulatorConfig::default());
    let base = sandbox.emulator.base_url().to_owned();
    sandbox.set_browser(&format!(
        "code=$(echo \"$1\" | sed 's/.*user_code=//'); curl -s -o /dev/null -d \"user_code=$code&decision=deny\" {base}/device"
    ));
    let run = sandbox.run(&["login", "dev", "--use-device-code"]);
    run.fails();
    assert!(run.stderr.contains("the login was denied in the browser"), "{}", run.stderr);
    assert!(!token_file(&sandbox, "corp").exists());

    // Denied on the PKCE approval page.
    sandbox.set_browser(&format!(
        "id=$(curl -s \"$1\" | sed -n 's/.*name=\"request_id\" value=\"\\([^\"]*\\)\".*/\\1/p'); curl -s -o /dev/null -L -d \"request_id=$id&decision=deny\" {base}/authorize"
    ));
    let run = sandbox.run(&["login", "dev", "--flow", "pkce"]);
    run.fails();
    assert!(
        run.stderr.contains("Failed to retrieve an authorization code. (the browser reported \"access_denied\")"),
        "{}",
        run.stderr
    );

    // Nobody approves before the device code expires.
    let sandbox = Sandbox::new(EmulatorConfig { device_code_ttl: Duration::from_secs(1), ..Default::default() });
    sandbox.set_browser("true");
    let run = sandbox.run(&["login", "dev", "--use-device-code"]);
    run.fails();
    assert!(run.stderr.contains("The pending authorization to retrieve an SSO token has expired."), "{}", run.stderr);

    // The service fails every request.
    let sandbox = Sandbox::new(EmulatorConfig {
        faults: ssoenv::emulator::FaultConfig { fail_rate: 1.0, ..Default::default() },
        ..Default::default()
    });
    let run = sandbox.run(&["login", "dev", "--use-device-code"]);
    run.fails();
    assert!(run.stderr.contains("RegisterClient: InternalServerException (HTTP 500)"), "{}", run.stderr);

    // Nothing listens at the endpoint.
    let mut sandbox = Sandbox::auto();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    sandbox.set_env("AWS_ENDPOINT_URL_SSO_OIDC", &format!("http://{closed}"));
    let run = sandbox.run(&["login", "dev", "--use-device-code"]);
    run.fails();
    assert!(run.stderr.contains("RegisterClient: could not reach 127.0.0.1"), "{}", run.stderr);

    // Plain HTTP to another machine is refused before anything is sent.
    let mut sandbox = Sandbox::auto();
    sandbox.set_env("AWS_ENDPOINT_URL_SSO_OIDC", "http://192.0.2.10:8080");
    let run = sandbox.run(&["login", "dev"]);
    run.fails();
    assert!(run.stderr.contains("uses plain http:// to a host that is not this machine"), "{}", run.stderr);
    assert_eq!(sandbox.api.stats()["operations"]["RegisterClient"], 0);
}

#[test]
fn the_pkce_listener_ignores_callbacks_with_the_wrong_state() {
    let sandbox = Sandbox::auto();
    // A forged callback first (wrong state), then the real browser.
    sandbox.set_browser(
        "redirect=$(echo \"$1\" | sed 's/.*redirect_uri=\\([^&]*\\).*/\\1/' | sed 's/%3A/:/g; s/%2F/\\//g'); \
         status=$(curl -s -o /dev/null -w '%{http_code}' \"$redirect?code=forged&state=wrong\"); \
         echo \"forged:$status\" >> \"$(dirname \"$0\")/forged.log\"; curl -sL -o /dev/null \"$1\"",
    );
    sandbox.run(&["login", "dev", "--flow", "pkce"]).ok();
    let forged = std::fs::read_to_string(sandbox.dir.path().join("forged.log")).unwrap();
    assert_eq!(forged.trim(), "forged:400");
}

#[test]
fn logout_everything_and_logout_one_session() {
    let sandbox = Sandbox::auto();
    sandbox.run(&["login", "dev", "--use-device-code"]).ok();
    sandbox.run(&["login", "legacy"]).ok();
    // Role credentials cached from SSO (and one that is not) in ~/.aws/cli/cache.
    let cli_cache = sandbox.home().join(".aws/cli/cache");
    std::fs::create_dir_all(&cli_cache).unwrap();
    let sso_credentials = r#"{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIA", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}}"#;
    std::fs::write(cli_cache.join("other.json"), r#"{"Credentials": {"AccessKeyId": "ASIA"}}"#).unwrap();

    // One session: its token and its profiles' credentials go; the rest stays.
    let dev_key = {
        use sha1::{Digest, Sha1};
        let account = ssoenv::emulator::first_account_id(&EmulatorConfig::default()).unwrap();
        let input = format!("{{\"accountId\":\"{account}\",\"roleName\":\"ReadOnly\",\"sessionName\":\"corp\"}}");
        Sha1::digest(input.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    std::fs::write(cli_cache.join(format!("{dev_key}.json")), sso_credentials).unwrap();
    std::fs::write(cli_cache.join("unrelated-sso.json"), sso_credentials).unwrap();
    let run = sandbox.run(&["logout", "--sso-session", "corp"]);
    run.ok();
    assert_eq!(run.stderr, "Successfully signed out of sso-session corp.\n");
    assert!(!token_file(&sandbox, "corp").exists());
    assert!(token_file(&sandbox, common::START_URL).exists());
    assert!(!cli_cache.join(format!("{dev_key}.json")).exists());
    assert!(cli_cache.join("unrelated-sso.json").exists());
    assert_eq!(sandbox.api.stats()["operations"]["Logout"], 1);

    // Everything: every token file (with a server logout), every SSO credential file; registrations stay.
    // A file is a token by its contents, whatever its name, and is revoked even when its expiry does not parse.
    let other_tool = sandbox.sso_cache().join("other-tool-token");
    std::fs::write(&other_tool, r#"{"accessToken": "from-another-tool", "region": "us-east-1", "expiresAt": "soon"}"#)
        .unwrap();
    let run = sandbox.run(&["logout"]);
    run.ok();
    assert_eq!(run.stderr, "Successfully signed out of all SSO profiles.\n");
    assert!(!token_file(&sandbox, common::START_URL).exists());
    assert!(!cli_cache.join("unrelated-sso.json").exists());
    assert!(cli_cache.join("other.json").exists());
    let left: Vec<Value> = std::fs::read_dir(sandbox.sso_cache())
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| read_json(&e.path()))
        .collect();
    assert_eq!(left.len(), 2, "the two registrations stay");
    assert!(left.iter().all(|r| r.get("accessToken").is_none()));
    assert!(!other_tool.exists());
    assert_eq!(sandbox.api.stats()["operations"]["Logout"], 3);
}

#[test]
fn logout_works_when_the_server_is_gone() {
    let mut sandbox = Sandbox::auto();
    sandbox.run(&["login", "dev", "--use-device-code"]).ok();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    sandbox.set_env("AWS_ENDPOINT_URL_SSO", &format!("http://{closed}"));
    sandbox.run(&["logout"]).ok();
    assert!(!token_file(&sandbox, "corp").exists());
}

#[test]
fn status_reports_without_the_network() {
    let sandbox = Sandbox::auto();
    let run = sandbox.run(&["status"]);
    run.ok();
    assert!(
        run.stdout.contains("sso-session corp: https://d-0000000000.awsapps.com/start (us-east-1)\n  token: none"),
        "{}",
        run.stdout
    );
    sandbox.run(&["login", "dev", "--use-device-code"]).ok();
    let requests_before = sandbox.api.stats()["operations"].clone();
    let run = sandbox.run(&["status", "--json"]);
    run.ok();
    assert_eq!(sandbox.api.stats()["operations"], requests_before, "status makes no request");
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let corp = &report["logins"][0];
    assert_eq!(corp["kind"], "sso-session");
    assert_eq!(corp["token"]["valid"], true);
    assert_eq!(corp["token"]["refreshable"], true);
    assert_eq!(corp["profiles"][0]["name"], "dev");
    assert_eq!(corp["profiles"][0]["credentials_expire_at"], Value::Null);
    assert_eq!(report["logins"][1]["kind"], "legacy");
    assert_eq!(report["logins"][1]["token"], Value::Null);
}

#[test]
fn malformed_configs_name_the_file_line_or_key() {
    let sandbox = Sandbox::auto();
    let path = sandbox.config_path().display().to_string();
    let session = "[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n";
    // (config, profile to log in, what the error must say)
    let cases: Vec<(String, &str, String)> = vec![
        (
            "[profile dev]\nsso_session = corp\n[profile dev]\n".into(),
            "dev",
            format!("{path}:3: the section [profile dev] appears twice"),
        ),
        (
            "[profile dev]\nsso_region = a\nsso_region = b\n".into(),
            "dev",
            format!("{path}:3: sso_region is set twice in [profile dev]"),
        ),
        ("sso_region = a\n[profile dev]\n".into(), "dev", format!("{path}:1: a setting before any [section] header")),
        ("[profile dev]\nsso_session corp\n".into(), "dev", format!("{path}:2: a line that is neither")),
        ("[profile dev]\n= corp\n".into(), "dev", format!("{path}:2: a setting with no key")),
        (
            "[profile dev]\ns3 =\n  max_concurrent_requests\n".into(),
            "dev",
            format!("{path}:3: an indented line under a nested setting"),
        ),
        ("\u{feff}[profile dev]\n".into(), "dev", format!("{path}:1: the file starts with a byte-order mark")),
        ("[profile dev]\nregion = \u{0}x\u{ff}".into(), "nope", "The config profile (nope) could not be found".into()),
        (
            "[profile dev]\nsso_session = corp\n".into(),
            "dev",
            format!("{path}:2: The specified sso-session does not exist: \"corp\""),
        ),
        (
            "[profile dev]\nsso_session = corp\n[sso-session corp]\nsso_region = us-east-1\n".into(),
            "dev",
            format!("{path}:3: Missing the following required SSO configuration values: sso_start_url."),
        ),
        (
            format!("[profile dev]\nsso_session = corp\n{session}sso_start_url2 = x\n"),
            "dve",
            "Did you mean: dev".into(),
        ),
        (
            "[profile dev]\nsso_region = us-east-1\n".into(),
            "dev",
            format!(
                "{path}:1: Missing the following required SSO configuration values: sso_start_url. To make sure this profile is properly configured to use SSO, please run: aws configure sso"
            ),
        ),
        (
            "[profile dev]\nsso_start_url = https://x.awsapps.com/start\n".into(),
            "dev",
            "Missing the following required SSO configuration values: sso_region.".into(),
        ),
        (
            "[profile dev]\nsso_start_url = http://x.awsapps.com/start\nsso_region = us-east-1\n".into(),
            "dev",
            "The sso_start_url must use the https scheme.".into(),
        ),
        (
            "[profile dev]\nsso_start_url = x.awsapps.com\nsso_region = us-east-1\n".into(),
            "dev",
            "Invalid sso_start_url: 'x.awsapps.com'".into(),
        ),
        (
            format!("[profile dev]\nsso_session = corp\n{session}ssoenv_login_flow = magic\n"),
            "dev",
            format!("{path}:6: ssoenv_login_flow must be pkce, device-code or auto"),
        ),
        ("[profile dev]\nsso_account_id = 1\n".into(), "nope", "The config profile (nope) could not be found".into()),
        ("".into(), "dev", format!("there are no profiles in {path}")),
        ("[profile \"dev\"\n".into(), "dev", format!("{path}:1: a setting before any [section] header")),
    ];
    assert!(cases.len() >= 19);
    for (config, profile, expected) in cases {
        sandbox.write_config(&config);
        let run = sandbox.run(&["login", profile, "--use-device-code"]);
        assert_eq!(run.code, Some(1), "{config:?}: {}", run.stderr);
        assert!(run.stderr.contains(&expected), "config {config:?}\nexpected: {expected}\ngot: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    // A credentials file that gives an SSO profile a role_arn (the AWS CLI would assume that role instead) is
    // named with its own path and line.
    sandbox.write_config(&format!("[profile dev]\nsso_session = corp\n{session}"));
    std::fs::write(sandbox.dir.path().join("credentials"), "[dev]\nrole_arn = arn:aws:iam::1:role/x\n").unwrap();
    let run = sandbox.run(&["use", "dev", "-s", "bash"]);
    run.fails();
    assert!(
        run.stderr.contains(&format!("{}:2: ", sandbox.dir.path().join("credentials").display())),
        "{}",
        run.stderr
    );
    assert_eq!(sandbox.api.stats()["operations"]["RegisterClient"], 0, "nothing was sent for a broken config");
}

#[test]
fn verbose_output_never_shows_a_secret() {
    let sandbox =
        Sandbox::new(EmulatorConfig { auto_approve: true, token_ttl: Duration::from_secs(600), ..Default::default() });
    let mut stderr = String::new();
    for args in [
        &["login", "dev", "--flow", "pkce", "--verbose"][..],
        &["login", "legacy", "--verbose"],
        &["login", "dev", "--verbose"], // refreshes
        &["status", "--verbose"],
        &["status", "--json", "--verbose"],
    ] {
        let run = sandbox.run(args);
        run.ok();
        stderr.push_str(&run.stderr);
    }
    let secrets = sandbox.cached_secrets();
    assert!(secrets.len() >= 5, "{secrets:?}");
    assert!(stderr.contains("ssoenv: debug: "), "--verbose says something: {stderr}");
    let run = sandbox.run(&["logout", "--verbose"]);
    run.ok();
    stderr.push_str(&run.stderr);
    for secret in &secrets {
        assert!(!stderr.contains(secret.as_str()), "a secret reached stderr");
    }
}

#[test]
fn the_emulator_config_printed_by_the_emulator_works() {
    let sandbox = Sandbox::auto();
    sandbox.write_config(&standard_config(&ssoenv::emulator::first_account_id(&EmulatorConfig::default()).unwrap()));
    sandbox.run(&["login", "--sso-session", "corp", "--use-device-code"]).ok();
    assert!(token_file(&sandbox, "corp").exists());
}
