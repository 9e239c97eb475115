//! Backups: an encrypted, consistent copy of the journal taken while it is in use, and a
//! restore that brings a copy back as a new journal only once it opens and verifies.

use std::fs;
use std::path::{Path, PathBuf};

use super::{restrict_permissions, side_file, sync_dir, Journal, APPLICATION_ID};
use crate::error::{Error, Result};

/// How many automatic backups are kept unless the user chose otherwise.
pub const DEFAULT_KEEP: usize = 7;
/// An automatic backup is made when the newest is older than this.
const AUTO_EVERY: chrono::TimeDelta = chrono::TimeDelta::hours(24);
const KEEP_KEY: &str = "auto_backups_keep";

/// The name automatic backups are written under, newest sorting last.
const AUTO_PREFIX: &str = "journal-";
const AUTO_SUFFIX: &str = ".evenkeel-backup";

impl Journal {
    /// Writes an encrypted copy of the journal to `out`, under the same passphrase. The copy
    /// is one read transaction's snapshot, so another window or command can keep writing while
    /// it is taken, and it is written beside `out` and renamed into place once whole.
    pub fn backup(&self, out: &Path, replace: bool) -> Result<()> {
        if !replace && out.exists() {
            return Err(Error::invalid(
                "out",
                format!("{} already exists; choose another name", out.display()),
            ));
        }
        let tmp = crate::files::temp_beside(out)?;
        let remove_tmp = || {
            for p in [tmp.clone(), side_file(&tmp, "-journal")] {
                let _ = fs::remove_file(p);
            }
        };
        remove_tmp();
        if let Err(e) = self.copy_to(&tmp) {
            remove_tmp();
            return Err(e);
        }
        let io = |e| Error::Write {
            path: out.to_path_buf(),
            source: e,
        };
        let finish = || -> std::io::Result<()> {
            fs::File::open(&tmp)?.sync_all()?;
            restrict_permissions(&tmp);
            fs::rename(&tmp, out)?;
            sync_dir(out)
        };
        if let Err(e) = finish() {
            remove_tmp();
            return Err(io(e));
        }
        Ok(())
    }

    /// `sqlcipher_export` into a database attached without a key clause, which SQLCipher
    /// encrypts with the main database's key: the passphrase never has to be asked for again.
    fn copy_to(&self, tmp: &Path) -> Result<()> {
        self.conn
            .execute("ATTACH DATABASE ?1 AS backup", [tmp.to_string_lossy()])?;
        let copied = (|| -> Result<()> {
            // Deferred: a read snapshot of the journal; only the copy is written.
            self.conn.execute_batch("BEGIN DEFERRED")?;
            let done = (|| -> Result<()> {
                self.conn
                    .query_row("SELECT sqlcipher_export('backup')", [], |_| Ok(()))?;
                let version: i64 = self
                    .conn
                    .pragma_query_value(None, "user_version", |r| r.get(0))?;
                self.conn
                    .pragma_update(Some("backup"), "user_version", version)?;
                self.conn
                    .pragma_update(Some("backup"), "application_id", APPLICATION_ID)?;
                Ok(())
            })();
            match done {
                Ok(()) => Ok(self.conn.execute_batch("COMMIT")?),
                Err(e) => {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    Err(e)
                }
            }
        })();
        let detached = self.conn.execute("DETACH DATABASE backup", []);
        copied?;
        detached?;
        Ok(())
    }

    /// Brings a backup back as a new journal at `to`. The backup itself is never changed:
    /// it is copied first, and the copy must open with the passphrase and verify before it
    /// takes the name `to`. Refuses an existing `to`.
    pub fn restore(backup: &Path, passphrase: &str, to: &Path) -> Result<Journal> {
        if to.exists() {
            return Err(Error::JournalExists(to.to_path_buf()));
        }
        if !backup.exists() {
            return Err(Error::NoJournal(backup.to_path_buf()));
        }
        let tmp = crate::files::temp_beside(to)?;
        let remove_tmp = || {
            for p in [
                tmp.clone(),
                side_file(&tmp, "-wal"),
                side_file(&tmp, "-shm"),
            ] {
                let _ = fs::remove_file(p);
            }
        };
        remove_tmp();
        let restored = (|| -> Result<()> {
            fs::copy(backup, &tmp).map_err(|e| Error::File {
                path: backup.to_path_buf(),
                source: e,
            })?;
            let journal = Journal::open(&tmp, passphrase).map_err(|e| match e {
                // Name the file the user gave, not our temporary copy.
                Error::WrongPassphrase(_) => Error::WrongPassphrase(backup.to_path_buf()),
                Error::NotAJournal(_) => Error::NotAJournal(backup.to_path_buf()),
                other => other,
            })?;
            journal.require_verified(backup, "the backup", None)?;
            checkpoint_and_close(journal)
        })();
        if let Err(e) = restored {
            remove_tmp();
            return Err(e);
        }
        if let Err(e) = fs::rename(&tmp, to).and_then(|()| sync_dir(to)) {
            remove_tmp();
            return Err(Error::Write {
                path: to.to_path_buf(),
                source: e,
            });
        }
        Journal::open(to, passphrase)
    }

    /// An automatic backup into `dir`, keeping the newest `keep` of them. Returns the new
    /// file. Named by the time taken, so they sort oldest first.
    pub fn backup_rolling(
        &self,
        dir: &Path,
        keep: usize,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<PathBuf> {
        super::create_private_dir(dir)?;
        let out = dir.join(format!(
            "{AUTO_PREFIX}{}{AUTO_SUFFIX}",
            now.format("%Y-%m-%dT%H-%M-%SZ")
        ));
        self.backup(&out, true)?;
        let mut all = rolling_backups(dir)?;
        let excess = all.len().saturating_sub(keep.max(1));
        for old in all.drain(..excess) {
            let _ = fs::remove_file(old);
        }
        Ok(out)
    }
}

impl Journal {
    /// How many automatic backups to keep; 0 turns them off.
    pub fn auto_backups_keep(&self) -> Result<usize> {
        Ok(self
            .setting(KEEP_KEY)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_KEEP))
    }

    pub fn set_auto_backups_keep(&mut self, keep: usize) -> Result<()> {
        if keep > 1000 {
            return Err(Error::invalid(
                "keep",
                "keep at most 1000 automatic backups",
            ));
        }
        self.put_setting(KEEP_KEY, &keep.to_string())
    }

    /// The desktop app's automatic backup: one into `dir` when the newest there is a day old
    /// or more (or there is none), keeping the newest few. Returns the new file, if one was
    /// made.
    pub fn auto_backup(
        &self,
        dir: &Path,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<PathBuf>> {
        let keep = self.auto_backups_keep()?;
        if keep == 0 {
            return Ok(None);
        }
        let newest = rolling_backups(dir)?.pop().and_then(|p| taken_at(&p));
        if newest.is_some_and(|t| now - t < AUTO_EVERY) {
            return Ok(None);
        }
        self.backup_rolling(dir, keep, now).map(Some)
    }
}

/// Where the automatic backups of the journal at `journal` go: a folder beside it.
pub fn backup_dir(journal: &Path) -> PathBuf {
    journal
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

/// When an automatic backup was taken, from its name.
fn taken_at(path: &Path) -> Option<chrono::DateTime<chrono::Utc>> {
    let name = path.file_name()?.to_str()?;
    let stamp = name.strip_prefix(AUTO_PREFIX)?.strip_suffix(AUTO_SUFFIX)?;
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%dT%H-%M-%SZ")
        .ok()
        .map(|t| t.and_utc())
}

/// The automatic backups in `dir`, oldest first.
pub fn rolling_backups(dir: &Path) -> Result<Vec<PathBuf>> {
    let read = match fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        other => other.map_err(|e| Error::File {
            path: dir.to_path_buf(),
            source: e,
        })?,
    };
    let mut out: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(AUTO_PREFIX) && n.ends_with(AUTO_SUFFIX))
        })
        .collect();
    out.sort();
    Ok(out)
}

/// Folds the write-ahead log into the file and closes it, so the file alone is the journal.
fn checkpoint_and_close(journal: Journal) -> Result<()> {
    super::checkpoint(&journal.conn)?;
    journal.conn.pragma_update(None, "journal_mode", "DELETE")?;
    journal.close()
}
