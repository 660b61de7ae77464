//! A tmux pane: a real terminal for the tests that type keys and read the screen.

use std::process::Command;
use std::time::{Duration, Instant};

use super::Sandbox;

pub struct Pane {
    socket: String,
}

impl Pane {
    /// A 160×40 pane running `command` with the sandbox's environment, or `None` (after a notice, or a
    /// failure under CI=true) when tmux is missing.
    pub fn start(sandbox: &Sandbox, command: &str) -> Option<Self> {
        if !super::require_tool("tmux", super::has_command("tmux", "-V")) {
            return None;
        }
        let pane = Self { socket: format!("ssoenv-test-{}-{}", std::process::id(), super::unique_suffix()) };
        let mut args: Vec<String> =
            ["new-session", "-d", "-s", "ssoenv", "-x", "160", "-y", "40"].map(String::from).to_vec();
        for (name, value) in sandbox.envs() {
            args.push("-e".into());
            args.push(format!("{name}={}", value.to_string_lossy()));
        }
        args.push(command.to_owned());
        let status = Command::new("tmux").arg("-L").arg(&pane.socket).args(&args).status().unwrap();
        assert!(status.success(), "tmux new-session failed");
        Some(pane)
    }

    fn tmux(&self, args: &[&str]) -> String {
        let output = Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Keys as tmux names them (`Enter`, `Tab`, `Down`), or literal text.
    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "ssoenv"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Text typed as it is, even when it looks like a key name.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "ssoenv", "-l", text]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "ssoenv"])
    }

    /// Whether the terminal shows its cursor.
    pub fn cursor_visible(&self) -> bool {
        self.tmux(&["display", "-p", "-t", "ssoenv", "#{cursor_flag}"]).trim() == "1"
    }

    /// Waits until the screen shows `text`, for at most ten seconds; returns the last screen either way.
    pub fn wait_for(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) || started.elapsed() > Duration::from_secs(10) {
                return screen;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// [`Pane::wait_for`], failing the test with the screen when `text` never shows.
    #[track_caller]
    pub fn expect(&self, text: &str) -> String {
        let screen = self.wait_for(text);
        assert!(screen.contains(text), "the screen never showed {text:?}:\n{screen}");
        screen
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}
