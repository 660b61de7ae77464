//! ssoenv's own cache: the accounts (and, once listed, the roles) a login may use, so that `accounts`,
//! `roles`, the wizard and completion answer at once and offline for an hour after a listing.
//!
//! `~/.aws/sso/cache/ssoenv-accounts-<token key>.json`, one file per sso-session (or legacy start URL), 0600
//! like every cache file. The AWS CLI and the SDKs never read it: they look up their files by exact name, and
//! `aws sso logout` deletes only files that hold an `accessToken`. It holds no secret.

use std::path::Path;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::{fs, timestamp};
use crate::sso::portal::Account;

/// The start of every index file's name; the rest is the token's key.
pub const ACCOUNT_INDEX_PREFIX: &str = "ssoenv-accounts-";
/// How long a listing is trusted.
pub const FRESH_FOR: Duration = Duration::from_secs(3600);
/// Large organisations have tens of thousands of accounts; a file larger than this is not one of ours.
const MAX_INDEX_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexedAccount {
    pub account_id: String,
    pub account_name: String,
    pub email_address: String,
    /// `None` until the account's roles have been listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
}

impl IndexedAccount {
    pub fn new(account: &Account, roles: Option<Vec<String>>) -> Self {
        Self {
            account_id: account.id.clone(),
            account_name: account.name.clone(),
            email_address: account.email.clone(),
            roles,
        }
    }

    pub fn account(&self) -> Account {
        Account { id: self.account_id.clone(), name: self.account_name.clone(), email: self.email_address.clone() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountIndex {
    /// The start URL listed, so that a session pointed elsewhere does not show another organisation's accounts.
    pub start_url: String,
    pub listed_at: String,
    pub accounts: Vec<IndexedAccount>,
}

impl AccountIndex {
    pub fn new(start_url: &str, at: SystemTime, accounts: Vec<IndexedAccount>) -> Self {
        Self { start_url: start_url.to_owned(), listed_at: timestamp::format(at), accounts }
    }

    /// The index for `start_url` if it is less than an hour old; a missing, stale, foreign or unreadable file
    /// is no index.
    pub fn read_fresh(path: &Path, start_url: &str, now: SystemTime) -> Option<Self> {
        let index = Self::read_any_age(path)?;
        let listed_at = timestamp::parse(&index.listed_at)?;
        let age = now.duration_since(listed_at).ok()?;
        (index.start_url == start_url && age < FRESH_FOR).then_some(index)
    }

    /// The index whatever its age (completion offers what was listed last, offline).
    pub fn read_any_age(path: &Path) -> Option<Self> {
        serde_json::from_value(fs::read_json_limited(path, MAX_INDEX_BYTES)?).ok()
    }

    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        fs::write_atomic(path, &bytes)
    }

    pub fn account(&self, account_id: &str) -> Option<&IndexedAccount> {
        self.accounts.iter().find(|account| account.account_id == account_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(at: SystemTime) -> AccountIndex {
        let account = Account { id: "111111111111".into(), name: "dev".into(), email: "dev@example.com".into() };
        AccountIndex::new("https://x.awsapps.com/start", at, vec![IndexedAccount::new(&account, None)])
    }

    #[test]
    fn fresh_for_an_hour_and_for_its_start_url_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.json");
        let listed = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        sample(listed).write(&path).unwrap();
        let url = "https://x.awsapps.com/start";
        assert_eq!(AccountIndex::read_fresh(&path, url, listed + Duration::from_secs(60)), Some(sample(listed)));
        assert_eq!(AccountIndex::read_fresh(&path, url, listed + FRESH_FOR), None);
        assert_eq!(AccountIndex::read_fresh(&path, "https://y.awsapps.com/start", listed), None);
        std::fs::write(&path, b"{\"startUrl\": 1").unwrap();
        assert_eq!(AccountIndex::read_fresh(&path, url, listed), None);
    }
}
