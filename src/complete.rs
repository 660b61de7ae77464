//! Dynamic completion of profile and sso-session names (clap_complete's `COMPLETE=<shell> ssoenv`).
//! The completers read the config file and nothing else: no caches, no network, and no output on error, since
//! whatever they print becomes completion candidates.

use std::ffi::OsStr;

use clap_complete::CompletionCandidate;

use crate::config::config_path;
use crate::config::names::{Names, scan};
use crate::env::Env;

fn candidates<'a>(current: &OsStr, names: impl Iterator<Item = &'a str>) -> Vec<CompletionCandidate> {
    let Some(prefix) = current.to_str() else { return Vec::new() };
    names.filter(|name| name.starts_with(prefix)).map(CompletionCandidate::new).collect()
}

/// The names in the config file (`AWS_CONFIG_FILE` or `~/.aws/config`); none when it cannot be read.
fn names() -> Names {
    let bytes = std::fs::read(config_path(&Env::from_process())).unwrap_or_default();
    match std::str::from_utf8(&bytes) {
        Ok(text) => scan(text),
        // The parser refuses such a file; names are still worth offering.
        Err(_) => scan(&String::from_utf8_lossy(&bytes)),
    }
}

/// Profiles that use SSO.
pub fn profile_names(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(current, names().sso_profiles.iter().map(String::as_str))
}

pub fn sso_session_names(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(current, names().sso_sessions.iter().map(String::as_str))
}
