//! The device code flow (sso-protocol.md §1.7): authorize, try once, prompt, then poll at the interval until the
//! person approves, adding 5 seconds on every slow_down, within a deadline the AWS CLI does not have.

use std::time::{Duration, Instant};

use super::LoginError;
use super::ui::{self, Presentation, Waiting};
use crate::cache::registration::Registration;
use crate::env::Env;
use crate::sso::error::ApiError;
use crate::sso::oidc::{Grant, OidcClient, Token};

/// The CLI's default when the service sends no interval.
const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
/// RFC 8628 §3.5.
const SLOW_DOWN_STEP: Duration = Duration::from_secs(5);
/// A floor under the interval, so that a server saying 0 is not hammered.
const MIN_INTERVAL: Duration = Duration::from_millis(100);
/// Time past the device code's own expiry before ssoenv stops waiting for the service to say it expired.
const DEADLINE_MARGIN: Duration = Duration::from_secs(30);

enum Poll {
    Done(Token),
    Pending,
    SlowDown,
}

fn poll(
    oidc: &OidcClient<'_>,
    registration: &Registration,
    device_code: &crate::secret::Secret,
) -> Result<Poll, LoginError> {
    match oidc.create_token(&registration.client_id, &registration.client_secret, Grant::DeviceCode { device_code }) {
        Ok(token) => Ok(Poll::Done(token)),
        Err(error) => match error.code() {
            Some("AuthorizationPendingException") => Ok(Poll::Pending),
            Some("SlowDownException") => Ok(Poll::SlowDown),
            Some("ExpiredTokenException") => Err(LoginError::AuthorizationExpired),
            Some("AccessDeniedException") => Err(LoginError::Denied),
            _ => Err(LoginError::Api(error)),
        },
    }
}

pub fn run(
    oidc: &OidcClient<'_>,
    registration: &Registration,
    start_url: &str,
    env: &Env,
    presentation: Presentation,
) -> Result<Token, LoginError> {
    let authorization = oidc
        .start_device_authorization(&registration.client_id, &registration.client_secret, start_url)
        .map_err(LoginError::Api)?;
    let deadline = Instant::now() + authorization.expires_in + DEADLINE_MARGIN;
    let mut interval = authorization.interval.unwrap_or(DEFAULT_INTERVAL).max(MIN_INTERVAL);

    // The client may be pre-authorized: one try before bothering the person.
    match poll(oidc, registration, &authorization.device_code)? {
        Poll::Done(token) => return Ok(token),
        Poll::SlowDown => interval += SLOW_DOWN_STEP,
        Poll::Pending => {}
    }

    ui::say(&ui::device_prompt(
        presentation,
        &authorization.verification_uri,
        &authorization.user_code,
        &authorization.verification_uri_complete,
    ));
    if presentation.qr
        && let Some(code) = ui::qr_code(&authorization.verification_uri_complete)
    {
        ui::say(&format!("\nOr scan this with a phone to approve there:\n{code}\n"));
    }
    if !presentation.no_browser
        && let Err(why) = super::browser::open(env, &authorization.verification_uri_complete)
    {
        ui::say(&format!("\nCould not open a browser ({why}); open the URL above yourself.\n"));
    }

    let _waiting = Waiting::start("Waiting for the approval in the browser", deadline);
    loop {
        std::thread::sleep(interval);
        if Instant::now() >= deadline {
            return Err(LoginError::TimedOut(authorization.expires_in));
        }
        match poll(oidc, registration, &authorization.device_code) {
            Ok(Poll::Done(token)) => return Ok(token),
            Ok(Poll::Pending) => {}
            Ok(Poll::SlowDown) => {
                interval += SLOW_DOWN_STEP;
                log::debug!("CreateToken: slow_down; polling every {interval:?}");
            }
            // A transient failure while waiting costs one poll, not the login.
            Err(LoginError::Api(ApiError::Transport(error))) => log::debug!("{error}; polling again"),
            Err(error) => return Err(error),
        }
    }
}
