//! The error answers of the two APIs, shaped exactly as the service sends them (sso-protocol.md §1.6, §3):
//! the HTTP status, an `x-amzn-ErrorType` header naming the modelled shape, and the JSON body of that shape.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The exceptions of the OIDC API (`sso-oidc`). Each has the body `{"error", "error_description"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OidcErrorKind {
    AuthorizationPending,
    SlowDown,
    ExpiredToken,
    AccessDenied,
    InvalidGrant,
    InvalidClient,
    InvalidRequest,
    InvalidScope,
    UnauthorizedClient,
    UnsupportedGrantType,
    InvalidClientMetadata,
    InvalidRedirectUri,
    InternalServer,
}

impl OidcErrorKind {
    fn shape(self) -> &'static str {
        match self {
            Self::AuthorizationPending => "AuthorizationPendingException",
            Self::SlowDown => "SlowDownException",
            Self::ExpiredToken => "ExpiredTokenException",
            Self::AccessDenied => "AccessDeniedException",
            Self::InvalidGrant => "InvalidGrantException",
            Self::InvalidClient => "InvalidClientException",
            Self::InvalidRequest => "InvalidRequestException",
            Self::InvalidScope => "InvalidScopeException",
            Self::UnauthorizedClient => "UnauthorizedClientException",
            Self::UnsupportedGrantType => "UnsupportedGrantTypeException",
            Self::InvalidClientMetadata => "InvalidClientMetadataException",
            Self::InvalidRedirectUri => "InvalidRedirectUriException",
            Self::InternalServer => "InternalServerException",
        }
    }

    /// The single OAuth error code the service puts in the body's `error` member.
    fn oauth_code(self) -> &'static str {
        match self {
            Self::AuthorizationPending => "authorization_pending",
            Self::SlowDown => "slow_down",
            Self::ExpiredToken => "expired_token",
            Self::AccessDenied => "access_denied",
            Self::InvalidGrant => "invalid_grant",
            Self::InvalidClient => "invalid_client",
            Self::InvalidRequest => "invalid_request",
            Self::InvalidScope => "invalid_scope",
            Self::UnauthorizedClient => "unauthorized_client",
            Self::UnsupportedGrantType => "unsupported_grant_type",
            Self::InvalidClientMetadata => "invalid_client_metadata",
            Self::InvalidRedirectUri => "invalid_redirect_uri",
            Self::InternalServer => "server_error",
        }
    }

    fn status(self) -> StatusCode {
        match self {
            Self::InvalidClient => StatusCode::UNAUTHORIZED,
            Self::InternalServer => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

/// The exceptions of the portal API (`sso`). Each has the body `{"message"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortalErrorKind {
    InvalidRequest,
    Unauthorized,
    TooManyRequests,
    ResourceNotFound,
    /// Not modelled by the portal API; the generic AWS answer to a server fault.
    InternalFailure,
}

impl PortalErrorKind {
    fn shape(self) -> &'static str {
        match self {
            Self::InvalidRequest => "InvalidRequestException",
            Self::Unauthorized => "UnauthorizedException",
            Self::TooManyRequests => "TooManyRequestsException",
            Self::ResourceNotFound => "ResourceNotFoundException",
            Self::InternalFailure => "InternalFailure",
        }
    }

    fn status(self) -> StatusCode {
        match self {
            Self::InvalidRequest => StatusCode::BAD_REQUEST,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            Self::ResourceNotFound => StatusCode::NOT_FOUND,
            Self::InternalFailure => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// An error answer of either API, ready to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    Oidc {
        kind: OidcErrorKind,
        description: String,
    },
    Portal {
        kind: PortalErrorKind,
        message: String,
        /// Seconds for a `Retry-After` header (only sent with throttling answers, when configured).
        retry_after: Option<u64>,
    },
}

impl ApiError {
    pub fn oidc(kind: OidcErrorKind, description: impl Into<String>) -> Self {
        Self::Oidc { kind, description: description.into() }
    }

    pub fn portal(kind: PortalErrorKind, message: impl Into<String>) -> Self {
        Self::Portal { kind, message: message.into(), retry_after: None }
    }

    /// The modelled shape name, as sent in `x-amzn-ErrorType` (used by the request log and the stats).
    pub fn shape(&self) -> &'static str {
        match self {
            Self::Oidc { kind, .. } => kind.shape(),
            Self::Portal { kind, .. } => kind.shape(),
        }
    }
}

/// The namespaces the real service appends to the shape in `x-amzn-ErrorType`; botocore cuts them off at the
/// first `:`, so they are kept only to look like the service on the wire.
const OIDC_ERROR_NAMESPACE: &str = "http://internal.amazon.com/coral/com.amazonaws.sso.oidc/";
const PORTAL_ERROR_NAMESPACE: &str = "http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, namespace, body, retry_after) = match &self {
            Self::Oidc { kind, description } => (
                kind.status(),
                OIDC_ERROR_NAMESPACE,
                json!({ "error": kind.oauth_code(), "error_description": description }),
                None,
            ),
            Self::Portal { kind, message, retry_after } => {
                (kind.status(), PORTAL_ERROR_NAMESPACE, json!({ "message": message }), *retry_after)
            }
        };
        let mut response = (status, super::json_body(&body)).into_response();
        let error_type = format!("{}:{namespace}", self.shape());
        let headers = response.headers_mut();
        headers.insert(
            "x-amzn-ErrorType",
            HeaderValue::from_str(&error_type).expect("shape names and namespaces are ASCII"),
        );
        if let Some(seconds) = retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
