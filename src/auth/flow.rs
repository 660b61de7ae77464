//! Which login flow runs: PKCE (authorization code, the AWS CLI's default for sso-sessions) or the device code.

use crate::config::sso::{FlowSetting, LoginTarget};
use crate::env::Env;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Pkce,
    DeviceCode,
}

/// What the command line asked for (`--flow`, or `--use-device-code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FlowRequest {
    #[default]
    Auto,
    Pkce,
    DeviceCode,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowChoice {
    pub flow: Flow,
    /// Chosen by ssoenv rather than demanded: a PKCE listener that cannot start falls back to the device flow.
    pub automatic: bool,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "the PKCE flow needs an sso-session, and {0} is a legacy profile (sso_start_url in the profile); it logs in \
     with the device code flow. Drop --flow pkce, or move the profile to an [sso-session] section"
)]
pub struct PkceNeedsSession(pub String);

/// The command line wins, then the sso-session's `ssoenv_login_flow`, then the circumstances: the device flow
/// for legacy profiles (as in the AWS CLI), over SSH and where no browser can open; PKCE otherwise.
pub fn choose(target: &LoginTarget, request: FlowRequest, env: &Env) -> Result<FlowChoice, PkceNeedsSession> {
    let setting = match target {
        LoginTarget::Session(session) => session.login_flow,
        LoginTarget::Legacy { .. } => FlowSetting::DeviceCode,
    };
    let explicit = match (request, setting) {
        (FlowRequest::Pkce, _) => Some(Flow::Pkce),
        (FlowRequest::DeviceCode, _) => Some(Flow::DeviceCode),
        (FlowRequest::Auto, FlowSetting::Pkce) => Some(Flow::Pkce),
        (FlowRequest::Auto, FlowSetting::DeviceCode) => Some(Flow::DeviceCode),
        (FlowRequest::Auto, FlowSetting::Auto) => None,
    };
    if explicit == Some(Flow::Pkce) && matches!(target, LoginTarget::Legacy { .. }) {
        return Err(PkceNeedsSession(target.start_url().to_owned()));
    }
    Ok(match explicit {
        Some(flow) => FlowChoice { flow, automatic: false },
        None if super::browser::likely_available(env) => FlowChoice { flow: Flow::Pkce, automatic: true },
        None => FlowChoice { flow: Flow::DeviceCode, automatic: true },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::sso::SsoSession;

    fn session(login_flow: FlowSetting) -> LoginTarget {
        LoginTarget::Session(SsoSession {
            name: "s".into(),
            start_url: "https://x.awsapps.com/start".into(),
            region: "us-east-1".into(),
            registration_scopes: None,
            login_flow,
        })
    }

    #[test]
    fn choices() {
        let desktop = Env::from_pairs([("BROWSER", "firefox")]);
        let ssh = Env::from_pairs([("SSH_CONNECTION", "a b c d"), ("DISPLAY", ":0")]);
        let legacy = LoginTarget::Legacy { start_url: "https://x.awsapps.com/start".into(), region: "r".into() };
        let flow = |target: &LoginTarget, request, env: &Env| choose(target, request, env).map(|c| c.flow);
        assert_eq!(flow(&session(FlowSetting::Auto), FlowRequest::Auto, &desktop), Ok(Flow::Pkce));
        assert_eq!(flow(&session(FlowSetting::Auto), FlowRequest::Auto, &ssh), Ok(Flow::DeviceCode));
        assert_eq!(flow(&session(FlowSetting::DeviceCode), FlowRequest::Auto, &desktop), Ok(Flow::DeviceCode));
        assert_eq!(flow(&session(FlowSetting::DeviceCode), FlowRequest::Pkce, &ssh), Ok(Flow::Pkce));
        assert_eq!(flow(&session(FlowSetting::Pkce), FlowRequest::DeviceCode, &desktop), Ok(Flow::DeviceCode));
        assert_eq!(flow(&legacy, FlowRequest::Auto, &desktop), Ok(Flow::DeviceCode));
        assert!(flow(&legacy, FlowRequest::Pkce, &desktop).is_err());
        assert!(choose(&session(FlowSetting::Auto), FlowRequest::Auto, &desktop).unwrap().automatic);
        assert!(!choose(&session(FlowSetting::Pkce), FlowRequest::Auto, &desktop).unwrap().automatic);
    }
}
