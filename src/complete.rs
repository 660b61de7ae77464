//! Dynamic completion of profile and sso-session names (clap_complete's `COMPLETE=<shell> ssoenv`).
//! The completers read the config file and nothing else: no caches, no network, and no output on error, since
//! whatever they print becomes completion candidates.

use std::ffi::OsStr;

use clap_complete::CompletionCandidate;

use crate::config::Config;
use crate::env::Env;

fn candidates<'a>(current: &OsStr, names: impl Iterator<Item = &'a str>) -> Vec<CompletionCandidate> {
    let Some(prefix) = current.to_str() else { return Vec::new() };
    names.filter(|name| name.starts_with(prefix)).map(CompletionCandidate::new).collect()
}

/// Profiles that use SSO.
pub fn profile_names(current: &OsStr) -> Vec<CompletionCandidate> {
    match Config::load_config_file(&Env::from_process()) {
        Ok(config) => candidates(current, config.sso_profile_names()),
        Err(_) => Vec::new(),
    }
}

pub fn sso_session_names(current: &OsStr) -> Vec<CompletionCandidate> {
    match Config::load_config_file(&Env::from_process()) {
        Ok(config) => candidates(current, config.sso_session_names()),
        Err(_) => Vec::new(),
    }
}
