//! `ssoenv demo`: the whole journey against an in-process emulator, in a throw-away HOME. Each step runs the
//! real command (this same binary) with the demo's environment, so what it shows is what a person would see.

use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::cli::DemoArgs;
use crate::emulator::{Emulator, EmulatorConfig, first_account_id};

pub fn run(args: DemoArgs) -> anyhow::Result<ExitCode> {
    if let Some(url) = args.approve {
        return approve(&url);
    }
    let started = Instant::now();
    let exe = std::env::current_exe().context("cannot find the path of the ssoenv binary")?;
    let home = tempfile::Builder::new().prefix("ssoenv-demo-").tempdir().context("cannot make a temporary HOME")?;
    let emulator = Emulator::start(EmulatorConfig { auto_approve: true, ..EmulatorConfig::default() })?;
    let config_path = home.path().join(".aws/config");
    let config = demo_config(&first_account_id(&EmulatorConfig::default()).unwrap_or_default());
    std::fs::create_dir_all(home.path().join(".aws"))?;
    std::fs::write(&config_path, &config)?;

    println!("ssoenv demo: the whole journey against a local IAM Identity Center. No AWS account is used, nothing");
    println!("leaves this machine, and nothing outside {} is touched.\n", home.path().display());
    println!("1. The emulator serves IAM Identity Center's APIs at {}.", emulator.base_url());
    println!("   ssoenv is pointed at it with AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO.\n");
    println!("2. A config with an sso-session and two profiles, in ~/.aws/config:\n");
    print_indented(&config);
    let step = |number: u32, what: &str, args: &[&str]| -> anyhow::Result<(String, String)> {
        println!("\n{number}. {what}\n   $ ssoenv {}", args.join(" "));
        let output = Command::new(&exe)
            .args(args)
            .env("HOME", home.path())
            .env("AWS_CONFIG_FILE", &config_path)
            .env("AWS_SHARED_CREDENTIALS_FILE", home.path().join(".aws/credentials"))
            .env("AWS_ENDPOINT_URL_SSO_OIDC", emulator.base_url())
            .env("AWS_ENDPOINT_URL_SSO", emulator.base_url())
            .env("BROWSER", format!("{} demo --approve %s", shell_words::quote(&exe.to_string_lossy())))
            .env("NO_COLOR", "1")
            .env_remove("AWS_PROFILE")
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("cannot run ssoenv {}", args.join(" ")))?;
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        if !output.status.success() {
            bail!("the demo step `ssoenv {}` failed:\n{stderr}", args.join(" "));
        }
        Ok((stdout, stderr))
    };

    let (_, login) = step(3, "Log in (the emulator approves the browser sign-in by itself):", &["login", "dev"])?;
    print_indented(&login);
    let (exports, _) = step(
        4,
        "Put the credentials into the shell. In bash: eval \"$(ssoenv use dev)\"; what it exports:",
        &["use", "dev", "-s", "json"],
    )?;
    let exports: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&exports)?;
    for (name, value) in &exports {
        match value.as_str() {
            Some(value) => println!("     {name}={}", mask(name, value)),
            None => println!("     {name} (removed)"),
        }
    }
    let segment_env: Vec<(&str, &str)> =
        ["SSOENV_PROFILE", "AWS_CREDENTIAL_EXPIRATION", "SSOENV_SESSION_EXPIRATION", "AWS_REGION"]
            .into_iter()
            .filter_map(|name| exports.get(name).and_then(|v| v.as_str()).map(|v| (name, v)))
            .collect();
    println!("\n5. The prompt segment, from those variables alone (no file, no network):\n   $ ssoenv prompt");
    let prompt = Command::new(&exe).arg("prompt").env("NO_COLOR", "1").envs(segment_env).output()?;
    println!("     {}", String::from_utf8_lossy(&prompt.stdout));
    let (status, _) = step(6, "What is logged in, from the caches alone:", &["status"])?;
    print_indented(&status);
    let (_, logout) = step(7, "Log out (the token is revoked on the server and deleted here):", &["logout"])?;
    print_indented(&logout);

    println!(
        "\nDone in {:.1} s. To use ssoenv for real: add `eval \"$(ssoenv init bash)\"` (or zsh, fish, powershell)",
        started.elapsed().as_secs_f64()
    );
    println!("to your shell's startup file, then `ssoenv use YOUR_PROFILE`. Profiles come from `aws configure sso`.");
    drop(emulator);
    Ok(ExitCode::SUCCESS)
}

fn demo_config(account: &str) -> String {
    format!(
        "[sso-session demo]\nsso_start_url = https://d-0000000000.awsapps.com/start\nsso_region = us-east-1\n\
         sso_registration_scopes = sso:account:access\n\n\
         [profile dev]\nsso_session = demo\nsso_account_id = {account}\nsso_role_name = ReadOnly\nregion = eu-west-1\n\n\
         [profile admin]\nsso_session = demo\nsso_account_id = {account}\nsso_role_name = FullAccess\nregion = us-east-1\n"
    )
}

/// Secrets are shown by their first characters and their length only.
fn mask(name: &str, value: &str) -> String {
    if matches!(name, "AWS_SECRET_ACCESS_KEY" | "AWS_SESSION_TOKEN") {
        let shown: String = value.chars().take(4).collect();
        format!("{shown}… ({} characters, masked)", value.chars().count())
    } else {
        value.to_owned()
    }
}

fn print_indented(text: &str) {
    for line in text.lines() {
        if line.is_empty() { println!() } else { println!("     {line}") }
    }
}

/// The person in the browser: opens the sign-in URL and follows it to the end, as auto-approval allows.
fn approve(url: &str) -> anyhow::Result<ExitCode> {
    let parsed = url::Url::parse(url).context("the demo's browser got something that is not a URL")?;
    let loopback = matches!(parsed.host_str(), Some("127.0.0.1" | "localhost"));
    if !(loopback && parsed.scheme() == "http") {
        bail!("the demo's browser opens only the local emulator's pages, not {url}");
    }
    let http = crate::sso::http::Http::new(&crate::env::Env::default())?;
    let mut next = parsed;
    // The approval page redirects once, to the login's loopback listener.
    for _ in 0..3 {
        let response = http.client().get(next.as_str()).timeout(Duration::from_secs(10)).send()?;
        match response.headers().get("location").and_then(|l| l.to_str().ok()) {
            Some(location) if response.status().is_redirection() => next = next.join(location)?,
            _ => return Ok(ExitCode::SUCCESS),
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_are_masked() {
        assert_eq!(super::mask("AWS_SECRET_ACCESS_KEY", "abcdefgh"), "abcd… (8 characters, masked)");
        assert_eq!(super::mask("AWS_REGION", "eu-west-1"), "eu-west-1");
    }
}
