//! WhatsApp's "Export chat" with media: a zip holding the chat's text (`_chat.txt` on iOS,
//! `WhatsApp Chat with ….txt` on Android) and the photos, voice notes and documents it names.
//!
//! Nothing in the zip is ever written to disk: a file is read into memory only when a message
//! names it, by its bare file name (a name with a path in it, `../../x`, is never looked up),
//! and never beyond the attachment limit, so a zip bomb costs at most that much.

use std::io::{Read, Seek};

use zip::ZipArchive;

use crate::error::{Error, Result};
use crate::journal::MAX_ATTACHMENT_BYTES;

/// The zip as read: its chat text and the archive, to fetch media from as messages name them.
pub struct ChatZip<R: Read + Seek> {
    archive: ZipArchive<R>,
    /// The chat's file inside the zip.
    pub chat_name: String,
    pub text: String,
    /// Media named by a message that could not be attached (missing, too large, unreadable).
    pub media_skipped: Vec<String>,
}

/// Whether the bytes start like a zip file.
pub fn is_zip(first_bytes: &[u8]) -> bool {
    first_bytes.starts_with(b"PK\x03\x04")
}

impl<R: Read + Seek> ChatZip<R> {
    pub fn open(reader: R, zip_name: &str) -> Result<ChatZip<R>> {
        let bad = |why: String| Error::invalid("file", format!("{zip_name} {why}"));
        let mut archive = ZipArchive::new(reader)
            .map_err(|e| bad(format!("is not a zip file that can be read ({e})")))?;
        let texts: Vec<String> = archive
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .filter(|n| n.ends_with(".txt") && !n.contains('/') && !n.contains('\\'))
            .collect();
        let chat_name = match texts.as_slice() {
            [one] => one.clone(),
            [] => {
                return Err(bad(
                    "holds no chat: a WhatsApp export has a .txt file at its top".into(),
                ))
            }
            many => match many.iter().find(|n| *n == "_chat.txt") {
                Some(n) => n.clone(),
                None => {
                    return Err(bad(format!(
                        "holds several .txt files ({}); unzip it and import the chat's own",
                        many.join(", ")
                    )))
                }
            },
        };
        let mut entry = archive
            .by_name(&chat_name)
            .map_err(|e| bad(format!("cannot be read ({e})")))?;
        let mut bytes = Vec::new();
        (&mut entry)
            .take(super::MAX_CHAT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| bad(format!("cannot be read ({e})")))?;
        drop(entry);
        if bytes.len() as u64 > super::MAX_CHAT_BYTES {
            return Err(Error::TooLarge {
                what: format!("{chat_name} in {zip_name}"),
                actual: bytes.len() as u64,
                limit: super::MAX_CHAT_BYTES,
            });
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| bad(format!("has a {chat_name} that is not UTF-8 text")))?;
        Ok(ChatZip {
            archive,
            chat_name,
            text,
            media_skipped: Vec::new(),
        })
    }

    /// The bytes of the media file a message names, or `None` (and a note of it) when the zip
    /// does not hold it, it is larger than an attachment may be, or it cannot be read.
    pub fn media(&mut self, name: &str) -> Option<Vec<u8>> {
        let safe = !name.is_empty()
            && !name.contains('/')
            && !name.contains('\\')
            && name != "."
            && name != "..";
        let found = safe
            .then(|| self.archive.by_name(name).ok())
            .flatten()
            .and_then(|entry| {
                let mut bytes = Vec::new();
                entry
                    .take(MAX_ATTACHMENT_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .ok()?;
                (bytes.len() as u64 <= MAX_ATTACHMENT_BYTES).then_some(bytes)
            });
        if found.is_none() {
            self.media_skipped.push(name.to_string());
        }
        found
    }
}
