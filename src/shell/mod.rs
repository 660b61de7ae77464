//! Shells and the export plan: `use` and `unset` build a list of Set/Unset operations, and each shell (or
//! machine format) renders it with its own quoting.

pub mod init;
pub mod quote;

use std::fmt::Write as _;

use crate::env::Env;
use quote::QuoteError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Sh,
    Fish,
    #[value(alias = "pwsh")]
    Powershell,
    Nu,
    Cmd,
    /// `NAME='value'` lines, for `.env` files (read literally by python-dotenv, Compose and Node).
    Dotenv,
    /// One JSON object: names to values, `null` for the variables to remove.
    Json,
}

impl Shell {
    /// A shell by name, as `SSOENV_SHELL` or the basename of `$SHELL` gives it (`/usr/bin/zsh`, `pwsh.exe`).
    pub fn from_name(name: &str) -> Option<Self> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let base = base.strip_suffix(".exe").unwrap_or(base);
        Some(match base.to_ascii_lowercase().as_str() {
            "bash" => Self::Bash,
            "zsh" => Self::Zsh,
            // Shells that read POSIX `export`: dash, ash, ksh and busybox's sh.
            "sh" | "dash" | "ash" | "ksh" | "mksh" | "busybox" => Self::Sh,
            "fish" => Self::Fish,
            "powershell" | "pwsh" => Self::Powershell,
            "nu" | "nushell" => Self::Nu,
            "cmd" => Self::Cmd,
            "dotenv" => Self::Dotenv,
            "json" => Self::Json,
            _ => return None,
        })
    }

    /// `-s` when given, else `SSOENV_SHELL`, else the basename of `$SHELL`, else `sh`.
    pub fn detect(explicit: Option<Shell>, env: &Env) -> Result<Self, UnknownShell> {
        if let Some(shell) = explicit {
            return Ok(shell);
        }
        for variable in ["SSOENV_SHELL", "SHELL"] {
            if let Some(name) = env.get(variable) {
                return Self::from_name(name).ok_or_else(|| UnknownShell { variable, value: name.to_owned() });
            }
        }
        Ok(Self::Sh)
    }
}

#[derive(Debug, thiserror::Error)]
#[error(
    "{variable}={value} is not a shell ssoenv writes for; pass -s with one of bash, zsh, sh, fish, powershell, nu, \
     cmd (or dotenv, json)"
)]
pub struct UnknownShell {
    variable: &'static str,
    value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Set(&'static str, String),
    Unset(&'static str),
}

/// What to change in the environment, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub ops: Vec<Op>,
}

impl Plan {
    pub fn set(&mut self, name: &'static str, value: impl Into<String>) {
        self.ops.push(Op::Set(name, value.into()));
    }

    pub fn unset(&mut self, name: &'static str) {
        self.ops.push(Op::Unset(name));
    }

    /// The plan as `shell` code (or a machine format). Fails, naming the variable, on a value that shell
    /// cannot carry; nothing is rendered then, so a failing `use` prints nothing.
    pub fn render(&self, shell: Shell) -> Result<String, QuoteError> {
        for op in &self.ops {
            let (Op::Set(name, _) | Op::Unset(name)) = op;
            quote::check_name(name)?;
            if let Op::Set(name, value) = op {
                quote::check_no_nul(name, value)?;
                if shell == Shell::Cmd {
                    quote::check_cmd(name, value)?;
                }
            }
        }
        if shell == Shell::Json {
            return Ok(self.render_json());
        }
        let mut out = String::new();
        for op in &self.ops {
            // `write!` to a String cannot fail.
            let _ = match (shell, op) {
                (Shell::Bash | Shell::Zsh | Shell::Sh, Op::Set(name, value)) => {
                    writeln!(out, "export {name}={}", quote::posix(value))
                }
                (Shell::Bash | Shell::Zsh | Shell::Sh, Op::Unset(name)) => writeln!(out, "unset {name}"),
                (Shell::Fish, Op::Set(name, value)) => writeln!(out, "set -gx {name} {}", quote::fish(value)),
                // The global only: a bare `set -e` would also erase a universal variable, in every fish session
                // for good. `set -e` of a missing variable fails, and fish's `set` keeps that status through
                // the lines after it, so `ssoenv use dev | source; and ...` would fail: `or true` ends it here.
                (Shell::Fish, Op::Unset(name)) => writeln!(out, "set -e -g {name}; or true"),
                (Shell::Powershell, Op::Set(name, value)) => {
                    writeln!(out, "$Env:{name} = {}", quote::powershell(value))
                }
                (Shell::Powershell, Op::Unset(name)) => {
                    writeln!(out, "Remove-Item -LiteralPath 'Env:{name}' -ErrorAction SilentlyContinue")
                }
                (Shell::Nu, Op::Set(name, value)) => writeln!(out, "$env.{name} = {}", quote::nu(value)),
                (Shell::Nu, Op::Unset(name)) => writeln!(out, "hide-env --ignore-errors {name}"),
                (Shell::Cmd, Op::Set(name, value)) => writeln!(out, "set \"{name}={value}\""),
                (Shell::Cmd, Op::Unset(name)) => writeln!(out, "set \"{name}=\""),
                (Shell::Dotenv, Op::Set(name, value)) => writeln!(out, "{name}={}", quote::dotenv(value)),
                // A .env file cannot remove a variable; it only leaves it out.
                (Shell::Dotenv, Op::Unset(_)) => Ok(()),
                (Shell::Json, _) => unreachable!("rendered above"),
            };
        }
        Ok(out)
    }

    fn render_json(&self) -> String {
        let mut object = serde_json::Map::new();
        for op in &self.ops {
            match op {
                Op::Set(name, value) => object.insert((*name).to_owned(), value.clone().into()),
                Op::Unset(name) => object.insert((*name).to_owned(), serde_json::Value::Null),
            };
        }
        let mut out = serde_json::to_string_pretty(&object).expect("strings serialize");
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        let mut plan = Plan::default();
        plan.set("AWS_ACCESS_KEY_ID", "ASIA1");
        plan.set("AWS_SECRET_ACCESS_KEY", "it's");
        plan.unset("AWS_PROFILE");
        plan
    }

    #[test]
    fn detection() {
        let env = Env::from_pairs([("SHELL", "/usr/bin/zsh")]);
        assert_eq!(Shell::detect(None, &env).unwrap(), Shell::Zsh);
        let env = Env::from_pairs([("SHELL", "/bin/zsh"), ("SSOENV_SHELL", "fish")]);
        assert_eq!(Shell::detect(None, &env).unwrap(), Shell::Fish);
        assert_eq!(Shell::detect(Some(Shell::Nu), &env).unwrap(), Shell::Nu);
        assert_eq!(Shell::detect(None, &Env::default()).unwrap(), Shell::Sh);
        assert_eq!(Shell::from_name(r"C:\Program Files\PowerShell\7\pwsh.exe"), Some(Shell::Powershell));
        assert_eq!(Shell::from_name("/bin/dash"), Some(Shell::Sh));
        let error = Shell::detect(None, &Env::from_pairs([("SHELL", "/bin/tcsh")])).unwrap_err().to_string();
        assert!(error.starts_with("SHELL=/bin/tcsh is not a shell ssoenv writes for; pass -s"), "{error}");
    }

    #[test]
    fn posix_shells() {
        let expected = "export AWS_ACCESS_KEY_ID='ASIA1'\nexport AWS_SECRET_ACCESS_KEY='it'\\''s'\nunset AWS_PROFILE\n";
        for shell in [Shell::Bash, Shell::Zsh, Shell::Sh] {
            assert_eq!(plan().render(shell).unwrap(), expected);
        }
    }

    #[test]
    fn fish() {
        assert_eq!(
            plan().render(Shell::Fish).unwrap(),
            "set -gx AWS_ACCESS_KEY_ID 'ASIA1'\nset -gx AWS_SECRET_ACCESS_KEY 'it\\'s'\nset -e -g AWS_PROFILE; or true\n"
        );
    }

    /// PowerShell cannot run here: the exact text is the test. `Remove-Item -LiteralPath` does not glob, and
    /// `-ErrorAction SilentlyContinue` keeps a missing variable from being an error.
    #[test]
    fn powershell() {
        assert_eq!(
            plan().render(Shell::Powershell).unwrap(),
            "$Env:AWS_ACCESS_KEY_ID = 'ASIA1'\n$Env:AWS_SECRET_ACCESS_KEY = 'it''s'\n\
             Remove-Item -LiteralPath 'Env:AWS_PROFILE' -ErrorAction SilentlyContinue\n"
        );
    }

    /// Nushell cannot run here: `hide-env --ignore-errors` removes a variable that may not exist without failing
    /// the block, and values are raw strings.
    #[test]
    fn nu() {
        assert_eq!(
            plan().render(Shell::Nu).unwrap(),
            "$env.AWS_ACCESS_KEY_ID = r#'ASIA1'#\n$env.AWS_SECRET_ACCESS_KEY = r#'it's'#\nhide-env --ignore-errors AWS_PROFILE\n"
        );
    }

    /// cmd.exe cannot run here: the quotes around `NAME=value` keep `&|<>^()` literal; an empty value removes.
    #[test]
    fn cmd() {
        let mut plan = plan();
        plan.set("X", "a&b|c");
        assert_eq!(
            plan.render(Shell::Cmd).unwrap(),
            "set \"AWS_ACCESS_KEY_ID=ASIA1\"\nset \"AWS_SECRET_ACCESS_KEY=it's\"\nset \"AWS_PROFILE=\"\nset \"X=a&b|c\"\n"
        );
        plan.set("Y", "50%");
        assert!(matches!(plan.render(Shell::Cmd), Err(QuoteError::CmdCannotCarry { .. })));
    }

    #[test]
    fn machine_formats() {
        assert_eq!(
            plan().render(Shell::Dotenv).unwrap(),
            "AWS_ACCESS_KEY_ID='ASIA1'\nAWS_SECRET_ACCESS_KEY=\"it's\"\n"
        );
        let json: serde_json::Value = serde_json::from_str(&plan().render(Shell::Json).unwrap()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "AWS_ACCESS_KEY_ID": "ASIA1", "AWS_SECRET_ACCESS_KEY": "it's", "AWS_PROFILE": null })
        );
    }

    #[test]
    fn nul_is_refused_everywhere() {
        let mut plan = Plan::default();
        plan.set("X", "a\0b");
        for shell in [Shell::Bash, Shell::Fish, Shell::Powershell, Shell::Nu, Shell::Cmd, Shell::Dotenv, Shell::Json] {
            assert_eq!(plan.render(shell), Err(QuoteError::Nul { name: "X".into() }));
        }
    }
}
