//! Errors from the two APIs, classified as botocore classifies them (sso-protocol.md §1.2): the
//! `x-amzn-ErrorType` header first, then the body's `__type`, then (OIDC) the OAuth `error` code.

use reqwest::blocking::Response;
use serde_json::Value;

use super::http::TransportError;

/// The largest error body read; an error answer is a few hundred bytes, and a hostile one must not cost memory.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// An error answer of the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    pub operation: &'static str,
    pub status: u16,
    /// The shape name (`AuthorizationPendingException`), or the HTTP status when nothing names one.
    pub code: String,
    /// `error_description` or `message`, when the body has one.
    pub message: Option<String>,
    /// The `Retry-After` of a 429 or 503, in seconds.
    pub retry_after: Option<std::time::Duration>,
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} (HTTP {})", self.operation, self.code, self.status)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError {}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Transport(#[from] TransportError),
    #[error(transparent)]
    Service(ServiceError),
    #[error("{operation}: the answer was not what the service sends ({detail})")]
    Malformed { operation: &'static str, detail: String },
}

impl ApiError {
    /// The service's error code, when the service answered with one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Service(error) => Some(&error.code),
            _ => None,
        }
    }
}

/// Maps an OAuth `error` code to its exception name, for servers that send only the OAuth body.
fn oauth_exception(code: &str) -> Option<&'static str> {
    Some(match code {
        "authorization_pending" => "AuthorizationPendingException",
        "slow_down" => "SlowDownException",
        "expired_token" => "ExpiredTokenException",
        "access_denied" => "AccessDeniedException",
        "invalid_grant" => "InvalidGrantException",
        "invalid_client" => "InvalidClientException",
        "invalid_request" => "InvalidRequestException",
        "invalid_scope" => "InvalidScopeException",
        "unauthorized_client" => "UnauthorizedClientException",
        "unsupported_grant_type" => "UnsupportedGrantTypeException",
        "invalid_client_metadata" => "InvalidClientMetadataException",
        "invalid_redirect_uri" => "InvalidRedirectUriException",
        "server_error" => "InternalServerException",
        _ => return None,
    })
}

/// `Shape:namespace` or `namespace#Shape`: cut at the first `:`, then after the last `#`.
fn shape_name(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    before_colon.rsplit('#').next().unwrap_or(before_colon).trim()
}

/// Classifies an error answer. Reads at most [`MAX_ERROR_BODY`] bytes of it.
pub fn classify(operation: &'static str, response: Response) -> ServiceError {
    let status = response.status().as_u16();
    let header = response.headers().get("x-amzn-ErrorType").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let retry_after = super::http::retry_after(&response);
    let body = read_limited(response, MAX_ERROR_BODY);
    let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let text = |key: &str| json.get(key).and_then(Value::as_str).filter(|s| !s.is_empty());
    let code = header
        .as_deref()
        .map(shape_name)
        .filter(|s| !s.is_empty())
        .or_else(|| text("__type").map(shape_name))
        .or_else(|| text("code").or_else(|| text("Code")))
        .or_else(|| text("error").and_then(oauth_exception))
        .map(str::to_owned)
        .unwrap_or_else(|| status.to_string());
    let message = text("error_description").or_else(|| text("message")).or_else(|| text("Message")).map(|m| {
        // A message is shown to the person: keep it to one readable line.
        let one_line: String = m.chars().map(|c| if c.is_control() { ' ' } else { c }).take(300).collect();
        one_line
    });
    ServiceError { operation, status, code, message, retry_after }
}

/// Reads up to `limit` bytes of a body; a body that fails midway gives what arrived.
pub fn read_limited(response: Response, limit: usize) -> Vec<u8> {
    use std::io::Read;
    let mut body = Vec::new();
    let _ = response.take(limit as u64).read_to_end(&mut body);
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_names() {
        assert_eq!(
            shape_name("AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/"),
            "AuthorizationPendingException"
        );
        assert_eq!(shape_name("com.amazonaws.switchboard.portal#UnauthorizedException"), "UnauthorizedException");
        assert_eq!(shape_name("SlowDownException"), "SlowDownException");
    }

    #[test]
    fn oauth_codes() {
        assert_eq!(oauth_exception("slow_down"), Some("SlowDownException"));
        assert_eq!(oauth_exception("nope"), None);
    }
}
