//! The shell integration in a real terminal (a tmux pane running an interactive bash): Tab completes a profile
//! name, and pressing Enter lets the prompt hook renew credentials that are about to expire.

mod common;

use std::time::Duration;

use common::Sandbox;
use common::tmux::Pane;
use ssoenv::emulator::EmulatorConfig;

#[test]
fn tab_completes_and_the_hook_renews_in_a_real_terminal() {
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        credentials_ttl: Duration::from_secs(60),
        ..Default::default()
    });
    let Some(pane) = Pane::start(&sandbox, "env PS1='$ ' bash --noprofile --norc -i") else { return };

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
