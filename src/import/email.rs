//! E-mail with the other parent: single `.eml` files and `.mbox` archives (Thunderbird, Gmail's
//! Takeout), read with `mail-parser`. Only mail from or to the other parent's addresses is kept;
//! an archive is read one message at a time.

use std::io::{BufRead, Read as _};
use std::path::Path;

use chrono::{DateTime, FixedOffset, TimeZone};
use mail_parser::{Address, MessageParser};

use super::SourceFile;
use crate::error::{Error, Result};

/// One e-mail message with its attachments is rarely more than a few megabytes.
pub const MAX_EML_BYTES: u64 = 100 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct Email {
    /// Which message of the file it is, counting from 1.
    pub record: u64,
    /// With the offset the sender's mail program wrote.
    pub at: DateTime<FixedOffset>,
    /// Sent by the user (to the other parent) rather than received from them.
    pub sent: bool,
    /// The From header as written: `Dana Smith <dana@example.com>`.
    pub from: String,
    pub to: Vec<String>,
    pub subject: String,
    /// The plain-text body as the mail carries it (decoded from its transfer encoding).
    pub body: String,
}

#[derive(Debug, Default)]
pub struct Mail {
    pub emails: Vec<Email>,
    /// Messages with other people: left out, counted.
    pub others: u64,
    /// Messages that could not be read (no date, no sender, not mail at all): their numbers.
    pub unreadable: Vec<u64>,
}

/// Reads one message (an `.eml` file's bytes), keeping it if it is with one of `other`.
pub fn parse_one(raw: &[u8], record: u64, other: &[String], mail: &mut Mail) {
    match read(raw, record, other) {
        Read::Kept(e) => mail.emails.push(e),
        Read::Other => mail.others += 1,
        Read::Unreadable => mail.unreadable.push(record),
    }
}

/// Reads an mbox archive, one message at a time.
pub fn parse_mbox(input: impl BufRead, other: &[String]) -> Result<Mail> {
    let mut mail = Mail::default();
    let mut record = 0;
    for message in mail_parser::mailbox::mbox::MessageIterator::new(input) {
        record += 1;
        let message = message.map_err(|e| {
            Error::invalid(
                "mbox",
                format!("message {record} of the archive cannot be read ({e})"),
            )
        })?;
        parse_one(message.contents(), record, other, &mut mail);
    }
    if record == 0 {
        return Err(Error::invalid(
            "mbox",
            "the file holds no messages: an mbox archive starts with a line beginning \"From \"",
        ));
    }
    Ok(mail)
}

/// Reads an `.eml` file or an `.mbox` archive, streamed and hashed as it is read (a Takeout
/// archive can be gigabytes), keeping mail with `other` (everything when `other` is empty).
pub fn read_file(path: &Path, other: &[String]) -> Result<(Mail, SourceFile)> {
    let io = |e| Error::File {
        path: path.to_path_buf(),
        source: e,
    };
    let name = super::file_name(path);
    let mut hashing = super::Hashing::new(super::open_file(path)?);
    let mut reader = std::io::BufReader::with_capacity(1 << 16, &mut hashing);
    let head = reader.fill_buf().map_err(io)?;
    let mail = if is_mbox(head) {
        parse_mbox(&mut reader, other)?
    } else {
        let mut bytes = Vec::new();
        (&mut reader)
            .take(MAX_EML_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > MAX_EML_BYTES {
            return Err(Error::TooLarge {
                what: format!("e-mail {name}"),
                actual: bytes.len() as u64,
                limit: MAX_EML_BYTES,
            });
        }
        let mut mail = Mail::default();
        parse_one(&bytes, 1, other, &mut mail);
        if !mail.unreadable.is_empty() {
            return Err(Error::invalid(
                "file",
                format!(
                    "{name} is not an e-mail message (.eml) or mbox archive that can be read: it has no sender or no date"
                ),
            ));
        }
        mail
    };
    std::io::copy(&mut reader, &mut std::io::sink()).map_err(io)?;
    drop(reader);
    let sha256 = hashing.finish();
    Ok((mail, SourceFile { name, sha256 }))
}

/// Whether a file looks like an mbox archive rather than a single message.
pub fn is_mbox(first_bytes: &[u8]) -> bool {
    first_bytes.starts_with(b"From ")
}

/// Checks the addresses the user gave before anything is read: at least one, each an address.
pub fn check_addresses(other: &[String]) -> Result<Vec<String>> {
    if other.is_empty() {
        return Err(Error::invalid(
            "other",
            "choose the other parent's e-mail address",
        ));
    }
    let tidy: Vec<String> = other.iter().map(|a| a.trim().to_lowercase()).collect();
    if let Some(bad) = tidy.iter().find(|a| !a.contains('@') || a.len() < 3) {
        return Err(Error::invalid(
            "other",
            format!(
                "{bad:?} is not an e-mail address; give the other parent's, e.g. dana@example.com"
            ),
        ));
    }
    Ok(tidy)
}

enum Read {
    Kept(Email),
    Other,
    Unreadable,
}

fn read(raw: &[u8], record: u64, other: &[String]) -> Read {
    let Some(m) = MessageParser::default().parse(raw) else {
        return Read::Unreadable;
    };
    let (Some(date), Some(from)) = (m.date(), m.from()) else {
        return Read::Unreadable;
    };
    let Some(at) = when(date) else {
        return Read::Unreadable;
    };
    let from_addresses = addresses(from);
    let to_addresses: Vec<String> = [m.to(), m.cc()]
        .into_iter()
        .flatten()
        .flat_map(addresses)
        .collect();
    let is_other = |a: &String| other.is_empty() || other.contains(&a.to_lowercase());
    let received = from_addresses.iter().any(is_other);
    let sent = !received && to_addresses.iter().any(is_other);
    if !received && !sent {
        return Read::Other;
    }
    Read::Kept(Email {
        record,
        at,
        sent,
        from: written(from),
        to: m.to().map(|t| vec![written(t)]).unwrap_or_default(),
        subject: m.subject().unwrap_or("").trim().to_string(),
        body: m.body_text(0).map(|b| b.into_owned()).unwrap_or_default(),
    })
}

/// Who the mail is from, one entry per address, most messages first (read with no addresses
/// given, so every message is kept).
pub fn correspondents(mail: &Mail) -> Vec<super::Correspondent> {
    let mut out: Vec<super::Correspondent> = Vec::new();
    for e in &mail.emails {
        let (name, address) = match e.from.rsplit_once(" <") {
            Some((n, a)) => (
                Some(n.trim().to_string()),
                a.trim_end_matches('>').to_lowercase(),
            ),
            None => (None, e.from.trim().to_lowercase()),
        };
        match out.iter_mut().find(|c| c.address == address) {
            Some(c) => c.messages += 1,
            None => out.push(super::Correspondent {
                address,
                name,
                messages: 1,
            }),
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.messages));
    out
}

fn when(d: &mail_parser::DateTime) -> Option<DateTime<FixedOffset>> {
    let offset = i32::from(d.tz_hour) * 3600 + i32::from(d.tz_minute) * 60;
    let offset = FixedOffset::east_opt(if d.tz_before_gmt { -offset } else { offset })?;
    offset
        .with_ymd_and_hms(
            i32::from(d.year),
            u32::from(d.month),
            u32::from(d.day),
            u32::from(d.hour),
            u32::from(d.minute),
            u32::from(d.second),
        )
        .single()
}

fn addresses(a: &Address) -> Vec<String> {
    a.iter()
        .filter_map(|x| x.address.as_deref())
        .map(str::to_lowercase)
        .collect()
}

/// An address header as a person would read it: `Dana Smith <dana@example.com>`.
fn written(a: &Address) -> String {
    a.iter()
        .map(|x| match (x.name.as_deref(), x.address.as_deref()) {
            (Some(n), Some(e)) => format!("{n} <{e}>"),
            (None, Some(e)) => e.to_string(),
            (Some(n), None) => n.to_string(),
            (None, None) => String::new(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAIL: &str = "From: Dana Smith <Dana@Example.com>\r\nTo: Chris <chris@example.org>\r\n\
        Subject: Half term\r\nDate: Tue, 13 Oct 2026 19:02:11 +0100\r\n\
        Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
        Can you have Sam on the Friday? =E2=80=94 Dana\r\n";

    #[test]
    fn a_message_from_the_other_parent_is_read_with_its_own_offset() {
        let mut mail = Mail::default();
        parse_one(MAIL.as_bytes(), 1, &["dana@example.com".into()], &mut mail);
        let e = &mail.emails[0];
        assert!(!e.sent);
        assert_eq!(e.at.to_rfc3339(), "2026-10-13T19:02:11+01:00");
        assert_eq!(e.from, "Dana Smith <Dana@Example.com>");
        assert_eq!(e.subject, "Half term");
        assert_eq!(e.body, "Can you have Sam on the Friday? — Dana\r\n");
        let mut mail = Mail::default();
        parse_one(MAIL.as_bytes(), 1, &["someone@else.com".into()], &mut mail);
        assert_eq!((mail.emails.len(), mail.others), (0, 1));
    }

    #[test]
    fn mail_without_a_date_is_counted_unreadable() {
        let mut mail = Mail::default();
        parse_one(
            b"From: a@b.c\r\nSubject: x\r\n\r\nhi",
            3,
            &["a@b.c".into()],
            &mut mail,
        );
        assert_eq!(mail.unreadable, vec![3]);
    }
}
