//! A local IAM Identity Center: the OIDC API, the portal API and the two browser pages, on loopback.
//!
//! No public mock implements these APIs (sso-protocol.md §7), so every test of ssoenv, `ssoenv emulator` and
//! `ssoenv demo` run against this one. It answers with the service's exact wire format (paths, field names,
//! units, error shapes), checked against botocore's own clients by `tests/botocore_conformance.rs`.

mod directory;
mod error;
mod faults;
mod federation;
mod oidc;
mod pages;
mod portal;
mod secrets;
mod stats;
mod store;

use std::io;
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Serialize;
use tokio::sync::watch;

pub use directory::MAX_ACCOUNTS;
pub use faults::FaultConfig;
pub use store::s256_challenge;

use error::{ApiError, PortalErrorKind};
use faults::Faults;
use stats::{Operation, Stats};
use store::{Policy, Store};

/// Everything `ssoenv emulator` can be told; [`Default`] is what it does with no flags.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    pub listen: SocketAddr,
    pub accounts: u64,
    pub roles: Vec<String>,
    pub token_ttl: Duration,
    /// How long a login lasts: refresh tokens work until then, and no access token outlives it.
    pub session_ttl: Duration,
    pub credentials_ttl: Duration,
    pub registration_ttl: Duration,
    pub device_code_ttl: Duration,
    pub device_interval: Duration,
    pub refresh_tokens: bool,
    pub auto_approve: bool,
    pub secret_access_key: Option<String>,
    pub faults: FaultConfig,
    /// One line on stderr per request (method, path, status, error shape; never a secret).
    pub log_requests: bool,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            accounts: 3,
            roles: vec!["ReadOnly".to_owned(), "FullAccess".to_owned()],
            token_ttl: Duration::from_secs(3600),
            session_ttl: Duration::from_secs(8 * 3600),
            credentials_ttl: Duration::from_secs(3600),
            registration_ttl: Duration::from_secs(90 * 24 * 3600),
            device_code_ttl: Duration::from_secs(600),
            device_interval: Duration::from_secs(1),
            refresh_tokens: true,
            auto_approve: false,
            secret_access_key: None,
            faults: FaultConfig::default(),
            log_requests: false,
        }
    }
}

/// What the handlers share.
struct App {
    base_url: String,
    store: Mutex<Store>,
    federation: Mutex<federation::Federation>,
    stats: Stats,
    faults: Faults,
    directory: directory::Directory,
    credentials_ttl: Duration,
    secret_access_key: Option<String>,
    auto_approve: bool,
}

impl App {
    fn store(&self) -> MutexGuard<'_, Store> {
        // Store methods validate before they mutate, so a panic in one cannot leave it inconsistent.
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn federation(&self) -> MutexGuard<'_, federation::Federation> {
        self.federation.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Counts the call, then applies the configured faults.
    async fn admit(&self, operation: Operation) -> Result<(), ApiError> {
        self.stats.count(operation);
        self.faults.admit(operation, &self.stats).await
    }
}

/// A query string's parameters; a repeated name keeps its last value.
fn query_params(query: Option<String>) -> std::collections::HashMap<String, String> {
    url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect()
}

fn json_body(value: &impl Serialize) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(e) => ApiError::portal(PortalErrorKind::InternalFailure, format!("Could not encode the answer: {e}"))
            .into_response(),
    }
}

async fn stats(State(app): State<Arc<App>>) -> Response {
    let live = app.store().live_counts();
    json_body(&app.stats.report(live))
}

async fn expire_tokens(State(app): State<Arc<App>>) -> Response {
    app.store().expire_access_tokens(SystemTime::now());
    json_body(&serde_json::json!({ "expired": true }))
}

async fn unknown_path() -> ApiError {
    ApiError::portal(PortalErrorKind::ResourceNotFound, "No such operation on the ssoenv emulator")
}

/// Logs one line per request, naming the error shape of a failed one; the path is logged without its query,
/// which may carry codes.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let error_type = response
        .headers()
        .get("x-amzn-ErrorType")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(':').next())
        .map(|shape| format!(" {shape}"))
        .unwrap_or_default();
    eprintln!(
        "{} {method} {path} {}{error_type}",
        humantime::format_rfc3339_seconds(SystemTime::now()),
        response.status().as_u16()
    );
    response
}

fn router(app: Arc<App>, log_requests: bool) -> Router {
    let routes = Router::new()
        .route("/client/register", post(oidc::register_client))
        .route("/device_authorization", post(oidc::start_device_authorization))
        .route("/token", post(oidc::create_token))
        .route("/authorize", get(pages::authorize).post(pages::authorize_decision))
        .route("/device", get(pages::device).post(pages::device_decision))
        .route("/federation/credentials", get(portal::get_role_credentials))
        .route("/federation", get(federation::federation))
        .route("/assignment/accounts", get(portal::list_accounts))
        .route("/assignment/roles", get(portal::list_account_roles))
        .route("/logout", post(portal::logout))
        .route("/_emulator/stats", get(stats))
        .route("/_emulator/expire-tokens", post(expire_tokens))
        .fallback(unknown_path);
    let routes = if log_requests { routes.layer(middleware::from_fn(log_request)) } else { routes };
    routes.with_state(app)
}

/// Why the emulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("the emulator serves on loopback only, and {0} is not a loopback address (try 127.0.0.1:{port})", port = .0.port())]
    NotLoopback(SocketAddr),
    #[error("--accounts must be from 0 to {MAX_ACCOUNTS}, not {0}")]
    TooManyAccounts(u64),
    #[error("--roles needs at least one role name")]
    NoRoles,
    #[error("--fail-rate is a probability from 0 to 1, not {0}")]
    FailRate(f64),
    #[error("--throttle must be a positive number of requests per second, not {0}")]
    Throttle(f64),
    #[error("{0} must be at least one second")]
    TooShort(&'static str),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: io::Error },
    #[error("cannot start the emulator's runtime: {0}")]
    Runtime(io::Error),
}

impl EmulatorConfig {
    fn validate(&self) -> Result<(), StartError> {
        if !self.listen.ip().is_loopback() {
            return Err(StartError::NotLoopback(self.listen));
        }
        if self.accounts > MAX_ACCOUNTS {
            return Err(StartError::TooManyAccounts(self.accounts));
        }
        if self.roles.is_empty() {
            return Err(StartError::NoRoles);
        }
        if !(0.0..=1.0).contains(&self.faults.fail_rate) {
            return Err(StartError::FailRate(self.faults.fail_rate));
        }
        if let Some(rps) = self.faults.throttle_rps
            && !(rps.is_finite() && rps > 0.0)
        {
            return Err(StartError::Throttle(rps));
        }
        // Every lifetime goes on the wire in whole seconds.
        for (flag, ttl) in [
            ("--token-ttl", self.token_ttl),
            ("--session-ttl", self.session_ttl),
            ("--credentials-ttl", self.credentials_ttl),
            ("--registration-ttl", self.registration_ttl),
            ("--device-code-ttl", self.device_code_ttl),
        ] {
            if ttl < Duration::from_secs(1) {
                return Err(StartError::TooShort(flag));
            }
        }
        Ok(())
    }
}

/// Resolves once the emulator has been told to stop.
async fn stopped(mut stop: watch::Receiver<bool>) {
    // An error means the sender is gone, which is a stop too.
    let _ = stop.wait_for(|stopping| *stopping).await;
}

/// A running emulator. It serves on its own thread until dropped.
pub struct Emulator {
    base_url: String,
    app: Arc<App>,
    shutdown: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

/// How often expired entries are dropped from the store.
const SWEEP_INTERVAL: Duration = Duration::from_secs(1);
/// How long a stopping emulator waits for requests in flight.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

impl Emulator {
    /// Binds the listener (so the port is known and a bind error is reported here) and starts serving.
    pub fn start(config: EmulatorConfig) -> Result<Self, StartError> {
        config.validate()?;
        let listener =
            TcpListener::bind(config.listen).map_err(|source| StartError::Bind { addr: config.listen, source })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind { addr: config.listen, source })?;
        listener.set_nonblocking(true).map_err(|source| StartError::Bind { addr, source })?;
        let base_url = format!("http://{addr}");
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("ssoenv-emulator")
            .enable_all()
            .build()
            .map_err(StartError::Runtime)?;
        let app = Arc::new(App {
            base_url: base_url.clone(),
            store: Mutex::new(Store::new(Policy {
                token_ttl: config.token_ttl,
                session_ttl: config.session_ttl,
                registration_ttl: config.registration_ttl,
                device_code_ttl: config.device_code_ttl,
                device_interval: config.device_interval,
                refresh_tokens: config.refresh_tokens,
                auto_approve: config.auto_approve,
            })),
            federation: Mutex::default(),
            stats: Stats::default(),
            faults: Faults::new(config.faults.clone()),
            directory: directory::Directory::new(config.accounts, config.roles.clone()),
            credentials_ttl: config.credentials_ttl,
            secret_access_key: config.secret_access_key.clone(),
            auto_approve: config.auto_approve,
        });
        let (shutdown, stop) = watch::channel(false);
        let router = router(app.clone(), config.log_requests);
        let served = app.clone();
        let thread = std::thread::Builder::new()
            .name("ssoenv-emulator".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let sweeper = tokio::spawn(async move {
                        let mut ticks = tokio::time::interval(SWEEP_INTERVAL);
                        loop {
                            ticks.tick().await;
                            app.store().sweep(SystemTime::now());
                            app.federation().sweep(SystemTime::now());
                        }
                    });
                    let server = axum::serve(listener, router).with_graceful_shutdown(stopped(stop.clone()));
                    // Graceful shutdown waits for every connection to close; a client that keeps one open must
                    // not keep the emulator alive past the grace period.
                    let deadline = async {
                        stopped(stop).await;
                        tokio::time::sleep(SHUTDOWN_GRACE).await;
                    };
                    tokio::select! {
                        result = server => if let Err(e) = result {
                            eprintln!("ssoenv: the emulator stopped: {e}");
                        },
                        () = deadline => {}
                    }
                    sweeper.abort();
                });
                runtime.shutdown_timeout(SHUTDOWN_GRACE);
            })
            .map_err(StartError::Runtime)?;
        Ok(Self { base_url, app: served, shutdown, thread: Some(thread) })
    }

    /// `http://127.0.0.1:PORT`, where both APIs and the pages are served.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Every secret it has handed out that is still live: client secrets, device and authorization codes,
    /// access and refresh tokens, secret keys, session tokens and sign-in tokens. For test harnesses, which
    /// check that none of them ever reaches ssoenv's stderr; it is not served over HTTP.
    pub fn live_secrets(&self) -> Vec<String> {
        let mut secrets = self.app.store().live_secrets();
        secrets.extend(self.app.federation().live_secrets());
        secrets
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.shutdown.send_replace(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The ID of the first account the emulator lists, for examples; `None` when it lists none.
pub fn first_account_id(config: &EmulatorConfig) -> Option<String> {
    directory::Directory::new(config.accounts, Vec::new()).account(0).map(|account| account.id)
}
