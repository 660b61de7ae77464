//! The OIDC API (`sso-oidc`): RegisterClient, StartDeviceAuthorization and CreateToken (sso-protocol.md §1).

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{ApiError, OidcErrorKind};
use super::stats::Operation;
use super::store::{CreateTokenRequest, Grant, RegisterClientRequest};
use super::{App, json_body};

fn epoch_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// A request body as botocore sends it: JSON, with members it does not set left out. An empty body reads as
/// `{}` so that the missing members are named by the checks that follow.
fn parse_body<T: DeserializeOwned + Default>(body: &Bytes) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::oidc(OidcErrorKind::InvalidRequest, format!("Invalid request body: {e}")))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RegisterClientResponse {
    client_id: String,
    client_secret: String,
    client_id_issued_at: u64,
    client_secret_expires_at: u64,
}

pub async fn register_client(State(app): State<Arc<App>>, body: Bytes) -> Result<Response, ApiError> {
    app.admit(Operation::RegisterClient).await?;
    let request: RegisterClientRequest = parse_body(&body)?;
    let client = app.store().register_client(&request, SystemTime::now())?;
    Ok(json_body(&RegisterClientResponse {
        client_id: client.client_id,
        client_secret: client.client_secret,
        client_id_issued_at: epoch_seconds(client.issued_at),
        client_secret_expires_at: epoch_seconds(client.expires_at),
    }))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct StartDeviceAuthorizationRequest {
    client_id: Option<String>,
    client_secret: Option<String>,
    start_url: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StartDeviceAuthorizationResponse {
    device_code: String,
    user_code: String,
    verification_uri: String,
    verification_uri_complete: String,
    expires_in: u64,
    interval: u64,
}

pub async fn start_device_authorization(State(app): State<Arc<App>>, body: Bytes) -> Result<Response, ApiError> {
    app.admit(Operation::StartDeviceAuthorization).await?;
    let request: StartDeviceAuthorizationRequest = parse_body(&body)?;
    let started = app.store().start_device_authorization(
        &request.client_id,
        &request.client_secret,
        &request.start_url,
        SystemTime::now(),
    )?;
    let verification_uri = format!("{}/device", app.base_url);
    let verification_uri_complete = format!("{verification_uri}?user_code={}", started.user_code);
    Ok(json_body(&StartDeviceAuthorizationResponse {
        device_code: started.device_code,
        user_code: started.user_code,
        verification_uri,
        verification_uri_complete,
        expires_in: started.expires_in.as_secs(),
        interval: started.interval.as_secs(),
    }))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreateTokenResponse {
    access_token: String,
    token_type: &'static str,
    expires_in: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
}

pub async fn create_token(State(app): State<Arc<App>>, body: Bytes) -> Result<Response, ApiError> {
    app.admit(Operation::CreateToken).await?;
    let request: CreateTokenRequest = parse_body(&body)?;
    if let Some(grant_type) = &request.grant_type {
        app.stats.count_grant(Grant::from_wire(grant_type));
    }
    let token = app.store().create_token(&request, SystemTime::now())?;
    Ok(json_body(&CreateTokenResponse {
        access_token: token.access_token,
        token_type: "Bearer",
        expires_in: token.expires_in.as_secs(),
        refresh_token: token.refresh_token,
    }))
}
