//! What a login shows the person, all on stderr (stdout is what the shell evaluates): the AWS CLI's prompts
//! (sso-protocol.md §2.5), a QR code on request, and a spinner with the time left while waiting.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// How the login shows itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Presentation {
    /// Print the URL only; do not start a browser (`--no-browser`).
    pub no_browser: bool,
    /// Also draw the URL as a QR code (`--qr`).
    pub qr: bool,
}

pub fn say(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
}

pub fn device_prompt(
    presentation: Presentation,
    verification_uri: &str,
    user_code: &str,
    complete_uri: &str,
) -> String {
    let opening = if presentation.no_browser {
        "Browser will not be automatically opened.\nPlease visit the following URL:\n".to_owned()
    } else {
        "Attempting to open your default browser.\nIf the browser does not open or you wish to use a different \
         device to authorize this request, open the following URL:\n"
            .to_owned()
    };
    format!(
        "{opening}\n{verification_uri}\n\nThen enter the code:\n\n{user_code}\n\nAlternatively, you may visit the \
         following URL which will autofill the code upon loading:\n{complete_uri}\n"
    )
}

pub fn pkce_prompt(presentation: Presentation, url: &str) -> String {
    if presentation.no_browser {
        format!("Browser will not be automatically opened.\nPlease visit the following URL:\n\n{url}\n\n")
    } else {
        format!(
            "Attempting to open your default browser. If the browser does not open, open the following URL.\nIf \
             you are unable to open the URL on this device, run this command again with the '--use-device-code' \
             option.\n\n{url}\n\n"
        )
    }
}

/// The URL as a QR code of half-height blocks, for a phone's camera.
pub fn qr_code(url: &str) -> Option<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::unicode::Dense1x2>()
            .dark_color(qrcode::render::unicode::Dense1x2::Light)
            .light_color(qrcode::render::unicode::Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

/// A spinner with the time left, shown only when stderr is a terminal; it disappears when dropped.
pub struct Waiting {
    bar: Option<ProgressBar>,
}

impl Waiting {
    pub fn start(what: &str, deadline: Instant) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self { bar: None };
        }
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        let what = what.to_owned();
        bar.set_message(format!("{what}…"));
        bar.enable_steady_tick(Duration::from_millis(120));
        let updater = bar.clone();
        // The message counts down on its own thread; it stops when the bar is finished.
        std::thread::spawn(move || {
            while !updater.is_finished() {
                let left = deadline.saturating_duration_since(Instant::now()).as_secs();
                updater.set_message(format!("{what} ({}m {:02}s left, Ctrl-C to cancel)", left / 60, left % 60));
                std::thread::sleep(Duration::from_millis(500));
            }
        });
        Self { bar: Some(bar) }
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A spinner with a message while something without a deadline runs (a listing); only on a terminal.
pub struct Busy {
    bar: Option<ProgressBar>,
}

impl Busy {
    pub fn start(what: &str) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self { bar: None };
        }
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(format!("{what}…"));
        bar.enable_steady_tick(Duration::from_millis(120));
        Self { bar: Some(bar) }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_follow_the_aws_cli() {
        let prompt = device_prompt(Presentation::default(), "https://v", "ABCD-EFGH", "https://v?user_code=ABCD-EFGH");
        assert!(prompt.starts_with("Attempting to open your default browser.\nIf the browser does not open"));
        assert!(prompt.contains("\n\nhttps://v\n\nThen enter the code:\n\nABCD-EFGH\n"));
        let quiet = device_prompt(Presentation { no_browser: true, qr: false }, "https://v", "C", "https://v?c");
        assert!(
            quiet.starts_with(
                "Browser will not be automatically opened.\nPlease visit the following URL:\n\nhttps://v\n"
            )
        );
        assert!(
            pkce_prompt(Presentation::default(), "https://a").contains("'--use-device-code' option.\n\nhttps://a\n\n")
        );
        let qr = qr_code("https://example.com/device?user_code=ABCD-EFGH").unwrap();
        assert!(qr.lines().count() > 10);
    }
}
