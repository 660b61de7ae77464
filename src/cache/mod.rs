//! The caches shared with AWS CLI v2 and the SDKs: SSO tokens and client registrations in `~/.aws/sso/cache`,
//! role credentials in `~/.aws/cli/cache` (sso-protocol.md §4). Names and bytes are botocore's; every write is
//! atomic and private; a file that cannot be read is a file that is not there.

pub mod account_index;
pub mod fs;
pub mod keys;
pub mod lock;
pub mod pyjson;
pub mod registration;
pub mod role_credentials;
pub mod timestamp;
pub mod token;

use std::path::PathBuf;

use crate::config::sso::{LoginTarget, SsoProfile};
use crate::env::Env;

/// Where the caches live. Both are under the home folder whatever `AWS_CONFIG_FILE` says, as in botocore.
#[derive(Debug, Clone)]
pub struct CachePaths {
    pub sso_dir: PathBuf,
    pub cli_dir: PathBuf,
}

impl CachePaths {
    pub fn from_env(env: &Env) -> Result<Self, anyhow::Error> {
        let home =
            env.home().ok_or_else(|| anyhow::anyhow!("cannot find the home folder for ~/.aws/sso/cache; set HOME"))?;
        Ok(Self { sso_dir: home.join(".aws/sso/cache"), cli_dir: home.join(".aws/cli/cache") })
    }

    pub fn token_key(target: &LoginTarget) -> String {
        keys::token_key(target.session_name(), target.start_url())
    }

    pub fn token(&self, target: &LoginTarget) -> PathBuf {
        self.sso_dir.join(format!("{}.json", Self::token_key(target)))
    }

    /// The single-flight lock of a token.
    pub fn token_lock(&self, target: &LoginTarget) -> PathBuf {
        self.sso_dir.join(format!("{}.lock", Self::token_key(target)))
    }

    /// ssoenv's index of the accounts and roles of a login (`cache::account_index`).
    pub fn account_index(&self, target: &LoginTarget) -> PathBuf {
        self.sso_dir.join(format!("{}{}.json", account_index::ACCOUNT_INDEX_PREFIX, Self::token_key(target)))
    }

    pub fn registration(&self, target: &LoginTarget) -> PathBuf {
        let (scopes, session) = match target {
            LoginTarget::Session(session) => (session.registration_scopes.as_deref(), Some(session.name.as_str())),
            LoginTarget::Legacy { .. } => (None, None),
        };
        let key = keys::registration_key(target.start_url(), target.region(), scopes, session);
        self.sso_dir.join(format!("{key}.json"))
    }

    pub fn role_credentials(&self, profile: &SsoProfile) -> PathBuf {
        let key = keys::role_credentials_key(
            &profile.account_id,
            &profile.role_name,
            profile.login.session_name(),
            profile.login.start_url(),
        );
        self.cli_dir.join(format!("{key}.json"))
    }
}
