//! The sign-in service's federation endpoint, for `ssoenv console`: `getSigninToken` trades role credentials
//! that the portal issued for a sign-in token, and `login` shows which role and account the token signs in
//! to (where the real service would redirect to the console).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use html_escape::encode_text as text;

use super::stats::Operation;
use super::{App, json_body, query_params, secrets};

/// How long a sign-in token can be used, as the service documents.
const SIGNIN_TOKEN_TTL: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Clone)]
struct RoleSession {
    secret_access_key: String,
    session_token: String,
    account_id: String,
    role_name: String,
    expires_at: SystemTime,
}

#[derive(Debug, Clone)]
struct SigninGrant {
    account_id: String,
    role_name: String,
    expires_at: SystemTime,
}

/// Role credentials the portal issued (by access key ID), and the sign-in tokens made from them.
#[derive(Debug, Default)]
pub struct Federation {
    role_sessions: HashMap<String, RoleSession>,
    signin_tokens: HashMap<String, SigninGrant>,
}

impl Federation {
    pub fn remember_role_credentials(
        &mut self,
        access_key_id: &str,
        secret_access_key: &str,
        session_token: &str,
        account_id: &str,
        role_name: &str,
        expires_at: SystemTime,
    ) {
        self.role_sessions.insert(
            access_key_id.to_owned(),
            RoleSession {
                secret_access_key: secret_access_key.to_owned(),
                session_token: session_token.to_owned(),
                account_id: account_id.to_owned(),
                role_name: role_name.to_owned(),
                expires_at,
            },
        );
    }

    /// A sign-in token for the `Session` JSON, when it holds live credentials that the portal issued.
    fn signin_token(&mut self, session_json: &str, now: SystemTime) -> Option<String> {
        let session: serde_json::Value = serde_json::from_str(session_json).ok()?;
        let field = |key: &str| session.get(key).and_then(serde_json::Value::as_str);
        let issued = self.role_sessions.get(field("sessionId")?)?;
        let matches = field("sessionKey") == Some(&issued.secret_access_key)
            && field("sessionToken") == Some(&issued.session_token)
            && issued.expires_at > now;
        if !matches {
            return None;
        }
        let token = secrets::signin_token();
        let grant = SigninGrant {
            account_id: issued.account_id.clone(),
            role_name: issued.role_name.clone(),
            expires_at: now + SIGNIN_TOKEN_TTL,
        };
        self.signin_tokens.insert(token.clone(), grant);
        Some(token)
    }

    /// The secret keys, session tokens and sign-in tokens it holds (see `Emulator::live_secrets`).
    pub fn live_secrets(&self) -> Vec<String> {
        let sessions = self.role_sessions.values().flat_map(|s| [s.secret_access_key.clone(), s.session_token.clone()]);
        sessions.chain(self.signin_tokens.keys().cloned()).collect()
    }

    pub fn sweep(&mut self, now: SystemTime) {
        self.role_sessions.retain(|_, s| s.expires_at > now);
        self.signin_tokens.retain(|_, g| g.expires_at > now);
    }
}

fn plain(status: StatusCode, message: &str) -> Response {
    (status, message.to_owned()).into_response()
}

/// `GET /federation?Action=getSigninToken&Session=...` and `GET /federation?Action=login&...`.
pub async fn federation(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    let params = query_params(query);
    let now = SystemTime::now();
    match params.get("Action").map(String::as_str) {
        Some("getSigninToken") => {
            app.stats.count(Operation::GetSigninToken);
            let Some(session) = params.get("Session") else {
                return plain(StatusCode::BAD_REQUEST, "Session is required");
            };
            match app.federation().signin_token(session, now) {
                Some(token) => json_body(&serde_json::json!({ "SigninToken": token })),
                None => plain(StatusCode::BAD_REQUEST, "Invalid or expired session credentials"),
            }
        }
        Some("login") => {
            app.stats.count(Operation::ConsoleLogin);
            let grant = params.get("SigninToken").and_then(|token| app.federation().signin_tokens.remove(token));
            let Some(grant) = grant.filter(|g| g.expires_at > now) else {
                return plain(StatusCode::BAD_REQUEST, "Invalid or expired sign-in token");
            };
            let destination = params.get("Destination").map(String::as_str).unwrap_or_default();
            let issuer = params.get("Issuer").map(String::as_str).unwrap_or_default();
            Html(format!(
                "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Console · ssoenv emulator\
                 </title></head>\n<body><h1>Signed in to the console</h1>\n<p>Role <code>{}</code> in account \
                 <code>{}</code>, going to <code>{}</code> (issuer <code>{}</code>).</p></body></html>\n",
                text(&grant.role_name),
                text(&grant.account_id),
                text(destination),
                text(issuer),
            ))
            .into_response()
        }
        _ => plain(StatusCode::BAD_REQUEST, "Action must be getSigninToken or login"),
    }
}
