//! The shell integration in a real terminal (a tmux pane running an interactive bash): Tab completes a profile
//! name, and pressing Enter lets the prompt hook renew credentials that are about to expire.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::Sandbox;
use ssoenv::emulator::EmulatorConfig;

struct Pane {
    socket: String,
}

impl Pane {
    fn tmux(&self, args: &[&str]) -> String {
        let output = Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "ssoenv"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "ssoenv"])
    }

    /// Waits until the screen shows `text`, for at most ten seconds.
    fn wait_for(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) || started.elapsed() > Duration::from_secs(10) {
                return screen;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

#[test]
fn tab_completes_and_the_hook_renews_in_a_real_terminal() {
    if !common::require_tool("tmux", common::has_command("tmux", "-V")) {
        return;
    }
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        credentials_ttl: Duration::from_secs(60),
        ..Default::default()
    });
    let pane = Pane { socket: format!("ssoenv-test-{}", std::process::id()) };
    let mut args: Vec<String> =
        ["new-session", "-d", "-s", "ssoenv", "-x", "160", "-y", "40"].map(String::from).to_vec();
    for (name, value) in sandbox.envs() {
        args.push("-e".into());
        args.push(format!("{name}={}", value.to_string_lossy()));
    }
    args.push("env PS1='$ ' bash --noprofile --norc -i".to_owned());
    let status = Command::new("tmux").arg("-L").arg(&pane.socket).args(&args).status().unwrap();
    assert!(status.success());

    let exe = common::ssoenv_bin();
    pane.send(&[&format!("eval \"$('{exe}' init bash)\""), "Enter"]);
    pane.send(&["clear", "Enter"]);
    pane.wait_for("$ ");
    pane.send(&["ssoenv use d", "Tab"]);
    let screen = pane.wait_for("ssoenv use dev");
    assert!(screen.contains("$ ssoenv use dev"), "Tab did not complete the profile:\n{screen}");

    pane.send(&["Enter"]);
    pane.send(&["echo \"first=$AWS_ACCESS_KEY_ID\"", "Enter"]);
    let screen = pane.wait_for("first=ASIA");
    let first = screen.lines().find_map(|l| l.strip_prefix("first=")).map(str::to_owned);
    assert!(first.is_some(), "use did not export credentials:\n{screen}");

    // An empty line: only the prompt hook runs, and the one-minute credentials are inside its window.
    pane.send(&["Enter"]);
    pane.send(&["echo \"second=$AWS_ACCESS_KEY_ID\"", "Enter"]);
    let screen = pane.wait_for("second=ASIA");
    let second = screen.lines().find_map(|l| l.strip_prefix("second=")).map(str::to_owned);
    assert!(second.is_some(), "{screen}");
    assert_ne!(first, second, "the hook exported fresh credentials:\n{screen}");
    assert!(sandbox.api.stats()["operations"]["GetRoleCredentials"].as_u64().unwrap() >= 2);
}
