//! Getting a valid SSO token: from the shared cache, by a refresh, or by a login (device code or PKCE), under a
//! lock so that many processes that need the same login make one.

pub mod browser;
pub mod device;
pub mod flow;
pub mod pkce;
pub mod role;
pub mod ui;

use std::cell::OnceCell;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::cache::lock::{self, LockError};
use crate::cache::registration::Registration;
use crate::cache::token::SsoToken;
use crate::cache::{CachePaths, timestamp};
use crate::config::edit::{ConfigEditor, EditError, SectionRef};
use crate::config::sso::LoginTarget;
use crate::config::{Config, ConfigError};
use crate::env::Env;
use crate::secret::Secret;
use crate::sso::endpoint::{EndpointContext, EndpointError, Service};
use crate::sso::error::ApiError;
use crate::sso::http::{Http, HttpError};
use crate::sso::oidc::{self, OidcClient, RegisterClientRequest};
use crate::sso::portal::PortalClient;
use crate::sso::resolve::{self, ResolveError};
use flow::{Flow, FlowRequest, PkceNeedsSession};
use ui::Presentation;

/// botocore refreshes an sso-session token when less than this is left (`_REFRESH_WINDOW`).
pub const REFRESH_WINDOW: Duration = Duration::from_secs(15 * 60);
/// How long a process waits for another one that holds the login lock: a person may take ten minutes to approve.
const LOCK_PATIENCE: Duration = Duration::from_secs(15 * 60);
const DEFAULT_SCOPE: &str = "sso:account:access";
/// The redirect URI the CLI registers: no port (the port is chosen at login).
const REGISTERED_REDIRECT_URI: &str = "http://127.0.0.1/oauth/callback";

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Endpoint(#[from] EndpointError),
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error(transparent)]
    Api(ApiError),
    #[error(transparent)]
    PkceNeedsSession(#[from] PkceNeedsSession),
    #[error(transparent)]
    Resolve(#[from] ResolveError),
    #[error(
        "The pending authorization to retrieve an SSO token has expired. The login flow to retrieve an SSO token \
         must be restarted."
    )]
    AuthorizationExpired,
    #[error("the login was denied in the browser (AccessDeniedException); run the login again and allow it")]
    Denied,
    #[error("Error loading authorization code: Failed to retrieve an authorization code. (the browser reported {0:?})")]
    AuthorizationFailed(String),
    #[error("gave up waiting for the login after {}; run the command again", humantime::format_duration(*.0))]
    TimedOut(Duration),
    #[error(
        "Unable to initialize the OAuth 2.0 authorization callback handler: {0}\nYou may use --use-device-code to \
         fall back to the device code flow which does not require the callback handler."
    )]
    Listener(std::io::Error),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("cannot write {}: {source}", path.display())]
    CacheWrite { path: std::path::PathBuf, source: std::io::Error },
    #[error(
        "the SSO session for {target} has expired or was never started, and this command may not log in. Run: {command}"
    )]
    NeedsLogin { target: String, command: String },
}

/// How `ensure_token` may get a token.
#[derive(Debug, Clone, Default)]
pub struct LoginOptions {
    /// Log in even when the cached token is valid.
    pub force: bool,
    pub flow: FlowRequest,
    pub presentation: Presentation,
    /// Whether a login may start when the token cannot be had otherwise.
    pub may_login: bool,
    /// The command that logs in, for the error when `may_login` is false.
    pub login_command: String,
    /// An access token the service refused (UnauthorizedException): a cached token with this value is not good
    /// as it is, whatever its expiry says.
    pub rejected_token: Option<Secret>,
}

/// Where a returned token came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    Cache,
    Refreshed,
    LoggedIn,
}

/// Everything a login needs: the environment, the config, the cache folders, and (made on first use) the
/// HTTP client.
pub struct Auth<'a> {
    env: &'a Env,
    config: &'a Config,
    paths: CachePaths,
    /// The profile in use: its settings can carry endpoint overrides, and a legacy profile's `sso_region` is
    /// rewritten there when its start URL turns out to be served from another region.
    profile: Option<&'a str>,
    http: OnceCell<Http>,
}

fn now() -> SystemTime {
    SystemTime::now()
}

/// Whether a token is fine to use as it is: unexpired, and either outside the refresh window or not refreshable.
fn good_as_is(token: &SsoToken, target: &LoginTarget, at: SystemTime) -> bool {
    let due_for_refresh = in_refresh_window(token, at) && refreshable(token, target, at);
    !token.is_expired(at) && !due_for_refresh
}

fn in_refresh_window(token: &SsoToken, at: SystemTime) -> bool {
    token.expires_at.duration_since(at).map_or(true, |left| left < REFRESH_WINDOW)
}

/// Legacy logins never refresh (sso-protocol.md §4.6).
fn refreshable(token: &SsoToken, target: &LoginTarget, at: SystemTime) -> bool {
    matches!(target, LoginTarget::Session(_)) && token.is_refreshable(at)
}

impl<'a> Auth<'a> {
    pub fn new(env: &'a Env, config: &'a Config, profile: Option<&'a str>) -> anyhow::Result<Self> {
        Ok(Self { env, config, paths: CachePaths::from_env(env)?, profile, http: OnceCell::new() })
    }

    pub fn paths(&self) -> &CachePaths {
        &self.paths
    }

    pub fn http(&self) -> Result<&Http, HttpError> {
        if let Some(http) = self.http.get() {
            return Ok(http);
        }
        let http = Http::new(self.env)?;
        Ok(self.http.get_or_init(|| http))
    }

    pub fn endpoint(&self, service: Service, region: &str) -> Result<String, EndpointError> {
        let profile = self.profile.and_then(|name| self.config.profile(name));
        EndpointContext { env: self.env, config: self.config, profile }.resolve(service, region)
    }

    /// A valid token for `target`: cached, refreshed, or (when allowed) from a new login.
    pub fn ensure_token(
        &self,
        target: &LoginTarget,
        options: &LoginOptions,
    ) -> Result<(SsoToken, TokenSource), LoginError> {
        let path = self.paths.token(target);
        let usable = |token: &SsoToken| {
            good_as_is(token, target, now()) && options.rejected_token.as_ref() != Some(&token.access_token)
        };
        if !options.force
            && let Some(token) = SsoToken::read(&path)
            && usable(&token)
        {
            return Ok((token, TokenSource::Cache));
        }
        let _lock = lock::acquire(&self.paths.token_lock(target), LOCK_PATIENCE, || {
            ui::say(&format!("Waiting for another ssoenv process that is logging in to {}…\n", target.describe()));
        })?;
        // Whoever held the lock may have done the work already.
        if !options.force
            && let Some(token) = SsoToken::read(&path)
        {
            if usable(&token) {
                return Ok((token, TokenSource::Cache));
            }
            let rejected = options.rejected_token.as_ref() == Some(&token.access_token);
            if refreshable(&token, target, now()) {
                match self.refresh(target, &token) {
                    Ok(fresh) => {
                        fresh.write(&path).map_err(|source| LoginError::CacheWrite { path: path.clone(), source })?;
                        return Ok((fresh, TokenSource::Refreshed));
                    }
                    // A failed refresh keeps the old token while it lasts (botocore does the same).
                    Err(error) if !token.is_expired(now()) && !rejected => {
                        log::debug!("refresh failed, keeping the valid token: {error}");
                        return Ok((token, TokenSource::Cache));
                    }
                    Err(error) => log::debug!("refresh failed: {error}"),
                }
            }
        }
        if !options.may_login {
            return Err(LoginError::NeedsLogin { target: target.describe(), command: options.login_command.clone() });
        }
        let token = self.login(target, options)?;
        token.write(&path).map_err(|source| LoginError::CacheWrite { path: path.clone(), source })?;
        // As the AWS CLI, only once the login worked.
        if let Some(region) = token.region.as_deref().filter(|region| *region != target.region()) {
            self.update_sso_region(target, region);
        }
        ui::say(&format!("Successfully logged into Start URL: {}\n", target.start_url()));
        Ok((token, TokenSource::LoggedIn))
    }

    /// One CreateToken with the refresh token; the new token is written as botocore writes it, keeping the
    /// registration fields and taking the refresh token only if the answer has one.
    fn refresh(&self, target: &LoginTarget, token: &SsoToken) -> Result<SsoToken, LoginError> {
        let (Some(client_id), Some(client_secret), Some(refresh_token)) =
            (&token.client_id, &token.client_secret, &token.refresh_token)
        else {
            return Err(LoginError::Api(ApiError::Malformed {
                operation: "CreateToken",
                detail: "not refreshable".into(),
            }));
        };
        let http = self.http()?;
        let oidc = OidcClient::new(http, self.endpoint(Service::Oidc, target.region())?);
        let answer = oidc
            .create_token(client_id, client_secret, oidc::Grant::RefreshToken { refresh_token })
            .map_err(LoginError::Api)?;
        Ok(SsoToken {
            start_url: Some(target.start_url().to_owned()),
            region: Some(target.region().to_owned()),
            access_token: answer.access_token,
            // botocore counts from the answer (`_now() + expiresIn`).
            expires_at: now() + answer.expires_in,
            client_id: Some(client_id.clone()),
            client_secret: Some(client_secret.clone()),
            registration_expires_at: token.registration_expires_at,
            refresh_token: answer.refresh_token,
        })
    }

    fn login(&self, target: &LoginTarget, options: &LoginOptions) -> Result<SsoToken, LoginError> {
        let choice = flow::choose(target, options.flow, self.env)?;
        let http = self.http()?;
        // A vanity start URL logs in at the AWS portal it redirects to, in that portal's region: the whole
        // login, the registration's cache key included, as `aws sso login` (`do_sso_login(sso_region=region)`).
        let resolved = resolve::resolve(http, target.start_url(), target.region())?;
        let target = &target.in_region(&resolved.region);
        let oidc = OidcClient::new(http, self.endpoint(Service::Oidc, target.region())?);
        let mut flow = choice.flow;
        let mut listener = None;
        if flow == Flow::Pkce {
            match pkce::bind() {
                Ok(bound) => listener = Some(bound),
                Err(error) if choice.automatic => {
                    ui::say(&format!(
                        "Cannot start the local sign-in listener ({error}); using the device code flow instead.\n"
                    ));
                    flow = Flow::DeviceCode;
                }
                Err(error) => return Err(LoginError::Listener(error)),
            }
        }
        let registration = self.registration(target, flow, &oidc, &resolved.start_url)?;
        let answer = match listener {
            Some(listener) => {
                let scopes = pkce_scopes(target);
                pkce::run(&oidc, &registration, &scopes, listener, self.env, options.presentation)?
            }
            None => device::run(&oidc, &registration, &resolved.start_url, self.env, options.presentation)?,
        };
        Ok(SsoToken {
            start_url: Some(target.start_url().to_owned()),
            region: Some(target.region().to_owned()),
            access_token: answer.access_token,
            // From the answer, not from the start: approving in the browser can take minutes.
            expires_at: now() + answer.expires_in,
            client_id: Some(registration.client_id.clone()),
            client_secret: Some(registration.client_secret.clone()),
            registration_expires_at: Some(registration.expires_at),
            refresh_token: answer.refresh_token,
        })
    }

    /// The cached client registration when it suits this flow, else a new one (written for next time).
    fn registration(
        &self,
        target: &LoginTarget,
        flow: Flow,
        oidc: &OidcClient<'_>,
        issuer_url: &str,
    ) -> Result<Registration, LoginError> {
        let path = self.paths.registration(target);
        let pkce = flow == Flow::Pkce;
        if let Some(registration) = Registration::read(&path)
            && registration.usable_for(pkce, now())
        {
            return Ok(registration);
        }
        let client_name = match target.session_name() {
            Some(session) => format!("botocore-client-{session}"),
            None => format!("botocore-client-{}", now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())),
        };
        let configured_scopes = match target {
            LoginTarget::Session(session) => session.registration_scopes.clone().filter(|s| !s.is_empty()),
            LoginTarget::Legacy { .. } => None,
        };
        let request = if pkce {
            RegisterClientRequest {
                client_name,
                client_type: "public",
                scopes: Some(pkce_scopes(target)),
                grant_types: Some(vec!["authorization_code".into(), "refresh_token".into()]),
                redirect_uris: Some(vec![REGISTERED_REDIRECT_URI.into()]),
                issuer_url: Some(issuer_url.to_owned()),
            }
        } else {
            RegisterClientRequest {
                client_name,
                client_type: "public",
                scopes: configured_scopes,
                ..Default::default()
            }
        };
        let registered = oidc.register_client(&request).map_err(LoginError::Api)?;
        let registration = Registration {
            client_id: registered.client_id,
            client_secret: registered.client_secret,
            expires_at: UNIX_EPOCH + Duration::from_secs(registered.client_secret_expires_at),
            scopes: request.scopes,
            grant_types: request.grant_types,
        };
        registration.write(&path).map_err(|source| LoginError::CacheWrite { path, source })?;
        Ok(registration)
    }

    /// The start URL resolved to another region than the configured one: the AWS CLI writes the new region
    /// to the config (`login.py` `_write_sso_region`), in the sso-session, or in the profile of a legacy
    /// login, and so does ssoenv. A failure to write is said, not fatal: the login itself worked.
    fn update_sso_region(&self, target: &LoginTarget, region: &str) {
        let section = match (target, self.profile) {
            (LoginTarget::Session(session), _) => SectionRef::SsoSession(&session.name),
            (LoginTarget::Legacy { .. }, Some(profile)) => SectionRef::Profile(profile),
            (LoginTarget::Legacy { .. }, None) => {
                ui::say(&format!(
                    "The start URL {} is served from region {region}; set sso_region = {region} in its profile.\n",
                    target.start_url()
                ));
                return;
            }
        };
        let written = ConfigEditor::open(&self.config.config_path).map_err(EditError::from).and_then(|mut editor| {
            editor.set_section(section, &[("sso_region", region)], &[])?;
            editor.save()
        });
        match written {
            Ok(()) => ui::say(&format!("SSO region updated to {region}\n")),
            Err(error) => ui::say(&format!("The SSO region is {region}, but the config could not say so: {error}\n")),
        }
    }

    /// Runs `call` with a portal client holding `target`'s token (`http` may be a client that paces itself).
    /// When the service refuses the token (UnauthorizedException), whatever its expiry says, it gets a new one
    /// (a refresh, or a login when allowed) and runs `call` once more. Returns the token that worked too.
    pub fn with_portal<T>(
        &self,
        target: &LoginTarget,
        options: &LoginOptions,
        http: &Http,
        call: impl Fn(PortalClient<'_>) -> Result<T, ApiError>,
    ) -> Result<(T, SsoToken), LoginError> {
        // An endpoint that cannot be made fails before any login.
        self.endpoint(Service::Portal, target.region())?;
        let (token, source) = self.ensure_token(target, options)?;
        match call(PortalClient::new(http, self.portal_endpoint(target, &token, source)?, &token.access_token)) {
            Ok(value) => Ok((value, token)),
            Err(ApiError::Service(error)) if error.code == "UnauthorizedException" => {
                log::debug!("{}: the token was refused; getting a new one", error.operation);
                let retry = LoginOptions { rejected_token: Some(token.access_token.clone()), ..options.clone() };
                let (token, source) = self.ensure_token(target, &retry)?;
                let endpoint = self.portal_endpoint(target, &token, source)?;
                let value = call(PortalClient::new(http, endpoint, &token.access_token)).map_err(LoginError::Api)?;
                Ok((value, token))
            }
            Err(error) => Err(LoginError::Api(error)),
        }
    }

    /// The portal for `target`'s region, or for the region a login in this process found its start URL served
    /// from (the config says so from now on, but `target` was read before).
    fn portal_endpoint(
        &self,
        target: &LoginTarget,
        token: &SsoToken,
        source: TokenSource,
    ) -> Result<String, EndpointError> {
        let region = match (source, token.region.as_deref()) {
            (TokenSource::LoggedIn, Some(region)) => region,
            _ => target.region(),
        };
        self.endpoint(Service::Portal, region)
    }

    /// `POST /logout` for a token, in the token's own region.
    pub fn server_logout(&self, region: &str, access_token: &Secret) -> Result<(), LoginError> {
        let http = self.http()?;
        let portal = PortalClient::new(http, self.endpoint(Service::Portal, region)?, access_token);
        portal.logout().map_err(LoginError::Api)
    }
}

/// The scopes the PKCE flow registers and asks for: the configured ones, or `sso:account:access`.
fn pkce_scopes(target: &LoginTarget) -> Vec<String> {
    match target {
        LoginTarget::Session(session) => {
            session.registration_scopes.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| vec![DEFAULT_SCOPE.into()])
        }
        LoginTarget::Legacy { .. } => vec![DEFAULT_SCOPE.into()],
    }
}

/// A human-readable expiry: "2026-11-27T02:20:43Z (in 59m 58s)", or "(expired 3h 5m ago)".
pub fn describe_expiry(at: SystemTime) -> String {
    match at.duration_since(now()) {
        Ok(left) => format!("{} (in {})", timestamp::format(at), short_duration(left)),
        Err(past) => format!("{} (expired {} ago)", timestamp::format(at), short_duration(past.duration())),
    }
}

/// The two largest units of a duration: `89d 23h`, `7h 59m`, `59m 58s`, `12s`.
pub fn short_duration(duration: Duration) -> String {
    let seconds = duration.as_secs();
    let (days, hours, minutes, secs) = (seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    match (days, hours, minutes) {
        (0, 0, 0) => format!("{secs}s"),
        (0, 0, _) => format!("{minutes}m {secs}s"),
        (0, _, _) => format!("{hours}h {minutes}m"),
        _ => format!("{days}d {hours}h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portal_follows_the_region_a_login_here_found() {
        let home = tempfile::tempdir().unwrap();
        let env = Env::from_pairs([("HOME", home.path().to_str().unwrap())]);
        let config = Config::load_files(home.path().join("config"), home.path().join("credentials")).unwrap();
        let auth = Auth::new(&env, &config, None).unwrap();
        let target =
            LoginTarget::Legacy { start_url: "https://sso.example.com/start".into(), region: "us-east-1".into() };
        let token = SsoToken {
            start_url: Some(target.start_url().into()),
            region: Some("eu-west-2".into()),
            access_token: Secret::new("t"),
            expires_at: now(),
            client_id: None,
            client_secret: None,
            registration_expires_at: None,
            refresh_token: None,
        };
        let portal = |source| auth.portal_endpoint(&target, &token, source).unwrap();
        assert_eq!(portal(TokenSource::LoggedIn), "https://portal.sso.eu-west-2.amazonaws.com");
        // A cached or refreshed token goes where the config says, as botocore's SSO provider does.
        assert_eq!(portal(TokenSource::Cache), "https://portal.sso.us-east-1.amazonaws.com");
        assert_eq!(portal(TokenSource::Refreshed), "https://portal.sso.us-east-1.amazonaws.com");
    }

    #[test]
    fn short_durations() {
        assert_eq!(short_duration(Duration::from_secs(12)), "12s");
        assert_eq!(short_duration(Duration::from_secs(3598)), "59m 58s");
        assert_eq!(short_duration(Duration::from_secs(8 * 3600 - 60)), "7h 59m");
        assert_eq!(short_duration(Duration::from_secs(90 * 86_400 - 3600)), "89d 23h");
    }
}
