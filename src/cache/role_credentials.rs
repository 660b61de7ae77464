//! The role-credential file the AWS CLI keeps in `~/.aws/cli/cache/<sha1>.json` (sso-protocol.md §4.5), so that
//! credentials ssoenv fetched serve the AWS CLI too, and the reverse.

use std::path::Path;
use std::time::SystemTime;

use serde::Serialize;
use serde_json::Value;

use super::pyjson::{Separators, dumps};
use super::{fs, timestamp};
use crate::secret::Secret;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleCredentials {
    pub access_key_id: String,
    pub secret_access_key: Secret,
    pub session_token: Secret,
    pub expiration: SystemTime,
    pub account_id: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CredentialsFile<'a> {
    provider_type: &'a str,
    credentials: CredentialsBody<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CredentialsBody<'a> {
    access_key_id: &'a str,
    secret_access_key: &'a str,
    session_token: &'a str,
    expiration: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_id: Option<&'a str>,
}

/// The `ProviderType` of files made from SSO logins; `aws sso logout` deletes exactly these.
pub const PROVIDER_TYPE: &str = "sso";

impl RoleCredentials {
    pub fn to_bytes(&self) -> Vec<u8> {
        dumps(
            &CredentialsFile {
                provider_type: PROVIDER_TYPE,
                credentials: CredentialsBody {
                    access_key_id: &self.access_key_id,
                    secret_access_key: self.secret_access_key.expose(),
                    session_token: self.session_token.expose(),
                    expiration: timestamp::format(self.expiration),
                    account_id: self.account_id.as_deref(),
                },
            },
            Separators::Python,
        )
    }

    pub fn from_json(value: &Value) -> Option<Self> {
        let credentials = value.get("Credentials")?.as_object()?;
        let text = |key: &str| credentials.get(key).and_then(Value::as_str).filter(|s| !s.is_empty());
        Some(Self {
            access_key_id: text("AccessKeyId")?.to_owned(),
            secret_access_key: Secret::new(text("SecretAccessKey")?),
            session_token: Secret::new(text("SessionToken")?),
            expiration: timestamp::parse(text("Expiration")?)?,
            account_id: text("AccountId").map(str::to_owned),
        })
    }

    pub fn read(path: &Path) -> Option<Self> {
        Self::from_json(&fs::read_json(path)?)
    }

    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        fs::write_atomic(path, &self.to_bytes())
    }
}

/// Whether a cache file holds SSO role credentials (and not, say, assume-role ones, which logout keeps).
pub fn is_sso_file(value: &Value) -> bool {
    value.get("ProviderType").and_then(Value::as_str) == Some(PROVIDER_TYPE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn writes_the_aws_cli_bytes() {
        let credentials = RoleCredentials {
            access_key_id: "ASIAEXAMPLE".into(),
            secret_access_key: Secret::new("sk"),
            session_token: Secret::new("st"),
            expiration: timestamp::from_epoch_millis(1_785_589_200_123),
            account_id: Some("123456789012".into()),
        };
        let bytes = credentials.to_bytes();
        assert_eq!(
            String::from_utf8(bytes.clone()).unwrap(),
            r#"{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "sk", "SessionToken": "st", "Expiration": "2026-08-01T13:00:00Z", "AccountId": "123456789012"}}"#
        );
        let value: Value = serde_json::from_slice(&bytes).unwrap();
        assert!(is_sso_file(&value));
        assert_eq!(
            RoleCredentials::from_json(&value).unwrap().expiration,
            UNIX_EPOCH + Duration::from_secs(1_785_589_200)
        );
    }
}
