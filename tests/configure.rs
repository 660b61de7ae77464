//! `configure sso` (with flags; the interactive wizard is driven in tests/wizard.rs), `configure populate`,
//! `accounts`, `roles` and `console`, against the emulator.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{START_URL, Sandbox};
use serde_json::Value;
use ssoenv::emulator::{EmulatorConfig, FaultConfig};

/// A config as people have them: comments, a nested `s3` block, other profiles, odd spacing.
const MESSY: &str = "# Managed by hand. Do not touch the prod profile!\n\n[default]\nregion = eu-central-1\ns3 =\n  max_concurrent_requests = 20\n  addressing_style = path\n\n; old one\n[profile  legacy-thing]\naws_access_key_id=AKIDEXAMPLE\n\n[sso-session corp]\nsso_start_url = https://d-0000000000.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n[profile dev]\nsso_session = corp\nsso_account_id = 487420489017\nsso_role_name = ReadOnly\nregion = eu-west-1\n# trailing comment\n";

fn operation_count(sandbox: &Sandbox, operation: &str) -> u64 {
    sandbox.api.stats()["operations"][operation].as_u64().unwrap()
}

fn sandbox_with(accounts: u64, roles: &[&str], faults: FaultConfig) -> Sandbox {
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        accounts,
        roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        faults,
        ..Default::default()
    });
    sandbox.write_config(MESSY);
    sandbox
}

fn config_text(sandbox: &Sandbox) -> String {
    std::fs::read_to_string(sandbox.config_path()).unwrap()
}

#[test]
fn configure_sso_with_flags_adds_exactly_the_profile_and_keeps_every_other_byte() {
    let sandbox = sandbox_with(3, &["Admin", "ReadOnly"], FaultConfig::default());
    std::fs::set_permissions(sandbox.config_path(), std::fs::Permissions::from_mode(0o640)).unwrap();
    let run = sandbox.run(&[
        "configure",
        "sso",
        "--sso-session",
        "corp",
        "--start-url",
        START_URL,
        "--sso-region",
        "us-east-1",
        "--account-id",
        "487420489017",
        "--role-name",
        "Admin",
        "--region",
        "us-west-2",
        "--output",
        "json",
        "--profile-name",
        "my-dev-profile",
        "--flow",
        "device-code",
    ]);
    run.ok();
    assert_eq!(run.stdout, "", "prompts and messages go to stderr");
    assert!(run.stderr.contains("Using the account ID 487420489017\n"), "{}", run.stderr);
    assert!(run.stderr.contains("Using the role name \"Admin\"\n"), "{}", run.stderr);
    assert!(run.stderr.contains("ssoenv use my-dev-profile"), "{}", run.stderr);
    let expected = format!(
        "{MESSY}\n[profile my-dev-profile]\nsso_session = corp\nsso_account_id = 487420489017\nsso_role_name = Admin\nregion = us-west-2\noutput = json\n"
    );
    assert_eq!(config_text(&sandbox), expected);
    let mode = std::fs::metadata(sandbox.config_path()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "the file keeps its mode");
    // The profile works: credentials with the login the wizard made, without another one.
    sandbox.run(&["use", "my-dev-profile", "--no-login", "-s", "bash"]).ok();
}

#[test]
fn configure_sso_writes_a_new_session_and_a_legacy_profile() {
    let sandbox = sandbox_with(1, &["Admin"], FaultConfig::default());
    sandbox.write_config("");
    let run = sandbox.run(&[
        "configure",
        "sso",
        "--sso-session",
        "team",
        "--start-url",
        START_URL,
        "--sso-region",
        "us-east-1",
        "--scopes",
        "sso:account:access",
        "--region",
        "",
        "--output",
        "",
        "--flow",
        "device-code",
    ]);
    run.ok();
    // One account and one role: both chosen without asking, as the AWS CLI does.
    assert!(run.stderr.contains("The only AWS account available to you is: platform-dev"), "{}", run.stderr);
    assert!(run.stderr.contains("The only role available to you is: Admin"), "{}", run.stderr);
    assert_eq!(
        config_text(&sandbox),
        format!(
            "[sso-session team]\nsso_start_url = {START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n[profile 487420489017_Admin]\nsso_session = team\nsso_account_id = 487420489017\nsso_role_name = Admin\n"
        )
    );
    sandbox
        .run(&[
            "configure",
            "sso",
            "--sso-session",
            "",
            "--start-url",
            START_URL,
            "--sso-region",
            "us-east-1",
            "--profile-name",
            "default",
            "--region",
            "eu-west-1",
            "--output",
            "text",
        ])
        .ok();
    assert!(config_text(&sandbox).ends_with(&format!(
        "\n[default]\nsso_start_url = {START_URL}\nsso_region = us-east-1\nsso_account_id = 487420489017\nsso_role_name = Admin\nregion = eu-west-1\noutput = text\n"
    )));
}

#[test]
fn configure_sso_without_a_terminal_names_the_missing_flag_and_writes_nothing() {
    let sandbox = sandbox_with(3, &["Admin", "ReadOnly"], FaultConfig::default());
    let run = sandbox.run(&["configure", "sso", "--sso-session", "new-session"]);
    run.fails();
    assert!(run.stderr.contains("--start-url is missing"), "{}", run.stderr);
    // The session's known values are the defaults, so only the choice of account is missing here.
    let run = sandbox.run(&["configure", "sso", "--sso-session", "corp", "--flow", "device-code"]);
    run.fails();
    assert!(run.stderr.contains("--account-id is missing"), "{}", run.stderr);
    let run = sandbox.run(&["configure", "sso"]);
    run.fails();
    assert!(run.stderr.contains("--sso-session is missing"), "{}", run.stderr);
    assert_eq!(config_text(&sandbox), MESSY);
}

#[test]
fn configure_sso_does_not_overwrite_a_different_profile_without_force() {
    let sandbox = sandbox_with(3, &["Admin", "ReadOnly"], FaultConfig::default());
    let args = [
        "configure",
        "sso",
        "--sso-session",
        "corp",
        "--account-id",
        "487420489017",
        "--role-name",
        "Admin",
        "--profile-name",
        "dev",
        "--flow",
        "device-code",
    ];
    let run = sandbox.run(&args);
    run.fails();
    assert!(
        run.stderr.contains("sso_role_name: ReadOnly -> Admin") && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    assert_eq!(config_text(&sandbox), MESSY);
    let forced: Vec<&str> = args.iter().copied().chain(["--force"]).collect();
    sandbox.run(&forced).ok();
    assert_eq!(config_text(&sandbox), MESSY.replace("sso_role_name = ReadOnly", "sso_role_name = Admin"));
    // The same values again need no --force and change nothing.
    sandbox.run(&args).ok();
    assert_eq!(config_text(&sandbox), MESSY.replace("sso_role_name = ReadOnly", "sso_role_name = Admin"));
}

fn block(text: &str) -> &str {
    let begin = text.find("# BEGIN ssoenv populate corp\n").expect("a block");
    let end = text.find("# END ssoenv populate corp\n").expect("its end");
    &text[begin..end]
}

#[test]
fn populate_writes_a_block_and_a_second_run_changes_nothing() {
    let sandbox = sandbox_with(4, &["Admin", "ReadOnly"], FaultConfig::default());
    sandbox.run(&["login", "--sso-session", "corp", "--flow", "device-code"]).ok();
    let run = sandbox.run(&["configure", "populate", "--sso-session", "corp", "--region", "eu-west-1"]);
    run.ok();
    assert!(run.stderr.contains("8 profiles for sso-session corp: 8 added, 0 changed, 0 removed"), "{}", run.stderr);
    let first = config_text(&sandbox);
    assert!(first.starts_with(MESSY), "the rest of the file is kept");
    let written = block(&first);
    assert!(written.contains(
        "\n[profile platform-dev.Admin]\nsso_session = corp\nsso_account_id = 487420489017\nsso_role_name = Admin\nregion = eu-west-1\n"
    ));
    assert_eq!(written.matches("[profile ").count(), 8);
    let run = sandbox.run(&["configure", "populate", "--sso-session", "corp", "--region", "eu-west-1"]);
    run.ok();
    assert!(run.stderr.contains("0 added, 0 changed, 0 removed") && run.stderr.contains("already says so"));
    assert_eq!(config_text(&sandbox), first, "a second run changes no byte");
    // Every generated profile is a working SSO profile.
    sandbox.run(&["use", "data-dev.ReadOnly", "--no-login", "-s", "bash"]).ok();
}

#[test]
fn populate_dry_run_prints_the_diff_and_writes_nothing() {
    let sandbox = sandbox_with(2, &["Admin"], FaultConfig::default());
    let run = sandbox.run(&["configure", "populate", "--sso-session", "corp", "--dry-run"]);
    run.ok();
    assert!(run.stdout.starts_with(&format!(
        "--- {}\n+++ {}\n",
        sandbox.config_path().display(),
        sandbox.config_path().display()
    )));
    assert!(run.stdout.contains("\n+[profile platform-dev.Admin]\n+sso_session = corp\n"), "{}", run.stdout);
    assert!(run.stderr.contains("dry run"), "{}", run.stderr);
    assert_eq!(config_text(&sandbox), MESSY);
}

#[test]
fn populate_resolves_name_collisions_and_avoids_names_in_use() {
    let sandbox = sandbox_with(3, &["Admin", "ReadOnly"], FaultConfig::default());
    // `{role_name}` gives every account the same names; `dev` is already a profile outside the block.
    let run = sandbox.run(&["configure", "populate", "--sso-session", "corp", "--name", "{role_name}"]);
    run.ok();
    let text = config_text(&sandbox);
    let names: Vec<&str> =
        block(&text).lines().filter_map(|l| l.strip_prefix("[profile ").and_then(|l| l.strip_suffix(']'))).collect();
    assert_eq!(
        names,
        [
            "Admin",
            "Admin.487420489017",
            "Admin.874840978034",
            "ReadOnly",
            "ReadOnly.487420489017",
            "ReadOnly.874840978034"
        ]
    );
    // The file is still one botocore reads: no duplicate section.
    sandbox.run(&["status"]).ok();
}

#[test]
fn populate_keeps_gone_profiles_unless_pruned() {
    let sandbox = sandbox_with(3, &["Admin"], FaultConfig::default());
    sandbox.run(&["configure", "populate", "--sso-session", "corp"]).ok();
    // A profile for an assignment that no longer exists, as an earlier run would have written it.
    let text = config_text(&sandbox).replace(
        "# END ssoenv populate corp\n",
        "\n[profile gone.Admin]\nsso_session = corp\nsso_account_id = 999999999999\nsso_role_name = Admin\n# END ssoenv populate corp\n",
    );
    sandbox.write_config(&text);
    sandbox.run(&["configure", "populate", "--sso-session", "corp"]).ok();
    assert!(config_text(&sandbox).contains("[profile gone.Admin]"), "kept without --prune");
    let run = sandbox.run(&["configure", "populate", "--sso-session", "corp", "--prune"]);
    run.ok();
    assert!(run.stderr.contains("1 removed"), "{}", run.stderr);
    assert!(!config_text(&sandbox).contains("gone.Admin"));
    assert_eq!(block(&config_text(&sandbox)).matches("[profile ").count(), 3);
}

#[test]
fn populate_under_throttling_and_failures_loses_no_account() {
    let faults = FaultConfig { throttle_rps: Some(40.0), fail_rate: 0.2, seed: Some(7), ..Default::default() };
    let sandbox = sandbox_with(150, &["Admin", "ReadOnly"], faults);
    let run = sandbox.run(&["configure", "populate", "--sso-session", "corp", "--concurrency", "16"]);
    run.ok();
    assert!(run.stderr.contains("300 profiles for sso-session corp: 300 added"), "{}", run.stderr);
    let stats = sandbox.api.stats();
    assert!(stats["throttled"].as_u64().unwrap() > 0, "the run was throttled: {stats}");
    assert!(stats["injected_failures"].as_u64().unwrap() > 0, "and saw server errors: {stats}");
    assert!(run.stderr.contains("The portal throttled"), "{}", run.stderr);
}

#[test]
fn accounts_and_roles_come_from_the_index_for_an_hour() {
    let sandbox = sandbox_with(3, &["Admin", "ReadOnly"], FaultConfig::default());
    let run = sandbox.run(&["accounts", "--sso-session", "corp"]);
    run.ok();
    assert_eq!(
        run.stdout,
        "ACCOUNT ID    NAME          E-MAIL\n\
         362261467051  identity-dev  aws+identity-dev@example.com\n\
         874840978034  payments-dev  aws+payments-dev@example.com\n\
         487420489017  platform-dev  aws+platform-dev@example.com\n"
    );
    let index: Vec<_> = std::fs::read_dir(sandbox.sso_cache())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("ssoenv-accounts-"))
        .collect();
    assert_eq!(index.len(), 1);
    assert_eq!(std::fs::metadata(&index[0]).unwrap().permissions().mode() & 0o777, 0o600);
    let lists = operation_count(&sandbox, "ListAccounts");
    // The profile `dev` uses the same session: its listing is the cached one.
    let json = sandbox.run(&["accounts", "dev", "--json"]);
    json.ok();
    let accounts: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(accounts.as_array().unwrap().len(), 3);
    assert_eq!(accounts[0]["accountName"], "identity-dev");
    let roles = sandbox.run(&["roles", "487420489017", "--sso-session", "corp"]);
    roles.ok();
    assert_eq!(roles.stdout, "Admin\nReadOnly\n");
    let role_lists = operation_count(&sandbox, "ListAccountRoles");
    let json = sandbox.run(&["roles", "487420489017", "--json"]);
    json.ok();
    assert_eq!(
        serde_json::from_str::<Value>(&json.stdout).unwrap()[1],
        serde_json::json!({"roleName": "ReadOnly", "accountId": "487420489017"})
    );
    assert_eq!(operation_count(&sandbox, "ListAccounts"), lists, "no listing while the index is fresh");
    assert_eq!(operation_count(&sandbox, "ListAccountRoles"), role_lists);
    sandbox.run(&["accounts", "--refresh"]).ok();
    assert_eq!(operation_count(&sandbox, "ListAccounts"), lists + 1);
    // Account IDs complete from the index, offline.
    let mut command = sandbox.command(&["--", "ssoenv", "roles", "4"]);
    command.env("COMPLETE", "bash").env("_CLAP_COMPLETE_INDEX", "2").env("_CLAP_IFS", "\n");
    assert_eq!(String::from_utf8(command.output().unwrap().stdout).unwrap().trim(), "487420489017");
    // ssoenv's own errors are clear.
    let run = sandbox.run(&["roles", "12345"]);
    run.fails();
    assert!(run.stderr.contains("\"12345\" is not an account ID"), "{}", run.stderr);
}

#[test]
fn console_prints_a_sign_in_url_that_the_federation_endpoint_accepts() {
    let sandbox = sandbox_with(3, &["Admin", "ReadOnly"], FaultConfig::default());
    let run = sandbox.run(&["console", "dev", "--print", "--destination", "s3"]);
    run.ok();
    let url = run.stdout.trim();
    assert!(
        url.starts_with(&format!("{}/federation?Action=login&Issuer=ssoenv&Destination=", sandbox.emulator.base_url()))
    );
    assert!(url.contains("Destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fs3%2Fhome%3Fregion%3Deu-west-1"), "{url}");
    assert!(!run.stderr.contains("SigninToken"), "the URL is a secret: {}", run.stderr);
    let page = common::http().get(url).send().unwrap().text().unwrap();
    assert!(page.contains("Role <code>ReadOnly</code> in account <code>487420489017</code>"), "{page}");
    assert_eq!(operation_count(&sandbox, "GetSigninToken"), 1);
    // Without --print it opens the browser (the BROWSER script of the sandbox).
    let launches = sandbox.browser_launches();
    let run = sandbox.run(&["console", "dev"]);
    run.ok();
    assert_eq!(run.stdout, "");
    // The browser is started, not waited for: its log line may come a moment after ssoenv exits.
    let started = std::time::Instant::now();
    while sandbox.browser_launches() == launches && started.elapsed() < std::time::Duration::from_secs(5) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(sandbox.browser_launches(), launches + 1);
    let run = sandbox.run(&["console", "dev", "--destination", "http://example.com"]);
    run.fails();
}
