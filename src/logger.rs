//! `--verbose`: debug lines on stderr, prefixed so they stand apart from the output. Nothing logged anywhere in
//! ssoenv carries a secret: tokens and keys are `Secret`s, whose `Debug` hides them.

use log::{Level, LevelFilter, Log, Metadata, Record};

struct StderrLogger;

impl Log for StderrLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= Level::Debug && metadata.target().starts_with("ssoenv")
    }

    fn log(&self, record: &Record<'_>) {
        if self.enabled(record.metadata()) {
            eprintln!("ssoenv: {}: {}", record.level().as_str().to_lowercase(), record.args());
        }
    }

    fn flush(&self) {}
}

static LOGGER: StderrLogger = StderrLogger;

/// Turns on debug output; without it, nothing is logged.
pub fn init(verbose: bool) {
    if verbose && log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(LevelFilter::Debug);
    }
}
