//! Profile and sso-session names, for completion: one pass over the config file that keeps only names.
//!
//! Completion runs at every Tab, and a config made by `configure populate` can hold thousands of profiles;
//! the full parser keeps every setting with its origin (tens of megabytes of work there), this keeps a name
//! per section. It reads the lines as the parser does (the same lexer), and is lenient where the parser would
//! refuse: a suggestion for a broken file does no harm, and the command itself will say what is wrong.

use std::collections::BTreeSet;

use super::ini::{Line, lex};
use super::section_name_after;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Names {
    /// Profiles with an `sso_*` setting, the rule of `Config::sso_profile_names`.
    pub sso_profiles: BTreeSet<String>,
    pub sso_sessions: BTreeSet<String>,
}

enum Current {
    /// A profile, and whether an `sso_*` key was seen in it yet.
    Profile(String, bool),
    Other,
}

/// The names that start with `prefix` (every name for ""): the word being completed. Sorting only those
/// is most of what this saves when a few hundred of five thousand profiles match.
pub fn scan(text: &str, prefix: &str) -> Names {
    let mut names = Names::default();
    let mut current = Current::Other;
    for (_, line) in lex(text) {
        match line {
            Line::Header(header) => {
                let profile = if header == "default" {
                    Some("default".to_owned())
                } else {
                    section_name_after("profile", header)
                };
                current = match profile {
                    Some(name) if name.starts_with(prefix) => Current::Profile(name, false),
                    Some(_) => Current::Other,
                    None => {
                        if let Some(name) = section_name_after("sso-session", header)
                            && name.starts_with(prefix)
                        {
                            names.sso_sessions.insert(name);
                        }
                        Current::Other
                    }
                };
            }
            Line::Option(option) => {
                if let Current::Profile(profile, seen @ false) = &mut current
                    && option.key_starts_with("sso_")
                {
                    *seen = true;
                    names.sso_profiles.insert(std::mem::take(profile));
                }
            }
            _ => {}
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_sso_profiles_and_sessions() {
        let names = scan(
            "[default]\nsso_session = a\n[profile dev]\n  # sso_ in a comment\nSSO_Role_Name = x\n[profile \"my name\"]\n\
             sso_account_id = 1\n[profile keys]\naws_access_key_id = x\n s3 =\n  sso_fake = 1\n[sso-session corp]\n\
             sso_region = x\n[services s]\n",
            "",
        );
        assert_eq!(names.sso_profiles.into_iter().collect::<Vec<_>>(), ["default", "dev", "my name"]);
        assert_eq!(names.sso_sessions.into_iter().collect::<Vec<_>>(), ["corp"]);
    }

    #[test]
    fn keeps_only_names_with_the_prefix() {
        let text = "[default]\nsso_session = d\n[profile dev]\nsso_role_name = x\n[profile prod]\nsso_role_name = x\n\
                    [sso-session dev-corp]\nsso_region = x\n[sso-session corp]\nsso_region = x\n";
        let names = scan(text, "de");
        assert_eq!(names.sso_profiles.into_iter().collect::<Vec<_>>(), ["default", "dev"]);
        assert_eq!(names.sso_sessions.into_iter().collect::<Vec<_>>(), ["dev-corp"]);
        assert_eq!(scan(text, "x"), Names::default());
    }
}
