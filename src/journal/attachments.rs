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
        check_size(name.to_string(), bytes.len() as u64)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::invalid("name", "an attachment needs a file name"));
        }
        let media_type = media_type_of(name, bytes).to_string();
        let sha256 = sha256_hex(bytes);
        let at = validate::now_utc();
        let tx = self.conn.transaction()?;
        // Fail early with the clear message for a missing or deleted entry.
        super::write::newest(&tx, id)?;
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
        Journal::append_attachment(&tx, id, info.clone(), &at)?;
        tx.commit()?;
        Ok(info)
    }

    /// The stored bytes of one attachment, checked against their recorded hash.
    pub fn attachment_data(&self, attachment_id: i64) -> Result<(AttachmentInfo, Vec<u8>)> {
        let row = self
            .conn
            .query_row(
                "SELECT id, name, media_type, size, sha256, data FROM attachments WHERE id = ?1",
                [attachment_id],
                |r| {
                    Ok((
                        AttachmentInfo {
                            id: r.get(0)?,
                            name: r.get(1)?,
                            media_type: r.get(2)?,
                            size: r.get::<_, i64>(3)? as u64,
                            sha256: r.get(4)?,
                        },
                        r.get::<_, Vec<u8>>(5)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| {
                Error::invalid(
                    "attachment",
                    format!("no attachment with id {attachment_id}"),
                )
            })?;
        if sha256_hex(&row.1) != row.0.sha256 {
            return Err(Error::invalid(
                "attachment",
                format!("attachment {attachment_id} no longer matches its recorded hash"),
            ));
        }
        Ok(row)
    }
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
