//! WhatsApp's "Export chat" text, from Android and iOS, in the common locales.
//!
//! Android: `12/03/2024, 14:05 - Alex: text`; iOS: `[12/03/2024, 14:05:33] Alex: text`. Either may
//! use a 12-hour clock ("2:05 PM", "2:05 p. m.", with a narrow no-break space before it), dots or
//! dashes in the date, a two-digit year, a leading byte-order mark, and invisible direction marks
//! around names and media lines. A line that does not start with a date and time continues the
//! message above it. The text of each message is kept exactly as written.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveTime, TimeZone};
use chrono_tz::Tz;
use regex::Regex;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dates::{self, DateOrder, DateReading};
use crate::error::{Error, Result};

/// What a line of the export is.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ChatKind {
    Text,
    /// A photo, video, voice note or document: `file` when the export names it.
    Media {
        file: Option<String>,
    },
    /// "This message was deleted", "You deleted this message".
    Deleted,
    /// "Missed voice call" and the like.
    Call,
    /// WhatsApp's own notices (encryption, number changes): never a message from anyone.
    System,
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct ChatMessage {
    /// The line it starts on, counting from 1.
    pub line: usize,
    #[ts(type = "string")]
    pub at: DateTime<FixedOffset>,
    /// The sender exactly as the file writes it (direction marks and all); `None` for notices.
    pub sender_as_written: Option<String>,
    /// The sender without invisible marks, to match against the participants.
    pub sender: Option<String>,
    /// The message, byte for byte, its lines joined with "\n".
    pub text: String,
    pub kind: ChatKind,
    /// It ends with WhatsApp's "<This message was edited>".
    pub edited: bool,
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq)]
pub struct ParsedChat {
    pub messages: Vec<ChatMessage>,
    /// Everyone who sent a message, most messages first.
    pub participants: Vec<String>,
    pub date_reading: DateReading,
    /// Lines that are neither a message nor the continuation of one, or whose date does not
    /// exist in the order chosen.
    pub unreadable: Vec<usize>,
}

/// One header: `[date, time] rest` or `date, time - rest`.
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\[)?(\d{1,4})[./-](\d{1,2})[./-](\d{1,4}),?[ \u{a0}]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[ \u{a0}\u{202f}]*([AaPp])\.?[ \u{a0}\u{202f}]?[Mm]\.?)?(\][ \u{a0}]?| [-–] )(.*)$",
    )
    .expect("a valid pattern")
});

/// Invisible characters WhatsApp puts around names and notices.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{feff}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

fn without_marks(s: &str) -> String {
    s.chars().filter(|c| !is_mark(*c)).collect()
}

/// The encryption notice, in the languages it is most often exported in. On iOS it carries
/// the chat's name as its sender.
const NOTICES: &[&str] = &[
    "Messages and calls are end-to-end encrypted",
    "Messages to this chat and calls are now secured with end-to-end encryption",
    "Los mensajes y las llamadas están cifrados de extremo a extremo",
    "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
    "Les messages et les appels sont chiffrés de bout en bout",
    "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta",
    "I messaggi e le chiamate sono crittografati end-to-end",
    "Berichten en oproepen worden end-to-end versleuteld",
];

const DELETED: &[&str] = &[
    "This message was deleted",
    "You deleted this message",
    "This message was deleted.",
    "You deleted this message.",
];

const CALLS: &[&str] = &[
    "Missed voice call",
    "Missed video call",
    "Voice call",
    "Video call",
];

const EDITED: &str = "<This message was edited>";

struct Pending {
    line: usize,
    date: [u32; 3],
    time: NaiveTime,
    rest: String,
}

/// Reads an export. `order` is the user's answer when they gave one; otherwise the file decides
/// or the call fails asking for it. Local times are read in `zone`.
pub fn parse(text: &str, file: &str, order: Option<DateOrder>, zone: Tz) -> Result<ParsedChat> {
    let mut pending: Vec<Pending> = Vec::new();
    let mut unreadable = Vec::new();
    // `lines` drops the file's final line end, which belongs to no message.
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let lead: &str = raw.trim_start_matches(is_mark);
        match header(lead) {
            Some((date, time, rest)) => pending.push(Pending {
                line,
                date,
                time,
                rest: rest.to_string(),
            }),
            None => match pending.last_mut() {
                Some(p) => {
                    p.rest.push('\n');
                    p.rest.push_str(raw);
                }
                None if without_marks(raw).trim().is_empty() => {}
                None => unreadable.push(line),
            },
        }
    }
    if pending.is_empty() {
        return Err(Error::invalid(
            "file",
            format!("{file} is not a WhatsApp chat export: no line starts with a date and time"),
        ));
    }
    let date_reading = match order {
        Some(order) => DateReading {
            order,
            reason: "chosen by the user".into(),
        },
        None => dates::infer(&pending.iter().map(|p| p.date).collect::<Vec<_>>(), file)?,
    };

    let mut messages = Vec::new();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in pending {
        let Some(day) = date_reading.order.date(p.date) else {
            unreadable.push(p.line);
            continue;
        };
        let naive = day.and_time(p.time);
        let at = zone
            .from_local_datetime(&naive)
            .earliest()
            .unwrap_or_else(|| zone.from_utc_datetime(&naive))
            .fixed_offset();
        let message = message(p.line, at, p.rest);
        if let (Some(sender), ChatKind::Text | ChatKind::Media { .. } | ChatKind::Deleted) =
            (&message.sender, &message.kind)
        {
            match counts.iter_mut().find(|(n, _)| n == sender) {
                Some((_, c)) => *c += 1,
                None => counts.push((sender.clone(), 1)),
            }
        }
        messages.push(message);
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    unreadable.sort_unstable();
    Ok(ParsedChat {
        messages,
        participants: counts.into_iter().map(|(n, _)| n).collect(),
        date_reading,
        unreadable,
    })
}

/// What the import screen shows before anything is written: who wrote, how many messages,
/// how the dates read, or the question to ask when they read both ways.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq)]
pub struct ChatPreview {
    /// Each sender with how many messages they wrote, most first.
    pub participants: Vec<(String, u32)>,
    pub messages: u32,
    pub notices: u32,
    pub unreadable: u32,
    #[ts(optional)]
    pub date_reading: Option<DateReading>,
    /// When the dates read both ways: the first date, and what it is day-first and month-first.
    #[ts(optional)]
    pub date_question: Option<DateQuestion>,
    #[ts(optional)]
    pub first: Option<ChatMessage>,
    #[ts(optional)]
    pub last: Option<ChatMessage>,
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct DateQuestion {
    /// As the file writes it, e.g. "03/04/2026".
    pub example: String,
    /// "3 April 2026"
    pub day_first: String,
    /// "4 March 2026"
    pub month_first: String,
}

/// Reads a chat for its preview. A file whose date order cannot be decided (and `order` is not
/// given) gets a `date_question` and no messages, rather than an error.
pub fn preview(text: &str, file: &str, order: Option<DateOrder>, zone: Tz) -> Result<ChatPreview> {
    let chat = match parse(text, file, order, zone) {
        Ok(chat) => chat,
        Err(Error::Invalid { field, .. }) if field == "date-order" && order.is_none() => {
            let first = text
                .lines()
                .find_map(|l| header(l.trim_start_matches(is_mark)))
                .map(|(d, _, _)| d)
                .expect("a date order was asked for, so a dated line exists");
            let read = |o: DateOrder| {
                o.date(first)
                    .map(|d| d.format("%-d %B %Y").to_string())
                    .unwrap_or_default()
            };
            return Ok(ChatPreview {
                participants: Vec::new(),
                messages: 0,
                notices: 0,
                unreadable: 0,
                date_reading: None,
                date_question: Some(DateQuestion {
                    example: format!("{:02}/{:02}/{}", first[0], first[1], first[2]),
                    day_first: read(DateOrder::Dmy),
                    month_first: read(DateOrder::Mdy),
                }),
                first: None,
                last: None,
            });
        }
        Err(e) => return Err(e),
    };
    let is_message = |m: &&ChatMessage| m.sender.is_some() && m.kind != ChatKind::System;
    let participants = chat
        .participants
        .iter()
        .map(|p| {
            let n = chat
                .messages
                .iter()
                .filter(is_message)
                .filter(|m| m.sender.as_deref() == Some(p.as_str()))
                .count() as u32;
            (p.clone(), n)
        })
        .collect();
    let messages = chat.messages.iter().filter(is_message).count() as u32;
    Ok(ChatPreview {
        participants,
        messages,
        notices: chat.messages.len() as u32 - messages,
        unreadable: chat.unreadable.len() as u32,
        first: chat.messages.iter().find(is_message).cloned(),
        last: chat.messages.iter().rev().find(is_message).cloned(),
        date_reading: Some(chat.date_reading),
        date_question: None,
    })
}

fn header(line: &str) -> Option<([u32; 3], NaiveTime, &str)> {
    let c = HEADER.captures(line)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let bracketed = c.get(1).is_some();
    let closed = c.get(9)?.as_str().starts_with(']');
    if bracketed != closed {
        return None;
    }
    let date = [num(2)?, num(3)?, num(4)?];
    let (mut hour, minute, second) = (num(5)?, num(6)?, num(7).unwrap_or(0));
    if let Some(half) = c.get(8) {
        if hour == 0 || hour > 12 {
            return None;
        }
        let pm = half.as_str().eq_ignore_ascii_case("p");
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    let time = NaiveTime::from_hms_opt(hour, minute, second)?;
    Some((date, time, c.get(10)?.as_str()))
}

fn message(line: usize, at: DateTime<FixedOffset>, rest: String) -> ChatMessage {
    // "Name: text". A notice has no sender (Android) or starts with a known notice (iOS).
    let split = rest.find(": ").filter(|&i| {
        let name = without_marks(&rest[..i]);
        let n = name.trim().chars().count();
        n > 0 && n <= 80 && !name.contains('\n')
    });
    let (sender_as_written, text) = match split {
        Some(i) => (Some(rest[..i].to_string()), rest[i + 2..].to_string()),
        None => (None, rest),
    };
    let plain = without_marks(&text);
    let plain = plain.trim();
    let kind = if sender_as_written.is_none() || NOTICES.iter().any(|n| plain.starts_with(n)) {
        ChatKind::System
    } else if DELETED.contains(&plain) {
        ChatKind::Deleted
    } else if CALLS.iter().any(|c| plain.starts_with(c)) && plain.len() < 40 {
        ChatKind::Call
    } else if let Some(kind) = media(plain) {
        kind
    } else {
        ChatKind::Text
    };
    let edited = plain.ends_with(EDITED);
    let sender = match kind {
        ChatKind::System => None,
        _ => sender_as_written
            .as_deref()
            .map(|s| without_marks(s).trim().to_string()),
    };
    ChatMessage {
        line,
        at,
        sender_as_written,
        sender,
        text,
        kind,
        edited,
    }
}

/// The ways an export mentions a photo, video, voice note or document.
fn media(text: &str) -> Option<ChatKind> {
    const OMITTED: &[&str] = &[
        "<Media omitted>",
        "<Medien ausgeschlossen>",
        "<Multimedia omitido>",
        "<Médias omis>",
        "image omitted",
        "video omitted",
        "audio omitted",
        "sticker omitted",
        "GIF omitted",
        "document omitted",
        "Contact card omitted",
    ];
    if OMITTED.contains(&text) {
        return Some(ChatKind::Media { file: None });
    }
    if let Some(name) = text
        .strip_prefix("<attached: ")
        .and_then(|t| t.strip_suffix('>'))
    {
        return Some(ChatKind::Media {
            file: Some(name.trim().to_string()),
        });
    }
    // Android with media: "IMG-20240312-WA0001.jpg (file attached)", perhaps a caption below.
    let first = text.lines().next().unwrap_or("");
    if let Some(name) = first.strip_suffix(" (file attached)") {
        return Some(ChatKind::Media {
            file: Some(name.trim().to_string()),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::London;

    fn one(line: &str) -> ChatMessage {
        let chat = parse(line, "chat.txt", Some(DateOrder::Dmy), London).unwrap();
        assert_eq!(chat.messages.len(), 1, "{line:?}");
        chat.messages.into_iter().next().unwrap()
    }

    #[test]
    fn android_and_ios_headers_in_both_clocks() {
        for (line, at) in [
            (
                "12/03/2024, 14:05 - Alex: Running late",
                "2024-03-12T14:05:00+00:00",
            ),
            (
                "12/03/24, 2:05 PM - Alex: Running late",
                "2024-03-12T14:05:00+00:00",
            ),
            (
                "12/03/24, 2:05\u{202f}pm - Alex: Running late",
                "2024-03-12T14:05:00+00:00",
            ),
            (
                "12/3/24, 2:05 p. m. - Alex: Running late",
                "2024-03-12T14:05:00+00:00",
            ),
            (
                "12/3/24, 12:05 a. m. - Alex: Running late",
                "2024-03-12T00:05:00+00:00",
            ),
            (
                "[12/03/2024, 14:05:33] Alex: Running late",
                "2024-03-12T14:05:33+00:00",
            ),
            (
                "[12/03/2024, 2:05:33 PM] Alex: Running late",
                "2024-03-12T14:05:33+00:00",
            ),
            (
                "\u{200e}[12.03.24, 14:05:33] Alex: Running late",
                "2024-03-12T14:05:33+00:00",
            ),
            (
                "12.03.24, 14:05 - Alex: Running late",
                "2024-03-12T14:05:00+00:00",
            ),
            (
                "\u{feff}12/06/2024, 14:05 - Alex: Running late",
                "2024-06-12T14:05:00+01:00",
            ),
        ] {
            let m = one(line);
            assert_eq!(m.at.to_rfc3339(), at, "{line:?}");
            assert_eq!(m.sender.as_deref(), Some("Alex"));
            assert_eq!(m.text, "Running late");
            assert_eq!(m.kind, ChatKind::Text);
        }
        let ymd = parse("[2024-03-12, 14:05:33] Alex: hi", "c", None, London).unwrap();
        assert_eq!(ymd.date_reading.order, DateOrder::Ymd);
    }

    #[test]
    fn a_message_over_several_lines_is_kept_whole_and_verbatim() {
        let text = "12/03/2024, 14:05 - Alex: First line\r\n  indented second line\r\n\r\nafter a blank\r\n12/03/2024, 14:06 - Sam: ok";
        let chat = parse(text, "c", Some(DateOrder::Dmy), London).unwrap();
        assert_eq!(
            chat.messages[0].text,
            "First line\n  indented second line\n\nafter a blank"
        );
        assert_eq!(chat.messages[1].line, 5);
        assert!(chat.unreadable.is_empty());
    }

    #[test]
    fn notices_media_deletions_and_edits_are_told_apart() {
        let m = one("[12/03/2024, 14:05:33] Alex: \u{200e}Messages and calls are end-to-end encrypted. No one outside of this chat can read them.");
        assert_eq!(
            m.kind,
            ChatKind::System,
            "the iOS notice names the chat as its sender"
        );
        assert_eq!(m.sender, None);
        assert_eq!(
            one("12/03/2024, 14:05 - Messages and calls are end-to-end encrypted.").kind,
            ChatKind::System
        );
        assert_eq!(
            one("12/03/2024, 14:05 - Alex: <Media omitted>").kind,
            ChatKind::Media { file: None }
        );
        assert_eq!(
            one("[12/03/2024, 14:05:33] Alex: \u{200e}image omitted").kind,
            ChatKind::Media { file: None }
        );
        assert_eq!(
            one("[12/03/2024, 14:05:33] Alex: \u{200e}<attached: 00000012-PHOTO-2024-03-12-14-05-33.jpg>").kind,
            ChatKind::Media { file: Some("00000012-PHOTO-2024-03-12-14-05-33.jpg".into()) }
        );
        assert_eq!(
            one("12/03/2024, 14:05 - Alex: IMG-20240312-WA0001.jpg (file attached)\nHis school photo").kind,
            ChatKind::Media { file: Some("IMG-20240312-WA0001.jpg".into()) }
        );
        assert_eq!(
            one("12/03/2024, 14:05 - Alex: This message was deleted").kind,
            ChatKind::Deleted
        );
        assert_eq!(
            one("12/03/2024, 14:05 - You deleted this message").kind,
            ChatKind::System
        );
        assert_eq!(
            one("12/03/2024, 14:05 - Me: You deleted this message").kind,
            ChatKind::Deleted
        );
        let edited = one("12/03/2024, 14:05 - Alex: Pick up at 6 <This message was edited>");
        assert!(edited.edited);
        assert_eq!(edited.text, "Pick up at 6 <This message was edited>");
        let named = one("12/03/2024, 14:05 - \u{2068}Alex Smith\u{2069}: hi");
        assert_eq!(named.sender.as_deref(), Some("Alex Smith"));
        assert_eq!(
            named.sender_as_written.as_deref(),
            Some("\u{2068}Alex Smith\u{2069}")
        );
    }

    #[test]
    fn participants_come_by_how_much_they_wrote() {
        let text = "12/03/2024, 14:05 - Messages and calls are end-to-end encrypted.\n\
                    12/03/2024, 14:06 - Alex: a\n12/03/2024, 14:07 - Sam: b\n13/03/2024, 09:00 - Sam: c";
        let chat = parse(text, "c", None, London).unwrap();
        assert_eq!(chat.participants, vec!["Sam", "Alex"]);
        assert_eq!(chat.date_reading.order, DateOrder::Dmy);
    }

    #[test]
    fn what_is_not_a_chat_is_said_so() {
        let e = parse("hello\nworld", "notes.txt", None, London).unwrap_err();
        assert_eq!(
            e.to_string(),
            "file: notes.txt is not a WhatsApp chat export: no line starts with a date and time"
        );
        let chat = parse(
            "junk before\n12/03/2024, 14:05 - Alex: hi\n31/02/2024, 10:00 - Alex: no such day",
            "c",
            Some(DateOrder::Dmy),
            London,
        )
        .unwrap();
        assert_eq!(chat.unreadable, vec![1, 3]);
        assert_eq!(chat.messages.len(), 1);
    }

    #[test]
    fn a_preview_counts_and_asks_rather_than_fails() {
        let p = preview("03/04/2026, 10:00 - Dana: hi", "c", None, London).unwrap();
        assert_eq!(
            p.date_question,
            Some(DateQuestion {
                example: "03/04/2026".into(),
                day_first: "3 April 2026".into(),
                month_first: "4 March 2026".into(),
            })
        );
        let text = "12/03/2024, 14:05 - Messages and calls are end-to-end encrypted.\n\
                    12/03/2024, 14:06 - Alex: a\n12/03/2024, 14:07 - Sam: b\n13/03/2024, 09:00 - Sam: c";
        let p = preview(text, "c", None, London).unwrap();
        assert_eq!(
            p.participants,
            vec![("Sam".to_string(), 2), ("Alex".to_string(), 1)]
        );
        assert_eq!((p.messages, p.notices), (3, 1));
        assert_eq!(p.last.unwrap().text, "c");
    }

    #[test]
    fn an_ambiguous_file_asks_for_the_order() {
        let e = parse("03/04/2024, 14:05 - Alex: hi", "chat.txt", None, London).unwrap_err();
        assert!(e.to_string().contains("--date-order dmy"), "{e}");
    }
}
