//! The authorization code flow with PKCE (sso-protocol.md §2): a one-shot listener on 127.0.0.1, the authorize
//! URL exactly as the AWS CLI builds it, the browser, the callback with the right `state`, the code exchange.

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use base64::Engine;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use rand::RngExt;
use sha2::{Digest, Sha256};
use tokio::sync::oneshot;

use super::LoginError;
use super::ui::{self, Presentation, Waiting};
use crate::cache::registration::Registration;
use crate::env::Env;
use crate::secret::Secret;
use crate::sso::oidc::{Grant, OidcClient, Token};

/// The CLI's `_OVERALL_TIMEOUT`.
const CALLBACK_TIMEOUT: Duration = Duration::from_secs(600);
pub const CALLBACK_PATH: &str = "/oauth/callback";
/// botocore's `percent_encode_sequence`: only `-._~` stay as they are.
const BOTOCORE_ENCODE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
const VERIFIER_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

/// The verifier, its S256 challenge (base64url without padding) and the state, as `SSOTokenFetcherAuth` makes them.
pub struct PkcePair {
    pub verifier: Secret,
    pub challenge: String,
    pub state: String,
}

impl PkcePair {
    pub fn generate() -> Self {
        let mut rng = rand::rng();
        let verifier: String =
            (0..64).map(|_| char::from(VERIFIER_ALPHABET[rng.random_range(0..VERIFIER_ALPHABET.len())])).collect();
        let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        Self { verifier: Secret::new(verifier), challenge, state: uuid::Uuid::new_v4().to_string() }
    }
}

fn encode(value: &str) -> String {
    utf8_percent_encode(value, BOTOCORE_ENCODE).to_string()
}

/// `{base}/authorize?...` with the parameters in the CLI's order; `base` is the OIDC endpoint's scheme and host.
pub fn authorize_url(
    oidc_base: &str,
    client_id: &str,
    redirect_uri: &str,
    pair: &PkcePair,
    scopes: &[String],
) -> String {
    let base =
        url::Url::parse(oidc_base).map(|u| u.origin().ascii_serialization()).unwrap_or_else(|_| oidc_base.to_owned());
    format!(
        "{base}/authorize?response_type=code&client_id={}&redirect_uri={}&state={}&code_challenge_method=S256&scopes={}&code_challenge={}",
        encode(client_id),
        encode(redirect_uri),
        encode(&pair.state),
        encode(&scopes.join(" ")),
        pair.challenge
    )
}

/// What the listener heard.
type Callback = Result<Secret, LoginError>;

struct Listener {
    expected_state: String,
    result: Mutex<Option<oneshot::Sender<Callback>>>,
}

fn page(status: StatusCode, title: &str, text: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto\"><h1>{title}</h1><p>{text}</p></body></html>"
    );
    (status, Html(html)).into_response()
}

/// Every request reaches here. Only `/oauth/callback` with the expected state ends the wait; anything else (a
/// favicon, a stray or forged request) gets an answer and is otherwise ignored.
async fn callback(State(listener): State<Arc<Listener>>, uri: Uri, RawQuery(query): RawQuery) -> Response {
    if uri.path() != CALLBACK_PATH {
        return page(StatusCode::NOT_FOUND, "Not found", "This is ssoenv's sign-in callback; nothing else is here.");
    }
    let params: HashMap<String, String> =
        url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect();
    if params.get("state") != Some(&listener.expected_state) {
        return page(
            StatusCode::BAD_REQUEST,
            "Unexpected sign-in",
            "This callback is not for the login ssoenv is waiting for.",
        );
    }
    let outcome = match (params.get("code"), params.get("error")) {
        (_, Some(error)) => Err(LoginError::AuthorizationFailed(error.clone())),
        (Some(code), None) => Ok(Secret::new(code.clone())),
        (None, None) => {
            return page(
                StatusCode::BAD_REQUEST,
                "Incomplete sign-in",
                "The callback carried neither a code nor an error.",
            );
        }
    };
    let succeeded = outcome.is_ok();
    if let Some(sender) = listener.result.lock().unwrap_or_else(|p| p.into_inner()).take() {
        let _ = sender.send(outcome);
    }
    if succeeded {
        page(StatusCode::OK, "Signed in", "ssoenv has your sign-in. You can close this tab and return to the terminal.")
    } else {
        page(StatusCode::OK, "Sign-in failed", "The sign-in was not completed. See the terminal for what to do.")
    }
}

/// Binds the callback listener on 127.0.0.1 (never all interfaces, unlike the CLI) at a free port.
pub fn bind() -> std::io::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

pub fn run(
    oidc: &OidcClient<'_>,
    registration: &Registration,
    scopes: &[String],
    listener: std::net::TcpListener,
    env: &Env,
    presentation: Presentation,
) -> Result<Token, LoginError> {
    let port = listener.local_addr().map_err(LoginError::Listener)?.port();
    let redirect_uri = format!("http://127.0.0.1:{port}{CALLBACK_PATH}");
    let pair = PkcePair::generate();
    let url = authorize_url(oidc.base_url(), &registration.client_id, &redirect_uri, &pair, scopes);

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(LoginError::Listener)?;
    let (sender, receiver) = oneshot::channel();
    let state = Arc::new(Listener { expected_state: pair.state.clone(), result: Mutex::new(Some(sender)) });
    let router = Router::new().fallback(callback).with_state(state);
    let listener =
        runtime.block_on(async { tokio::net::TcpListener::from_std(listener) }).map_err(LoginError::Listener)?;
    runtime.spawn(async move { axum::serve(listener, router).await });

    ui::say(&ui::pkce_prompt(presentation, &url));
    if presentation.qr
        && let Some(code) = ui::qr_code(&url)
    {
        ui::say(&format!("Or scan this with a phone on the same machine's network:\n{code}\n"));
    }
    if !presentation.no_browser
        && let Err(why) = super::browser::open(env, &url)
    {
        ui::say(&format!("Could not open a browser ({why}); open the URL above yourself.\n"));
    }

    let waiting = Waiting::start("Waiting for the sign-in in the browser", Instant::now() + CALLBACK_TIMEOUT);
    let heard = runtime.block_on(async { tokio::time::timeout(CALLBACK_TIMEOUT, receiver).await });
    drop(waiting);
    // Dropping the runtime stops the listener: it accepts one callback, not a session's worth.
    drop(runtime);
    let code = match heard {
        Ok(Ok(outcome)) => outcome?,
        Ok(Err(_)) | Err(_) => return Err(LoginError::TimedOut(CALLBACK_TIMEOUT)),
    };
    oidc.create_token(
        &registration.client_id,
        &registration.client_secret,
        Grant::AuthorizationCode { code: &code, redirect_uri: &redirect_uri, code_verifier: &pair.verifier },
    )
    .map_err(|error| match error.code() {
        Some("ExpiredTokenException") => LoginError::AuthorizationExpired,
        _ => LoginError::Api(error),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pair_is_shaped_like_botocore_s() {
        let pair = PkcePair::generate();
        assert_eq!(pair.verifier.expose().len(), 64);
        assert!(pair.verifier.expose().bytes().all(|b| VERIFIER_ALPHABET.contains(&b)));
        assert_eq!(pair.challenge.len(), 43);
        assert_eq!(crate::emulator::s256_challenge(pair.verifier.expose()), pair.challenge);
        assert_eq!(pair.state.len(), 36);
        assert_eq!(pair.state, pair.state.to_lowercase());
    }

    #[test]
    fn authorize_url_matches_the_cli_s_prefix() {
        let pair = PkcePair {
            verifier: Secret::new("v"),
            challenge: "C".repeat(43),
            state: "00000000-0000-0000-0000-000000000000".into(),
        };
        let url = authorize_url(
            "https://oidc.us-east-1.amazonaws.com/ignored/prefix",
            "auth-client-id",
            "http://127.0.0.1:55555/oauth/callback",
            &pair,
            &["sso:account:access".to_owned()],
        );
        // The prefix the aws-cli functional test pins (sso-protocol.md §2.3).
        assert!(url.starts_with("https://oidc.us-east-1.amazonaws.com/authorize?response_type=code&client_id=auth-client-id&redirect_uri=http%3A%2F%2F127.0.0.1%3A55555%2Foauth%2Fcallback&state=00000000-0000-0000-0000-000000000000&code_challenge_method=S256&scopes="), "{url}");
        assert!(url.ends_with(&format!("&scopes=sso%3Aaccount%3Aaccess&code_challenge={}", "C".repeat(43))));
        let spaced = authorize_url("http://127.0.0.1:9", "c", "r", &pair, &["a".into(), "b~c".into()]);
        assert!(spaced.contains("&scopes=a%20b~c&"), "{spaced}");
    }
}
