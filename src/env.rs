//! The process environment, read once, so that everything that depends on it (file locations, endpoint
//! overrides, the shell) can be tested with a made-up one.

use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct Env {
    vars: HashMap<String, String>,
}

impl Env {
    pub fn from_process() -> Self {
        // Variables that are not valid Unicode cannot name a file or a URL ssoenv could use; they read as unset.
        Self {
            vars: std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
        }
    }

    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self { vars: pairs.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect() }
    }

    /// The variable's value when it is set and not empty: an empty `AWS_PROFILE=` means "not set" to botocore too.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }

    /// The home folder: `HOME`, else what the operating system says (`~` in botocore's `expanduser`).
    pub fn home(&self) -> Option<PathBuf> {
        self.get("HOME").map(PathBuf::from).or_else(dirs::home_dir)
    }

    /// `os.path.expanduser(os.path.expandvars(path))`, as botocore resolves `AWS_CONFIG_FILE`.
    pub fn expand_path(&self, path: &str) -> PathBuf {
        let expanded = self.expand_vars(path);
        match (expanded.strip_prefix('~'), self.home()) {
            (Some(""), Some(home)) => home,
            (Some(rest), Some(home)) if rest.starts_with('/') => home.join(&rest[1..]),
            _ => PathBuf::from(expanded),
        }
    }

    /// Python's `posixpath.expandvars`: `$NAME` and `${NAME}` with NAME of letters, digits and `_`; unknown
    /// variables are left as they are.
    fn expand_vars(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(dollar) = rest.find('$') {
            out.push_str(&rest[..dollar]);
            let after = &rest[dollar + 1..];
            let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
            let (name, consumed) = if let Some(braced) = after.strip_prefix('{') {
                match braced.find('}') {
                    Some(end) if end > 0 && braced[..end].chars().all(is_name) => (&braced[..end], end + 2),
                    _ => ("", 0),
                }
            } else {
                let end = after.find(|c: char| !is_name(c)).unwrap_or(after.len());
                (&after[..end], end)
            };
            match self.vars.get(name).filter(|_| !name.is_empty()) {
                Some(value) => {
                    out.push_str(value);
                    rest = &after[consumed..];
                }
                None => {
                    out.push('$');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_like_botocore() {
        let env = Env::from_pairs([("HOME", "/home/u"), ("DIR", "/etc/aws"), ("X", "")]);
        assert_eq!(env.expand_path("~/.aws/config"), PathBuf::from("/home/u/.aws/config"));
        assert_eq!(env.expand_path("~"), PathBuf::from("/home/u"));
        assert_eq!(env.expand_path("$DIR/config"), PathBuf::from("/etc/aws/config"));
        assert_eq!(env.expand_path("${DIR}x/config"), PathBuf::from("/etc/awsx/config"));
        assert_eq!(env.expand_path("$NOPE/a$"), PathBuf::from("$NOPE/a$"));
        assert_eq!(env.expand_path("${NOPE"), PathBuf::from("${NOPE"));
        assert_eq!(env.expand_path("~other/x"), PathBuf::from("~other/x"));
        assert_eq!(env.get("X"), None);
    }
}
