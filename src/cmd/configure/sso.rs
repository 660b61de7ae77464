//! `ssoenv configure sso`: the wizard of the AWS CLI user guide, step for step, with every prompt also a flag.
//! Lists can be filtered by typing (the AWS CLI's cannot: its issues #8867, #9514). Nothing is written until
//! the last answer, and then in one atomic replace of the config file.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::process::ExitCode;

use dialoguer::theme::SimpleTheme;
use dialoguer::{FuzzySelect, Input};

use crate::auth::{Auth, LoginOptions, ui};
use crate::cli::ConfigureSsoArgs;
use crate::cmd::listing::{account_index, account_roles, describe_account, fresh_index_or_empty};
use crate::cmd::{flow_request, presentation};
use crate::config::edit::{ConfigEditor, SectionRef};
use crate::config::sso::FlowSetting;
use crate::config::sso::{LoginTarget, SsoSession, check_start_url, parse_scopes};
use crate::config::{Config, config_path};
use crate::env::Env;
use crate::sso::resolve;

const DEFAULT_SCOPES: &str = "sso:account:access";
const OUTPUT_FORMATS: &[&str] = &["json", "yaml", "yaml-stream", "text", "table"];

/// Asks on the terminal, or (without one) says which flag was missing.
struct Prompter {
    interactive: bool,
}

impl Prompter {
    /// A line of text; Enter keeps `default`, shown in brackets as the AWS CLI shows it (`[None]` when there is
    /// none). A `required` value is asked again until given; without a terminal its absence is an error.
    fn text(&self, prompt: &str, default: Option<&str>, flag: &str, required: bool) -> anyhow::Result<String> {
        if !self.interactive {
            return match default {
                Some(value) => Ok(value.to_owned()),
                None if required => {
                    anyhow::bail!("{flag} is missing, and there is no terminal to ask on; pass {flag} VALUE")
                }
                None => Ok(String::new()),
            };
        }
        loop {
            let answer = self.line(&format!("{prompt} [{}]", default.unwrap_or("None")))?;
            match (answer.is_empty(), default) {
                (false, _) => return Ok(answer),
                (true, Some(value)) => return Ok(value.to_owned()),
                (true, None) if !required => return Ok(answer),
                (true, None) => ui::say(&format!("A value is needed here (or pass {flag}).\n")),
            }
        }
    }

    fn line(&self, prompt: &str) -> anyhow::Result<String> {
        let answer: String = Input::with_theme(&SimpleTheme).with_prompt(prompt).allow_empty(true).interact_text()?;
        Ok(answer.trim().to_owned())
    }

    /// One of `items`, with arrow keys or by typing a filter; `None` when only flags may answer.
    fn choose(&self, items: &[String], flag: &str) -> anyhow::Result<usize> {
        if !self.interactive {
            anyhow::bail!("{flag} is missing, and there is no terminal to choose on; pass {flag} VALUE");
        }
        // The list hides the cursor while it is shown; Ctrl-C there must not leave the terminal without one.
        // The signal interrupts the list's read too, so whichever of the two sees it first ends the process,
        // as Ctrl-C would. (Only the first handler installed counts; a second list needs no other.)
        let _ = ctrlc::set_handler(|| interrupted());
        let chosen = FuzzySelect::with_theme(&SimpleTheme)
            .with_prompt("Type to filter, arrows to move, Enter to choose:")
            .items(items)
            .default(0)
            // The choice is confirmed on the next line ("Using the account ID ..."), as in the AWS CLI.
            .report(false)
            .interact_opt();
        match chosen {
            Ok(Some(index)) => Ok(index),
            Ok(None) => anyhow::bail!("cancelled; nothing was written"),
            Err(dialoguer::Error::IO(error)) if error.kind() == std::io::ErrorKind::Interrupted => interrupted(),
            Err(error) => Err(error.into()),
        }
    }

    fn confirm(&self, question: &str) -> anyhow::Result<bool> {
        if !self.interactive {
            return Ok(false);
        }
        Ok(matches!(self.line(&format!("{question} [y/N]"))?.as_str(), "y" | "Y" | "yes" | "Yes"))
    }
}

/// Ctrl-C: the cursor back, and the exit code of a process the signal ended. Nothing was written yet.
fn interrupted() -> ! {
    let _ = std::io::Write::write_all(&mut std::io::stderr(), b"\x1b[?25h\n");
    std::process::exit(130);
}

pub fn run(args: ConfigureSsoArgs) -> anyhow::Result<ExitCode> {
    let env = Env::from_process();
    let config = Config::load(&env)?;
    let prompter = Prompter { interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal() };
    // Checked first: a config that cannot be edited should fail before the login, not after it. (It is read
    // again for the edit, after the login, which may itself have written the config.)
    ConfigEditor::open(&config_path(&env))?;

    let session_name = match &args.sso_session {
        Some(name) => name.trim().to_owned(),
        None if prompter.interactive => prompter.line("SSO session name (Recommended)")?,
        None => anyhow::bail!(
            "--sso-session is missing, and there is no terminal to ask on; pass --sso-session NAME (or \
             --sso-session '' for a legacy profile)"
        ),
    };
    let existing = (!session_name.is_empty()).then(|| config.sso_session_settings(&session_name)).flatten();
    let known = |key: &str| existing.and_then(|s| s.get(key)).map(str::to_owned);

    let start_url = match &args.start_url {
        Some(url) => url.clone(),
        None => loop {
            let url = prompter.text("SSO start URL", known("sso_start_url").as_deref(), "--start-url", true)?;
            match check_start_url(&url, None) {
                Ok(()) => break url,
                Err(error) if prompter.interactive => ui::say(&format!("{error}\n")),
                Err(error) => return Err(error.into()),
            }
        },
    };
    check_start_url(&start_url, None)?;
    let mut sso_region = match &args.sso_region {
        Some(region) => region.clone(),
        None => prompter.text("SSO region", known("sso_region").as_deref(), "--sso-region", true)?,
    };
    check_region(&sso_region, "--sso-region")?;
    let scopes = if session_name.is_empty() {
        None
    } else {
        let default = known("sso_registration_scopes").unwrap_or_else(|| DEFAULT_SCOPES.to_owned());
        Some(match &args.scopes {
            Some(scopes) => scopes.clone(),
            None => prompter.text("SSO registration scopes", Some(&default), "--scopes", true)?,
        })
    };

    let auth = Auth::new(&env, &config, None)?;
    // A vanity start URL names its portal's region; the profile gets that one (sso-protocol.md §2.6).
    let resolved = resolve::resolve(auth.http()?, &start_url, &sso_region)?;
    if resolved.region != sso_region {
        ui::say(&format!("The start URL is served from region {}; that is the SSO region.\n", resolved.region));
        sso_region = resolved.region;
    }
    let target = if session_name.is_empty() {
        LoginTarget::Legacy { start_url: start_url.clone(), region: sso_region.clone() }
    } else {
        LoginTarget::Session(SsoSession {
            name: session_name.clone(),
            start_url: start_url.clone(),
            region: sso_region.clone(),
            registration_scopes: scopes.as_deref().map(parse_scopes),
            login_flow: known("ssoenv_login_flow").and_then(|v| FlowSetting::parse(&v)).unwrap_or(FlowSetting::Auto),
        })
    };
    let options = LoginOptions {
        flow: flow_request(&args.login),
        presentation: presentation(&args.login),
        may_login: true,
        login_command: "ssoenv configure sso".to_owned(),
        ..Default::default()
    };
    auth.ensure_token(&target, &options)?;

    let mut listed = None;
    let account_id = match &args.account_id {
        Some(id) => id.clone(),
        None => {
            let index = listed.insert(account_index(&auth, &target, &options, false)?);
            let accounts: Vec<_> = index.accounts.iter().map(|a| a.account()).collect();
            match accounts.as_slice() {
                [] => anyhow::bail!("no AWS account is assigned to you at {start_url}; ask your administrator"),
                [only] => {
                    ui::say(&format!("The only AWS account available to you is: {}\n", describe_account(only)));
                    only.id.clone()
                }
                _ => {
                    ui::say(&format!("There are {} AWS accounts available to you.\n", accounts.len()));
                    let items: Vec<String> = accounts.iter().map(describe_account).collect();
                    accounts[prompter.choose(&items, "--account-id")?].id.clone()
                }
            }
        }
    };
    ui::say(&format!("Using the account ID {account_id}\n"));
    let role_name = match &args.role_name {
        Some(role) => role.clone(),
        None => {
            let mut index = listed.unwrap_or_else(|| fresh_index_or_empty(&auth, &target));
            let roles = account_roles(&auth, &target, &options, &mut index, &account_id)?;
            match roles.as_slice() {
                [] => anyhow::bail!("you may take no role in account {account_id}; ask your administrator"),
                [only] => {
                    ui::say(&format!("The only role available to you is: {only}\n"));
                    only.clone()
                }
                _ => {
                    ui::say(&format!("There are {} roles available to you.\n", roles.len()));
                    roles[prompter.choose(&roles, "--role-name")?].clone()
                }
            }
        }
    };
    ui::say(&format!("Using the role name \"{role_name}\"\n"));

    let region = match &args.region {
        Some(region) => region.clone(),
        None => prompter.text("CLI default client Region", None, "--region", false)?,
    };
    if !region.is_empty() {
        check_region(&region, "--region")?;
    }
    let output = match &args.output {
        Some(output) => output.clone(),
        None => prompter.text("CLI default output format", None, "--output", false)?,
    };
    if !output.is_empty() && !OUTPUT_FORMATS.contains(&output.as_str()) {
        anyhow::bail!("{output:?} is not an output format; use one of {}", OUTPUT_FORMATS.join(", "));
    }
    let suggested = format!("{account_id}_{role_name}");
    let profile_name = match &args.profile_name {
        Some(name) => name.clone(),
        None => prompter.text("CLI profile name", Some(&suggested), "--profile-name", true)?,
    };

    let mut editor = ConfigEditor::open(&config_path(&env))?;
    if let Some(scopes) = &scopes {
        let session_values =
            [("sso_start_url", start_url.as_str()), ("sso_region", &sso_region), ("sso_registration_scopes", scopes)];
        confirm_overwrite(
            &prompter,
            args.force,
            &format!("sso-session {session_name}"),
            editor.section_values(SectionRef::SsoSession(&session_name)),
            &session_values,
        )?;
        editor.set_section(SectionRef::SsoSession(&session_name), &session_values, &[])?;
    }
    let mut profile_values: Vec<(&str, &str)> = if session_name.is_empty() {
        vec![("sso_start_url", &start_url), ("sso_region", &sso_region)]
    } else {
        vec![("sso_session", &session_name)]
    };
    profile_values.extend([("sso_account_id", account_id.as_str()), ("sso_role_name", &role_name)]);
    if !region.is_empty() {
        profile_values.push(("region", &region));
    }
    if !output.is_empty() {
        profile_values.push(("output", &output));
    }
    // The keys of the other kind of SSO profile would contradict the new ones.
    let other_kind: &[&str] = if session_name.is_empty() { &["sso_session"] } else { &["sso_start_url", "sso_region"] };
    let mut before = editor.section_values(SectionRef::Profile(&profile_name));
    if let Some(values) = &mut before {
        // Keys ssoenv is not writing stay as they are, so only those it writes (or removes) can differ.
        values.retain(|key, _| profile_values.iter().any(|(k, _)| k == key) || other_kind.contains(&key.as_str()));
    }
    confirm_overwrite(&prompter, args.force, &format!("profile {profile_name}"), before, &profile_values)?;
    editor.set_section(SectionRef::Profile(&profile_name), &profile_values, other_kind)?;
    if editor.is_changed() {
        editor.save()?;
    }
    let path = editor.path().display();
    ui::say(&format!(
        "\nThe profile {profile_name} is in {path}. To use it:\n\n  ssoenv use {}\n\nor with the AWS CLI: aws s3 ls \
         --profile {}\n",
        shell_words::quote(&profile_name),
        shell_words::quote(&profile_name),
    ));
    Ok(ExitCode::SUCCESS)
}

/// An existing section with other values is overwritten only when the person agrees, or with `--force`.
fn confirm_overwrite(
    prompter: &Prompter,
    force: bool,
    what: &str,
    before: Option<BTreeMap<String, String>>,
    after: &[(&str, &str)],
) -> anyhow::Result<()> {
    let Some(before) = before else { return Ok(()) };
    let changes: Vec<String> = after
        .iter()
        .filter_map(|(key, value)| match before.get(*key) {
            Some(old) if old != value => Some(format!("{key}: {old} -> {value}")),
            _ => None,
        })
        .chain(before.keys().filter(|key| !after.iter().any(|(k, _)| k == key)).map(|key| format!("{key}: removed")))
        .collect();
    if changes.is_empty() || force {
        return Ok(());
    }
    let list = changes.join("\n  ");
    if prompter.confirm(&format!("The {what} already exists with other settings:\n  {list}\nOverwrite?"))? {
        return Ok(());
    }
    anyhow::bail!(
        "the {what} already exists with other settings ({}); nothing was written. --force overwrites it",
        changes.join("; ")
    )
}

fn check_region(region: &str, flag: &str) -> anyhow::Result<()> {
    let shaped = region.split('-').count() >= 3
        && region.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !shaped {
        anyhow::bail!("{region:?} ({flag}) is not a region name like us-east-1");
    }
    Ok(())
}
