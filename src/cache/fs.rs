//! Writing and reading cache files safely: atomic replacement, private permissions, and readers that treat
//! anything they cannot use as missing.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

/// Cache files are small; anything larger than this is not one of ours (or is hostile) and reads as missing.
const MAX_CACHE_FILE_BYTES: u64 = 1024 * 1024;

/// Creates `dir` and its missing parents with mode 0700 (existing folders are left as they are).
pub fn create_private_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Replaces `path` with `bytes` so that a reader sees the old file or the new one, never a part: a 0600 temp
/// file in the same folder, written, synced, then renamed over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with_mode(path, bytes, None)
}

/// The end of the name of every temporary file ssoenv writes; its start is `.<target's name>.`.
pub const TEMP_SUFFIX: &str = ".ssoenv-tmp";

/// [`write_atomic`], with the file given `mode` instead of 0600 (the config file keeps the mode it had).
///
/// A process killed between creating its temporary file and renaming it leaves the file behind. Writers of
/// tokens, registrations and role credentials hold the target's lock, so any temporary file of the same
/// target is such a leftover, and is removed before writing: leftovers never pile up. The account index and
/// the config file have no lock; a writer racing another there can lose its write (the index is only a
/// convenience; the config writer reports the failure).
pub fn write_atomic_with_mode(path: &Path, bytes: &[u8], mode: Option<u32>) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    create_private_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    remove_leftover_temps(dir, &prefix);
    // tempfile creates the file with mode 0600 on Unix.
    let mut temp = tempfile::Builder::new().prefix(&prefix).suffix(TEMP_SUFFIX).tempfile_in(dir)?;
    temp.write_all(bytes)?;
    #[cfg(unix)]
    if let Some(mode) = mode {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file().set_permissions(fs::Permissions::from_mode(mode))?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable; a folder that cannot be opened or synced costs only durability.
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

fn remove_leftover_temps(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(prefix) && name.ends_with(TEMP_SUFFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The file's JSON, or `None` when it is missing, unreadable, too large or not JSON.
pub fn read_json(path: &Path) -> Option<serde_json::Value> {
    read_json_limited(path, MAX_CACHE_FILE_BYTES)
}

/// [`read_json`] for a file that may be larger than a token (the account index).
pub fn read_json_limited(path: &Path, max_bytes: u64) -> Option<serde_json::Value> {
    let file = fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    file.take(max_bytes + 1).read_to_end(&mut bytes).ok()?;
    if bytes.len() as u64 > max_bytes {
        return None;
    }
    serde_json::from_slice(&bytes).ok()
}

/// Removes a file; one that is already gone is fine.
pub fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn writes_private_files_in_private_new_folders() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("a/b/token.json");
        write_atomic(&path, b"{}").unwrap();
        write_atomic(&path, b"{\"x\": 1}").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{\"x\": 1}");
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&root.path().join("a")), 0o700);
        assert_eq!(mode(&root.path().join("a/b")), 0o700);
        assert_eq!(fs::read_dir(root.path().join("a/b")).unwrap().count(), 1, "no temp files left");
    }

    #[test]
    fn a_killed_writer_s_leftover_goes_with_the_next_write_of_its_target() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("token.json");
        let leftover = root.path().join(".token.json.a1b2c3.ssoenv-tmp");
        let other = root.path().join(".other.json.a1b2c3.ssoenv-tmp");
        fs::write(&leftover, b"{\"half").unwrap();
        fs::write(&other, b"{\"half").unwrap();
        write_atomic(&path, b"{}").unwrap();
        assert!(!leftover.exists());
        assert!(other.exists(), "another target's file is that target's writer's business");
    }

    #[test]
    fn unusable_files_read_as_missing() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("x.json");
        assert_eq!(read_json(&path), None);
        fs::write(&path, b"{\"accessToken\": \"a\"").unwrap();
        assert_eq!(read_json(&path), None);
        fs::write(&path, vec![b' '; 2 * 1024 * 1024]).unwrap();
        assert_eq!(read_json(&path), None);
        assert_eq!(read_json(root.path()), None);
        fs::write(&path, b"{}").unwrap();
        assert_eq!(read_json(&path), Some(serde_json::json!({})));
    }
}
