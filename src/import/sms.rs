//! Android texts as "SMS Backup & Restore" saves them: `<smses>` holding `<sms>` records
//! (`type` 1 received, 2 sent; `date` in epoch milliseconds) and `<mms>` records (`msg_box`, text
//! in `<part>`s, numbers in `<addr>`s). Streamed: a backup can be hundreds of megabytes, mostly
//! other people's messages, and only the other parent's are kept.

use std::io::BufRead;
use std::path::Path;

use chrono::{DateTime, FixedOffset, TimeZone};
use chrono_tz::Tz;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::SourceFile;
use crate::error::{Error, Result};

/// One text to or from the other parent.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// Which `<sms>` or `<mms>` record of the file it is, counting from 1.
    pub record: u64,
    pub at: DateTime<FixedOffset>,
    pub sent: bool,
    /// The number as the backup writes it.
    pub address: String,
    pub contact_name: Option<String>,
    pub body: String,
    /// Pictures and other parts of an MMS, by name, not kept (only their text is).
    pub media: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Backup {
    pub texts: Vec<Text>,
    /// Records that are texts with someone else: left out, counted.
    pub others: u64,
    /// Records that could not be read (no date, an unknown type): their numbers.
    pub unreadable: Vec<u64>,
    /// Characters written as lone halves of a pair (`&#55357;` alone): shown as U+FFFD.
    pub broken_characters: u64,
}

/// Reads a backup file, streamed and hashed as it is read (a backup can be hundreds of
/// megabytes, read once), keeping the texts with `numbers` (every text when empty).
pub fn read_file(path: &Path, numbers: &[String], zone: Tz) -> Result<(Backup, SourceFile)> {
    let mut hashing = super::Hashing::new(super::open_file(path)?);
    let backup = parse(
        std::io::BufReader::with_capacity(1 << 16, &mut hashing),
        numbers,
        zone,
    )?;
    let file = SourceFile {
        name: super::file_name(path),
        sha256: hashing.finish(),
    };
    Ok((backup, file))
}

/// Reads a backup, keeping the texts with any of `numbers` (compared by their last ten
/// digits, so `+44 7700 900123` and `07700900123` match), or every text when `numbers` is
/// empty (to show who the backup holds). Times are shown in `zone`.
pub fn parse(input: impl BufRead, numbers: &[String], zone: Tz) -> Result<Backup> {
    let wanted: Vec<String> = numbers.iter().map(|n| digits(n)).collect();
    let keep_all = wanted.is_empty();
    if wanted.iter().any(|w| w.len() < 6) {
        return Err(Error::invalid(
            "other",
            "give the other parent's full phone number, e.g. +44 7700 900123",
        ));
    }
    let mut reader = Reader::from_reader(input);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut backup = Backup::default();
    let mut record = 0u64;
    let mut seen_root = false;
    let mut closed_root = false;
    // The MMS being read, between its start and end tags.
    let mut mms: Option<(u64, Option<Text>)> = None;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            Error::invalid(
                "sms",
                format!(
                    "the backup is not well-formed XML near byte {} ({e})",
                    reader.buffer_position()
                ),
            )
        })?;
        match event {
            Event::Eof => break,
            Event::Start(e) if e.local_name().as_ref() == "smses" => seen_root = true,
            Event::Empty(e) if e.local_name().as_ref() == "smses" => {
                seen_root = true;
                closed_root = true;
            }
            Event::Empty(e) if e.local_name().as_ref() == "sms" => {
                record += 1;
                match sms(&e, record, zone, &mut backup.broken_characters) {
                    Some(t) if keep_all || matches(&t.address, &wanted) => backup.texts.push(t),
                    Some(_) => backup.others += 1,
                    None => backup.unreadable.push(record),
                }
            }
            Event::Start(e) if e.local_name().as_ref() == "sms" => {
                // Rare, but valid XML: an <sms> with content. Its attributes are what count.
                record += 1;
                match sms(&e, record, zone, &mut backup.broken_characters) {
                    Some(t) if keep_all || matches(&t.address, &wanted) => backup.texts.push(t),
                    Some(_) => backup.others += 1,
                    None => backup.unreadable.push(record),
                }
            }
            Event::Start(e) if e.local_name().as_ref() == "mms" => {
                record += 1;
                mms = Some((
                    record,
                    mms_head(&e, record, zone, &mut backup.broken_characters),
                ));
            }
            Event::Empty(e) if e.local_name().as_ref() == "mms" => {
                record += 1;
                backup.unreadable.push(record);
            }
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == "part" => {
                if let Some((_, Some(t))) = mms.as_mut() {
                    let ct = attr(&e, "ct", &mut backup.broken_characters).unwrap_or_default();
                    if ct == "text/plain" {
                        if let Some(text) = attr(&e, "text", &mut backup.broken_characters) {
                            if !t.body.is_empty() {
                                t.body.push('\n');
                            }
                            t.body.push_str(&text);
                        }
                    } else if ct != "application/smil" {
                        let name = attr(&e, "cl", &mut backup.broken_characters)
                            .or_else(|| attr(&e, "name", &mut backup.broken_characters))
                            .filter(|n| n != "null")
                            .unwrap_or(ct);
                        t.media.push(name);
                    }
                }
            }
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == "addr" => {
                // Without a top-level address, the sender's (137) or recipient's (151) counts.
                if let Some((_, Some(t))) = mms.as_mut() {
                    if t.address.is_empty() {
                        if let Some(a) = attr(&e, "address", &mut backup.broken_characters) {
                            if a != "insert-address-token" {
                                t.address = a;
                            }
                        }
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == "smses" => closed_root = true,
            Event::End(e) if e.local_name().as_ref() == "mms" => match mms.take() {
                Some((_, Some(t))) if keep_all || matches(&t.address, &wanted) => {
                    backup.texts.push(t)
                }
                Some((_, Some(_))) => backup.others += 1,
                Some((n, None)) => backup.unreadable.push(n),
                None => {}
            },
            _ => {}
        }
        buf.clear();
    }
    if !seen_root {
        return Err(Error::invalid(
            "sms",
            "the file is not an SMS Backup & Restore backup: it has no <smses> element",
        ));
    }
    if !closed_root {
        return Err(Error::invalid(
            "sms",
            "the backup ends before its closing </smses>: the file was cut short, so nothing was imported",
        ));
    }
    Ok(backup)
}

fn sms(e: &BytesStart, record: u64, zone: Tz, broken: &mut u64) -> Option<Text> {
    let sent = match attr(e, "type", broken)?.as_str() {
        "1" => false,
        "2" => true,
        _ => return None, // drafts, outbox, failed: never sent or received
    };
    Some(Text {
        record,
        at: when(&attr(e, "date", broken)?, zone)?,
        sent,
        address: attr(e, "address", broken).unwrap_or_default(),
        contact_name: attr(e, "contact_name", broken).filter(|n| n != "(Unknown)" && n != "null"),
        body: attr(e, "body", broken).unwrap_or_default(),
        media: Vec::new(),
    })
}

fn mms_head(e: &BytesStart, record: u64, zone: Tz, broken: &mut u64) -> Option<Text> {
    let sent = match attr(e, "msg_box", broken)?.as_str() {
        "1" => false,
        "2" => true,
        _ => return None,
    };
    let date = attr(e, "date", broken)?;
    // MMS dates are usually milliseconds too, but some phones write seconds.
    let at = if date.len() <= 10 {
        when(&format!("{date}000"), zone)?
    } else {
        when(&date, zone)?
    };
    Some(Text {
        record,
        at,
        sent,
        address: attr(e, "address", broken)
            .filter(|a| !a.contains('~'))
            .unwrap_or_default(),
        contact_name: attr(e, "contact_name", broken).filter(|n| n != "(Unknown)" && n != "null"),
        body: String::new(),
        media: Vec::new(),
    })
}

/// Who the texts are with, one entry per number (by its last ten digits), most texts first.
pub fn correspondents(backup: &Backup) -> Vec<super::Correspondent> {
    let mut out: Vec<super::Correspondent> = Vec::new();
    for t in &backup.texts {
        for address in t.address.split('~').filter(|a| !a.trim().is_empty()) {
            let key = digits(address);
            match out.iter_mut().find(|c| digits(&c.address) == key) {
                Some(c) => {
                    c.messages += 1;
                    if c.name.is_none() {
                        c.name = t.contact_name.clone();
                    }
                }
                None => out.push(super::Correspondent {
                    address: address.trim().to_string(),
                    name: t.contact_name.clone(),
                    messages: 1,
                }),
            }
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.messages));
    out
}

fn when(millis: &str, zone: Tz) -> Option<DateTime<FixedOffset>> {
    let ms: i64 = millis.trim().parse().ok()?;
    let utc = chrono::Utc.timestamp_millis_opt(ms).single()?;
    Some(utc.with_timezone(&zone).fixed_offset())
}

fn attr(e: &BytesStart, name: &str, broken: &mut u64) -> Option<String> {
    let a = e
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)?;
    Some(unescape(&a.value, broken))
}

/// XML character references, including what XML itself forbids but backups are full of:
/// an emoji written as its two UTF-16 halves (`&#55357;&#56832;` for 😀). A half without
/// its partner becomes U+FFFD and is counted; nothing aborts the import.
fn unescape(raw: &str, broken: &mut u64) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut high: Option<u32> = None;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(end) = after.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let entity = &after[..end];
        rest = &after[end + 1..];
        let code = match entity {
            "amp" => Some('&' as u32),
            "lt" => Some('<' as u32),
            "gt" => Some('>' as u32),
            "quot" => Some('"' as u32),
            "apos" => Some('\'' as u32),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok())),
        };
        let Some(code) = code else {
            out.push('&');
            out.push_str(entity);
            out.push(';');
            continue;
        };
        match (code, high.take()) {
            (0xD800..=0xDBFF, previous) => {
                if previous.is_some() {
                    out.push('\u{fffd}');
                    *broken += 1;
                }
                high = Some(code);
                continue;
            }
            (0xDC00..=0xDFFF, Some(h)) => {
                let c = 0x10000 + ((h - 0xD800) << 10) + (code - 0xDC00);
                out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
            }
            (_, previous) => {
                if previous.is_some() {
                    out.push('\u{fffd}');
                    *broken += 1;
                }
                match char::from_u32(code) {
                    Some(c) => out.push(c),
                    None => {
                        out.push('\u{fffd}');
                        *broken += 1;
                    }
                }
            }
        }
    }
    if high.is_some() {
        out.push('\u{fffd}');
        *broken += 1;
    }
    out.push_str(rest);
    out
}

fn digits(number: &str) -> String {
    let d: String = number.chars().filter(char::is_ascii_digit).collect();
    let start = d.len().saturating_sub(10);
    d[start..].to_string()
}

fn matches(address: &str, wanted: &[String]) -> bool {
    // An MMS to several people lists them joined by '~'.
    address
        .split('~')
        .map(digits)
        .any(|a| a.len() >= 6 && wanted.contains(&a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_written_as_two_halves_come_back_whole() {
        let mut broken = 0;
        assert_eq!(
            unescape("Hi &#55357;&#56832; &amp; bye", &mut broken),
            "Hi 😀 & bye"
        );
        assert_eq!(
            unescape("lone &#55357; half", &mut broken),
            "lone \u{fffd} half"
        );
        assert_eq!(
            unescape("&#x1F600;&#233;&lt;3 &unknown; a & b", &mut broken),
            "😀é<3 &unknown; a & b"
        );
        assert_eq!(broken, 1);
    }

    #[test]
    fn numbers_match_whatever_their_prefix() {
        let wanted = vec![digits("+44 7700 900123")];
        assert!(matches("07700900123", &wanted));
        assert!(matches("+447700900123", &wanted));
        assert!(!matches("+447700900999", &wanted));
        assert!(matches("+441234567890~+447700900123", &wanted));
    }
}
