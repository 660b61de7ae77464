//! What `ssoenv use` prints, evaluated by the real shells: every value comes back byte for byte, and nothing
//! in a value ever runs. (PowerShell, cmd and nu cannot run here; their exact strings are tested in
//! src/shell.)

mod common;

use std::path::Path;
use std::process::Command;

use common::Sandbox;
use ssoenv::emulator::EmulatorConfig;

/// A shell that can run here, and how to make it evaluate a file and print two variables into two files.
struct RealShell {
    name: &'static str,
    program: &'static str,
    args: &'static [&'static str],
    script: &'static str,
}

const SHELLS: &[RealShell] = &[
    RealShell {
        name: "bash",
        program: "bash",
        args: &["--noprofile", "--norc", "-c"],
        script: r#"eval "$(cat "$1")" && printf '%s' "$AWS_SECRET_ACCESS_KEY" > "$2" && printf '%s' "$AWS_REGION" > "$3""#,
    },
    RealShell {
        name: "zsh",
        program: "zsh",
        args: &["-f", "-c"],
        script: r#"eval "$(cat "$1")" && printf '%s' "$AWS_SECRET_ACCESS_KEY" > "$2" && printf '%s' "$AWS_REGION" > "$3""#,
    },
    RealShell {
        name: "sh",
        program: "dash",
        args: &["-c"],
        script: r#"eval "$(cat "$1")" && printf '%s' "$AWS_SECRET_ACCESS_KEY" > "$2" && printf '%s' "$AWS_REGION" > "$3""#,
    },
    RealShell {
        name: "fish",
        program: "fish",
        args: &["--no-config", "-c"],
        script: r#"source $argv[1]; and printf '%s' "$AWS_SECRET_ACCESS_KEY" > $argv[2]; and printf '%s' "$AWS_REGION" > $argv[3]"#,
    },
];

fn available(shell: &RealShell) -> bool {
    common::require_tool(
        shell.program,
        Command::new(shell.program).arg("-c").arg("true").output().is_ok_and(|o| o.status.success()),
    )
}

/// Evaluates `snippet` in `shell`; returns the two variables as the shell sees them.
fn evaluate(shell: &RealShell, dir: &Path, snippet: &str) -> (Vec<u8>, Vec<u8>) {
    evaluate_variables(shell, dir, snippet, ["AWS_SECRET_ACCESS_KEY", "AWS_REGION"])
}

/// [`evaluate`] for two other variables.
fn evaluate_variables(shell: &RealShell, dir: &Path, snippet: &str, names: [&str; 2]) -> (Vec<u8>, Vec<u8>) {
    let (file, secret, region) = (dir.join("snippet"), dir.join("secret.out"), dir.join("region.out"));
    std::fs::write(&file, snippet).unwrap();
    let _ = std::fs::remove_file(&secret);
    let _ = std::fs::remove_file(&region);
    let script = shell.script.replace("AWS_SECRET_ACCESS_KEY", names[0]).replace("AWS_REGION", names[1]);
    let mut command = Command::new(shell.program);
    command.args(shell.args).arg(script);
    if shell.name != "fish" {
        command.arg(shell.name); // $0
    }
    let output = command.arg(&file).arg(&secret).arg(&region).env("HOME", dir).current_dir(dir).output().unwrap();
    assert!(
        output.status.success(),
        "{} failed on {snippet:?}: {}",
        shell.name,
        String::from_utf8_lossy(&output.stderr)
    );
    (std::fs::read(&secret).unwrap(), std::fs::read(&region).unwrap())
}

/// style-anchors.md §9's corpus, canaries that would create a file if anything ran, every character from
/// U+0001 to U+00FF, multi-byte Unicode, and a 4 KiB value.
fn corpus(canary: &Path) -> Vec<String> {
    let canary = canary.display();
    let mut values: Vec<String> = [
        "a b",
        "it's",
        "a$HOME",
        "a`id`b",
        r"back\slash",
        r"ends\",
        r"two\\b",
        "new\nline",
        "tab\tx",
        "bang!x",
        "é♀",
        "*?[x]",
        "~user",
        "%1",
        "a;b|c&d",
        "--flag",
        "q\"d",
        r"\'",
        r"'\''",
        "trailing newline\n",
        "\n\nleading",
        "$'ansi'",
        "${HOME}",
        "{a,b}",
        "# not a comment",
        "(parens)",
        "&background",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    values.push(format!("$(touch {canary})"));
    values.push(format!("`touch {canary}`"));
    values.push(format!("'; touch {canary}; '"));
    values.push(format!("\"; touch {canary}; \""));
    values.push(format!("\\'; touch {canary} #"));
    values.push((1u32..=0xFF).filter_map(char::from_u32).collect());
    values.push("日本語 Ελληνικά 🦀 \u{200B}\u{FEFF}\u{2018}\u{2019}\u{201C} עברית".to_owned());
    values.push("x".repeat(1024) + &"y'z\\".repeat(768));
    values
}

#[test]
fn every_value_round_trips_through_every_real_shell() {
    let shells: Vec<&RealShell> = SHELLS.iter().filter(|s| available(s)).collect();
    if shells.is_empty() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let canary = work.path().join("CANARY");
    let mut values_checked = 0;
    for value in corpus(&canary) {
        // The emulator hands the value out as the secret access key; the region comes from the command line.
        let sandbox = Sandbox::new(EmulatorConfig {
            auto_approve: true,
            secret_access_key: Some(value.clone()),
            ..Default::default()
        });
        for shell in &shells {
            values_checked += 1;
            let run = sandbox.run(&["use", "dev", "-s", shell.name, &format!("--region={value}")]);
            run.ok();
            let (secret, region) = evaluate(shell, work.path(), &run.stdout);
            assert_eq!(String::from_utf8_lossy(&secret), value, "{}: the secret changed", shell.name);
            assert_eq!(secret, value.as_bytes(), "{}", shell.name);
            assert_eq!(region, value.as_bytes(), "{}: the region changed", shell.name);
            assert!(!canary.exists(), "{} ran something from the value {value:?}", shell.name);
        }
    }
    common::record(
        "hostile-values",
        "the hostile corpus (quotes, $, backticks, canaries, every byte U+0001..U+00FF, Unicode, 4 KiB) as the \
         secret access key and the region, evaluated in bash, zsh, dash and fish",
        values_checked,
        "nothing ran: every value came back byte for byte",
    );
}

#[test]
fn hostile_profile_and_session_names_round_trip_or_are_refused() {
    let shells: Vec<&RealShell> = SHELLS.iter().filter(|s| available(s)).collect();
    if shells.is_empty() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let canary = work.path().join("CANARY");
    // What a section header can hold: one line, no blanks at its ends (the corpus minus the rest).
    let names: Vec<String> = corpus(&canary)
        .into_iter()
        .filter(|v| !v.is_empty() && !v.contains(['\n', '\r', '\0']) && v.trim() == v && !v.starts_with('-'))
        .filter(|v| !v.chars().any(|c| c.is_control() || c.is_whitespace() && c != ' '))
        .collect();
    assert!(names.len() >= 20, "{names:?}");
    let sandbox = Sandbox::auto();
    let account = ssoenv::emulator::first_account_id(&EmulatorConfig::default()).unwrap();
    let mut checked = 0;
    for name in &names {
        let quoted = shell_words::quote(name);
        sandbox.write_config(&format!(
            "[sso-session {quoted}]\nsso_start_url = {}\nsso_region = us-east-1\n\n[profile {quoted}]\nsso_session = {name}\n\
             sso_account_id = {account}\nsso_role_name = ReadOnly\n",
            common::START_URL
        ));
        for shell in &shells {
            let run = sandbox.run(&["use", name, "-s", shell.name, "--export", "both", "--flow", "device-code"]);
            run.ok();
            let (profile, aws_profile) =
                evaluate_variables(shell, work.path(), &run.stdout, ["SSOENV_PROFILE", "AWS_PROFILE"]);
            assert_eq!(profile, name.as_bytes(), "{}: SSOENV_PROFILE changed", shell.name);
            assert_eq!(aws_profile, name.as_bytes(), "{}: AWS_PROFILE changed", shell.name);
            assert!(!canary.exists(), "{} ran something from the name {name:?}", shell.name);
            checked += 1;
        }
    }
    // A name no config can hold is refused, with nothing on stdout.
    for name in ["new\nline", "x\rcr", &format!("a\n$(touch {})", canary.display())] {
        let run = sandbox.run(&["use", name, "-s", "bash"]);
        run.fails();
        assert_eq!(run.stdout, "");
    }
    assert!(!canary.exists());
    common::record(
        "hostile-names",
        "profile and sso-session names with spaces, quotes, $, backticks, canaries and Unicode, evaluated in \
         bash, zsh, dash and fish (and names with newlines, which no config can hold)",
        checked + 3,
        "nothing ran: every name came back byte for byte as SSOENV_PROFILE and AWS_PROFILE; the impossible \
         names were refused with stdout empty",
    );
}

#[test]
fn an_empty_value_round_trips() {
    let sandbox = Sandbox::auto();
    let work = tempfile::tempdir().unwrap();
    for shell in SHELLS.iter().filter(|s| available(s)) {
        let run = sandbox.run(&["use", "dev", "-s", shell.name, "--region="]);
        run.ok();
        let (_, region) = evaluate(shell, work.path(), &run.stdout);
        assert_eq!(region, b"", "{}", shell.name);
    }
}

#[test]
fn unset_removes_what_use_set_in_every_real_shell() {
    let sandbox = Sandbox::auto();
    for shell in SHELLS.iter().filter(|s| available(s)) {
        let set = sandbox.run(&["use", "dev", "-s", shell.name, "--export", "both"]);
        set.ok();
        let unset = sandbox.run(&["unset", "-s", shell.name]);
        unset.ok();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("set"), &set.stdout).unwrap();
        std::fs::write(dir.path().join("unset"), &unset.stdout).unwrap();
        let script = if shell.name == "fish" {
            "source set; source unset; if not set -q AWS_ACCESS_KEY_ID; and not set -q AWS_PROFILE; \
             and not set -q SSOENV_PROFILE; and not set -q AWS_REGION; echo gone; end"
        } else {
            r#"eval "$(cat set)"; eval "$(cat unset)"; [ -z "${AWS_ACCESS_KEY_ID+x}${AWS_PROFILE+x}${SSOENV_PROFILE+x}${AWS_REGION+x}" ] && echo gone"#
        };
        let output = Command::new(shell.program).args(shell.args).arg(script).current_dir(dir.path()).output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&output.stdout).trim(),
            "gone",
            "{}: {}",
            shell.name,
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
