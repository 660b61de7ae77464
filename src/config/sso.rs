//! SSO profiles and sso-sessions, resolved and validated as botocore and the AWS CLI do, with their messages
//! (sso-protocol.md §5.4–§5.6) prefixed by the file and line they are about.

use super::{Config, ConfigError, Origin, Settings};

/// Which login flow an sso-session asks for (`ssoenv_login_flow`, a key the AWS CLI ignores).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FlowSetting {
    #[default]
    Auto,
    Pkce,
    DeviceCode,
}

impl FlowSetting {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "auto" => Some(Self::Auto),
            "pkce" => Some(Self::Pkce),
            "device-code" => Some(Self::DeviceCode),
            _ => None,
        }
    }
}

/// An `[sso-session NAME]` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoSession {
    pub name: String,
    pub start_url: String,
    pub region: String,
    /// `sso_registration_scopes` as configured: `None` when the key is absent (the registration cache key
    /// distinguishes that from an empty list).
    pub registration_scopes: Option<Vec<String>>,
    pub login_flow: FlowSetting,
}

/// What a login is for: an sso-session, or the start URL and region of a legacy profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginTarget {
    Session(SsoSession),
    Legacy { start_url: String, region: String },
}

impl LoginTarget {
    pub fn start_url(&self) -> &str {
        match self {
            Self::Session(session) => &session.start_url,
            Self::Legacy { start_url, .. } => start_url,
        }
    }

    pub fn region(&self) -> &str {
        match self {
            Self::Session(session) => &session.region,
            Self::Legacy { region, .. } => region,
        }
    }

    pub fn session_name(&self) -> Option<&str> {
        match self {
            Self::Session(session) => Some(&session.name),
            Self::Legacy { .. } => None,
        }
    }

    /// The same login served from another region: what a vanity start URL resolves to (sso-protocol.md §2.6).
    pub fn in_region(&self, region: &str) -> Self {
        match self {
            Self::Session(session) => Self::Session(SsoSession { region: region.to_owned(), ..session.clone() }),
            Self::Legacy { start_url, .. } => Self::Legacy { start_url: start_url.clone(), region: region.to_owned() },
        }
    }

    /// How a person recognises this login in messages: the session name, or the start URL.
    pub fn describe(&self) -> String {
        match self {
            Self::Session(session) => format!("sso-session {}", session.name),
            Self::Legacy { start_url, .. } => format!("start URL {start_url}"),
        }
    }
}

/// A profile that gets role credentials through SSO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoProfile {
    pub name: String,
    pub login: LoginTarget,
    pub account_id: String,
    pub role_name: String,
    /// The profile's own `region` (for the exported variables), not the SSO region.
    pub region: Option<String>,
}

/// Settings with which botocore picks another credential provider than SSO for the profile (sso-protocol.md
/// §5.5): `role_arn` means assume-role (or web identity, with `web_identity_token_file`). Static keys,
/// `credential_process` or a lone `source_profile` lose to SSO, so they may sit next to `sso_*` keys (as in a
/// `[default]` whose keys come from the credentials file).
const OTHER_PROVIDER_KEYS: &[&str] = &["role_arn"];

const SSO_KEYS: &[&str] = &["sso_session", "sso_account_id", "sso_role_name", "sso_start_url", "sso_region"];

fn invalid(at: Option<&Origin>, message: String) -> ConfigError {
    match at {
        Some(origin) => ConfigError::Invalid(format!("{origin}: {message}")),
        None => ConfigError::Invalid(message),
    }
}

/// `sso_registration_scopes`: comma-separated, stripped, empty entries dropped (`parse_sso_registration_scopes`).
pub fn parse_scopes(value: &str) -> Vec<String> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// A region name as botocore accepts one (`validate_region_name`): letters, digits and `-`. Checked where the
/// value is read, so that the error can name its file and line.
fn check_sso_region(region: &str, origin: Option<&Origin>) -> Result<(), ConfigError> {
    if region.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Ok(());
    }
    Err(invalid(origin, format!("sso_region {region:?} is not a region name (like us-east-1)")))
}

/// The start URL checks of `aws sso login` (`resolve.py`).
pub fn check_start_url(start_url: &str, origin: Option<&Origin>) -> Result<(), ConfigError> {
    match url::Url::parse(start_url) {
        Ok(url) if url.scheme() == "https" && url.host_str().is_some() => Ok(()),
        Ok(url) if url.scheme() != "https" => {
            Err(invalid(origin, "The sso_start_url must use the https scheme.".to_owned()))
        }
        _ => Err(invalid(origin, format!("Invalid sso_start_url: '{start_url}'"))),
    }
}

impl Config {
    fn profile_or_error(&self, name: &str) -> Result<&Settings, ConfigError> {
        self.profile(name).ok_or_else(|| self.unknown_profile(name))
    }

    /// The `[sso-session NAME]` section, checked as `aws sso login --sso-session NAME` checks it.
    pub fn sso_session(&self, name: &str) -> Result<SsoSession, ConfigError> {
        let settings = self.sso_session_settings(name).ok_or_else(|| {
            let mut message = format!("The specified sso-session does not exist: \"{name}\"");
            let known: Vec<&str> = self.sso_session_names().collect();
            if !known.is_empty() {
                message.push_str(&format!(" (sso-sessions in {}: {})", self.config_path.display(), known.join(", ")));
            }
            ConfigError::Invalid(message)
        })?;
        let missing: Vec<&str> =
            ["sso_start_url", "sso_region"].into_iter().filter(|key| settings.get(key).is_none()).collect();
        if !missing.is_empty() {
            return Err(invalid(
                settings.origin.as_ref(),
                format!("Missing the following required SSO configuration values: {}. ", missing.join(", ")),
            ));
        }
        check_start_url(settings.get("sso_start_url").unwrap_or_default(), settings.origin_of("sso_start_url"))?;
        check_sso_region(settings.get("sso_region").unwrap_or_default(), settings.origin_of("sso_region"))?;
        let login_flow = match settings.get("ssoenv_login_flow") {
            None => FlowSetting::Auto,
            Some(value) => FlowSetting::parse(value).ok_or_else(|| {
                invalid(
                    settings.origin_of("ssoenv_login_flow"),
                    format!("ssoenv_login_flow must be pkce, device-code or auto, not {value:?}"),
                )
            })?,
        };
        Ok(SsoSession {
            name: name.to_owned(),
            start_url: settings.get("sso_start_url").unwrap_or_default().to_owned(),
            region: settings.get("sso_region").unwrap_or_default().to_owned(),
            registration_scopes: settings.get("sso_registration_scopes").map(parse_scopes),
            login_flow,
        })
    }

    /// What `ssoenv login PROFILE` logs in to, as `aws sso login --profile` decides it: an sso-session profile
    /// reads only its sso-session section; a legacy profile needs `sso_start_url` and `sso_region`.
    pub fn login_target(&self, profile: &str) -> Result<LoginTarget, ConfigError> {
        let settings = self.profile_or_error(profile)?;
        if let Some(session) = settings.get("sso_session") {
            if self.sso_session_settings(session).is_none() {
                return Err(invalid(
                    settings.origin_of("sso_session"),
                    format!("The specified sso-session does not exist: \"{session}\""),
                ));
            }
            return Ok(LoginTarget::Session(self.sso_session(session)?));
        }
        let missing: Vec<&str> =
            ["sso_start_url", "sso_region"].into_iter().filter(|key| settings.get(key).is_none()).collect();
        if !missing.is_empty() {
            return Err(invalid(
                settings.origin.as_ref(),
                format!(
                    "Missing the following required SSO configuration values: {}. To make sure this profile is \
                     properly configured to use SSO, please run: aws configure sso",
                    missing.join(", ")
                ),
            ));
        }
        check_start_url(settings.get("sso_start_url").unwrap_or_default(), settings.origin_of("sso_start_url"))?;
        check_sso_region(settings.get("sso_region").unwrap_or_default(), settings.origin_of("sso_region"))?;
        Ok(LoginTarget::Legacy {
            start_url: settings.get("sso_start_url").unwrap_or_default().to_owned(),
            region: settings.get("sso_region").unwrap_or_default().to_owned(),
        })
    }

    /// The profile as botocore's SSO credential provider resolves it (`SSOProvider._load_sso_config`).
    pub fn sso_profile(&self, name: &str) -> Result<SsoProfile, ConfigError> {
        let settings = self.profile_or_error(name)?;
        self.check_sso_is_the_provider(name, settings)?;
        if settings.get("sso_role_name").is_none() && settings.get("sso_account_id").is_none() {
            return Err(invalid(
                settings.origin.as_ref(),
                format!(
                    "The profile \"{name}\" is not configured to use SSO: it has neither sso_account_id nor \
                     sso_role_name. Add them (ssoenv accounts and ssoenv roles list what you may use)."
                ),
            ));
        }
        // Resolve the sso_session reference: the session's keys join the profile's, and must agree with them.
        let mut resolved: Vec<(String, String)> =
            settings.values.iter().filter_map(|(k, s)| s.value.as_plain().map(|v| (k.clone(), v.to_owned()))).collect();
        let session = match settings.get("sso_session") {
            None => None,
            Some(session_name) => {
                let Some(session) = self.sso_session_settings(session_name) else {
                    return Err(invalid(
                        settings.origin_of("sso_session"),
                        format!("The specified sso-session does not exist: \"{session_name}\""),
                    ));
                };
                for (key, setting) in &session.values {
                    let Some(value) = setting.value.as_plain() else { continue };
                    match resolved.iter().find(|(k, _)| k == key) {
                        Some((_, own)) if own != value => {
                            return Err(invalid(
                                settings.origin_of(key),
                                format!(
                                    "The value for {key} is inconsistent between profile ({own}) and sso-session \
                                     ({value})."
                                ),
                            ));
                        }
                        Some(_) => {}
                        None => resolved.push((key.clone(), value.to_owned())),
                    }
                }
                Some(self.sso_session(session_name)?)
            }
        };
        let lookup = |key: &str| resolved.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        let mut required = vec!["sso_role_name", "sso_account_id", "sso_start_url", "sso_region"];
        if session.is_some() {
            required.push("sso_session");
        }
        let missing: Vec<&str> = required.into_iter().filter(|key| lookup(key).is_none()).collect();
        if !missing.is_empty() {
            return Err(invalid(
                settings.origin.as_ref(),
                format!(
                    "The profile \"{name}\" is configured to use SSO but is missing required configuration: {}",
                    missing.join(", ")
                ),
            ));
        }
        let login = match session {
            Some(session) => LoginTarget::Session(session),
            None => {
                let (start_url, region) =
                    (lookup("sso_start_url").unwrap_or_default(), lookup("sso_region").unwrap_or_default());
                check_start_url(&start_url, settings.origin_of("sso_start_url"))?;
                check_sso_region(&region, settings.origin_of("sso_region"))?;
                LoginTarget::Legacy { start_url, region }
            }
        };
        // The region is exported to shells; a control character (a NUL, say) in it cannot be, and is no region.
        let region = settings.get("region").map(str::to_owned);
        if let Some(bad) = region.as_deref().filter(|r| r.chars().any(char::is_control)) {
            return Err(invalid(
                settings.origin_of("region"),
                format!(
                    "region {bad:?} of the profile \"{name}\" holds control characters; set a region such as eu-west-1"
                ),
            ));
        }
        Ok(SsoProfile {
            name: name.to_owned(),
            login,
            account_id: lookup("sso_account_id").unwrap_or_default(),
            role_name: lookup("sso_role_name").unwrap_or_default(),
            region,
        })
    }

    /// Refuses a profile whose credentials botocore would get from another provider: ssoenv would otherwise
    /// hand out other credentials under its name than the AWS CLI and SDKs do.
    fn check_sso_is_the_provider(&self, name: &str, settings: &Settings) -> Result<(), ConfigError> {
        let Some(sso_key) = SSO_KEYS.iter().find(|key| settings.values.contains_key(**key)) else { return Ok(()) };
        match OTHER_PROVIDER_KEYS.iter().find(|key| settings.values.contains_key(**key)) {
            None => Ok(()),
            Some(key) => Err(invalid(
                settings.origin_of(key),
                format!(
                    "The profile \"{name}\" uses SSO ({sso_key}) but also sets {key}, and then the AWS CLI and SDKs \
                     assume that role instead of using SSO. Remove {key}, or give it a profile of its own with \
                     source_profile = {name}."
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Config {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, text).unwrap();
        Config::load_files(path, dir.path().join("credentials")).unwrap()
    }

    const SESSION: &str = "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n\
                           sso_registration_scopes = sso:account:access, ,x\n";

    #[test]
    fn resolves_an_sso_session_profile() {
        let config = config(&format!(
            "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = us-east-2\n{SESSION}"
        ));
        let profile = config.sso_profile("dev").unwrap();
        assert_eq!(profile.account_id, "111122223333");
        assert_eq!(profile.region.as_deref(), Some("us-east-2"));
        let LoginTarget::Session(session) = &profile.login else { panic!("{profile:?}") };
        assert_eq!(session.region, "eu-west-1");
        assert_eq!(session.registration_scopes, Some(vec!["sso:account:access".to_owned(), "x".to_owned()]));
    }

    #[test]
    fn resolves_a_legacy_profile() {
        let config = config(
            "[default]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n",
        );
        let profile = config.sso_profile("default").unwrap();
        assert_eq!(
            profile.login,
            LoginTarget::Legacy { start_url: "https://x.awsapps.com/start".into(), region: "us-east-1".into() }
        );
        assert_eq!(config.login_target("default").unwrap(), profile.login);
    }

    #[test]
    fn botocore_messages() {
        let missing = config("[profile p]\nsso_role_name = R\n").sso_profile("p").unwrap_err().to_string();
        assert!(missing.ends_with("The profile \"p\" is configured to use SSO but is missing required configuration: sso_account_id, sso_start_url, sso_region"), "{missing}");
        assert!(missing.contains("config:1: "), "{missing}");
        let no_session =
            config("[profile p]\nsso_session = nope\nsso_role_name = R\n").sso_profile("p").unwrap_err().to_string();
        assert!(no_session.ends_with(":2: The specified sso-session does not exist: \"nope\""), "{no_session}");
        let inconsistent = config(&format!(
            "[profile p]\nsso_session = corp\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n{SESSION}"
        ))
        .sso_profile("p")
        .unwrap_err()
        .to_string();
        assert!(
            inconsistent.ends_with(
                ":3: The value for sso_region is inconsistent between profile (us-east-1) and sso-session (eu-west-1)."
            ),
            "{inconsistent}"
        );
        let legacy = config("[profile p]\nsso_region = us-east-1\n").login_target("p").unwrap_err().to_string();
        assert!(legacy.ends_with("Missing the following required SSO configuration values: sso_start_url. To make sure this profile is properly configured to use SSO, please run: aws configure sso"), "{legacy}");
        let session = config("[profile p]\nsso_session = s\n[sso-session s]\nsso_region = x\n")
            .login_target("p")
            .unwrap_err()
            .to_string();
        assert!(
            session.ends_with(":3: Missing the following required SSO configuration values: sso_start_url. "),
            "{session}"
        );
    }

    #[test]
    fn sso_wins_over_keys_but_not_over_role_arn() {
        let with = |line: &str| {
            format!("[profile p]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n{line}\n{SESSION}")
        };
        for line in
            ["aws_access_key_id = AKID", "credential_process = x", "source_profile = q", "aws_session_token = t"]
        {
            assert!(config(&with(line)).sso_profile("p").is_ok(), "{line}");
        }
        let message = config(&with("role_arn = arn:aws:iam::1:role/R")).sso_profile("p").unwrap_err().to_string();
        assert!(message.contains(":5: The profile \"p\" uses SSO (sso_session) but also sets role_arn"), "{message}");
        // Logging in reads the sso_* settings alone, as `aws sso login` does.
        assert!(config(&with("role_arn = arn:aws:iam::1:role/R")).login_target("p").is_ok());
    }

    #[test]
    fn equal_duplicates_between_profile_and_session_are_fine() {
        let text = format!(
            "[profile p]\nsso_session = corp\nsso_region = eu-west-1\nsso_account_id = 1\nsso_role_name = R\n{SESSION}"
        );
        assert!(config(&text).sso_profile("p").is_ok());
    }

    #[test]
    fn login_flow_setting() {
        let text = format!("{SESSION}ssoenv_login_flow = device-code\n");
        assert_eq!(config(&text).sso_session("corp").unwrap().login_flow, FlowSetting::DeviceCode);
        let bad =
            config(&format!("{SESSION}ssoenv_login_flow = browser\n")).sso_session("corp").unwrap_err().to_string();
        assert!(bad.contains(":5: ssoenv_login_flow must be pkce, device-code or auto"), "{bad}");
    }

    #[test]
    fn start_url_checks() {
        assert!(check_start_url("https://x.awsapps.com/start", None).is_ok());
        assert_eq!(
            check_start_url("http://x.awsapps.com/start", None).unwrap_err().to_string(),
            "The sso_start_url must use the https scheme."
        );
        assert_eq!(
            check_start_url("x.awsapps.com", None).unwrap_err().to_string(),
            "Invalid sso_start_url: 'x.awsapps.com'"
        );
    }
}
