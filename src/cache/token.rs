//! The SSO token file, `~/.aws/sso/cache/<sha1>.json`, shared with the AWS CLI and the SDKs (sso-protocol.md
//! §4.3): written with botocore's key order and bytes, read in any of the forms other tools write.

use std::path::Path;
use std::time::SystemTime;

use serde::Serialize;
use serde_json::Value;

use super::pyjson::{Separators, dumps};
use super::{fs, timestamp};
use crate::secret::Secret;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoToken {
    pub start_url: Option<String>,
    pub region: Option<String>,
    pub access_token: Secret,
    pub expires_at: SystemTime,
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
    pub registration_expires_at: Option<SystemTime>,
    pub refresh_token: Option<Secret>,
}

/// botocore's key order; absent values are left out, as botocore leaves out `refreshToken`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TokenFile<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    access_token: &'a str,
    expires_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_secret: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    registration_expires_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<&'a str>,
}

fn string(object: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_owned)
}

impl SsoToken {
    /// The bytes botocore writes for this token (`_sso_json_dumps`): Python separators, no trailing newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        dumps(
            &TokenFile {
                start_url: self.start_url.as_deref(),
                region: self.region.as_deref(),
                access_token: self.access_token.expose(),
                expires_at: timestamp::format(self.expires_at),
                client_id: self.client_id.as_deref(),
                client_secret: self.client_secret.as_ref().map(Secret::expose),
                registration_expires_at: self.registration_expires_at.map(timestamp::format),
                refresh_token: self.refresh_token.as_ref().map(Secret::expose),
            },
            Separators::Python,
        )
    }

    /// A token from its JSON, or `None` when it lacks `accessToken` or a readable `expiresAt` (botocore's
    /// "Token for ... is invalid"). Unknown keys and key order do not matter.
    pub fn from_json(value: &Value) -> Option<Self> {
        let object = value.as_object()?;
        Some(Self {
            access_token: Secret::new(string(object, "accessToken")?),
            expires_at: timestamp::parse(object.get("expiresAt")?.as_str()?)?,
            start_url: string(object, "startUrl"),
            region: string(object, "region"),
            client_id: string(object, "clientId"),
            client_secret: string(object, "clientSecret").map(Secret::new),
            registration_expires_at: object
                .get("registrationExpiresAt")
                .and_then(Value::as_str)
                .and_then(timestamp::parse),
            refresh_token: string(object, "refreshToken").map(Secret::new),
        })
    }

    pub fn read(path: &Path) -> Option<Self> {
        Self::from_json(&fs::read_json(path)?)
    }

    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        fs::write_atomic(path, &self.to_bytes())
    }

    pub fn is_expired(&self, now: SystemTime) -> bool {
        self.expires_at <= now
    }

    /// Whether a refresh could work: the refresh token and the registration it belongs to, unexpired
    /// (botocore's `_refresh_access_token` preconditions).
    pub fn is_refreshable(&self, now: SystemTime) -> bool {
        self.refresh_token.is_some()
            && self.client_id.is_some()
            && self.client_secret.is_some()
            && self.registration_expires_at.is_some_and(|at| at > now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn token() -> SsoToken {
        SsoToken {
            start_url: Some("https://d-abc123.awsapps.com/start".into()),
            region: Some("us-east-1".into()),
            access_token: Secret::new("aoa-token"),
            expires_at: UNIX_EPOCH + Duration::from_secs(1_785_614_400),
            client_id: Some("cid".into()),
            client_secret: Some(Secret::new("csecret")),
            registration_expires_at: Some(UNIX_EPOCH + Duration::from_secs(1_793_361_600)),
            refresh_token: Some(Secret::new("aor-refresh")),
        }
    }

    #[test]
    fn writes_botocore_bytes() {
        // The example of sso-protocol.md §4.3.
        assert_eq!(
            String::from_utf8(token().to_bytes()).unwrap(),
            r#"{"startUrl": "https://d-abc123.awsapps.com/start", "region": "us-east-1", "accessToken": "aoa-token", "expiresAt": "2026-08-01T20:00:00Z", "clientId": "cid", "clientSecret": "csecret", "registrationExpiresAt": "2026-10-30T12:00:00Z", "refreshToken": "aor-refresh"}"#
        );
        let legacy = SsoToken { refresh_token: None, ..token() };
        assert!(!String::from_utf8(legacy.to_bytes()).unwrap().contains("refreshToken"));
    }

    #[test]
    fn reads_other_tools_forms() {
        assert_eq!(SsoToken::from_json(&serde_json::from_slice(&token().to_bytes()).unwrap()), Some(token()));
        // aws-sdk-rust: minified, another key order, fractional seconds.
        let rust_sdk = serde_json::json!({
            "accessToken": "aoa-token", "expiresAt": "2026-08-01T20:00:00.250Z", "refreshToken": "aor-refresh",
            "clientId": "cid", "clientSecret": "csecret", "registrationExpiresAt": "2026-10-30T12:00:00Z",
            "region": "us-east-1", "startUrl": "https://d-abc123.awsapps.com/start"
        });
        let read = SsoToken::from_json(&rust_sdk).unwrap();
        assert_eq!(read.expires_at, token().expires_at + Duration::from_millis(250));
        // The AWS CLI before 2.1.14: four keys and a `UTC` suffix.
        let old = serde_json::json!({ "startUrl": "u", "region": "r", "accessToken": "a", "expiresAt": "2002-10-18T03:52:38UTC" });
        let read = SsoToken::from_json(&old).unwrap();
        assert!(!read.is_refreshable(UNIX_EPOCH));
        assert!(read.is_expired(SystemTime::now()));
    }

    #[test]
    fn incomplete_tokens_are_invalid() {
        for value in [
            serde_json::json!({ "expiresAt": "2026-08-01T20:00:00Z" }),
            serde_json::json!({ "accessToken": "a" }),
            serde_json::json!({ "accessToken": "a", "expiresAt": "tomorrow" }),
            serde_json::json!({ "accessToken": 5, "expiresAt": "2026-08-01T20:00:00Z" }),
            serde_json::json!(["accessToken"]),
        ] {
            assert_eq!(SsoToken::from_json(&value), None, "{value}");
        }
    }

    #[test]
    fn refreshable_needs_an_unexpired_registration() {
        let now = UNIX_EPOCH + Duration::from_secs(1_790_000_000);
        assert!(token().is_refreshable(now));
        assert!(!SsoToken { registration_expires_at: Some(now), ..token() }.is_refreshable(now));
        assert!(!SsoToken { client_secret: None, ..token() }.is_refreshable(now));
    }
}
