//! The sign-in service's federation endpoint: role credentials in, a console sign-in URL out
//! (`getSigninToken`, then `Action=login`), as AWS documents for custom identity brokers.

use serde_json::Value;

use super::error::{ApiError, ServiceError, read_limited};
use super::http::Http;
use crate::cache::role_credentials::RoleCredentials;
use crate::secret::Secret;

const OPERATION: &str = "GetSigninToken";
const MAX_BODY: usize = 64 * 1024;
/// Who the console says signed the person in (shown when the session ends).
const ISSUER: &str = "ssoenv";

/// The sign-in token for `credentials`, valid for 15 minutes.
pub fn signin_token(http: &Http, base_url: &str, credentials: &RoleCredentials) -> Result<Secret, ApiError> {
    let session = serde_json::json!({
        "sessionId": credentials.access_key_id,
        "sessionKey": credentials.secret_access_key.expose(),
        "sessionToken": credentials.session_token.expose(),
    })
    .to_string();
    let url = format!("{base_url}/federation");
    let response = http.send(OPERATION, |client| {
        client.get(&url).query(&[("Action", "getSigninToken"), ("Session", session.as_str())])
    })?;
    let status = response.status().as_u16();
    let body = read_limited(response, MAX_BODY);
    if !(200..300).contains(&status) {
        // The endpoint answers errors in plain text or HTML, not in the JSON of the APIs.
        let message = String::from_utf8_lossy(&body).chars().filter(|c| !c.is_control()).take(200).collect();
        return Err(ApiError::Service(ServiceError {
            operation: OPERATION,
            status,
            code: status.to_string(),
            message: Some(message),
            retry_after: None,
        }));
    }
    let answer: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::Malformed { operation: OPERATION, detail: format!("not JSON: {e}") })?;
    answer
        .get("SigninToken")
        .and_then(Value::as_str)
        .filter(|token| !token.is_empty())
        .map(Secret::new)
        .ok_or_else(|| ApiError::Malformed { operation: OPERATION, detail: "no SigninToken".into() })
}

/// The URL that signs the browser in and opens `destination`. It carries the sign-in token: a secret.
pub fn login_url(base_url: &str, destination: &str, token: &Secret) -> Result<Secret, url::ParseError> {
    let mut url = url::Url::parse(&format!("{base_url}/federation"))?;
    url.query_pairs_mut()
        .append_pair("Action", "login")
        .append_pair("Issuer", ISSUER)
        .append_pair("Destination", destination)
        .append_pair("SigninToken", token.expose());
    Ok(Secret::new(url.as_str()))
}
