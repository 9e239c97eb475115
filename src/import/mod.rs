//! Conversations that already exist, read verbatim from the files phones and mail programs
//! export: pure parsers here, one journal transaction to store them.

pub mod dates;
pub mod email;
pub mod sms;
pub mod whatsapp;

pub use dates::{DateOrder, DateReading};
pub use whatsapp::{ChatKind, ChatMessage, ChatPreview, DateQuestion, ParsedChat};

use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The original file, as the user chose it: its name and the SHA-256 of every byte of it.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub sha256: String,
}

/// A chosen chat file as the import screen shows it, before anything is written.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq)]
pub struct ChatFile {
    pub path: String,
    pub file: SourceFile,
    pub preview: ChatPreview,
}

/// A chat export far larger than any real one is refused before it is read.
pub const MAX_CHAT_BYTES: u64 = 512 * 1024 * 1024;

/// Reads a text export whole (a chat export is a few megabytes), with its name and hash.
pub fn read_text_export(path: &Path) -> Result<(String, SourceFile)> {
    let file = |e| Error::File {
        path: path.to_path_buf(),
        source: e,
    };
    let size = std::fs::metadata(path).map_err(file)?.len();
    if size > MAX_CHAT_BYTES {
        return Err(Error::TooLarge {
            what: "chat export".into(),
            actual: size,
            limit: MAX_CHAT_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(file)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::invalid(
            "file",
            format!(
                "{name} is not a WhatsApp text export (not UTF-8 text); a .zip export is not read yet, unzip it and import the .txt"
            ),
        )
    })?;
    Ok((text, SourceFile { name, sha256 }))
}

/// The zone a phone's local times are read in unless the user names one: this computer's.
pub fn local_zone() -> chrono_tz::Tz {
    crate::schedule::system_zone()
        .parse()
        .unwrap_or(chrono_tz::UTC)
}
