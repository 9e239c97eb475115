//! The core's one error type. Each variant is a sentence a stressed parent can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLCipher cannot tell a wrong key from random bytes, so both land here.
    #[error("the passphrase is wrong, or {0} is not an Evenkeel journal")]
    WrongPassphrase(PathBuf),

    #[error("{0} is not an Evenkeel journal")]
    NotAJournal(PathBuf),

    #[error("there is no journal at {0}; create one first (evenkeel init)")]
    NoJournal(PathBuf),

    #[error("a journal already exists at {0}; it was left untouched")]
    JournalExists(PathBuf),

    #[error("this journal was written by a newer Evenkeel (format {found}, this version knows up to {known}); update Evenkeel to open it")]
    NewerFormat { found: i64, known: i64 },

    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },

    #[error("{what} is too large: {actual} bytes, the limit is {limit} bytes")]
    TooLarge {
        what: String,
        actual: u64,
        limit: u64,
    },

    #[error("no entry with id {0}")]
    NotFound(i64),

    #[error("entry {0} was deleted; its history is still kept")]
    Deleted(i64),

    #[error("cannot read {path}: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{0} is open in another Evenkeel window or command; close it there and try again")]
    Busy(PathBuf),

    #[error("no attachment with id {0}")]
    NoAttachment(i64),

    /// The stored bytes differ from the SHA-256 sealed in the chain when they were attached.
    #[error("attachment {id} ({name}) no longer matches the hash recorded when it was attached")]
    AttachmentAltered { id: i64, name: String },

    #[error("{file} cannot be imported: {problem}; nothing was changed")]
    Archive { file: PathBuf, problem: String },

    /// The typesetter refused the bundle: a fault in the template or in what we gave it, not
    /// in the user's data (their text is always passed as data, never as markup).
    #[error("the bundle could not be laid out: {0}")]
    Layout(String),

    /// A bundle's manifest does not hold, named precisely (`verify-export`).
    #[error("{file}: {problem}")]
    Manifest { file: PathBuf, problem: String },

    #[error("storage error: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl Error {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    /// A short machine-readable name, shared by the CLI's JSON and the desktop's `{kind, message}`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::WrongPassphrase(_) => "wrong_passphrase",
            Error::NotAJournal(_) => "not_a_journal",
            Error::NoJournal(_) => "no_journal",
            Error::JournalExists(_) => "journal_exists",
            Error::NewerFormat { .. } => "newer_format",
            Error::Invalid { .. } => "invalid",
            Error::TooLarge { .. } => "too_large",
            Error::NotFound(_) => "not_found",
            Error::Deleted(_) => "deleted",
            Error::File { .. } => "file",
            Error::Write { .. } => "write",
            Error::Busy(_) => "busy",
            Error::NoAttachment(_) => "not_found",
            Error::AttachmentAltered { .. } => "attachment_altered",
            Error::Archive { .. } => "bad_export",
            Error::Layout(_) => "layout",
            Error::Manifest { .. } => "bad_manifest",
            Error::Storage(_) => "storage",
        }
    }

    /// The disk or the database failed us (busy, full, I/O), as opposed to bad input or a
    /// failed check: the CLI gives these their own exit code.
    pub fn is_storage(&self) -> bool {
        matches!(
            self,
            Error::Storage(_) | Error::Write { .. } | Error::Busy(_)
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
