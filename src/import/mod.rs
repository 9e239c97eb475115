//! Conversations that already exist, read verbatim from the files phones and mail programs
//! export: pure parsers here, one journal transaction to store them.

pub mod chat_zip;
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

/// Someone a backup or mailbox holds messages with, for the user to say which is the other
/// parent.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct Correspondent {
    /// A phone number or an e-mail address, as the file writes it.
    pub address: String,
    pub name: Option<String>,
    pub messages: u32,
}

/// An SMS backup or a mailbox as the import screen shows it before anything is written.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq)]
pub struct MessagesFile {
    pub path: String,
    pub file: SourceFile,
    /// `sms` or `email`.
    pub source: String,
    pub correspondents: Vec<Correspondent>,
    /// Records or messages that could not be read.
    pub unreadable: u32,
}

/// What kind of message file this is, by its first bytes: an SMS backup's XML, or mail.
pub fn sniff_messages(path: &Path) -> Result<&'static str> {
    let head = read_head(path, 512)?;
    let head = String::from_utf8_lossy(&head);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<?xml") || head.starts_with("<smses") || head.starts_with("<!--") {
        Ok("sms")
    } else if head.starts_with("From ") || head.lines().next().is_some_and(|l| l.contains(": ")) {
        Ok("email")
    } else {
        Err(Error::invalid(
            "file",
            format!(
                "{} is neither an SMS Backup & Restore file (.xml) nor e-mail (.eml, .mbox)",
                path.display()
            ),
        ))
    }
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
    let name = file_name(path);
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

/// A chat export as chosen: its text, the file it came from, and for a zip export the archive to
/// fetch media from as messages name them.
pub type OpenedChat = (
    String,
    SourceFile,
    Option<chat_zip::ChatZip<std::io::BufReader<std::fs::File>>>,
);

/// Opens a WhatsApp export: the `.txt`, or the `.zip` with media (its chat read from inside; the
/// hash and name recorded are the zip's, with the chat's name beside it).
pub fn open_chat(path: &Path) -> Result<OpenedChat> {
    if !starts_like_zip(path)? {
        let (text, file) = read_text_export(path)?;
        return Ok((text, file, None));
    }
    let name = file_name(path);
    let sha256 = hash_file(path)?;
    let opened = std::fs::File::open(path).map_err(|e| Error::File {
        path: path.to_path_buf(),
        source: e,
    })?;
    let zip = chat_zip::ChatZip::open(std::io::BufReader::new(opened), &name)?;
    let file = SourceFile {
        name: format!("{name} ({})", zip.chat_name),
        sha256,
    };
    Ok((zip.text.clone(), file, Some(zip)))
}

/// Whether the file at `path` starts like a zip archive.
pub fn starts_like_zip(path: &Path) -> Result<bool> {
    Ok(chat_zip::is_zip(&read_head(path, 4)?))
}

/// Up to `n` first bytes of a file, to tell what kind it is.
fn read_head(path: &Path, n: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(n).read_to_end(&mut head))
        .map_err(|e| Error::File {
            path: path.to_path_buf(),
            source: e,
        })?;
    Ok(head)
}

/// A reader that hashes what passes through it, so a large file is read once for both.
pub(crate) struct Hashing<R> {
    inner: R,
    hash: Sha256,
}

impl<R> Hashing<R> {
    pub(crate) fn new(inner: R) -> Hashing<R> {
        Hashing {
            inner,
            hash: Sha256::new(),
        }
    }

    pub(crate) fn finish(self) -> String {
        hex::encode(self.hash.finalize())
    }
}

impl<R: std::io::Read> std::io::Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
}

/// Opens a file to stream it, with the error naming it.
pub(crate) fn open_file(path: &Path) -> Result<std::fs::File> {
    std::fs::File::open(path).map_err(|e| Error::File {
        path: path.to_path_buf(),
        source: e,
    })
}

/// The file's name as the user knows it.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The SHA-256 of a file, streamed.
pub fn hash_file(path: &Path) -> Result<String> {
    let io = |e| Error::File {
        path: path.to_path_buf(),
        source: e,
    };
    let mut f = std::fs::File::open(path).map_err(io)?;
    let mut hash = Sha256::new();
    std::io::copy(&mut f, &mut hash).map_err(io)?;
    Ok(hex::encode(hash.finalize()))
}

/// The zone a phone's local times are read in unless the user names one: this computer's.
pub fn local_zone() -> chrono_tz::Tz {
    crate::schedule::system_zone()
        .parse()
        .unwrap_or(chrono_tz::UTC)
}
