//! An advisory lock on the journal file, held by every open journal (shared) and taken
//! exclusively to replace the file. SQLite's own locks cover a transaction; this covers the
//! whole time a window or a command has the journal open.

use std::fs::{File, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long opening waits for a passphrase change in another process to finish.
const WAIT: Duration = Duration::from_secs(10);

#[derive(Debug)]
pub(super) struct FileLock {
    file: File,
}

impl FileLock {
    /// A shared lock on the file at `path`, as it is now: if the file was replaced while we
    /// waited (a passphrase change renamed a new one over it), the new one is locked instead.
    pub fn shared(path: &Path) -> Result<FileLock> {
        let deadline = Instant::now() + WAIT;
        loop {
            let file = File::open(path).map_err(|e| Error::File {
                path: path.to_path_buf(),
                source: e,
            })?;
            match file.try_lock_shared() {
                Ok(()) if still_at(&file, path) => return Ok(FileLock { file }),
                Ok(()) | Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => {
                    return Err(Error::File {
                        path: path.to_path_buf(),
                        source: e,
                    })
                }
            }
            if Instant::now() >= deadline {
                return Err(Error::Busy(path.to_path_buf()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Upgrades to an exclusive lock if no other process holds the file; `false` if one does.
    pub fn try_exclusive(&self) -> Result<bool> {
        match self.file.try_lock() {
            Ok(()) => Ok(true),
            Err(TryLockError::WouldBlock) => {
                // flock may drop the shared lock when an upgrade fails: take it back.
                let _ = self.file.try_lock_shared();
                Ok(false)
            }
            Err(TryLockError::Error(e)) => Err(Error::Storage(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR),
                Some(format!("the journal could not be locked: {e}")),
            ))),
        }
    }
}

#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_file: &File, _path: &Path) -> bool {
    true
}
