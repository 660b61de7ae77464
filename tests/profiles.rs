//! `ssoenv profiles`: names, the `--long` table and `--json`, from the config file alone.

mod common;

use std::process::{Command, Output};

const CONFIG: &str = "\
[sso-session corp]
sso_start_url = https://d-0000000000.awsapps.com/start
sso_region = us-east-1

[profile dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = eu-west-1

[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = eu-central-1
sso_account_id = 222222222222
sso_role_name = Admin

[profile keys]
aws_access_key_id = AKIDEXAMPLE

[profile broken]
sso_session = nowhere
sso_account_id = 333333333333
sso_role_name = ReadOnly
";

fn profiles(config: &str, args: &[&str]) -> (Output, String) {
    let home = tempfile::tempdir().unwrap();
    let config_path = home.path().join("config");
    std::fs::write(&config_path, config).unwrap();
    let output = Command::new(common::ssoenv_bin())
        .arg("profiles")
        .args(args)
        .env_clear()
        .env("HOME", home.path())
        .env("AWS_CONFIG_FILE", &config_path)
        .output()
        .unwrap();
    (output, config_path.display().to_string())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn names_are_the_sso_profiles_sorted() {
    let (output, _) = profiles(CONFIG, &[]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stdout), "broken\ndev\nlegacy\n", "keys is not an SSO profile");
    assert_eq!(text(&output.stderr), "", "names alone resolve nothing, so say nothing");
}

#[test]
fn long_lists_what_each_resolves_to_and_says_what_is_broken() {
    let (output, config_path) = profiles(CONFIG, &["--long"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        text(&output.stdout),
        "PROFILE  ACCOUNT ID    ROLE      REGION     LOGIN\n\
         broken   -             -         -          (broken)\n\
         dev      111111111111  ReadOnly  eu-west-1  sso-session corp\n\
         legacy   222222222222  Admin     -          start URL https://legacy.awsapps.com/start\n"
    );
    let stderr = text(&output.stderr);
    assert!(stderr.starts_with("ssoenv: profile broken: "), "{stderr}");
    assert!(stderr.contains(&format!("{config_path}:21")), "names the file and line: {stderr}");
    assert!(stderr.contains("nowhere"), "{stderr}");
}

#[test]
fn json_has_every_field_or_the_error() {
    let (output, _) = profiles(CONFIG, &["--json"]);
    assert_eq!(output.status.code(), Some(0));
    let entries: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        entries[1],
        serde_json::json!({
            "name": "dev", "sso_session": "corp", "sso_start_url": "https://d-0000000000.awsapps.com/start",
            "sso_region": "us-east-1", "account_id": "111111111111", "role_name": "ReadOnly",
            "region": "eu-west-1", "error": null
        })
    );
    assert_eq!(entries[2]["sso_session"], serde_json::Value::Null);
    assert_eq!(entries[2]["sso_start_url"], "https://legacy.awsapps.com/start");
    assert_eq!(entries[0]["name"], "broken");
    assert_eq!(entries[0]["account_id"], serde_json::Value::Null);
    assert!(entries[0]["error"].as_str().unwrap().contains("nowhere"));
    assert_eq!(entries.as_array().unwrap().len(), 3);
}

#[test]
fn a_broken_file_is_an_error_naming_the_line_with_nothing_on_stdout() {
    let (output, config_path) = profiles("[profile dev]\nsso_session = corp\nnot a setting\n", &[]);
    assert_ne!(output.status.code(), Some(0));
    assert_eq!(text(&output.stdout), "");
    let stderr = text(&output.stderr);
    assert!(stderr.contains(&format!("{config_path}:")), "{stderr}");
}

#[test]
fn long_and_json_do_not_go_together() {
    let (output, _) = profiles(CONFIG, &["--long", "--json"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output.stdout), "");
}
