//! `ssoenv prompt` as a process: the states in each shell's wrapping, a usage error, and proof (strace) that it
//! opens no file of its own and touches no network.

mod common;

use std::process::Command;
use std::time::{Duration, SystemTime};

fn iso_in(seconds: i64) -> String {
    let now = SystemTime::now();
    let at = if seconds >= 0 {
        now + Duration::from_secs(seconds as u64)
    } else {
        now - Duration::from_secs((-seconds) as u64)
    };
    humantime::format_rfc3339_seconds(at).to_string()
}

fn prompt(args: &[&str], vars: &[(&str, String)]) -> (Option<i32>, String) {
    let mut command = Command::new(common::ssoenv_bin());
    command.arg("prompt").args(args).env_clear();
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap())
}

fn active(credentials_in: i64, session_in: i64) -> Vec<(&'static str, String)> {
    vec![
        ("SSOENV_PROFILE", "dev".to_owned()),
        ("AWS_CREDENTIAL_EXPIRATION", iso_in(credentials_in)),
        ("SSOENV_SESSION_EXPIRATION", iso_in(session_in)),
        ("AWS_REGION", "eu-west-1".to_owned()),
    ]
}

#[test]
fn states_in_each_shell_s_wrapping() {
    let cases = [
        (active(42 * 60 + 30, 8 * 3600), "\x1b[32m", "dev 42m"),
        (active(5 * 60 + 30, 8 * 3600), "\x1b[33m", "dev 5m"),
        (active(-30, 8 * 3600), "\x1b[31m", "dev expired"),
        (active(42 * 60 + 30, -30), "\x1b[31m", "dev 42m (login)"),
    ];
    for (vars, colour, text) in cases {
        assert_eq!(prompt(&[], &vars), (Some(0), format!("{colour}{text}\x1b[0m")));
        assert_eq!(prompt(&["-s", "bash"], &vars).1, format!("\\[{colour}\\]{text}\\[\x1b[0m\\]"));
        assert_eq!(prompt(&["--shell=zsh"], &vars).1, format!("%{{{colour}%}}{text}%{{\x1b[0m%}}"));
        let mut plain = vars.clone();
        plain.push(("NO_COLOR", "1".to_owned()));
        assert_eq!(prompt(&["-s", "fish"], &plain).1, text);
    }
    assert_eq!(prompt(&["-s", "bash"], &[]), (Some(0), String::new()), "inactive: nothing at all");
    let mut vars = active(3600 + 90, 8 * 3600);
    vars.push(("NO_COLOR", "1".to_owned()));
    assert_eq!(prompt(&["--format", "[{profile} {region} {credentials_left}]"], &vars).1, "[dev eu-west-1 1h01m]");
}

#[test]
fn usage_errors_exit_2_and_bad_variables_do_not_fail() {
    assert_eq!(prompt(&["--format", "{nope}"], &active(60, 60)).0, Some(2));
    assert_eq!(prompt(&["--colour"], &active(60, 60)).0, Some(2));
    let garbage = vec![("SSOENV_PROFILE", "dev".to_owned()), ("AWS_CREDENTIAL_EXPIRATION", "soon".to_owned())];
    assert_eq!(prompt(&[], &garbage), (Some(0), "\x1b[32mdev\x1b[0m".to_owned()));
}

#[test]
fn the_prompt_opens_no_file_and_no_socket() {
    if !common::require_tool("strace", common::has_command("strace", "-V")) {
        return;
    }
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut command = Command::new("strace");
    command
        .args(["-f", "-qq", "-e", "trace=%file,%network", "-o"])
        .arg(log.path())
        .arg(common::ssoenv_bin())
        .args(["prompt", "-s", "bash"])
        // Cargo's test environment adds build folders to the loader's search path; a user's has none.
        .env_remove("LD_LIBRARY_PATH");
    for (name, value) in active(600, 3600) {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let trace = std::fs::read_to_string(log.path()).unwrap();
    let opens = trace.lines().filter(|l| l.contains(" open(") || l.contains(" openat("));
    for line in opens {
        let allowed = [
            // The dynamic loader: its cache and the shared libraries.
            "/etc/ld.so.preload",
            "/etc/ld.so.cache",
            "/lib/",
            "/lib64/",
            "/usr/lib/",
            // Rust's runtime start, in every Rust program: the main thread's stack bounds, for the guard page.
            "/proc/self/maps",
        ];
        assert!(allowed.iter().any(|prefix| line.contains(&format!("\"{prefix}"))), "unexpected: {line}\n{trace}");
    }
    assert!(!trace.contains("socket(") && !trace.contains("connect("), "{trace}");
}
