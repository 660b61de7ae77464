//! Everything the emulator has issued, and the OAuth rules that govern it.
//!
//! The store is plain synchronous data behind one mutex: handlers parse a request, take the lock, call one
//! method here and render what it returns. Every entry carries an expiry and [`Store::sweep`] drops what has
//! passed it, so memory stays proportional to what is live, however many tokens are issued over time.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use super::error::{ApiError, OidcErrorKind as Oidc, PortalErrorKind as Portal};
use super::secrets;

/// Lifetimes and switches that shape what the store issues.
#[derive(Debug, Clone)]
pub struct Policy {
    pub token_ttl: Duration,
    pub session_ttl: Duration,
    pub registration_ttl: Duration,
    pub device_code_ttl: Duration,
    pub device_interval: Duration,
    pub refresh_tokens: bool,
    pub auto_approve: bool,
}

/// How long an authorization code may wait to be exchanged, as the OAuth spec recommends (RFC 6749 §4.1.2).
const AUTHORIZATION_CODE_TTL: Duration = Duration::from_secs(600);
/// How long an approval page stays answerable.
const APPROVAL_REQUEST_TTL: Duration = Duration::from_secs(600);
/// Expired device codes and authorization codes are kept this long so that a late poll gets
/// `ExpiredTokenException` instead of the `InvalidGrantException` of a code never issued.
const EXPIRED_GRACE: Duration = Duration::from_secs(600);
/// RFC 8628 §3.5: a client told to slow down adds 5 seconds to its interval; the server does the same.
const SLOW_DOWN_STEP: Duration = Duration::from_secs(5);
/// Polls this much early still count as on time: network jitter must not earn a client a `SlowDownException`.
const POLL_TOLERANCE: Duration = Duration::from_millis(100);

const GRANT_DEVICE_CODE: &str = "urn:ietf:params:oauth:grant-type:device_code";
const GRANT_REFRESH_TOKEN: &str = "refresh_token";
const GRANT_AUTHORIZATION_CODE: &str = "authorization_code";

/// The grant types `/token` knows, for the stats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grant {
    DeviceCode,
    RefreshToken,
    AuthorizationCode,
    Unsupported,
}

impl Grant {
    pub fn from_wire(value: &str) -> Self {
        match value {
            GRANT_DEVICE_CODE => Self::DeviceCode,
            GRANT_REFRESH_TOKEN => Self::RefreshToken,
            GRANT_AUTHORIZATION_CODE => Self::AuthorizationCode,
            _ => Self::Unsupported,
        }
    }

    pub fn stats_name(self) -> &'static str {
        match self {
            Self::DeviceCode => "device_code",
            Self::RefreshToken => "refresh_token",
            Self::AuthorizationCode => "authorization_code",
            Self::Unsupported => "unsupported",
        }
    }
}

#[derive(Debug)]
struct Client {
    secret: String,
    expires_at: SystemTime,
    scopes: Vec<String>,
    grant_types: Vec<String>,
    redirect_uris: Vec<String>,
}

impl Client {
    fn allows_grant(&self, grant: &str) -> bool {
        // A client registered without grant types (the device flow's registration) may use the device and
        // refresh grants; one that lists them may use only those.
        if self.grant_types.is_empty() {
            return grant != GRANT_AUTHORIZATION_CODE;
        }
        self.grant_types.iter().any(|g| g == grant)
    }

    /// Refresh tokens go only to clients registered with scopes: that is what makes an sso-session login
    /// refreshable and a legacy one (registered without scopes) a fixed session, as with the real service.
    fn gets_refresh_tokens(&self) -> bool {
        !self.scopes.is_empty() && self.allows_grant(GRANT_REFRESH_TOKEN)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Pending,
    Approved,
    Denied,
}

#[derive(Debug)]
struct DeviceAuthorization {
    client_id: String,
    user_code: String,
    expires_at: SystemTime,
    interval: Duration,
    last_poll: Option<SystemTime>,
    decision: Decision,
}

#[derive(Debug)]
struct AuthorizationCode {
    client_id: String,
    redirect_uri: String,
    code_challenge: String,
    expires_at: SystemTime,
}

/// An `/authorize` request waiting for the person to press Approve or Deny.
#[derive(Debug, Clone)]
pub struct ApprovalRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub state: String,
    pub code_challenge: String,
    expires_at: SystemTime,
}

/// A signed-in session: what a login creates and `/logout` ends. Tokens live no longer than their session.
#[derive(Debug)]
struct Session {
    expires_at: SystemTime,
}

#[derive(Debug)]
struct AccessToken {
    session: u64,
    expires_at: SystemTime,
}

#[derive(Debug)]
struct RefreshToken {
    session: u64,
    client_id: String,
}

pub struct RegisteredClient {
    pub client_id: String,
    pub client_secret: String,
    pub issued_at: SystemTime,
    pub expires_at: SystemTime,
}

pub struct StartedDeviceAuthorization {
    pub device_code: String,
    pub user_code: String,
    pub expires_in: Duration,
    pub interval: Duration,
}

pub struct IssuedToken {
    pub access_token: String,
    pub expires_in: Duration,
    pub refresh_token: Option<String>,
}

/// What `/authorize` does with a valid request.
pub enum AuthorizeOutcome {
    /// Redirect to the client at once with this code (`--auto-approve`).
    Approved { code: String },
    /// Show the approval page for this request.
    AwaitingApproval { request_id: String },
}

/// Why `/authorize` refused a request before it could trust the redirect URI, so it must show an error page
/// instead of redirecting (RFC 6749 §4.1.2.1).
#[derive(Debug, PartialEq, Eq)]
pub struct UntrustedAuthorizeRequest(pub String);

/// The parameters of `GET /authorize`, all optional as they arrive.
#[derive(Debug, Default, Clone)]
pub struct AuthorizeParams {
    pub response_type: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub state: Option<String>,
    pub code_challenge_method: Option<String>,
    pub scopes: Option<String>,
    pub code_challenge: Option<String>,
}

/// The counts of live entries, reported by `/_emulator/stats` so that tests can see memory stay bounded.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct LiveCounts {
    pub clients: usize,
    pub device_authorizations: usize,
    pub authorization_codes: usize,
    pub approval_requests: usize,
    pub sessions: usize,
    pub access_tokens: usize,
    pub refresh_tokens: usize,
}

#[derive(Debug)]
pub struct Store {
    policy: Policy,
    clients: HashMap<String, Client>,
    device_authorizations: HashMap<String, DeviceAuthorization>,
    device_codes_by_user_code: HashMap<String, String>,
    approval_requests: HashMap<String, ApprovalRequest>,
    authorization_codes: HashMap<String, AuthorizationCode>,
    sessions: HashMap<u64, Session>,
    next_session: u64,
    access_tokens: HashMap<String, AccessToken>,
    refresh_tokens: HashMap<String, RefreshToken>,
}

/// The body of `POST /client/register`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisterClientRequest {
    pub client_name: Option<String>,
    pub client_type: Option<String>,
    pub scopes: Option<Vec<String>>,
    pub grant_types: Option<Vec<String>>,
    pub redirect_uris: Option<Vec<String>>,
    pub issuer_url: Option<String>,
}

/// The body of `POST /token`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateTokenRequest {
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub grant_type: Option<String>,
    pub device_code: Option<String>,
    pub refresh_token: Option<String>,
    pub code: Option<String>,
    pub redirect_uri: Option<String>,
    pub code_verifier: Option<String>,
}

fn required<'a>(value: &'a Option<String>, name: &str) -> Result<&'a str, ApiError> {
    match value.as_deref() {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(ApiError::oidc(Oidc::InvalidRequest, format!("{name} is required"))),
    }
}

/// The user code as a person may type it: any case, with or without the hyphen and spaces.
pub fn normalize_user_code(code: &str) -> String {
    let letters: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    match letters.len() {
        8 => format!("{}-{}", &letters[..4], &letters[4..]),
        _ => letters,
    }
}

/// `BASE64URL(SHA256(verifier))` without padding (RFC 7636 §4.2), as the CLI sends it.
pub fn s256_challenge(verifier: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// A redirect URI the emulator accepts: plain HTTP to a loopback host (RFC 8252 §7.3), as the CLI registers.
fn loopback_redirect(uri: &str) -> Option<url::Url> {
    let parsed = url::Url::parse(uri).ok()?;
    let loopback = matches!(parsed.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    (parsed.scheme() == "http" && loopback).then_some(parsed)
}

/// Loopback redirect URIs match with any port: the client registers `http://127.0.0.1/oauth/callback` and then
/// listens wherever the operating system lets it (RFC 8252 §7.3).
fn redirect_matches_registration(requested: &url::Url, registered: &str) -> bool {
    let Some(registered) = loopback_redirect(registered) else {
        return false;
    };
    requested.host_str() == registered.host_str() && requested.path() == registered.path()
}

impl Store {
    pub fn new(policy: Policy) -> Self {
        Self {
            policy,
            clients: HashMap::new(),
            device_authorizations: HashMap::new(),
            device_codes_by_user_code: HashMap::new(),
            approval_requests: HashMap::new(),
            authorization_codes: HashMap::new(),
            sessions: HashMap::new(),
            next_session: 0,
            access_tokens: HashMap::new(),
            refresh_tokens: HashMap::new(),
        }
    }

    pub fn register_client(
        &mut self,
        request: &RegisterClientRequest,
        now: SystemTime,
    ) -> Result<RegisteredClient, ApiError> {
        required(&request.client_name, "clientName")?;
        let client_type = required(&request.client_type, "clientType")?;
        if client_type != "public" {
            return Err(ApiError::oidc(Oidc::InvalidClientMetadata, "Only public clients are supported"));
        }
        let grant_types = request.grant_types.clone().unwrap_or_default();
        if let Some(bad) = grant_types.iter().find(|g| !matches!(g.as_str(), "authorization_code" | "refresh_token")) {
            return Err(ApiError::oidc(Oidc::UnsupportedGrantType, format!("Unsupported grant type: {bad}")));
        }
        let redirect_uris = request.redirect_uris.clone().unwrap_or_default();
        if let Some(bad) = redirect_uris.iter().find(|uri| loopback_redirect(uri).is_none()) {
            return Err(ApiError::oidc(
                Oidc::InvalidRedirectUri,
                format!("Redirect URI must be http on a loopback address: {bad}"),
            ));
        }
        if grant_types.iter().any(|g| g == "authorization_code") {
            if redirect_uris.is_empty() {
                return Err(ApiError::oidc(Oidc::InvalidRequest, "redirectUris is required for authorization_code"));
            }
            required(&request.issuer_url, "issuerUrl")?;
        }
        let scopes = request.scopes.clone().unwrap_or_default();
        if let Some(bad) = scopes.iter().find(|s| s.is_empty() || s.contains(char::is_whitespace)) {
            return Err(ApiError::oidc(Oidc::InvalidScope, format!("Invalid scope: {bad:?}")));
        }
        let client = RegisteredClient {
            client_id: secrets::client_id(),
            client_secret: secrets::client_secret(),
            issued_at: now,
            expires_at: now + self.policy.registration_ttl,
        };
        self.clients.insert(
            client.client_id.clone(),
            Client {
                secret: client.client_secret.clone(),
                expires_at: client.expires_at,
                scopes,
                grant_types,
                redirect_uris,
            },
        );
        Ok(client)
    }

    /// The client named by `client_id`, if `secret` is its secret and its registration has not expired.
    fn authenticate_client(&self, client_id: &str, secret: &str, now: SystemTime) -> Result<&Client, ApiError> {
        match self.clients.get(client_id) {
            Some(client) if client.secret == secret && client.expires_at > now => Ok(client),
            Some(client) if client.secret == secret => {
                Err(ApiError::oidc(Oidc::InvalidClient, "Client registration has expired"))
            }
            _ => Err(ApiError::oidc(Oidc::InvalidClient, "Invalid client credentials")),
        }
    }

    pub fn start_device_authorization(
        &mut self,
        client_id: &Option<String>,
        client_secret: &Option<String>,
        start_url: &Option<String>,
        now: SystemTime,
    ) -> Result<StartedDeviceAuthorization, ApiError> {
        let client_id = required(client_id, "clientId")?;
        let secret = required(client_secret, "clientSecret")?;
        required(start_url, "startUrl")?;
        self.authenticate_client(client_id, secret, now)?;
        let device_code = secrets::device_code();
        let user_code = loop {
            let candidate = secrets::user_code();
            if !self.device_codes_by_user_code.contains_key(&candidate) {
                break candidate;
            }
        };
        self.device_codes_by_user_code.insert(user_code.clone(), device_code.clone());
        self.device_authorizations.insert(
            device_code.clone(),
            DeviceAuthorization {
                client_id: client_id.to_owned(),
                user_code: user_code.clone(),
                expires_at: now + self.policy.device_code_ttl,
                interval: self.policy.device_interval,
                last_poll: None,
                decision: Decision::Pending,
            },
        );
        Ok(StartedDeviceAuthorization {
            device_code,
            user_code,
            expires_in: self.policy.device_code_ttl,
            interval: self.policy.device_interval,
        })
    }

    /// Whether `user_code` (as typed) names a device authorization still waiting for a decision.
    pub fn pending_user_code(&self, user_code: &str, now: SystemTime) -> bool {
        let user_code = normalize_user_code(user_code);
        self.device_codes_by_user_code
            .get(&user_code)
            .and_then(|device_code| self.device_authorizations.get(device_code))
            .is_some_and(|auth| auth.decision == Decision::Pending && auth.expires_at > now)
    }

    /// Records the person's decision on the device page. Returns false when the code is unknown, expired or
    /// already decided.
    pub fn decide_device(&mut self, user_code: &str, approve: bool, now: SystemTime) -> bool {
        if !self.pending_user_code(user_code, now) {
            return false;
        }
        let device_code = &self.device_codes_by_user_code[&normalize_user_code(user_code)];
        let auth = self.device_authorizations.get_mut(device_code).expect("indexed codes exist");
        auth.decision = if approve { Decision::Approved } else { Decision::Denied };
        true
    }

    pub fn create_token(&mut self, request: &CreateTokenRequest, now: SystemTime) -> Result<IssuedToken, ApiError> {
        let client_id = required(&request.client_id, "clientId")?;
        let secret = required(&request.client_secret, "clientSecret")?;
        let grant_type = required(&request.grant_type, "grantType")?;
        let client = self.authenticate_client(client_id, secret, now)?;
        let grant = Grant::from_wire(grant_type);
        if grant == Grant::Unsupported {
            return Err(ApiError::oidc(Oidc::UnsupportedGrantType, format!("Unsupported grant type: {grant_type}")));
        }
        if !client.allows_grant(grant_type) {
            return Err(ApiError::oidc(
                Oidc::UnauthorizedClient,
                format!("The client is not registered for the grant type {grant_type}"),
            ));
        }
        let refreshable = client.gets_refresh_tokens();
        match grant {
            Grant::DeviceCode => {
                let device_code = required(&request.device_code, "deviceCode")?;
                self.redeem_device_code(client_id, device_code, now)?;
                let session = self.new_session(now);
                Ok(self.issue_token(session, client_id, refreshable, now))
            }
            Grant::RefreshToken => {
                let refresh_token = required(&request.refresh_token, "refreshToken")?;
                let session = self.redeem_refresh_token(client_id, refresh_token, now)?;
                Ok(self.issue_token(session, client_id, refreshable, now))
            }
            Grant::AuthorizationCode => {
                let code = required(&request.code, "code")?;
                let redirect_uri = required(&request.redirect_uri, "redirectUri")?;
                let verifier = required(&request.code_verifier, "codeVerifier")?;
                self.redeem_authorization_code(client_id, code, redirect_uri, verifier, now)?;
                let session = self.new_session(now);
                Ok(self.issue_token(session, client_id, refreshable, now))
            }
            Grant::Unsupported => unreachable!("refused above"),
        }
    }

    fn redeem_device_code(&mut self, client_id: &str, device_code: &str, now: SystemTime) -> Result<(), ApiError> {
        let invalid = || ApiError::oidc(Oidc::InvalidGrant, "Invalid device code provided");
        let auth = self.device_authorizations.get_mut(device_code).ok_or_else(invalid)?;
        if auth.client_id != client_id {
            return Err(invalid());
        }
        if auth.expires_at <= now {
            return Err(ApiError::oidc(Oidc::ExpiredToken, "Device code has expired"));
        }
        let too_soon = auth.last_poll.is_some_and(|last| {
            let elapsed = now.duration_since(last).unwrap_or_default();
            elapsed + POLL_TOLERANCE < auth.interval
        });
        auth.last_poll = Some(now);
        if too_soon {
            auth.interval += SLOW_DOWN_STEP;
            return Err(ApiError::oidc(Oidc::SlowDown, "Client is polling too quickly"));
        }
        match auth.decision {
            Decision::Pending => Err(ApiError::oidc(Oidc::AuthorizationPending, "Authorization is still pending")),
            Decision::Denied => {
                self.forget_device_code(device_code);
                Err(ApiError::oidc(Oidc::AccessDenied, "The user denied the authorization request"))
            }
            Decision::Approved => {
                self.forget_device_code(device_code);
                Ok(())
            }
        }
    }

    fn forget_device_code(&mut self, device_code: &str) {
        if let Some(auth) = self.device_authorizations.remove(device_code) {
            self.device_codes_by_user_code.remove(&auth.user_code);
        }
    }

    fn redeem_refresh_token(&mut self, client_id: &str, token: &str, now: SystemTime) -> Result<u64, ApiError> {
        let invalid = || ApiError::oidc(Oidc::InvalidGrant, "Invalid refresh token provided");
        let entry = self.refresh_tokens.get(token).ok_or_else(invalid)?;
        if entry.client_id != client_id {
            return Err(invalid());
        }
        let session = entry.session;
        // Rotation: a refresh token is good for one use, whatever the outcome below.
        self.refresh_tokens.remove(token);
        match self.sessions.get(&session) {
            Some(s) if s.expires_at > now => Ok(session),
            _ => Err(invalid()),
        }
    }

    fn redeem_authorization_code(
        &mut self,
        client_id: &str,
        code: &str,
        redirect_uri: &str,
        verifier: &str,
        now: SystemTime,
    ) -> Result<(), ApiError> {
        let invalid = |why: &str| ApiError::oidc(Oidc::InvalidGrant, why);
        // An authorization code is good for one attempt (RFC 6749 §4.1.2).
        let entry = self.authorization_codes.remove(code).ok_or_else(|| invalid("Invalid authorization code"))?;
        if entry.client_id != client_id {
            return Err(invalid("Invalid authorization code"));
        }
        if entry.expires_at <= now {
            return Err(ApiError::oidc(Oidc::ExpiredToken, "Authorization code has expired"));
        }
        if entry.redirect_uri != redirect_uri {
            return Err(invalid("redirectUri does not match the authorization request"));
        }
        if s256_challenge(verifier) != entry.code_challenge {
            return Err(invalid("codeVerifier does not match the code challenge"));
        }
        Ok(())
    }

    fn new_session(&mut self, now: SystemTime) -> u64 {
        self.next_session += 1;
        self.sessions.insert(self.next_session, Session { expires_at: now + self.policy.session_ttl });
        self.next_session
    }

    fn issue_token(&mut self, session: u64, client_id: &str, refreshable: bool, now: SystemTime) -> IssuedToken {
        let session_end = self.sessions[&session].expires_at;
        let expires_at = (now + self.policy.token_ttl).min(session_end);
        let access_token = secrets::access_token();
        self.access_tokens.insert(access_token.clone(), AccessToken { session, expires_at });
        let refresh_token = (refreshable && self.policy.refresh_tokens).then(|| {
            let token = secrets::refresh_token();
            self.refresh_tokens.insert(token.clone(), RefreshToken { session, client_id: client_id.to_owned() });
            token
        });
        // Whole seconds, rounded down so that a client never believes a token outlives the server's view of it,
        // but never 0 for a token that is still valid.
        let remaining = expires_at.duration_since(now).unwrap_or_default();
        let expires_in = Duration::from_secs(remaining.as_secs().max(1));
        IssuedToken { access_token, expires_in, refresh_token }
    }

    /// Checks an `/authorize` request. The outer error means the redirect URI cannot be trusted (show a page);
    /// the inner one is an OAuth error to send back to the client through its redirect URI.
    pub fn authorize(
        &mut self,
        params: &AuthorizeParams,
        now: SystemTime,
    ) -> Result<Result<AuthorizeOutcome, (&'static str, String)>, UntrustedAuthorizeRequest> {
        let untrusted = |why: &str| UntrustedAuthorizeRequest(why.to_owned());
        let client_id = params.client_id.as_deref().ok_or_else(|| untrusted("client_id is missing"))?;
        let client = match self.clients.get(client_id) {
            Some(client) if client.expires_at > now => client,
            _ => {
                return Err(untrusted("client_id is unknown or its registration has expired"));
            }
        };
        let redirect_uri = params.redirect_uri.as_deref().ok_or_else(|| untrusted("redirect_uri is missing"))?;
        let requested = loopback_redirect(redirect_uri)
            .ok_or_else(|| untrusted("redirect_uri must be http on a loopback address"))?;
        if !client.redirect_uris.iter().any(|registered| redirect_matches_registration(&requested, registered)) {
            return Err(untrusted("redirect_uri is not one the client registered"));
        }
        let check = || -> Result<(String, String), (&'static str, String)> {
            let bad = |why: &str| ("invalid_request", why.to_owned());
            if params.response_type.as_deref() != Some("code") {
                return Err(("unsupported_response_type", "response_type must be code".to_owned()));
            }
            if !client.allows_grant(GRANT_AUTHORIZATION_CODE) {
                return Err(("unauthorized_client", "the client is not registered for authorization_code".into()));
            }
            let state = params.state.clone().filter(|s| !s.is_empty()).ok_or_else(|| bad("state is missing"))?;
            if params.code_challenge_method.as_deref() != Some("S256") {
                return Err(bad("code_challenge_method must be S256"));
            }
            let challenge = params.code_challenge.clone().unwrap_or_default();
            let is_base64url = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
            if challenge.len() != 43 || !challenge.chars().all(is_base64url) {
                return Err(bad("code_challenge must be 43 characters of unpadded base64url"));
            }
            let scopes = params.scopes.as_deref().unwrap_or_default();
            if let Some(unregistered) = scopes.split_whitespace().find(|s| !client.scopes.iter().any(|c| c == s)) {
                return Err(("invalid_scope", format!("scope {unregistered} was not registered by the client")));
            }
            Ok((state, challenge))
        };
        let (state, code_challenge) = match check() {
            Ok(checked) => checked,
            Err(oauth_error) => return Ok(Err(oauth_error)),
        };
        let request = ApprovalRequest {
            client_id: client_id.to_owned(),
            redirect_uri: redirect_uri.to_owned(),
            state,
            code_challenge,
            expires_at: now + APPROVAL_REQUEST_TTL,
        };
        if self.policy.auto_approve {
            return Ok(Ok(AuthorizeOutcome::Approved { code: self.issue_authorization_code(&request, now) }));
        }
        let request_id = secrets::approval_request_id();
        self.approval_requests.insert(request_id.clone(), request);
        Ok(Ok(AuthorizeOutcome::AwaitingApproval { request_id }))
    }

    /// The person's answer on the approval page: the request, and the code when approved.
    pub fn decide_authorization(
        &mut self,
        request_id: &str,
        approve: bool,
        now: SystemTime,
    ) -> Option<(ApprovalRequest, Option<String>)> {
        let request = self.approval_requests.remove(request_id).filter(|r| r.expires_at > now)?;
        let code = approve.then(|| self.issue_authorization_code(&request, now));
        Some((request, code))
    }

    fn issue_authorization_code(&mut self, request: &ApprovalRequest, now: SystemTime) -> String {
        let code = secrets::authorization_code();
        self.authorization_codes.insert(
            code.clone(),
            AuthorizationCode {
                client_id: request.client_id.clone(),
                redirect_uri: request.redirect_uri.clone(),
                code_challenge: request.code_challenge.clone(),
                expires_at: now + AUTHORIZATION_CODE_TTL,
            },
        );
        code
    }

    /// The portal's check of `x-amz-sso_bearer_token`.
    pub fn authenticate_bearer(&self, token: Option<&str>, now: SystemTime) -> Result<(), ApiError> {
        let valid = token
            .and_then(|t| self.access_tokens.get(t))
            .is_some_and(|t| t.expires_at > now && self.sessions.contains_key(&t.session));
        if valid { Ok(()) } else { Err(ApiError::portal(Portal::Unauthorized, "Session token not found or invalid")) }
    }

    /// `/logout`: ends the session of this access token, with every token issued in it.
    pub fn logout(&mut self, token: Option<&str>, now: SystemTime) -> Result<(), ApiError> {
        self.authenticate_bearer(token, now)?;
        let session = self.access_tokens[token.expect("authenticated")].session;
        self.sessions.remove(&session);
        self.access_tokens.retain(|_, t| t.session != session);
        self.refresh_tokens.retain(|_, t| t.session != session);
        Ok(())
    }

    /// `/_emulator/expire-tokens`: every access token issued so far is now expired (refresh tokens still work).
    pub fn expire_access_tokens(&mut self, now: SystemTime) {
        for token in self.access_tokens.values_mut() {
            token.expires_at = token.expires_at.min(now);
        }
    }

    /// Drops every entry whose time has passed.
    pub fn sweep(&mut self, now: SystemTime) {
        self.clients.retain(|_, c| c.expires_at > now);
        self.device_authorizations.retain(|_, a| a.expires_at + EXPIRED_GRACE > now);
        let live_devices = &self.device_authorizations;
        self.device_codes_by_user_code.retain(|_, device_code| live_devices.contains_key(device_code));
        self.authorization_codes.retain(|_, c| c.expires_at + EXPIRED_GRACE > now);
        self.approval_requests.retain(|_, r| r.expires_at > now);
        self.sessions.retain(|_, s| s.expires_at > now);
        let sessions = &self.sessions;
        self.access_tokens.retain(|_, t| t.expires_at > now && sessions.contains_key(&t.session));
        self.refresh_tokens.retain(|_, t| sessions.contains_key(&t.session));
    }

    /// The secrets of every live entry (see `Emulator::live_secrets`).
    pub fn live_secrets(&self) -> Vec<String> {
        let clients = self.clients.values().map(|c| c.secret.clone());
        let codes = self.device_authorizations.keys().chain(self.authorization_codes.keys()).cloned();
        let tokens = self.access_tokens.keys().chain(self.refresh_tokens.keys()).cloned();
        clients.chain(codes).chain(tokens).collect()
    }

    pub fn live_counts(&self) -> LiveCounts {
        LiveCounts {
            clients: self.clients.len(),
            device_authorizations: self.device_authorizations.len(),
            authorization_codes: self.authorization_codes.len(),
            approval_requests: self.approval_requests.len(),
            sessions: self.sessions.len(),
            access_tokens: self.access_tokens.len(),
            refresh_tokens: self.refresh_tokens.len(),
        }
    }
}
