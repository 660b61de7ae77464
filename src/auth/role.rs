//! Role credentials for a profile (sso-protocol.md §3, §4.5): from the AWS CLI's cache while more than 15
//! minutes remain (no network at all), else GetRoleCredentials with a valid token, cached for the AWS CLI too.

use std::time::{Duration, SystemTime};

use super::{Auth, LoginError, LoginOptions, ui};
use crate::cache::lock;
use crate::cache::role_credentials::RoleCredentials;
use crate::cache::token::SsoToken;
use crate::config::sso::SsoProfile;

/// Cached credentials are used while more than this is left (`DEFAULT_EXPIRY_WINDOW_SECONDS`).
pub const EXPIRY_WINDOW: Duration = Duration::from_secs(15 * 60);
const LOCK_PATIENCE: Duration = Duration::from_secs(15 * 60);

/// Credentials, and when the SSO session they came from ends (for the prompt), when a token is cached.
#[derive(Debug)]
pub struct Credentials {
    pub role: RoleCredentials,
    pub session_expires_at: Option<SystemTime>,
}

fn fresh(credentials: &RoleCredentials, now: SystemTime) -> bool {
    credentials.expiration.duration_since(now).is_ok_and(|left| left > EXPIRY_WINDOW)
}

pub fn role_credentials(
    auth: &Auth<'_>,
    profile: &SsoProfile,
    options: &LoginOptions,
) -> Result<Credentials, LoginError> {
    let path = auth.paths().role_credentials(profile);
    let session_expiry = || SsoToken::read(&auth.paths().token(&profile.login)).map(|t| t.expires_at);
    if let Some(role) = RoleCredentials::read(&path).filter(|c| fresh(c, SystemTime::now())) {
        return Ok(Credentials { role, session_expires_at: session_expiry() });
    }
    // One fetch for many processes: the others find the cache filled when they get the lock.
    let lock_path = path.with_extension("lock");
    let _lock = lock::acquire(&lock_path, LOCK_PATIENCE, || {
        // The holder may be waiting on a login in a browser: say why nothing happens.
        ui::say(&format!("Waiting for another ssoenv process that is getting credentials for {}…\n", profile.name));
    })?;
    if let Some(role) = RoleCredentials::read(&path).filter(|c| fresh(c, SystemTime::now())) {
        return Ok(Credentials { role, session_expires_at: session_expiry() });
    }
    let (role, token) = auth.with_portal(&profile.login, options, auth.http()?, |portal| {
        portal.get_role_credentials(&profile.account_id, &profile.role_name)
    })?;
    role.write(&path).map_err(|source| LoginError::CacheWrite { path: path.clone(), source })?;
    // The session is the one whose token just got the credentials.
    let session_expires_at = Some(token.expires_at);
    Ok(Credentials { role, session_expires_at })
}
