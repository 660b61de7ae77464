//! `ssoenv configure sso` driven by a person in a real terminal (tmux): typed answers, Enter for defaults,
//! arrow keys and a typed filter in the account and role lists. The file it writes is compared byte for byte,
//! with the rest of a messy config unchanged.

mod common;

use common::tmux::Pane;
use common::{START_URL, Sandbox};
use ssoenv::emulator::EmulatorConfig;

const MESSY: &str = "# my config; hands off\n[default]\nregion = eu-central-1\ns3 =\n  max_concurrent_requests = 20\n\n[profile dev]\nsso_session = corp\nsso_account_id = 487420489017\nsso_role_name = ReadOnly\n\n[sso-session corp]\nsso_start_url = https://d-0000000000.awsapps.com/start\nsso_region = us-east-1\n; the end\n";

#[test]
fn the_wizard_in_a_real_terminal() {
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        accounts: 5,
        roles: ["Admin", "Developer", "ReadOnly"].map(String::from).to_vec(),
        ..Default::default()
    });
    sandbox.write_config(MESSY);
    let command = format!(
        "env PS1='$ ' bash --noprofile --norc -c '\"{}\" configure sso --flow device-code; echo \"EXIT=$?\"; sleep 60'",
        common::ssoenv_bin()
    );
    let Some(pane) = Pane::start(&sandbox, &command) else { return };

    pane.expect("SSO session name (Recommended):");
    pane.type_text("team");
    pane.send(&["Enter"]);
    pane.expect("SSO start URL [None]:");
    pane.type_text(START_URL);
    pane.send(&["Enter"]);
    pane.expect("SSO region [None]:");
    pane.type_text("us-east-1");
    pane.send(&["Enter"]);
    pane.expect("SSO registration scopes [sso:account:access]:");
    pane.send(&["Enter"]);

    // The login (the sandbox's BROWSER approves), then the account list, sorted by name.
    let screen = pane.expect("There are 5 AWS accounts available to you.");
    assert!(screen.contains("> data-dev, aws+data-dev@example.com ("), "{screen}");
    // Arrow keys move the pointer...
    pane.send(&["Down", "Down"]);
    let screen = pane.expect("> payments-dev");
    assert!(screen.contains("  data-dev,") && screen.contains("  identity-dev,"), "{screen}");
    // ... and typing filters, here by account ID.
    pane.type_text("2371024");
    let screen = pane.expect("> search-dev, aws+search-dev@example.com (237102445085)");
    assert!(!screen.contains("payments-dev"), "the filter hides the rest:\n{screen}");
    pane.send(&["Enter"]);
    pane.expect("Using the account ID 237102445085");

    let screen = pane.expect("There are 3 roles available to you.");
    assert!(screen.contains("> Admin"), "{screen}");
    pane.send(&["Down"]);
    pane.expect("> Developer");
    pane.send(&["Enter"]);
    pane.expect("Using the role name \"Developer\"");

    pane.expect("CLI default client Region [None]:");
    pane.type_text("eu-west-1");
    pane.send(&["Enter"]);
    pane.expect("CLI default output format [None]:");
    pane.send(&["Enter"]);
    pane.expect("CLI profile name [237102445085_Developer]:");
    pane.send(&["Enter"]);
    let screen = pane.expect("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert!(screen.contains("ssoenv use 237102445085_Developer"), "{screen}");

    let expected = format!(
        "{MESSY}\n[sso-session team]\nsso_start_url = {START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n[profile 237102445085_Developer]\nsso_session = team\nsso_account_id = 237102445085\nsso_role_name = Developer\nregion = eu-west-1\n"
    );
    assert_eq!(std::fs::read_to_string(sandbox.config_path()).unwrap(), expected);
}

#[test]
fn ctrl_c_in_a_list_leaves_the_terminal_as_it_was_and_writes_nothing() {
    let sandbox = Sandbox::new(EmulatorConfig { auto_approve: true, accounts: 5, ..Default::default() });
    sandbox.write_config(MESSY);
    let command = format!(
        "env PS1='$ ' bash --noprofile --norc -c '\"{}\" configure sso --sso-session corp --start-url {START_URL} \
         --sso-region us-east-1 --scopes sso:account:access --flow device-code; echo \"EXIT=$?\"; sleep 60'",
        common::ssoenv_bin()
    );
    let Some(pane) = Pane::start(&sandbox, &command) else { return };
    pane.expect("There are 5 AWS accounts available to you.");
    pane.expect("> ");
    assert!(!pane.cursor_visible(), "the list hides the cursor");
    pane.send(&["C-c"]);
    let screen = pane.expect("EXIT=");
    assert!(screen.contains("EXIT=130"), "{screen}");
    assert!(!screen.contains("ssoenv: "), "no error for a Ctrl-C: {screen}");
    assert!(pane.cursor_visible(), "the cursor is back");
    assert_eq!(std::fs::read_to_string(sandbox.config_path()).unwrap(), MESSY);
}
