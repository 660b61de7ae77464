//! Cache file names: the SHA-1 keys botocore computes (sso-protocol.md §4.2, §4.4, §4.5).

use std::collections::BTreeMap;

use serde_json::{Value, json};
use sha1::{Digest, Sha1};

use super::pyjson::{Separators, dumps};

fn sha1_hex(bytes: &[u8]) -> String {
    Sha1::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The token file's key: the sso-session name, or the configured start URL of a legacy profile.
pub fn token_key(session_name: Option<&str>, start_url: &str) -> String {
    sha1_hex(session_name.unwrap_or(start_url).as_bytes())
}

/// The registration file's key: `json.dumps({...}, sort_keys=True)` with default separators.
/// `scopes` is the configured list, `None` when not configured (even when the PKCE flow registers a default).
pub fn registration_key(
    start_url: &str,
    region: &str,
    scopes: Option<&[String]>,
    session_name: Option<&str>,
) -> String {
    let fields = BTreeMap::from([
        ("region", json!(region)),
        ("scopes", scopes.map_or(Value::Null, |s| json!(s))),
        ("session_name", session_name.map_or(Value::Null, |s| json!(s))),
        ("startUrl", json!(start_url)),
        ("tool", json!("botocore")),
    ]);
    sha1_hex(&dumps(&fields, Separators::Python))
}

/// The role-credential file's key: `json.dumps({...}, sort_keys=True, separators=(",", ":"))`, with
/// `sessionName` for sso-session profiles and `startUrl` for legacy ones.
pub fn role_credentials_key(account_id: &str, role_name: &str, session_name: Option<&str>, start_url: &str) -> String {
    let mut fields = BTreeMap::from([("accountId", account_id), ("roleName", role_name)]);
    match session_name {
        Some(session) => fields.insert("sessionName", session),
        None => fields.insert("startUrl", start_url),
    };
    sha1_hex(&dumps(&fields, Separators::Minified))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The vectors of sso-protocol.md §4.9 (from the aws-cli unit tests, or recomputed with Python's stdlib).
    #[test]
    fn token_keys() {
        assert_eq!(token_key(None, "https://d-abc123.awsapps.com/start"), "40a89917e3175433e361b710a9d43528d7f1890a");
        assert_eq!(
            token_key(Some("admin"), "https://d-abc123.awsapps.com/start"),
            "d033e22ae348aeb5660fc2140aec35850c4da997"
        );
    }

    #[test]
    fn registration_keys() {
        let url = "https://d-abc123.awsapps.com/start";
        assert_eq!(registration_key(url, "us-west-2", None, None), "d75f79f67bab3f92a2b1450471c0c2574de0dca4");
        let scopes = ["sso:account:access".to_owned()];
        assert_eq!(
            registration_key(url, "us-west-2", Some(&scopes), Some("admin")),
            "4e0b35ce126fbacfad7c16ce93ffe85ce6cafeed"
        );
    }

    #[test]
    fn role_credentials_keys() {
        assert_eq!(
            role_credentials_key("1234567890", "test-role", None, "https://d-92671207e4.awsapps.com/start"),
            "048db75bbe50955c16af7aba6ff9c41a3131bb7e"
        );
        assert_eq!(
            role_credentials_key("1234567890", "test-role", Some("admin"), "ignored"),
            "7568f0b6f39ebd7da2245b2b8c4f93e29a051f33"
        );
    }
}
