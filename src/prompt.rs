//! The prompt segment: environment variables in, one line out. No file is opened and no network is used, and
//! nothing here can fail the prompt: a variable that cannot be read is a variable that is not set.
//!
//! `main` routes `ssoenv prompt` here before clap is even built, so that a prompt costs little more than the
//! process start (bench/README.md).

use std::ffi::OsString;
use std::time::SystemTime;

use crate::cache::timestamp;

/// The variables the segment reads, and nothing else.
#[derive(Debug, Default, Clone)]
pub struct PromptVars {
    pub profile: Option<String>,
    pub credentials_expire: Option<u64>,
    pub session_expires: Option<u64>,
    pub region: Option<String>,
}

fn epoch(value: Option<String>) -> Option<u64> {
    timestamp::parse(&value?).map(timestamp::epoch_seconds)
}

impl PromptVars {
    pub fn from_process() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Self {
            profile: var("SSOENV_PROFILE"),
            credentials_expire: epoch(var("AWS_CREDENTIAL_EXPIRATION")),
            session_expires: epoch(var("SSOENV_SESSION_EXPIRATION")),
            region: var("AWS_REGION"),
        }
    }
}

/// The shells whose prompts need escapes and wrapped colour codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptShell {
    Bash,
    Zsh,
    /// Any other shell: colour codes as they are.
    Plain,
}

impl PromptShell {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "bash" => Some(Self::Bash),
            "zsh" => Some(Self::Zsh),
            "sh" | "fish" | "powershell" | "pwsh" | "nu" | "cmd" => Some(Self::Plain),
            _ => None,
        }
    }

    /// Text inside a prompt is not inert: bash expands `\`, `$` and backticks in PS1, zsh expands `%`.
    fn escape(self, text: &str) -> String {
        match self {
            Self::Bash => text.replace('\\', r"\\").replace('$', r"\$").replace('`', r"\`"),
            Self::Zsh => text.replace('%', "%%"),
            Self::Plain => text.to_owned(),
        }
    }

    /// Colour codes take no room on screen; the shell must be told so, or it miscounts the line's width.
    fn wrap(self, code: &str) -> String {
        match self {
            Self::Bash => format!("\\[{code}\\]"),
            Self::Zsh => format!("%{{{code}%}}"),
            Self::Plain => code.to_owned(),
        }
    }
}

/// Credentials this close to their end are shown in yellow: the prompt hook refreshes them within this window.
pub const WARN_SECONDS: u64 = 10 * 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptOptions {
    pub format: Option<String>,
    /// `None` without `-s`: colour codes unwrapped, text unescaped.
    pub shell: Option<PromptShell>,
    pub color: bool,
}

/// `42m`, `1h05m`, `30s`; `expired` when nothing is left.
pub fn time_left(until: u64, now: u64) -> String {
    if until <= now {
        return "expired".to_owned();
    }
    let left = until - now;
    match left {
        0..60 => format!("{left}s"),
        60..3600 => format!("{}m", left / 60),
        _ => format!("{}h{:02}m", left / 3600, left % 3600 / 60),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown placeholder {{{0}}} in --format; use {{profile}}, {{region}}, {{credentials_left}}, {{session_left}}")]
pub struct UnknownPlaceholder(String);

/// Checks a `--format` once, so that a typo is a usage error rather than a silently wrong prompt.
pub fn check_format(format: &str) -> Result<(), UnknownPlaceholder> {
    let mut rest = format;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        let name = &rest[open + 1..open + close];
        if !matches!(name, "profile" | "region" | "credentials_left" | "session_left") {
            return Err(UnknownPlaceholder(name.to_owned()));
        }
        rest = &rest[open + close + 1..];
    }
    Ok(())
}

/// The segment, or an empty string when no profile is active.
pub fn render(vars: &PromptVars, now: u64, options: &PromptOptions) -> String {
    let Some(profile) = &vars.profile else { return String::new() };
    let shell = options.shell.unwrap_or(PromptShell::Plain);
    let session_over = vars.session_expires.is_some_and(|at| at <= now);
    let credentials_left = vars.credentials_expire.map(|at| time_left(at, now)).unwrap_or_default();
    let text = match &options.format {
        Some(format) => format
            .replace("{profile}", profile)
            .replace("{region}", vars.region.as_deref().unwrap_or_default())
            .replace("{credentials_left}", &credentials_left)
            .replace("{session_left}", &vars.session_expires.map(|at| time_left(at, now)).unwrap_or_default()),
        None => {
            let mut text = profile.clone();
            if !credentials_left.is_empty() {
                text.push(' ');
                text.push_str(&credentials_left);
            }
            if session_over {
                // The credentials may still work, but the next refresh needs a login.
                text.push_str(" (login)");
            }
            text
        }
    };
    let text = shell.escape(&text);
    if !options.color {
        return text;
    }
    let colour = match vars.credentials_expire {
        Some(at) if at <= now => "\x1b[31m",
        _ if session_over => "\x1b[31m",
        Some(at) if at - now <= WARN_SECONDS => "\x1b[33m",
        _ => "\x1b[32m",
    };
    format!("{}{text}{}", shell.wrap(colour), shell.wrap("\x1b[0m"))
}

/// The fast path: `ssoenv prompt [--format FMT] [-s SHELL]` parsed by hand. `None` sends anything else
/// (`--help`, a mistake) to clap, which knows the same flags.
pub fn fast_path(args: &[OsString]) -> Option<std::process::ExitCode> {
    let mut format = None;
    let mut shell = None;
    let mut args = args.iter().map(|a| a.to_str());
    while let Some(arg) = args.next() {
        match arg? {
            "--format" => format = Some(args.next()??.to_owned()),
            "-s" | "--shell" => shell = Some(PromptShell::from_name(args.next()??)?),
            other => {
                if let Some(value) = other.strip_prefix("--format=") {
                    format = Some(value.to_owned());
                } else if let Some(value) = other.strip_prefix("--shell=") {
                    shell = Some(PromptShell::from_name(value)?);
                } else {
                    return None;
                }
            }
        }
    }
    if let Some(format) = &format {
        check_format(format).ok()?;
    }
    Some(print(format, shell))
}

/// Prints the segment for the current environment. Always succeeds: a prompt that cannot be written to is
/// nobody's problem.
pub fn print(format: Option<String>, shell: Option<PromptShell>) -> std::process::ExitCode {
    use std::io::Write;
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let now = timestamp::epoch_seconds(SystemTime::now());
    let line = render(&PromptVars::from_process(), now, &PromptOptions { format, shell, color });
    let _ = std::io::stdout().write_all(line.as_bytes());
    std::process::ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000;

    fn vars(credentials_in: Option<i64>, session_in: Option<i64>) -> PromptVars {
        let at = |offset: i64| (NOW as i64 + offset) as u64;
        PromptVars {
            profile: Some("dev".into()),
            credentials_expire: credentials_in.map(at),
            session_expires: session_in.map(at),
            region: Some("eu-west-1".into()),
        }
    }

    fn plain() -> PromptOptions {
        PromptOptions { format: None, shell: None, color: false }
    }

    #[test]
    fn states() {
        assert_eq!(render(&vars(Some(42 * 60 + 5), Some(8 * 3600)), NOW, &plain()), "dev 42m");
        assert_eq!(render(&vars(Some(3 * 3600 + 5 * 60), None), NOW, &plain()), "dev 3h05m");
        assert_eq!(render(&vars(Some(30), Some(3600)), NOW, &plain()), "dev 30s");
        assert_eq!(render(&vars(Some(-5), Some(3600)), NOW, &plain()), "dev expired");
        assert_eq!(render(&vars(Some(600), Some(-1)), NOW, &plain()), "dev 10m (login)");
        assert_eq!(render(&vars(None, None), NOW, &plain()), "dev");
        assert_eq!(render(&PromptVars::default(), NOW, &plain()), "");
    }

    #[test]
    fn colours_and_wrapping() {
        let coloured = |shell| PromptOptions { format: None, shell, color: true };
        assert_eq!(render(&vars(Some(3600), None), NOW, &coloured(None)), "\x1b[32mdev 1h00m\x1b[0m");
        assert_eq!(
            render(&vars(Some(300), None), NOW, &coloured(Some(PromptShell::Bash))),
            "\\[\x1b[33m\\]dev 5m\\[\x1b[0m\\]"
        );
        assert_eq!(
            render(&vars(Some(-1), None), NOW, &coloured(Some(PromptShell::Zsh))),
            "%{\x1b[31m%}dev expired%{\x1b[0m%}"
        );
        assert_eq!(render(&vars(Some(3600), Some(-1)), NOW, &coloured(None)), "\x1b[31mdev 1h00m (login)\x1b[0m");
    }

    #[test]
    fn formats_and_escapes() {
        let options = PromptOptions {
            format: Some("[{profile}@{region} {credentials_left}/{session_left}]".into()),
            shell: None,
            color: false,
        };
        assert_eq!(render(&vars(Some(120), Some(7200)), NOW, &options), "[dev@eu-west-1 2m/2h00m]");
        let hostile = PromptVars { profile: Some("a$b`c\\d%e".into()), ..PromptVars::default() };
        let bash = PromptOptions { shell: Some(PromptShell::Bash), ..plain() };
        assert_eq!(render(&hostile, NOW, &bash), r"a\$b\`c\\d%e");
        let zsh = PromptOptions { shell: Some(PromptShell::Zsh), ..plain() };
        assert_eq!(render(&hostile, NOW, &zsh), "a$b`c\\d%%e");
        assert!(check_format("{profile} {nope}").is_err());
        assert!(check_format("{profile} {session_left} {").is_ok());
    }

    #[test]
    fn fast_path_parses_only_what_it_knows() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert!(fast_path(&args(&["--help"])).is_none());
        assert!(fast_path(&args(&["-s", "tcsh"])).is_none());
        assert!(fast_path(&args(&["--format", "{bad}"])).is_none());
        assert!(fast_path(&args(&["--format"])).is_none());
    }
}
