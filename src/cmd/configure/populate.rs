//! `ssoenv configure populate --sso-session NAME`: a profile for every account and role, in the session's
//! managed block of the config file.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::{Instant, SystemTime};

use indicatif::{ProgressBar, ProgressStyle};

use crate::auth::{Auth, ui};
use crate::cache::account_index::{AccountIndex, IndexedAccount};
use crate::cli::PopulateArgs;
use crate::cmd::listing::{save, sort_accounts};
use crate::cmd::{credential_login_options, emit};
use crate::config::edit::ConfigEditor;
use crate::config::populate::{self, Assignment, PlanInput, Template};
use crate::config::sso::LoginTarget;
use crate::config::{Config, config_path};
use crate::env::Env;
use crate::sso::assignments::{ListingProgress, list_accounts_and_roles};
use crate::sso::http::Http;
use crate::sso::pace::Pacer;

pub fn run(args: PopulateArgs) -> anyhow::Result<ExitCode> {
    let template = Template::parse(&args.name)?;
    let env = Env::from_process();
    let config = Config::load(&env)?;
    let session = &args.sso_session;
    let target = LoginTarget::Session(config.sso_session(session)?);
    // Checked before the listing, which can take minutes: a config that cannot be edited fails now. (It is read
    // again for the edit, after the listing, whose login may itself have written the config.)
    ConfigEditor::open(&config_path(&env))?.block(session)?;

    let auth = Auth::new(&env, &config, None)?;
    let login_command = format!("ssoenv login --sso-session {}", shell_words::quote(session));
    let options = credential_login_options(&args.login, &env, login_command);
    let http = Http::new(&env)?.leaving_throttling_to_caller();
    let threads = usize::from(args.concurrency);
    let pacer = Pacer::new(threads);
    let started = Instant::now();
    let progress = Progress::start(&pacer);
    let (listing, _) = auth.with_portal(&target, &options, &http, |portal| {
        list_accounts_and_roles(&portal.paced(&pacer), threads, &progress)
    })?;
    progress.finish();

    let mut assignments = Vec::new();
    let mut unlisted = BTreeSet::new();
    let mut failures = Vec::new();
    let mut indexed = Vec::with_capacity(listing.len());
    for entry in &listing {
        match &entry.roles {
            Ok(roles) => {
                assignments.extend(roles.iter().map(|role| Assignment {
                    account_id: entry.account.id.clone(),
                    account_name: entry.account.name.clone(),
                    account_email: entry.account.email.clone(),
                    role_name: role.clone(),
                }));
                let mut roles = roles.clone();
                roles.sort();
                indexed.push(IndexedAccount::new(&entry.account, Some(roles)));
            }
            Err(error) => {
                unlisted.insert(entry.account.id.clone());
                failures.push(format!("{} ({}): {error}", entry.account.name, entry.account.id));
                indexed.push(IndexedAccount::new(&entry.account, None));
            }
        }
    }
    sort_accounts(&mut indexed);
    save(&AccountIndex::new(target.start_url(), SystemTime::now(), indexed), &auth.paths().account_index(&target));
    let throttled = match pacer.throttled_count() {
        0 => String::new(),
        count => format!(" The portal throttled {count} requests; ssoenv slowed down and retried each."),
    };
    ui::say(&format!(
        "Listed {} accounts and {} roles in {:.1} s.{throttled}\n",
        listing.len(),
        assignments.len(),
        started.elapsed().as_secs_f64(),
    ));

    let mut editor = ConfigEditor::open(&config_path(&env))?;
    let old = populate::read_block(&editor.block(session)?.unwrap_or_default());
    let taken = editor.profiles_outside_block(session)?;
    let plan = populate::plan(&PlanInput {
        session,
        template: &template,
        region: args.region.as_deref(),
        assignments: &assignments,
        unlisted_accounts: &unlisted,
        old: &old,
        taken: &taken,
        prune: args.prune,
    });
    editor.replace_block(session, &populate::render_block(session, &plan.profiles))?;
    let summary = format!(
        "{} profiles for sso-session {session}: {} added, {} changed, {} removed{}",
        plan.profiles.len(),
        plan.added,
        plan.changed,
        plan.removed,
        if plan.kept_unlisted > 0 {
            format!(", {} kept from accounts not listed", plan.kept_unlisted)
        } else {
            "".into()
        }
    );
    let path = editor.path().display().to_string();
    if args.dry_run {
        let diff = similar::TextDiff::from_lines(editor.original(), &editor.text())
            .unified_diff()
            .context_radius(3)
            .header(&path, &path)
            .to_string();
        emit(&diff)?;
        ui::say(&format!("{summary} (dry run: {path} not changed).\n"));
    } else if editor.is_changed() {
        editor.save()?;
        ui::say(&format!("{summary}; written to {path}.\n"));
    } else {
        ui::say(&format!("{summary}; {path} already says so.\n"));
    }
    if failures.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let shown: Vec<&str> = failures.iter().take(10).map(String::as_str).collect();
    let more = failures.len().saturating_sub(shown.len());
    anyhow::bail!(
        "the roles of {} accounts could not be listed, so their profiles were left as they were:\n  {}{}\nRun the \
         command again to retry them.",
        failures.len(),
        shown.join("\n  "),
        if more > 0 { format!("\n  ... and {more} more") } else { String::new() }
    )
}

/// The progress bar on a terminal: accounts whose roles are listed, of those known so far.
struct Progress<'a> {
    bar: Option<ProgressBar>,
    pacer: &'a Pacer,
}

impl<'a> Progress<'a> {
    fn start(pacer: &'a Pacer) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self { bar: None, pacer };
        }
        let bar = ProgressBar::new(0);
        let style = ProgressStyle::with_template("{spinner} Listing roles {bar:30} {pos}/{len} accounts {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Self { bar: Some(bar), pacer }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl ListingProgress for Progress<'_> {
    fn found(&self, count: usize) {
        if let Some(bar) = &self.bar {
            bar.inc_length(count as u64);
        }
    }

    fn listed(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if let Some(rate) = self.pacer.rate() {
                bar.set_message(format!("(throttled: {rate:.0} requests/s)"));
            }
        }
    }
}
