//! `ssoenv init` in the real shells: strict modes, sourcing twice, `use`/`unset` through the function, the
//! prompt hook (renewing near-expiry credentials, and costing no process otherwise), the in-shell segment,
//! and completion of profile names.

mod common;

use std::process::{Command, Output};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::Sandbox;
use ssoenv::emulator::EmulatorConfig;

fn epoch_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

fn have(program: &str) -> bool {
    common::require_tool(
        program,
        Command::new(program).arg("-c").arg("true").output().is_ok_and(|o| o.status.success()),
    )
}

/// Runs `script` in `shell` (with its strict flags) inside the sandbox's environment.
fn run_shell(sandbox: &Sandbox, shell: &str, script: &str) -> Output {
    let mut shell_command = Command::new(shell);
    match shell {
        "bash" => shell_command.args(["--noprofile", "--norc", "-euo", "pipefail", "-c", script]),
        "zsh" => shell_command.args(["-f", "-eu", "-c", script]),
        "fish" => shell_command.args(["--no-config", "-c", script]),
        other => panic!("no recipe for {other}"),
    };
    // The sandbox's environment, and the ssoenv binary for `init`.
    shell_command.env_clear().envs(sandbox.envs()).env("SSOENV", common::ssoenv_bin()).env("TERM", "dumb");
    shell_command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const INIT_TWICE: &[(&str, &str)] = &[
    ("bash", r#"eval "$("$SSOENV" init bash)"; eval "$("$SSOENV" init bash)""#),
    ("zsh", r#"eval "$("$SSOENV" init zsh)"; eval "$("$SSOENV" init zsh)""#),
    ("fish", r#""$SSOENV" init fish | source; "$SSOENV" init fish | source"#),
];

#[test]
fn init_is_silent_under_strict_modes_and_installs_once() {
    let sandbox = Sandbox::auto();
    for (shell, init) in INIT_TWICE {
        if !have(shell) {
            continue;
        }
        let count_hooks = match *shell {
            "bash" => r#"printf '%s\n' "${PROMPT_COMMAND[@]}" | grep -o __ssoenv_hook | wc -l"#,
            "zsh" => r#"print -l $precmd_functions | grep -c __ssoenv_hook"#,
            _ => "functions -q __ssoenv_hook; and echo 1",
        };
        let output = run_shell(&sandbox, shell, &format!("{init}; {count_hooks}"));
        assert!(output.status.success(), "{shell}: {}", text(&output.stderr));
        assert_eq!(text(&output.stdout).trim(), "1", "{shell}: one hook");
        assert_eq!(text(&output.stderr), "", "{shell}: init says nothing");
    }
}

#[test]
fn the_bash_integration_passes_shellcheck() {
    if !common::require_tool("shellcheck", common::has_command("shellcheck", "--version")) {
        return;
    }
    let script = Sandbox::auto().run(&["init", "bash"]).ok().stdout.clone();
    let mut child = Command::new("shellcheck")
        .args(["--shell=bash", "--severity=style", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), script.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", text(&output.stdout));
}

#[test]
fn use_and_unset_change_the_shell_itself() {
    let sandbox = Sandbox::auto();
    for (shell, init) in INIT_TWICE {
        if !have(shell) {
            continue;
        }
        let script = if *shell == "fish" {
            format!(
                "{init}; ssoenv use dev 2>/dev/null; and echo \"in=$SSOENV_PROFILE $AWS_REGION\"; ssoenv unset; \
                 set -q AWS_ACCESS_KEY_ID; or echo out; ssoenv use nope 2>/dev/null; or echo failed=$status"
            )
        } else {
            format!(
                "{init}; ssoenv use dev 2>/dev/null; echo \"in=$SSOENV_PROFILE $AWS_REGION\"; ssoenv unset; \
                 echo \"${{AWS_ACCESS_KEY_ID-out}}\"; ssoenv use nope 2>/dev/null || echo failed=$?"
            )
        };
        let output = run_shell(&sandbox, shell, &script);
        assert_eq!(text(&output.stdout), "in=dev eu-west-1\nout\nfailed=1\n", "{shell}: {}", text(&output.stderr));
    }
}

#[test]
fn the_hook_renews_credentials_near_expiry() {
    // One-minute credentials: inside the ten-minute window at once.
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        credentials_ttl: Duration::from_secs(60),
        ..Default::default()
    });
    for (shell, init) in INIT_TWICE {
        if !have(shell) {
            continue;
        }
        let fire_hook = if *shell == "fish" { "emit fish_prompt" } else { "__ssoenv_hook" };
        let script = format!(
            "{init}; ssoenv use dev 2>/dev/null; echo \"$AWS_ACCESS_KEY_ID\"; {fire_hook}; echo \"$AWS_ACCESS_KEY_ID\""
        );
        let output = run_shell(&sandbox, shell, &script);
        let keys: Vec<String> = text(&output.stdout).lines().map(str::to_owned).collect();
        assert_eq!(keys.len(), 2, "{shell}: {}", text(&output.stderr));
        assert!(keys[0].starts_with("ASIA") && keys[1].starts_with("ASIA"), "{keys:?}");
        assert_ne!(keys[0], keys[1], "{shell}: the hook exported new credentials");
    }
}

#[test]
fn the_hook_never_logs_in_and_backs_off() {
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        credentials_ttl: Duration::from_secs(60),
        ..Default::default()
    });
    if !have("bash") {
        return;
    }
    // After a logout the renewal fails: the hook says nothing, keeps the real expiry (the segment must not
    // lie), and waits a minute before it tries again.
    let logouts = r#"eval "$("$SSOENV" init bash)"; ssoenv use dev 2>/dev/null; before=$SSOENV_CREDENTIAL_EXPIRATION_EPOCH; ssoenv logout >/dev/null 2>&1; __ssoenv_hook; echo "$SSOENV_PROFILE $((SSOENV_CREDENTIAL_EXPIRATION_EPOCH == before)) $((__ssoenv_next_try > EPOCHSECONDS + 50))""#;
    let output = run_shell(&sandbox, "bash", logouts);
    assert_eq!(text(&output.stdout), "dev 1 1\n", "{}", text(&output.stderr));
    assert_eq!(text(&output.stderr), "", "the hook prints nothing");
    assert_eq!(sandbox.browser_launches(), 1, "only the first use logged in");
}

#[test]
fn between_refreshes_the_hook_starts_no_process() {
    if !have("bash") || !have("zsh") || !common::require_tool("strace", common::has_command("strace", "-V")) {
        return;
    }
    let sandbox = Sandbox::auto();
    let expiry = epoch_now() + 3600;
    for (shell, init) in &INIT_TWICE[..2] {
        let log = sandbox.dir.path().join(format!("{shell}.strace"));
        let script = format!(
            "{init}; export SSOENV_PROFILE=dev SSOENV_CREDENTIAL_EXPIRATION_EPOCH={expiry}; : START; \
             __ssoenv_hook; __ssoenv_hook; __ssoenv_hook; ssoenv_prompt_segment >/dev/null"
        );
        let mut command = Command::new("strace");
        command.args(["-f", "-qq", "-e", "trace=execve", "-o"]).arg(&log).arg(shell);
        match *shell {
            "bash" => command.args(["--noprofile", "--norc", "-c", &script]),
            _ => command.args(["-f", "-c", &script]),
        };
        let output = command.env("SSOENV", common::ssoenv_bin()).env("HOME", sandbox.home()).output().unwrap();
        assert!(output.status.success(), "{}", text(&output.stderr));
        // The shell itself and the two `init`s (bash also registers completion twice; zsh without compinit
        // does not): nothing for the hooks and the segment.
        let trace = std::fs::read_to_string(&log).unwrap();
        let execs = trace.lines().filter(|l| l.contains("execve(")).count();
        let expected = if *shell == "bash" { 5 } else { 3 };
        assert_eq!(execs, expected, "{shell}: {trace}");
        assert!(!trace.contains("\"use\""), "{shell}: {trace}");
    }
}

#[test]
fn the_in_shell_segment_matches_the_command() {
    let sandbox = Sandbox::auto();
    let now = epoch_now();
    let iso = |at: u64| humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(at)).to_string();
    // (credentials in, session in) for active, near expiry, expired, session over.
    // Half a minute away from any boundary, so that the seconds between the two renderings change nothing.
    for (credentials_in, session_in) in [(3 * 3600 + 330, 8 * 3600), (330, 3600), (-60_i64, 3600), (1830, -10)] {
        let credentials = (now as i64 + credentials_in) as u64;
        let session = (now as i64 + session_in) as u64;
        let mut command = sandbox.command(&["prompt"]);
        command
            .env("NO_COLOR", "1")
            .env("SSOENV_PROFILE", "dev")
            .env("AWS_CREDENTIAL_EXPIRATION", iso(credentials))
            .env("SSOENV_SESSION_EXPIRATION", iso(session));
        let from_command = text(&command.output().unwrap().stdout);
        for (shell, init) in &INIT_TWICE[..2] {
            if !have(shell) {
                continue;
            }
            // The function, and the variable the hook keeps for a PS1 that wants no subshell.
            let script = format!(
                "{init}; export SSOENV_PROFILE=dev SSOENV_CREDENTIAL_EXPIRATION_EPOCH={credentials} \
                 SSOENV_SESSION_EXPIRATION_EPOCH={session}; ssoenv_prompt_segment; echo; \
                 SSOENV_PROMPT_SEGMENT=; __ssoenv_hook; printf '%s' \"$SSOENV_PROMPT_SEGMENT\""
            );
            let output = run_shell(&sandbox, shell, &script);
            let expected = format!("{from_command}\n{from_command}");
            assert_eq!(
                text(&output.stdout),
                expected,
                "{shell} ({credentials_in}, {session_in}): {}",
                text(&output.stderr)
            );
        }
    }
}

#[test]
fn profile_names_complete() {
    let sandbox = Sandbox::auto();
    let config = std::fs::read_to_string(sandbox.config_path()).unwrap();
    sandbox.write_config(&format!(
        "{config}\n[profile dev-admin]\nsso_session = corp\n[profile static-keys]\naws_access_key_id = x\n"
    ));
    // The request bash's registered function makes.
    let mut command = sandbox.command(&["--", "ssoenv", "use", "d"]);
    command.env("COMPLETE", "bash").env("_CLAP_COMPLETE_INDEX", "2").env("_CLAP_IFS", "\n");
    let output = command.output().unwrap();
    assert_eq!(text(&output.stdout).lines().collect::<Vec<_>>(), ["dev", "dev-admin"]);
    let mut command = sandbox.command(&["--", "ssoenv", "login", "--sso-session", ""]);
    command.env("COMPLETE", "bash").env("_CLAP_COMPLETE_INDEX", "3").env("_CLAP_IFS", "\n");
    assert_eq!(text(&command.output().unwrap().stdout).trim(), "corp");
    // A broken config completes nothing and says nothing.
    sandbox.write_config("[profile dev]\n[profile dev]\n");
    let mut command = sandbox.command(&["--", "ssoenv", "use", "d"]);
    command.env("COMPLETE", "bash").env("_CLAP_COMPLETE_INDEX", "2").env("_CLAP_IFS", "\n");
    let output = command.output().unwrap();
    assert_eq!((text(&output.stdout).as_str(), text(&output.stderr).as_str()), ("", ""));

    if have("fish") {
        sandbox.write_config(&format!("{config}\n[profile dev-admin]\nsso_session = corp\n"));
        let output = run_shell(&sandbox, "fish", r#""$SSOENV" init fish | source; complete -C 'ssoenv use d'"#);
        assert_eq!(text(&output.stdout).lines().collect::<Vec<_>>(), ["dev", "dev-admin"], "{}", text(&output.stderr));
    }
}

#[test]
fn with_s_the_function_prints_instead_of_running() {
    let sandbox = Sandbox::auto();
    for (shell, init) in INIT_TWICE {
        if !have(shell) {
            continue;
        }
        // JSON and another shell's code evaluated here would fail (bash under -e would even exit); a .env
        // file's contents would run. With -s they are printed, as the command alone prints them.
        let not_set = if *shell == "fish" {
            "set -q AWS_ACCESS_KEY_ID; or echo none"
        } else {
            "echo \"${AWS_ACCESS_KEY_ID-none}\""
        };
        let script = format!(
            "{init}; ssoenv use dev -s json > \"$HOME/{shell}.json\"; ssoenv use dev --shell=dotenv > \"$HOME/{shell}.env\"; \
             ssoenv unset -s fish > /dev/null; {not_set}"
        );
        let output = run_shell(&sandbox, shell, &script);
        assert_eq!(text(&output.stdout), "none\n", "{shell}: {}", text(&output.stderr));
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(sandbox.home().join(format!("{shell}.json"))).unwrap()).unwrap();
        assert!(json["AWS_ACCESS_KEY_ID"].as_str().unwrap().starts_with("ASIA"), "{shell}");
        let dotenv = std::fs::read_to_string(sandbox.home().join(format!("{shell}.env"))).unwrap();
        assert!(dotenv.contains("AWS_ACCESS_KEY_ID="), "{shell}: {dotenv}");
    }
}

#[test]
fn an_array_prompt_command_gets_the_hook_once() {
    if !have("bash") {
        return;
    }
    let sandbox = Sandbox::auto();
    for before in ["PROMPT_COMMAND=(foo)", "PROMPT_COMMAND='foo; bar'"] {
        let script = format!(
            "foo() {{ :; }}; bar() {{ :; }}; {before}; {}; printf '%s\\n' \"${{PROMPT_COMMAND[@]}}\" | grep -o __ssoenv_hook | wc -l",
            INIT_TWICE[0].1
        );
        let output = run_shell(&sandbox, "bash", &script);
        assert_eq!(text(&output.stdout).trim(), "1", "{before}: {}", text(&output.stderr));
    }
}

/// A network that takes connections and never answers: the hook gives up within its budget and backs off
/// for a minute from when it gave up.
#[test]
fn the_hook_waits_seconds_not_minutes_for_a_silent_network() {
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        credentials_ttl: Duration::from_secs(60),
        ..Default::default()
    });
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    for (shell, init) in INIT_TWICE {
        if !have(shell) {
            continue;
        }
        let script = if *shell == "fish" {
            format!(
                "{init}; ssoenv use dev 2>/dev/null; set -gx AWS_ENDPOINT_URL_SSO {url}; set -gx AWS_ENDPOINT_URL_SSO_OIDC {url}; \
                 set s (date +%s); emit fish_prompt; set e (date +%s); echo (math $e - $s) (math $__ssoenv_next_try - $e)"
            )
        } else {
            format!(
                "{init}; ssoenv use dev 2>/dev/null; export AWS_ENDPOINT_URL_SSO={url} AWS_ENDPOINT_URL_SSO_OIDC={url}; \
                 s=$EPOCHSECONDS; __ssoenv_hook; e=$EPOCHSECONDS; echo $((e - s)) $((__ssoenv_next_try - e))"
            )
        };
        let output = run_shell(&sandbox, shell, &script);
        let figures: Vec<i64> = text(&output.stdout).split_whitespace().map(|n| n.parse().unwrap()).collect();
        assert_eq!(figures.len(), 2, "{shell}: {}", text(&output.stderr));
        assert!((4..=8).contains(&figures[0]), "{shell}: the hook took {} s", figures[0]);
        assert!(figures[1] >= 58, "{shell}: next try {} s after the attempt ended", figures[1]);
    }
    drop(silent);
}

/// fish's universal variables are the user's, in every session: `use` and `unset` leave them alone.
#[test]
fn fish_universal_variables_survive() {
    if !have("fish") {
        return;
    }
    let sandbox = Sandbox::auto();
    let fish = |script: &str| {
        // With a config folder of its own, so that fish keeps universal variables (--no-config does not).
        let output = Command::new("fish")
            .args(["-c", script])
            .env_clear()
            .envs(sandbox.envs())
            .env("SSOENV", common::ssoenv_bin())
            .env("XDG_CONFIG_HOME", sandbox.dir.path().join("xdg"))
            .output()
            .unwrap();
        assert!(output.status.success(), "{script}: {}", text(&output.stderr));
        text(&output.stdout)
    };
    fish("set -Ux AWS_PROFILE mine; set -Ux AWS_REGION ap-south-1");
    fish(r#""$SSOENV" init fish | source; ssoenv use dev 2>/dev/null; ssoenv unset"#);
    assert_eq!(fish("echo $AWS_PROFILE $AWS_REGION"), "mine ap-south-1\n");
}

/// Whatever sits in the epoch variables, the hook prints no arithmetic error into the prompt.
#[test]
fn the_hook_ignores_epochs_that_are_not_numbers() {
    let sandbox = Sandbox::auto();
    for (shell, init) in &INIT_TWICE[..2] {
        if !have(shell) {
            continue;
        }
        let script = format!(
            "{init}; export SSOENV_PROFILE=dev SSOENV_CREDENTIAL_EXPIRATION_EPOCH=soon SSOENV_SESSION_EXPIRATION_EPOCH='1+'; \
             __ssoenv_hook; echo \"[$SSOENV_PROMPT_SEGMENT]\""
        );
        let output = run_shell(&sandbox, shell, &script);
        assert_eq!(text(&output.stdout), "[dev]\n", "{shell}: {}", text(&output.stderr));
        assert_eq!(text(&output.stderr), "", "{shell}");
    }
}
