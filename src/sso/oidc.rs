//! The OIDC API client (`sso-oidc`, sso-protocol.md §1): RegisterClient, StartDeviceAuthorization, CreateToken.
//! Unsigned JSON requests, as botocore sends them.

use std::time::Duration;

use reqwest::header::CONTENT_TYPE;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::{ApiError, classify, read_limited};
use super::http::Http;
use crate::secret::Secret;

/// A success body is a few kilobytes at most.
const MAX_BODY: usize = 1024 * 1024;

pub const GRANT_DEVICE_CODE: &str = "urn:ietf:params:oauth:grant-type:device_code";

pub struct OidcClient<'a> {
    http: &'a Http,
    base_url: String,
}

/// RegisterClient's answer. Timestamps are epoch seconds on the wire.
#[derive(Debug)]
pub struct RegisteredClient {
    pub client_id: String,
    pub client_secret: Secret,
    pub client_secret_expires_at: u64,
}

#[derive(Debug)]
pub struct DeviceAuthorization {
    pub device_code: Secret,
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: String,
    pub expires_in: Duration,
    /// `None` when the service sends no interval (the CLI then polls every 5 seconds).
    pub interval: Option<Duration>,
}

#[derive(Debug)]
pub struct Token {
    pub access_token: Secret,
    pub expires_in: Duration,
    pub refresh_token: Option<Secret>,
}

/// What RegisterClient is asked for; the PKCE flow sets the last three.
#[derive(Debug, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct RegisterClientRequest {
    pub client_name: String,
    pub client_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grant_types: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_uris: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer_url: Option<String>,
}

/// The grants CreateToken is used with.
pub enum Grant<'a> {
    DeviceCode { device_code: &'a Secret },
    RefreshToken { refresh_token: &'a Secret },
    AuthorizationCode { code: &'a Secret, redirect_uri: &'a str, code_verifier: &'a Secret },
}

fn string(value: &Value, operation: &'static str, key: &str) -> Result<String, ApiError> {
    value
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| ApiError::Malformed { operation, detail: format!("no {key}") })
}

fn number(value: &Value, operation: &'static str, key: &str) -> Result<u64, ApiError> {
    value
        .get(key)
        .and_then(Value::as_u64)
        .ok_or_else(|| ApiError::Malformed { operation, detail: format!("no whole number {key}") })
}

impl<'a> OidcClient<'a> {
    pub fn new(http: &'a Http, base_url: String) -> Self {
        Self { http, base_url }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    fn call<T: DeserializeOwned>(
        &self,
        operation: &'static str,
        path: &str,
        body: &impl Serialize,
    ) -> Result<T, ApiError> {
        let url = format!("{}{path}", self.base_url);
        let body = serde_json::to_vec(body).expect("request bodies serialize");
        let response = self
            .http
            .send(operation, |client| client.post(&url).header(CONTENT_TYPE, "application/json").body(body.clone()))?;
        if !response.status().is_success() {
            return Err(ApiError::Service(classify(operation, response)));
        }
        let bytes = read_limited(response, MAX_BODY);
        serde_json::from_slice(&bytes).map_err(|e| ApiError::Malformed { operation, detail: format!("not JSON: {e}") })
    }

    pub fn register_client(&self, request: &RegisterClientRequest) -> Result<RegisteredClient, ApiError> {
        const OP: &str = "RegisterClient";
        let answer: Value = self.call(OP, "/client/register", request)?;
        Ok(RegisteredClient {
            client_id: string(&answer, OP, "clientId")?,
            client_secret: Secret::new(string(&answer, OP, "clientSecret")?),
            client_secret_expires_at: number(&answer, OP, "clientSecretExpiresAt")?,
        })
    }

    pub fn start_device_authorization(
        &self,
        client_id: &str,
        client_secret: &Secret,
        start_url: &str,
    ) -> Result<DeviceAuthorization, ApiError> {
        const OP: &str = "StartDeviceAuthorization";
        let body = serde_json::json!({
            "clientId": client_id,
            "clientSecret": client_secret.expose(),
            "startUrl": start_url,
        });
        let answer: Value = self.call(OP, "/device_authorization", &body)?;
        Ok(DeviceAuthorization {
            device_code: Secret::new(string(&answer, OP, "deviceCode")?),
            user_code: string(&answer, OP, "userCode")?,
            verification_uri: string(&answer, OP, "verificationUri")?,
            verification_uri_complete: string(&answer, OP, "verificationUriComplete")?,
            expires_in: Duration::from_secs(number(&answer, OP, "expiresIn")?),
            interval: answer.get("interval").and_then(Value::as_u64).map(Duration::from_secs),
        })
    }

    pub fn create_token(&self, client_id: &str, client_secret: &Secret, grant: Grant<'_>) -> Result<Token, ApiError> {
        const OP: &str = "CreateToken";
        let mut body = serde_json::json!({ "clientId": client_id, "clientSecret": client_secret.expose() });
        match grant {
            Grant::DeviceCode { device_code } => {
                body["grantType"] = GRANT_DEVICE_CODE.into();
                body["deviceCode"] = device_code.expose().into();
            }
            Grant::RefreshToken { refresh_token } => {
                body["grantType"] = "refresh_token".into();
                body["refreshToken"] = refresh_token.expose().into();
            }
            Grant::AuthorizationCode { code, redirect_uri, code_verifier } => {
                body["grantType"] = "authorization_code".into();
                body["code"] = code.expose().into();
                body["redirectUri"] = redirect_uri.into();
                body["codeVerifier"] = code_verifier.expose().into();
            }
        }
        let answer: Value = self.call(OP, "/token", &body)?;
        Ok(Token {
            access_token: Secret::new(string(&answer, OP, "accessToken")?),
            expires_in: Duration::from_secs(number(&answer, OP, "expiresIn")?),
            refresh_token: answer
                .get("refreshToken")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(Secret::new),
        })
    }
}
