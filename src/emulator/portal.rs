//! The portal API (`sso`): GetRoleCredentials, ListAccounts, ListAccountRoles and Logout (sso-protocol.md §3).
//! Every call is authenticated by the access token in the `x-amz-sso_bearer_token` header.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;

use super::error::{ApiError, PortalErrorKind};
use super::stats::Operation;
use super::{App, json_body, query_params, secrets};

const BEARER_HEADER: &str = "x-amz-sso_bearer_token";
/// The page size when the caller sends no `max_result`; the service documents none, only the 1–100 range.
const DEFAULT_PAGE_SIZE: usize = 20;
const MAX_PAGE_SIZE: usize = 100;

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::portal(PortalErrorKind::InvalidRequest, message)
}

fn not_found(message: impl Into<String>) -> ApiError {
    ApiError::portal(PortalErrorKind::ResourceNotFound, message)
}

fn required_param<'a>(params: &'a HashMap<String, String>, name: &str) -> Result<&'a str, ApiError> {
    params.get(name).map(String::as_str).filter(|v| !v.is_empty()).ok_or_else(|| invalid(format!("{name} is required")))
}

/// Checks the bearer token after the faults, as the service checks authorization after admission.
async fn authenticate(app: &App, operation: Operation, headers: &HeaderMap) -> Result<(), ApiError> {
    app.admit(operation).await?;
    app.store().authenticate_bearer(bearer(headers), SystemTime::now())
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(BEARER_HEADER).and_then(|v| v.to_str().ok())
}

/// One page of a listing. The `next_token` is opaque to clients; it names the listing it belongs to so that a
/// token from another listing is refused instead of silently misread.
struct Page {
    offset: usize,
    size: usize,
}

fn page(params: &HashMap<String, String>, listing: &str) -> Result<Page, ApiError> {
    let size = match params.get("max_result") {
        None => DEFAULT_PAGE_SIZE,
        Some(raw) => match raw.parse::<usize>() {
            Ok(size) if (1..=MAX_PAGE_SIZE).contains(&size) => size,
            _ => {
                return Err(invalid(format!("max_result must be an integer from 1 to {MAX_PAGE_SIZE}")));
            }
        },
    };
    let offset = match params.get("next_token") {
        None => 0,
        Some(token) => decode_next_token(token, listing).ok_or_else(|| invalid("Invalid next_token"))?,
    };
    Ok(Page { offset, size })
}

fn encode_next_token(listing: &str, offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("{listing}#{offset}"))
}

fn decode_next_token(token: &str, listing: &str) -> Option<usize> {
    let decoded = String::from_utf8(URL_SAFE_NO_PAD.decode(token).ok()?).ok()?;
    let (token_listing, offset) = decoded.rsplit_once('#')?;
    (token_listing == listing).then(|| offset.parse().ok()).flatten()
}

/// The `nextToken` for the page after `page`, if there is one.
fn next_token_after(page: &Page, total: usize, listing: &str) -> Option<String> {
    let next = page.offset + page.size;
    (next < total).then(|| encode_next_token(listing, next))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RoleCredentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: String,
    /// Epoch milliseconds, as the service sends it.
    expiration: u64,
}

pub async fn get_role_credentials(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    authenticate(&app, Operation::GetRoleCredentials, &headers).await?;
    let params = query_params(query);
    let role_name = required_param(&params, "role_name")?;
    let account_id = required_param(&params, "account_id")?;
    if app.directory.index_of(account_id).is_none() || !app.directory.has_role(role_name) {
        return Err(not_found("No access"));
    }
    let expires_at = SystemTime::now() + app.credentials_ttl;
    let expiration = expires_at.duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0);
    let credentials = RoleCredentials {
        access_key_id: secrets::access_key_id(),
        secret_access_key: app.secret_access_key.clone().unwrap_or_else(secrets::secret_access_key),
        session_token: secrets::session_token(),
        expiration,
    };
    app.federation().remember_role_credentials(
        &credentials.access_key_id,
        &credentials.secret_access_key,
        &credentials.session_token,
        account_id,
        role_name,
        expires_at,
    );
    Ok(json_body(&serde_json::json!({ "roleCredentials": credentials })))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AccountInfo {
    account_id: String,
    account_name: String,
    email_address: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListAccountsResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
    account_list: Vec<AccountInfo>,
}

pub async fn list_accounts(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    authenticate(&app, Operation::ListAccounts, &headers).await?;
    let params = query_params(query);
    let listing = "accounts";
    let page = page(&params, listing)?;
    let total = usize::try_from(app.directory.account_count()).unwrap_or(usize::MAX);
    let account_list = (page.offset..total.min(page.offset + page.size))
        .filter_map(|index| app.directory.account(index as u64))
        .map(|account| AccountInfo { account_id: account.id, account_name: account.name, email_address: account.email })
        .collect();
    Ok(json_body(&ListAccountsResponse { next_token: next_token_after(&page, total, listing), account_list }))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RoleInfo {
    role_name: String,
    account_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListAccountRolesResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
    role_list: Vec<RoleInfo>,
}

pub async fn list_account_roles(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    authenticate(&app, Operation::ListAccountRoles, &headers).await?;
    let params = query_params(query);
    let account_id = required_param(&params, "account_id")?;
    if app.directory.index_of(account_id).is_none() {
        return Err(not_found(format!("Account {account_id} is not assigned to this user")));
    }
    let listing = format!("roles:{account_id}");
    let page = page(&params, &listing)?;
    let roles = app.directory.roles();
    let role_list = roles
        .iter()
        .skip(page.offset)
        .take(page.size)
        .map(|role| RoleInfo { role_name: role.clone(), account_id: account_id.to_owned() })
        .collect();
    Ok(json_body(&ListAccountRolesResponse { next_token: next_token_after(&page, roles.len(), &listing), role_list }))
}

pub async fn logout(State(app): State<Arc<App>>, headers: HeaderMap) -> Result<Response, ApiError> {
    app.admit(Operation::Logout).await?;
    app.store().logout(bearer(&headers), SystemTime::now())?;
    Ok(().into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_tokens_round_trip_and_stay_in_their_listing() {
        let token = encode_next_token("roles:123456789012", 40);
        assert_eq!(decode_next_token(&token, "roles:123456789012"), Some(40));
        assert_eq!(decode_next_token(&token, "accounts"), None);
        assert_eq!(decode_next_token("not base64!", "accounts"), None);
    }
}
