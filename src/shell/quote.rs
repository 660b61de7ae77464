//! Quoting a value so that the shell reads back exactly those bytes and runs nothing (style-anchors.md §9).
//! Each rule is a defect someone shipped: Rust's `{:?}` (fnm) expands `$HOME` and runs backticks; a POSIX
//! quoter used for fish (mise) breaks on `ends\`; PowerShell ends single quotes at smart quotes too.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteError {
    /// No shell can carry NUL into the environment.
    Nul {
        name: String,
    },
    /// cmd.exe cannot carry this character on its command line.
    CmdCannotCarry {
        name: String,
        character: char,
    },
    BadName(String),
}

impl fmt::Display for QuoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Nul { name } => write!(f, "the value of {name} contains a NUL byte, which no shell can export"),
            Self::CmdCannotCarry { name, character } => write!(
                f,
                "the value of {name} contains {character:?}, which cmd.exe cannot carry in `set` (it would be \
                 expanded or end the line); use -s powershell, or ssoenv exec"
            ),
            Self::BadName(name) => write!(f, "{name:?} is not a valid environment variable name"),
        }
    }
}

impl std::error::Error for QuoteError {}

/// `[A-Za-z_][A-Za-z0-9_]*`: names are validated, never quoted.
pub fn check_name(name: &str) -> Result<(), QuoteError> {
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid { Ok(()) } else { Err(QuoteError::BadName(name.to_owned())) }
}

pub fn check_no_nul(name: &str, value: &str) -> Result<(), QuoteError> {
    if value.contains('\0') { Err(QuoteError::Nul { name: name.to_owned() }) } else { Ok(()) }
}

/// bash, zsh, dash: inside `'…'` every byte is literal; a `'` closes, is escaped outside, and reopens.
pub fn posix(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

/// fish: inside `'…'` only `\\` and `\'` are escapes, so both must be escaped (a POSIX quoter is wrong here).
pub fn fish(value: &str) -> String {
    format!("'{}'", value.replace('\\', r"\\").replace('\'', r"\'"))
}

/// PowerShell: inside `'…'` a quote is written twice; U+2018–U+201B are quotes too (about_Quoting_Rules).
/// Never `"…"`, where `$` and the backtick expand.
pub fn powershell(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// Nushell: a raw string `r#'…'#` takes every character as it is; it ends at `'` followed by as many `#` as
/// it opened with, so it opens with one more `#` than any such run in the value.
pub fn nu(value: &str) -> String {
    let mut hashes = 1;
    while value.contains(&format!("'{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}'{value}'{fence}")
}

/// cmd.exe: `set "NAME=value"` keeps `& | < > ^ ( )` literal, but `%` expands (it cannot be escaped on the
/// command line), `!` is eaten under delayed expansion, and `"`, CR and LF end the command: refused.
pub fn check_cmd(name: &str, value: &str) -> Result<(), QuoteError> {
    match value.chars().find(|c| matches!(c, '%' | '!' | '"' | '\r' | '\n')) {
        Some(character) => Err(QuoteError::CmdCannotCarry { name: name.to_owned(), character }),
        None => Ok(()),
    }
}

/// A `.env` value. Single quotes where the value allows them (no `'`, `\\`, CR or LF): python-dotenv, Docker
/// Compose and Node's dotenv all read those literally, so a `$` stays a `$`. Otherwise the double-quoted form
/// they share, where `\\`, `\"`, `\n`, `\r` and `\t` are the escapes, and where some readers expand `${...}`:
/// no form is literal to all of them for such a value.
pub fn dotenv(value: &str) -> String {
    if !value.contains(['\'', '\\', '\r', '\n']) {
        return format!("'{value}'");
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '\\' => out.push_str(r"\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str(r"\n"),
            '\r' => out.push_str(r"\r"),
            '\t' => out.push_str(r"\t"),
            other => out.push(other),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for good in ["AWS_REGION", "_x", "a1"] {
            assert_eq!(check_name(good), Ok(()));
        }
        for bad in ["", "1A", "A-B", "A B", "A=B", "É"] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    /// `'` must close, escape and reopen; nothing else in single quotes is special to a POSIX shell.
    #[test]
    fn posix_quotes() {
        assert_eq!(posix(""), "''");
        assert_eq!(posix("it's"), r"'it'\''s'");
        assert_eq!(posix("a$HOME`id`\\"), "'a$HOME`id`\\'");
    }

    /// fish: a trailing backslash would escape the closing quote, and `\\` would collapse, without these escapes.
    #[test]
    fn fish_quotes() {
        assert_eq!(fish(r"ends\"), r"'ends\\'");
        assert_eq!(fish(r"two\\b"), r"'two\\\\b'");
        assert_eq!(fish("it's"), r"'it\'s'");
        assert_eq!(fish("$HOME (id)"), "'$HOME (id)'");
    }

    /// PowerShell: `$` and the backtick are literal in single quotes; every kind of single quote is doubled,
    /// including the smart quotes that a plain `''` replacement (mise, direnv) misses.
    #[test]
    fn powershell_quotes() {
        assert_eq!(powershell(r"C:\Users\O'Brien"), r"'C:\Users\O''Brien'");
        assert_eq!(powershell("a`b $c \"d\""), "'a`b $c \"d\"'");
        assert_eq!(
            powershell("\u{2018}x\u{2019}\u{201A}\u{201B}"),
            "'\u{2018}\u{2018}x\u{2019}\u{2019}\u{201A}\u{201A}\u{201B}\u{201B}'"
        );
        assert_eq!(powershell("line\nbreak"), "'line\nbreak'");
    }

    /// Nushell's single-quoted strings have no escapes at all; a raw string with enough `#` carries anything.
    #[test]
    fn nu_raw_strings() {
        assert_eq!(nu("plain"), "r#'plain'#");
        assert_eq!(nu("it's"), "r#'it's'#");
        assert_eq!(nu("x'#y"), "r##'x'#y'##");
        assert_eq!(nu("'##'#"), "r###''##'#'###");
        assert_eq!(nu("$env.HOME (ls)"), "r#'$env.HOME (ls)'#");
    }

    /// cmd.exe: `%` cannot be escaped at the prompt and `!` vanishes under delayed expansion; refuse, never
    /// emit something that runs differently from how it reads.
    #[test]
    fn cmd_refusals() {
        assert_eq!(check_cmd("X", "a&b|c<d>e^f(g)"), Ok(()));
        for bad in ["100%", "hi!", "q\"", "a\rb", "a\nb"] {
            assert!(check_cmd("X", bad).is_err(), "{bad:?}");
        }
        assert!(check_cmd("X", "%PATH%").unwrap_err().to_string().contains("contains '%', which cmd.exe cannot carry"));
    }

    #[test]
    fn dotenv_quotes() {
        // Literal for every reader: a `$` is not expanded inside single quotes.
        assert_eq!(dotenv("ASIA/x+y=\"${HOME}\" $PATH\t"), "'ASIA/x+y=\"${HOME}\" $PATH\t'");
        assert_eq!(dotenv(""), "''");
        // What single quotes cannot hold goes double-quoted, escaped.
        assert_eq!(dotenv("a\"b\\c\nd\te"), r#""a\"b\\c\nd\te""#);
        assert_eq!(dotenv("it's"), "\"it's\"");
    }
}
