//! The static completion scripts in completions/ are what `ssoenv completions SHELL` prints now, and they load
//! in their shells. Regenerate them with: SSOENV_UPDATE_COMPLETIONS=1 cargo test --test completions

mod common;

use std::process::Command;

const SCRIPTS: &[(&str, &str)] = &[
    ("bash", "ssoenv.bash"),
    ("zsh", "_ssoenv"),
    ("fish", "ssoenv.fish"),
    ("powershell", "_ssoenv.ps1"),
    ("elvish", "ssoenv.elv"),
];

fn path(file: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions").join(file)
}

#[test]
fn the_checked_in_scripts_are_current() {
    let update = std::env::var_os("SSOENV_UPDATE_COMPLETIONS").is_some();
    for (shell, file) in SCRIPTS {
        let output = Command::new(common::ssoenv_bin()).args(["completions", shell]).output().unwrap();
        assert!(output.status.success());
        if update {
            std::fs::write(path(file), &output.stdout).unwrap();
            continue;
        }
        let checked_in = std::fs::read(path(file)).unwrap_or_default();
        assert!(
            checked_in == output.stdout,
            "completions/{file} is stale: run SSOENV_UPDATE_COMPLETIONS=1 cargo test --test completions"
        );
    }
}

#[test]
fn the_scripts_load_in_their_shells() {
    let loads = [
        ("bash", vec!["--noprofile", "--norc", "-c", "source \"$0\" && complete -p ssoenv"], "ssoenv.bash"),
        ("fish", vec!["--no-config", "-c", "source $argv[1]; and complete -c ssoenv | head -n 1"], "ssoenv.fish"),
        (
            "zsh",
            vec!["-f", "-c", "autoload -Uz compinit && compinit -u && source \"$0\" && (( $+functions[_ssoenv] ))"],
            "_ssoenv",
        ),
    ];
    for (shell, args, file) in loads {
        if !common::require_tool(shell, common::has_command(shell, "--version")) {
            continue;
        }
        let mut command = Command::new(shell);
        command.args(&args).arg(path(file)).env("HOME", std::env::temp_dir());
        let output = command.output().unwrap();
        assert!(output.status.success(), "{shell}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(!output.stdout.is_empty() || shell == "zsh", "{shell}: registered nothing");
    }
}
