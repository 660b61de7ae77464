//! Dynamic completion of profile and sso-session names and of account IDs (clap_complete's
//! `COMPLETE=<shell> ssoenv`). The completers read the config file, and for account IDs ssoenv's account index
//! (`cache::account_index`, whatever its age): never a token, never the network, and no output on error, since
//! whatever they print becomes completion candidates.

use std::ffi::OsStr;

use clap_complete::CompletionCandidate;

use crate::cache::CachePaths;
use crate::cache::account_index::{ACCOUNT_INDEX_PREFIX, AccountIndex};
use crate::config::config_path;
use crate::config::names::{Names, scan};
use crate::env::Env;

/// The names in the config file (`AWS_CONFIG_FILE` or `~/.aws/config`) that start with the word being
/// completed; none when the file cannot be read or the word is not UTF-8.
fn names_starting_with(current: &OsStr) -> Names {
    let Some(prefix) = current.to_str() else { return Names::default() };
    let bytes = std::fs::read(config_path(&Env::from_process())).unwrap_or_default();
    match std::str::from_utf8(&bytes) {
        Ok(text) => scan(text, prefix),
        // The parser refuses such a file; names are still worth offering.
        Err(_) => scan(&String::from_utf8_lossy(&bytes), prefix),
    }
}

fn candidates(names: std::collections::BTreeSet<String>) -> Vec<CompletionCandidate> {
    names.into_iter().map(CompletionCandidate::new).collect()
}

/// Profiles that use SSO.
pub fn profile_names(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(names_starting_with(current).sso_profiles)
}

/// Account IDs from every account index, with the account's name as the description.
pub fn account_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(prefix) = current.to_str() else { return Vec::new() };
    let Ok(paths) = CachePaths::from_env(&Env::from_process()) else { return Vec::new() };
    let Ok(entries) = std::fs::read_dir(&paths.sso_dir) else { return Vec::new() };
    let mut seen = std::collections::BTreeMap::new();
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(ACCOUNT_INDEX_PREFIX) {
            continue;
        }
        for account in AccountIndex::read_any_age(&entry.path()).map(|i| i.accounts).unwrap_or_default() {
            if account.account_id.starts_with(prefix) {
                seen.entry(account.account_id).or_insert(account.account_name);
            }
        }
    }
    seen.into_iter().map(|(id, name)| CompletionCandidate::new(id).help(Some(name.into()))).collect()
}

pub fn sso_session_names(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(names_starting_with(current).sso_sessions)
}
