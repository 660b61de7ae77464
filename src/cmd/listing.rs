//! Shared by `accounts`, `roles`, `configure sso` and `configure populate`: which login to list with, and the
//! accounts and roles it may use, from the hour-long index when it is fresh.

use std::time::SystemTime;

use super::{credential_login_options, default_profile, login_command_for};
use crate::auth::{Auth, LoginOptions, ui};
use crate::cache::account_index::{AccountIndex, IndexedAccount};
use crate::cli::{ListingArgs, LoginSource};
use crate::config::Config;
use crate::config::sso::LoginTarget;
use crate::env::Env;
use crate::sso::portal::Account;

/// The login a listing uses, and the command that logs in to it (for errors).
pub struct ChosenLogin {
    pub target: LoginTarget,
    /// The profile it came from, whose settings may override endpoints.
    pub profile: Option<String>,
    pub login_command: String,
}

/// `--sso-session NAME`, else the named profile, else the default profile when it uses SSO, else the only
/// sso-session of the config.
pub fn choose_login(config: &Config, env: &Env, source: &LoginSource) -> anyhow::Result<ChosenLogin> {
    if let Some(session) = &source.sso_session {
        return Ok(ChosenLogin {
            target: LoginTarget::Session(config.sso_session(session)?),
            profile: None,
            login_command: format!("ssoenv login --sso-session {}", shell_words::quote(session)),
        });
    }
    let named = source.profile.is_some();
    let profile = source.profile.clone().unwrap_or_else(|| default_profile(env));
    let uses_sso = config.profile(&profile).is_some_and(|settings| {
        ["sso_session", "sso_start_url", "sso_account_id", "sso_role_name"].iter().any(|k| settings.get(k).is_some())
    });
    if named || uses_sso {
        return Ok(ChosenLogin {
            target: config.login_target(&profile)?,
            login_command: login_command_for(&profile),
            profile: Some(profile),
        });
    }
    let sessions: Vec<&str> = config.sso_session_names().collect();
    match sessions.as_slice() {
        [only] => choose_login(config, env, &LoginSource { profile: None, sso_session: Some((*only).to_owned()) }),
        _ => anyhow::bail!(
            "which login? The profile {profile:?} does not use SSO and {} has {} sso-sessions; name a PROFILE or \
             --sso-session NAME (ssoenv configure sso sets one up)",
            config.config_path.display(),
            if sessions.is_empty() { "no".to_owned() } else { format!("{} ({})", sessions.len(), sessions.join(", ")) }
        ),
    }
}

/// Runs `work` with what every listing command needs: the login its flags choose, an `Auth` for it, and how
/// it may log in.
pub fn with_listing<T>(
    listing: &ListingArgs,
    work: impl FnOnce(&Auth<'_>, &LoginTarget, &LoginOptions) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let env = Env::from_process();
    let config = Config::load(&env)?;
    let chosen = choose_login(&config, &env, &listing.source)?;
    let auth = Auth::new(&env, &config, chosen.profile.as_deref())?;
    let options = credential_login_options(&listing.login, &env, chosen.login_command);
    work(&auth, &chosen.target, &options)
}

/// The index of `target`'s accounts: the cached one when fresh (and `refresh` is not asked), else a new
/// listing of the accounts (roles to come), written for next time.
pub fn account_index(
    auth: &Auth<'_>,
    target: &LoginTarget,
    options: &LoginOptions,
    refresh: bool,
) -> anyhow::Result<AccountIndex> {
    let path = auth.paths().account_index(target);
    if !refresh && let Some(index) = AccountIndex::read_fresh(&path, target.start_url(), SystemTime::now()) {
        log::debug!("accounts from {} (less than an hour old)", path.display());
        return Ok(index);
    }
    let (accounts, _) = auth.with_portal(target, options, auth.http()?, |portal| {
        let _busy = ui::Busy::start("Listing accounts");
        portal.list_accounts()
    })?;
    let mut accounts: Vec<IndexedAccount> = accounts.iter().map(|a| IndexedAccount::new(a, None)).collect();
    sort_accounts(&mut accounts);
    let index = AccountIndex::new(target.start_url(), SystemTime::now(), accounts);
    save(&index, &path);
    Ok(index)
}

/// The index when it is fresh, else an empty one: for a caller that needs only roles, a listing of every
/// account would be wasted.
pub fn fresh_index_or_empty(auth: &Auth<'_>, target: &LoginTarget) -> AccountIndex {
    let path = auth.paths().account_index(target);
    AccountIndex::read_fresh(&path, target.start_url(), SystemTime::now())
        .unwrap_or_else(|| AccountIndex::new(target.start_url(), SystemTime::now(), Vec::new()))
}

/// The roles of one account: from the index when it has them, else listed (and kept in the index).
pub fn account_roles(
    auth: &Auth<'_>,
    target: &LoginTarget,
    options: &LoginOptions,
    index: &mut AccountIndex,
    account_id: &str,
) -> anyhow::Result<Vec<String>> {
    if let Some(roles) = index.account(account_id).and_then(|account| account.roles.clone()) {
        return Ok(roles);
    }
    let (mut roles, _) = auth.with_portal(target, options, auth.http()?, |portal| {
        let _busy = ui::Busy::start(&format!("Listing roles in {account_id}"));
        portal.list_account_roles(account_id)
    })?;
    roles.sort();
    if let Some(account) = index.accounts.iter_mut().find(|account| account.account_id == account_id) {
        account.roles = Some(roles.clone());
        save(index, &auth.paths().account_index(target));
    }
    Ok(roles)
}

/// By name, as people look for them (the AWS CLI sorts its menu the same way), then by ID.
pub fn sort_accounts(accounts: &mut [IndexedAccount]) {
    accounts.sort_by(|a, b| {
        (a.account_name.to_lowercase(), &a.account_id).cmp(&(b.account_name.to_lowercase(), &b.account_id))
    });
}

/// The index is a convenience: failing to write it costs the next call a listing, not this one its answer.
pub fn save(index: &AccountIndex, path: &std::path::Path) {
    if let Err(error) = index.write(path) {
        log::debug!("cannot write the account index {}: {error}", path.display());
    }
}

/// How an account is shown in lists: the guide's `Name, email (ID)`.
pub fn describe_account(account: &Account) -> String {
    format!("{}, {} ({})", account.name, account.email, account.id)
}
