//! The AWS config and credentials files, read with botocore's rules (sso-protocol.md §5): which files, which
//! sections are profiles, sso-sessions and services, and how the credentials file overrides the config file.
//! Every value keeps where it came from, so that an error can name the file and the line.

pub mod edit;
pub mod ini;
pub mod names;
pub mod populate;
pub mod sso;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::env::Env;
use ini::Value;

/// A place in a file: `path:line`. The path is shared: every setting of a file points at the same one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: Arc<Path>,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.line)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub value: Value,
    pub origin: Origin,
}

/// A profile, sso-session or services section: its settings by (lower-cased) key.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Where the section starts (the header of the last section that contributed to it).
    pub origin: Option<Origin>,
    pub values: BTreeMap<String, Setting>,
}

impl Settings {
    /// A plain (not nested) value.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).and_then(|s| s.value.as_plain())
    }

    pub fn origin_of(&self, key: &str) -> Option<&Origin> {
        self.values.get(key).map(|s| &s.origin)
    }

    fn merge(&mut self, path: &Arc<Path>, section: ini::Section) {
        self.origin = Some(Origin { path: path.clone(), line: section.line });
        for entry in section.entries {
            let origin = Origin { path: path.clone(), line: entry.line };
            self.values.insert(entry.key, Setting { value: entry.value, origin });
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("Unable to parse config file: {}\n{}:{}: {reason}", path.display(), path.display(), reason.line)]
    Parse { path: PathBuf, reason: ini::ParseError },
    #[error("{0}")]
    Invalid(String),
}

/// Both files, read and mapped.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub config_path: PathBuf,
    pub credentials_path: PathBuf,
    profiles: BTreeMap<String, Settings>,
    sso_sessions: BTreeMap<String, Settings>,
    services: BTreeMap<String, Settings>,
}

/// `AWS_CONFIG_FILE`, else `~/.aws/config`.
pub fn config_path(env: &Env) -> PathBuf {
    match env.get("AWS_CONFIG_FILE") {
        Some(path) => env.expand_path(path),
        None => env.expand_path("~/.aws/config"),
    }
}

/// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
pub fn credentials_path(env: &Env) -> PathBuf {
    match env.get("AWS_SHARED_CREDENTIALS_FILE") {
        Some(path) => env.expand_path(path),
        None => env.expand_path("~/.aws/credentials"),
    }
}

/// A file's sections that `keep` accepts (the whole file is checked), or none when the file does not exist
/// (botocore's `ConfigNotFound` is an empty config).
fn read_sections_keeping(path: &Path, keep: &dyn Fn(&str) -> bool) -> Result<Vec<ini::Section>, ConfigError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        // A directory where the file should be is "not a file" to botocore, hence no config.
        Err(_) if path.is_dir() => return Ok(Vec::new()),
        Err(source) => return Err(ConfigError::Read { path: path.to_owned(), source }),
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|b| **b == b'\n').count();
        ConfigError::Invalid(format!("{}:{line}: the file is not valid UTF-8; save it as UTF-8", path.display()))
    })?;
    ini::parse_keeping(&text, keep).map_err(|reason| ConfigError::Parse { path: path.to_owned(), reason })
}

/// `[profile NAME]` is split like a shell line (`shlex.split`) and must give exactly two words; anything else is
/// not a profile to botocore and is ignored.
pub(crate) fn section_name_after(prefix: &str, header: &str) -> Option<String> {
    if !header.starts_with(prefix) {
        return None;
    }
    // Without quotes or backslashes, shell splitting is splitting on blanks: the common case needs no parser.
    if !header.contains(['\'', '"', '\\']) {
        let mut words = header.split([' ', '\t', '\n']).filter(|w| !w.is_empty());
        return match (words.next(), words.next(), words.next()) {
            (Some(_), Some(name), None) => Some(name.to_owned()),
            _ => None,
        };
    }
    match shell_words::split(header).ok()?.as_slice() {
        [_, name] => Some(name.clone()),
        _ => None,
    }
}

impl Config {
    pub fn load(env: &Env) -> Result<Self, ConfigError> {
        Self::load_files(config_path(env), credentials_path(env))
    }

    pub fn load_files(config_path: PathBuf, credentials_path: PathBuf) -> Result<Self, ConfigError> {
        Self::load_files_keeping(config_path, credentials_path, None)
    }

    /// Both files, with one profile of them: what `use`, `exec`, `credential-process` and `login` need. Every
    /// sso-session and services section is kept, and both files are checked whole. When the profile is not
    /// there, everything is loaded, so that the error can suggest the names that are.
    pub fn load_for_profile(env: &Env, profile: &str) -> Result<Self, ConfigError> {
        let config = Self::load_files_keeping(config_path(env), credentials_path(env), Some(profile))?;
        if config.profile(profile).is_some() { Ok(config) } else { Self::load(env) }
    }

    fn load_files_keeping(
        config_path: PathBuf,
        credentials_path: PathBuf,
        only_profile: Option<&str>,
    ) -> Result<Self, ConfigError> {
        let mut config = Self { config_path, credentials_path, ..Self::default() };
        let keep_config = |header: &str| match only_profile {
            Some(wanted) if header.starts_with("profile") => {
                section_name_after("profile", header).as_deref() == Some(wanted)
            }
            Some(wanted) if header == "default" => wanted == "default",
            _ => true,
        };
        config.read_config_file(&keep_config)?;
        // In the credentials file the section name is the profile name, and its values win.
        let keep_credentials = |header: &str| only_profile.is_none_or(|wanted| header == wanted);
        let path: Arc<Path> = Arc::from(config.credentials_path.as_path());
        for section in read_sections_keeping(&config.credentials_path, &keep_credentials)? {
            config.profiles.entry(section.name.clone()).or_default().merge(&path, section);
        }
        Ok(config)
    }

    fn read_config_file(&mut self, keep: &dyn Fn(&str) -> bool) -> Result<(), ConfigError> {
        let config = self;
        let path: Arc<Path> = Arc::from(config.config_path.as_path());
        for section in read_sections_keeping(&config.config_path, keep)? {
            // The order of these checks is botocore's (`build_profile_map`).
            let target = if section.name.starts_with("profile") {
                section_name_after("profile", &section.name).map(|name| config.profiles.entry(name))
            } else if section.name.starts_with("sso-session") {
                section_name_after("sso-session", &section.name).map(|name| config.sso_sessions.entry(name))
            } else if section.name.starts_with("services") {
                section_name_after("services", &section.name).map(|name| config.services.entry(name))
            } else if section.name == "default" {
                Some(config.profiles.entry("default".to_owned()))
            } else {
                None
            };
            if let Some(entry) = target {
                // `[default]` and `[profile default]` both name `default`: the later one in the file wins, whole.
                let settings = entry.or_default();
                *settings = Settings::default();
                settings.merge(&path, section);
            }
        }
        Ok(())
    }

    pub fn profile_names(&self) -> impl Iterator<Item = &str> {
        self.profiles.keys().map(String::as_str)
    }

    pub fn profile(&self, name: &str) -> Option<&Settings> {
        self.profiles.get(name)
    }

    /// Profiles with an `sso_*` setting, sorted: those `ssoenv use` may take, whether or not they resolve.
    /// Completion (`names::scan`) reads the file with the same rule, without the parser.
    pub fn sso_profile_names(&self) -> impl Iterator<Item = &str> {
        self.profiles
            .iter()
            .filter(|(_, settings)| settings.values.keys().any(|key| key.starts_with("sso_")))
            .map(|(name, _)| name.as_str())
    }

    pub fn sso_session_names(&self) -> impl Iterator<Item = &str> {
        self.sso_sessions.keys().map(String::as_str)
    }

    pub fn sso_session_settings(&self, name: &str) -> Option<&Settings> {
        self.sso_sessions.get(name)
    }

    pub fn services(&self, name: &str) -> Option<&Settings> {
        self.services.get(name)
    }

    /// The error for a profile that does not exist, naming the closest existing ones.
    pub fn unknown_profile(&self, name: &str) -> ConfigError {
        let mut message = format!("The config profile ({name}) could not be found");
        let close = closest(name, self.profile_names());
        if !close.is_empty() {
            message.push_str(&format!(". Did you mean: {}?", close.join(", ")));
        } else if self.profiles.is_empty() {
            message.push_str(&format!(
                " (there are no profiles in {}; create one with aws configure sso)",
                self.config_path.display()
            ));
        }
        ConfigError::Invalid(message)
    }
}

/// Up to five names close to `wanted`: those that contain it, then those a few edits away.
fn closest<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let wanted_lower = wanted.to_lowercase();
    let mut scored: Vec<(usize, &str)> = names
        .filter_map(|name| {
            let lower = name.to_lowercase();
            if lower.contains(&wanted_lower) || wanted_lower.contains(&lower) {
                return Some((0, name));
            }
            let distance = strsim::levenshtein(&wanted_lower, &lower);
            (distance <= 2.max(wanted.chars().count() / 3)).then_some((distance, name))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(5).map(|(_, name)| name.to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(config: &str, credentials: &str) -> Config {
        let dir = tempfile::tempdir().unwrap();
        let (config_path, credentials_path) = (dir.path().join("config"), dir.path().join("credentials"));
        std::fs::write(&config_path, config).unwrap();
        std::fs::write(&credentials_path, credentials).unwrap();
        Config::load_files(config_path, credentials_path).unwrap()
    }

    #[test]
    fn maps_sections_like_botocore() {
        let config = load(
            "[default]\nregion = a\n[profile dev]\nregion = b\n[profile \"my name\"]\nregion = c\n\
             [profile]\nregion = x\n[profile a b]\nregion = x\n[profilex]\nregion = x\n[sso-session corp]\n\
             sso_region = us-east-1\n[services local]\nsso =\n  endpoint_url = http://127.0.0.1:1\n[plugins]\nx = y\n",
            "",
        );
        assert_eq!(config.profile_names().collect::<Vec<_>>(), ["default", "dev", "my name"]);
        assert_eq!(config.profile("my name").unwrap().get("region"), Some("c"));
        assert_eq!(config.sso_session_names().collect::<Vec<_>>(), ["corp"]);
        assert!(config.services("local").is_some());
        let origin = config.profile("dev").unwrap().origin_of("region").unwrap();
        assert_eq!(origin.line, 4);
    }

    #[test]
    fn the_later_of_default_and_profile_default_wins() {
        let config = load("[profile default]\nregion = a\noutput = json\n[default]\nregion = b\n", "");
        assert_eq!(config.profile("default").unwrap().get("region"), Some("b"));
        assert_eq!(config.profile("default").unwrap().get("output"), None);
    }

    #[test]
    fn credentials_file_values_override() {
        let config =
            load("[profile dev]\nregion = a\n", "[dev]\nregion = b\naws_access_key_id = AKIA\n[other]\nx = 1\n");
        let dev = config.profile("dev").unwrap();
        assert_eq!(dev.get("region"), Some("b"));
        assert!(dev.origin_of("aws_access_key_id").unwrap().path.ends_with("credentials"));
        assert!(config.profile("other").is_some());
    }

    #[test]
    fn missing_files_are_empty() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load_files(dir.path().join("nope"), dir.path().to_owned()).unwrap();
        assert_eq!(config.profile_names().count(), 0);
    }

    #[test]
    fn parse_errors_name_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, "[default]\na = 1\na = 2\n").unwrap();
        let error = Config::load_files(path.clone(), dir.path().join("x")).unwrap_err().to_string();
        assert!(error.contains(&format!("{}:3: a is set twice in [default]", path.display())), "{error}");
        std::fs::write(&path, b"[default]\nregion = \xff\n").unwrap();
        let error = Config::load_files(path.clone(), dir.path().join("x")).unwrap_err().to_string();
        assert!(error.contains(":2: the file is not valid UTF-8"), "{error}");
    }

    #[test]
    fn unknown_profiles_suggest_close_names() {
        let config = load("[profile dev]\n[profile dev-admin]\n[profile prod]\n", "");
        let message = config.unknown_profile("dve").to_string();
        assert!(message.starts_with("The config profile (dve) could not be found. Did you mean: dev"), "{message}");
        let message = config.unknown_profile("dev").to_string();
        assert!(message.contains("dev, dev-admin"), "{message}");
        assert!(!config.unknown_profile("zzzzzzzz").to_string().contains("Did you mean"));
    }
}
