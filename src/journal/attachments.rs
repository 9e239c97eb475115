//! Files kept inside the encrypted journal. Never written to disk in clear unless exported.

use std::path::Path;

use rusqlite::{params, OptionalExtension};

use super::chain::sha256_hex;
use super::Journal;
use crate::error::{Error, Result};
use crate::model::AttachmentInfo;
use crate::validate;

/// 50 MB: enough for a long voice note or a scanned bundle; larger files slow every backup.
pub const MAX_ATTACHMENT_BYTES: u64 = 50 * 1000 * 1000;

impl Journal {
    /// Reads a file and attaches it to an entry, checking its size before reading it all.
    pub fn attach_file(&mut self, id: i64, file: &Path) -> Result<AttachmentInfo> {
        let file_err = |e| Error::File {
            path: file.to_path_buf(),
            source: e,
        };
        let meta = std::fs::metadata(file).map_err(file_err)?;
        if !meta.is_file() {
            return Err(Error::invalid(
                "file",
                format!("{} is not a file", file.display()),
            ));
        }
        check_size(file.display().to_string(), meta.len())?;
        let bytes = std::fs::read(file).map_err(file_err)?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".into());
        self.attach(id, &name, &bytes)
    }

    /// Stores the bytes with their SHA-256 and records the attachment in the entry's chain.
    pub fn attach(&mut self, id: i64, name: &str, bytes: &[u8]) -> Result<AttachmentInfo> {
        let tx = self.conn.transaction()?;
        let info = attach_in(&tx, id, name, bytes, &validate::now_utc())?;
        tx.commit()?;
        Ok(info)
    }

    /// The stored bytes of one attachment, checked against the SHA-256 sealed in the chain when
    /// it was attached (not the attachment row's own copy of it, which anyone could rewrite):
    /// nothing altered leaves the journal under the original's name.
    pub fn attachment_data(&self, attachment_id: i64) -> Result<(AttachmentInfo, Vec<u8>)> {
        let info = self.attachment_info(attachment_id)?;
        let bytes: Vec<u8> = self.conn.query_row(
            "SELECT data FROM attachments WHERE id = ?1",
            [attachment_id],
            |r| r.get(0),
        )?;
        if bytes.len() as u64 != info.size || sha256_hex(&bytes) != info.sha256 {
            return Err(Error::AttachmentAltered {
                id: attachment_id,
                name: info.name,
            });
        }
        Ok((info, bytes))
    }

    /// What the chain says of one attachment: the description in its entry's newest revision.
    pub fn attachment_info(&self, attachment_id: i64) -> Result<AttachmentInfo> {
        let content: Option<String> = self
            .conn
            .query_row(
                "SELECT r.content FROM attachments a JOIN revisions r ON r.entry_id = a.entry_id
                 WHERE a.id = ?1 ORDER BY r.seq DESC LIMIT 1",
                [attachment_id],
                |r| r.get(0),
            )
            .optional()?;
        let content = content.ok_or(Error::NoAttachment(attachment_id))?;
        super::write::parse_content(&content)?
            .attachments
            .into_iter()
            .find(|a| a.id == attachment_id)
            .ok_or(Error::NoAttachment(attachment_id))
    }

    /// Writes a checked copy of an attachment to `out`. The copy is written beside `out` and
    /// renamed into place, so a failure never leaves half a file; an existing file is
    /// replaced only when `replace` says so.
    pub fn save_attachment(
        &self,
        attachment_id: i64,
        out: &Path,
        replace: bool,
    ) -> Result<AttachmentInfo> {
        let (info, bytes) = self.attachment_data(attachment_id)?;
        crate::files::write_file(out, &bytes, replace)?;
        Ok(info)
    }
}

/// Attaches inside the caller's transaction (an import stores a message and its photo at once).
pub(super) fn attach_in(
    tx: &rusqlite::Transaction,
    id: i64,
    name: &str,
    bytes: &[u8],
    at: &str,
) -> Result<AttachmentInfo> {
    check_size(name.to_string(), bytes.len() as u64)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", "an attachment needs a file name"));
    }
    let media_type = media_type_of(name, bytes).to_string();
    let sha256 = sha256_hex(bytes);
    // Fail early with the clear message for a missing or deleted entry.
    super::write::newest(tx, id)?;
    tx.execute(
        "INSERT INTO attachments (entry_id, name, media_type, size, sha256, added_at, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, name, media_type, bytes.len() as i64, sha256, at, bytes],
    )?;
    let info = AttachmentInfo {
        id: tx.last_insert_rowid(),
        name: name.to_string(),
        media_type,
        size: bytes.len() as u64,
        sha256,
    };
    Journal::append_attachment(tx, id, info.clone(), at)?;
    Ok(info)
}

fn check_size(what: String, size: u64) -> Result<()> {
    if size > MAX_ATTACHMENT_BYTES {
        return Err(Error::TooLarge {
            what,
            actual: size,
            limit: MAX_ATTACHMENT_BYTES,
        });
    }
    Ok(())
}

/// Recognises the kinds of file parents attach, by their first bytes, then by name.
fn media_type_of(name: &str, bytes: &[u8]) -> &'static str {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"%PDF-") {
        "application/pdf"
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if starts(b"\xff\xd8\xff") {
        "image/jpeg"
    } else if starts(b"GIF8") {
        "image/gif"
    } else if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        "image/webp"
    } else if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WAVE" {
        "audio/wav"
    } else if starts(b"ID3") || starts(b"\xff\xfb") {
        "audio/mpeg"
    } else if starts(b"OggS") {
        "audio/ogg"
    } else if bytes.len() > 8 && &bytes[4..8] == b"ftyp" {
        if name.to_lowercase().ends_with(".m4a") {
            "audio/mp4"
        } else {
            "video/mp4"
        }
    } else if name.to_lowercase().ends_with(".txt") || std::str::from_utf8(bytes).is_ok() {
        "text/plain"
    } else {
        "application/octet-stream"
    }
}
