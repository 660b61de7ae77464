//! Opening a URL in the person's browser: `$BROWSER` when set (a command line split with shell-words; `%s` is
//! replaced by the URL, else the URL is appended), else the platform's opener.

use std::process::{Command, Stdio};

use crate::env::Env;

/// The command that opens `url`.
fn command_line(env: &Env, url: &str) -> Result<Vec<String>, String> {
    if let Some(browser) = env.get("BROWSER") {
        let mut words = shell_words::split(browser).map_err(|e| format!("cannot split BROWSER={browser:?}: {e}"))?;
        if words.is_empty() {
            return Err("BROWSER is blank".to_owned());
        }
        if words.iter().any(|w| w.contains("%s")) {
            for word in &mut words {
                *word = word.replace("%s", url);
            }
        } else {
            words.push(url.to_owned());
        }
        return Ok(words);
    }
    let opener: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        // `start` is a cmd built-in; its first quoted argument is a window title, hence the empty one.
        &["cmd", "/C", "start", ""]
    } else {
        &["xdg-open"]
    };
    Ok(opener.iter().map(|s| (*s).to_owned()).chain([url.to_owned()]).collect())
}

/// Starts the browser on `url` without waiting for it. The browser's own output is discarded: it must not
/// mix with ours, and stdout is reserved for what the shell evaluates.
pub fn open(env: &Env, url: &str) -> Result<(), String> {
    let words = command_line(env, url)?;
    Command::new(&words[0])
        .args(&words[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| format!("cannot run {}: {e}", words[0]))
}

/// Whether a browser can be expected to open here: a `BROWSER` command, or (on Linux and the BSDs) a graphical
/// session, and not a remote shell.
pub fn likely_available(env: &Env) -> bool {
    if env.get("SSH_CONNECTION").is_some() || env.get("SSH_TTY").is_some() {
        return env.get("BROWSER").is_some();
    }
    if env.get("BROWSER").is_some() || cfg!(any(target_os = "macos", windows)) {
        return true;
    }
    env.get("DISPLAY").is_some() || env.get("WAYLAND_DISPLAY").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_variable() {
        let url = "https://example.com/device?user_code=ABCD-EFGH";
        let env = Env::from_pairs([("BROWSER", "firefox --new-tab")]);
        assert_eq!(command_line(&env, url).unwrap(), ["firefox", "--new-tab", url]);
        let env = Env::from_pairs([("BROWSER", "'/opt/my browser/run' --url=%s --x")]);
        assert_eq!(command_line(&env, url).unwrap(), ["/opt/my browser/run", &format!("--url={url}"), "--x"]);
        assert!(command_line(&Env::from_pairs([("BROWSER", "'open")]), url).is_err());
    }

    #[test]
    fn remote_and_headless_sessions() {
        assert!(!likely_available(&Env::from_pairs([("SSH_CONNECTION", "1 2 3 4"), ("DISPLAY", ":0")])));
        assert!(likely_available(&Env::from_pairs([("SSH_TTY", "/dev/pts/1"), ("BROWSER", "echo")])));
        if cfg!(target_os = "linux") {
            assert!(!likely_available(&Env::default()));
            assert!(likely_available(&Env::from_pairs([("WAYLAND_DISPLAY", "wayland-0")])));
        }
    }
}
