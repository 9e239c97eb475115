//! The encrypted journal: one SQLCipher file, append-only revisions, one hash chain.

mod attachments;
mod backup;
pub(crate) mod chain;
mod derived;
mod import;
mod lock;
mod messages;
mod migrations;
mod mood;
mod portable;
mod query;
mod schedule;
mod settings;
mod verify;
mod write;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};

pub use crate::import::SourceFile;
pub use attachments::MAX_ATTACHMENT_BYTES;
pub use backup::{backup_dir, rolling_backups, DEFAULT_KEEP as DEFAULT_BACKUPS_KEPT};
pub use chain::GENESIS;
pub use import::{ImportRun, ImportSummary, Participants};
pub use mood::{trends as mood_trends, MoodAround, MoodTrends, MoodWeek};
pub use portable::{Archive, ArchiveSummary};
pub use query::MAX_PAGE;
pub use schedule::{plan_title, Contact};

/// "EVKL": marks the file as ours once it is unlocked.
const APPLICATION_ID: i64 = 0x4556_4B4C;
pub const MIN_PASSPHRASE_CHARS: usize = 8;

pub struct Journal {
    conn: Connection,
    path: PathBuf,
    /// A shared lock on the file for as long as it is open, so a passphrase change (which
    /// replaces the file) can tell that another window or command still has it.
    lock: lock::FileLock,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// Initialises the OpenSSL that SQLCipher links, without its exit handler. That handler frees
/// OpenSSL's global state while other threads may still be using it, so a process that exits
/// with a worker thread mid-write (a test harness, a window closed during a save) can crash or
/// hang at exit: a four-thread program crashed at exit in 2 of 300 runs with the handler and in
/// none of 300 without. Must run before the first connection; later calls do nothing.
pub fn init_crypto() {
    openssl_sys::init();
}

impl Journal {
    /// Creates a new journal. Refuses to touch an existing file.
    pub fn create(path: &Path, passphrase: &str) -> Result<Journal> {
        init_crypto();
        check_new_passphrase(passphrase)?;
        if path.exists() {
            return Err(Error::JournalExists(path.to_path_buf()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        set_key(&conn, passphrase)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        restrict_permissions(path);
        let lock = lock::FileLock::shared(path)?;
        Self::finish_open(conn, path, lock)
    }

    /// Opens an existing journal. A wrong passphrase changes nothing on disk.
    pub fn open(path: &Path, passphrase: &str) -> Result<Journal> {
        init_crypto();
        let mut header = [0u8; 16];
        match fs::File::open(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NoJournal(path.to_path_buf()))
            }
            Err(e) => {
                return Err(Error::File {
                    path: path.to_path_buf(),
                    source: e,
                })
            }
            Ok(mut f) => {
                if f.read_exact(&mut header).is_err() {
                    return Err(Error::NotAJournal(path.to_path_buf()));
                }
            }
        }
        // A plain SQLite file is readable without a key, so it cannot be one of ours.
        if &header == b"SQLite format 3\0" {
            return Err(Error::NotAJournal(path.to_path_buf()));
        }
        // Held before SQLite opens the file, so a passphrase change cannot swap it underneath.
        let lock = lock::FileLock::shared(path)?;
        // CREATE is for databases ATTACHed later (the re-key copy); the journal itself was
        // found above.
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        set_key(&conn, passphrase)?;
        // The first read decrypts page 1: this is where a wrong key shows.
        let app_id: i64 = match conn.pragma_query_value(None, "application_id", |r| r.get(0)) {
            Ok(id) => id,
            Err(e) if is_not_a_database(&e) => {
                return Err(Error::WrongPassphrase(path.to_path_buf()))
            }
            Err(e) => return Err(e.into()),
        };
        if app_id != APPLICATION_ID {
            return Err(Error::NotAJournal(path.to_path_buf()));
        }
        Self::finish_open(conn, path, lock)
    }

    fn finish_open(mut conn: Connection, path: &Path, lock: lock::FileLock) -> Result<Journal> {
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > migrations::latest() {
            return Err(Error::NewerFormat {
                found,
                known: migrations::latest(),
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // Losing an acknowledged entry is worse than a few milliseconds per write.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Every page is decrypted on read and encrypted on write: a larger cache saves both.
        conn.pragma_update(None, "cache_size", -64_000)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // The CLI and the open app write to the same file: each waits for the other's
        // transaction rather than failing with "database is locked".
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Every transaction here reads then writes (the chain's previous hash, an entry's
        // newest revision): taking the write lock up front lets a second writer wait for it
        // instead of failing when a deferred transaction tries to upgrade.
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        migrations::migrate(&mut conn)?;
        Ok(Journal {
            conn,
            path: path.to_path_buf(),
            lock,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Re-encrypts the whole journal under a new passphrase. The new file is written beside
    /// the old one and renamed over it only once complete and checked, so an interruption
    /// loses nothing. Refused while another window or command has the journal open: its
    /// later writes would go to the replaced file and be lost.
    pub fn change_passphrase(self, new_passphrase: &str) -> Result<Journal> {
        check_new_passphrase(new_passphrase)?;
        let Journal { conn, path, lock } = self;
        if !lock.try_exclusive()? {
            return Err(Error::Busy(path));
        }
        let tmp = path.with_extension("rekey-tmp");
        let remove_tmp = || {
            for p in [&tmp, &side_file(&tmp, "-wal"), &side_file(&tmp, "-shm")] {
                let _ = fs::remove_file(p);
            }
        };
        remove_tmp();
        if let Err(e) = export_rekeyed(&conn, &tmp, new_passphrase) {
            remove_tmp();
            return Err(e);
        }
        // Make sure the new copy opens with the new passphrase before it replaces anything.
        if let Err(e) = Journal::open(&tmp, new_passphrase).and_then(|j| j.close()) {
            remove_tmp();
            return Err(e);
        }
        // Everything in the old write-ahead log goes into the old file first: once the old
        // log is removed below, a crash at any point leaves a whole journal at `path`.
        if let Err(e) = checkpoint(&conn) {
            remove_tmp();
            return Err(e);
        }
        drop(conn);
        let io = |p: &Path| {
            let p = p.to_path_buf();
            move |e| Error::Write { path: p, source: e }
        };
        fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(io(&tmp))?;
        restrict_permissions(&tmp);
        // A log left beside the journal would be replayed into the new file on its next open.
        for side in [side_file(&path, "-wal"), side_file(&path, "-shm")] {
            match fs::remove_file(&side) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&side)(e)),
                _ => {}
            }
        }
        fs::rename(&tmp, &path).map_err(io(&path))?;
        sync_dir(&path).map_err(io(&path))?;
        drop(lock);
        Journal::open(&path, new_passphrase)
    }

    /// Checks that `passphrase` opens this journal, without opening a second `Journal` on the
    /// file: closing one would drop, with its file lock's descriptor, every POSIX lock this
    /// process holds on the file, SQLite's for this connection included. SQLite's own
    /// connections share their descriptors, so a bare connection is safe.
    pub fn check_passphrase(&self, passphrase: &str) -> Result<()> {
        let conn = Connection::open_with_flags(&self.path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        set_key(&conn, passphrase)?;
        match conn.pragma_query_value(None, "application_id", |r| r.get::<_, i64>(0)) {
            Ok(APPLICATION_ID) => Ok(()),
            Ok(_) => Err(Error::NotAJournal(self.path.clone())),
            Err(e) if is_not_a_database(&e) => Err(Error::WrongPassphrase(self.path.clone())),
            Err(e) => Err(e.into()),
        }
    }

    /// Closes the journal, reporting an error SQLite meets while closing (a final checkpoint).
    pub fn close(self) -> Result<()> {
        self.conn.close().map_err(|(_, e)| Error::Storage(e))
    }
}

/// How long a write waits for another process's transaction before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

fn export_rekeyed(conn: &Connection, tmp: &Path, new_passphrase: &str) -> Result<()> {
    conn.execute(
        "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
        rusqlite::params![tmp.to_string_lossy(), new_passphrase],
    )?;
    let exported = conn
        .query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))
        .and_then(|_| {
            let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            conn.pragma_update(Some("rekeyed"), "user_version", version)?;
            conn.pragma_update(Some("rekeyed"), "application_id", APPLICATION_ID)
        });
    let detached = conn.execute("DETACH DATABASE rekeyed", []);
    exported?;
    detached?;
    Ok(())
}

/// Copies the whole write-ahead log into the database file and empties it.
fn checkpoint(conn: &Connection) -> Result<()> {
    let (busy, _, _): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    if busy != 0 {
        return Err(Error::Storage(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("the journal's write-ahead log could not be checkpointed".into()),
        )));
    }
    Ok(())
}

fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut side = path.as_os_str().to_owned();
    side.push(suffix);
    PathBuf::from(side)
}

/// Makes a rename in `path`'s folder durable: without it a power cut can bring the old name back.
fn sync_dir(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn check_new_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid(
            "passphrase",
            format!("use at least {MIN_PASSPHRASE_CHARS} characters; a few unrelated words are easiest to remember"),
        ));
    }
    Ok(())
}

fn set_key(conn: &Connection, passphrase: &str) -> Result<()> {
    conn.pragma_update(None, "key", passphrase)?;
    quiet_sqlcipher(conn);
    Ok(())
}

/// SQLCipher writes its own "ERROR CORE" lines on a wrong key; the user should see only ours.
/// Its log settings are process-wide and unsynchronised: setting a log file from two threads
/// at once can close the same `FILE` twice, which corrupts the C library's list of open files
/// and can leave the process spinning at exit (seen once: a test binary stuck in glibc's
/// `_IO_flush_all_lockp` after its tests ended). So they are set once per process, and no log
/// file is ever opened: logging is turned off. It runs after the first key, because SQLCipher
/// puts in its defaults (warnings to stderr) when a key first activates it; before any read,
/// where a wrong key would be logged.
fn quiet_sqlcipher(conn: &Connection) {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
        let _ = conn.pragma_update(None, "cipher_log", "off");
    });
}

fn is_not_a_database(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase)
}

fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| Error::File {
        path: dir.to_path_buf(),
        source: e,
    })
}

fn restrict_permissions(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The journal the desktop app and the CLI use when no path is given.
pub fn default_path() -> PathBuf {
    directories::ProjectDirs::from("org", "Evenkeel", "Evenkeel")
        .map(|d| d.data_dir().join("journal.evenkeel"))
        .unwrap_or_else(|| PathBuf::from("journal.evenkeel"))
}
