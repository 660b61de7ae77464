//! The single-flight lock: one file per token, next to it, locked with the operating system's advisory file
//! lock. The lock dies with its process, so a crash (even `kill -9`) never leaves it held.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How often a waiting process checks the lock again.
const POLL: Duration = Duration::from_millis(50);

/// A held lock; dropping it releases the lock (the file stays, so that no two processes race to create it).
#[derive(Debug)]
pub struct LockGuard {
    _file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("cannot open the lock file {}: {source}", path.display())]
    Open { path: PathBuf, source: io::Error },
    #[error("gave up after {waited:?} waiting for another ssoenv process that holds {}", path.display())]
    TimedOut { path: PathBuf, waited: Duration },
}

/// Takes the lock at `path`, waiting up to `patience`. `on_wait` runs once, when the lock is found held, so
/// that the person learns why nothing seems to happen.
pub fn acquire(path: &Path, patience: Duration, on_wait: impl FnOnce()) -> Result<LockGuard, LockError> {
    if let Some(dir) = path.parent() {
        super::fs::create_private_dir_all(dir).map_err(|source| LockError::Open { path: path.to_owned(), source })?;
    }
    let file = open_lock_file(path).map_err(|source| LockError::Open { path: path.to_owned(), source })?;
    let started = Instant::now();
    let mut on_wait = Some(on_wait);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(LockGuard { _file: file }),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(source)) => return Err(LockError::Open { path: path.to_owned(), source }),
        }
        if let Some(notify) = on_wait.take() {
            notify();
        }
        if started.elapsed() >= patience {
            return Err(LockError::TimedOut { path: path.to_owned(), waited: started.elapsed() });
        }
        std::thread::sleep(POLL);
    }
}

fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_then_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/x.lock");
        let held = acquire(&path, Duration::ZERO, || {}).unwrap();
        let mut told = false;
        let error = acquire(&path, Duration::from_millis(120), || told = true).unwrap_err();
        assert!(told);
        assert!(matches!(error, LockError::TimedOut { .. }), "{error}");
        drop(held);
        assert!(acquire(&path, Duration::ZERO, || panic!("free")).is_ok());
    }
}
