//! The client registration file in `~/.aws/sso/cache` (sso-protocol.md §4.4). One key serves both flows, and
//! each flow rejects the other's registration, exactly as the AWS CLI does.

use std::path::Path;
use std::time::{Duration, SystemTime};

use serde::Serialize;
use serde_json::Value;

use super::pyjson::{Separators, dumps};
use super::{fs, timestamp};
use crate::secret::Secret;

/// A registration is not reused when less than this is left of it (`_EXPIRY_WINDOW`).
const EXPIRY_WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub client_id: String,
    pub client_secret: Secret,
    pub expires_at: SystemTime,
    pub scopes: Option<Vec<String>>,
    /// Set only for the PKCE flow's registration: `["authorization_code", "refresh_token"]`.
    pub grant_types: Option<Vec<String>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RegistrationFile<'a> {
    client_id: &'a str,
    client_secret: &'a str,
    expires_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    scopes: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grant_types: Option<&'a [String]>,
}

fn string_list(value: Option<&Value>) -> Option<Vec<String>> {
    value?.as_array()?.iter().map(|v| v.as_str().map(str::to_owned)).collect()
}

impl Registration {
    pub fn to_bytes(&self) -> Vec<u8> {
        dumps(
            &RegistrationFile {
                client_id: &self.client_id,
                client_secret: self.client_secret.expose(),
                expires_at: timestamp::format(self.expires_at),
                scopes: self.scopes.as_deref(),
                grant_types: self.grant_types.as_deref(),
            },
            Separators::Python,
        )
    }

    pub fn from_json(value: &Value) -> Option<Self> {
        let object = value.as_object()?;
        Some(Self {
            client_id: object.get("clientId")?.as_str()?.to_owned(),
            client_secret: Secret::new(object.get("clientSecret")?.as_str()?),
            expires_at: timestamp::parse(object.get("expiresAt")?.as_str()?)?,
            scopes: string_list(object.get("scopes")),
            grant_types: string_list(object.get("grantTypes")),
        })
    }

    pub fn read(path: &Path) -> Option<Self> {
        Self::from_json(&fs::read_json(path)?)
    }

    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        fs::write_atomic(path, &self.to_bytes())
    }

    /// Usable for a new login: more than 15 minutes left, and registered for the flow about to run (the PKCE
    /// flow needs `authorization_code` among the grant types; the device flow's registration has none).
    pub fn usable_for(&self, pkce: bool, now: SystemTime) -> bool {
        let fresh = self.expires_at.duration_since(now).is_ok_and(|left| left > EXPIRY_WINDOW);
        let for_auth_code = self.grant_types.as_ref().is_some_and(|g| g.iter().any(|g| g == "authorization_code"));
        fresh && pkce == for_auth_code
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn writes_botocore_bytes_for_each_flow() {
        let device = Registration {
            client_id: "cid".into(),
            client_secret: Secret::new("cs"),
            expires_at: UNIX_EPOCH + Duration::from_secs(1_793_361_600),
            scopes: None,
            grant_types: None,
        };
        assert_eq!(
            String::from_utf8(device.to_bytes()).unwrap(),
            r#"{"clientId": "cid", "clientSecret": "cs", "expiresAt": "2026-10-30T12:00:00Z"}"#
        );
        let pkce = Registration {
            scopes: Some(vec!["sso:account:access".into()]),
            grant_types: Some(vec!["authorization_code".into(), "refresh_token".into()]),
            ..device.clone()
        };
        let bytes = pkce.to_bytes();
        assert!(String::from_utf8(bytes.clone()).unwrap().ends_with(
            r#""expiresAt": "2026-10-30T12:00:00Z", "scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"]}"#
        ));
        assert_eq!(Registration::from_json(&serde_json::from_slice(&bytes).unwrap()), Some(pkce.clone()));

        let now = UNIX_EPOCH + Duration::from_secs(1_790_000_000);
        assert!(pkce.usable_for(true, now) && !pkce.usable_for(false, now));
        assert!(device.usable_for(false, now) && !device.usable_for(true, now));
        assert!(!device.usable_for(false, device.expires_at - Duration::from_secs(600)));
    }
}
