//! Storing an imported conversation: every message verbatim as a `message` entry with its
//! provenance and the checker's reading, in one transaction, skipping what is already there.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::attachments::attach_in;
use super::write::{add_in, parse_content};
use super::Journal;
use crate::error::{Error, Result};
use crate::import::{email, sms, ChatKind, ParsedChat, SourceFile};
use crate::model::{Channel, Direction, EntryDraft, EntryKind, MessageInfo, Provenance};
use crate::tone;

/// Who is who in a conversation, as the user said.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct Participants {
    pub me: String,
    pub other: String,
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct ImportSummary {
    pub imported: u32,
    pub skipped_duplicates: u32,
    /// Lines of the file that were not understood.
    pub unreadable: Vec<usize>,
    /// WhatsApp's own notices, which are not messages.
    pub notices: u32,
    pub participants: Vec<String>,
    pub date_order: String,
    pub source_sha256: String,
    /// Media files from the export attached to their messages.
    #[serde(default)]
    pub attachments: u32,
    /// The first and last messages imported (or that would be), as entries would show them.
    #[ts(optional)]
    pub first: Option<String>,
    #[ts(optional)]
    pub last: Option<String>,
}

/// Which side of the conversation a message came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Side {
    Me,
    Other,
    /// Someone else in the conversation, by name.
    Third(String),
}

/// One message read from a file, ready to store.
#[derive(Clone, Debug)]
pub struct ImportItem {
    /// Line or record number in the file.
    pub line: u64,
    pub at: DateTime<FixedOffset>,
    pub from: Side,
    pub sender_as_written: String,
    pub text: String,
    /// An e-mail's subject, for its title.
    pub subject: Option<String>,
    /// The media file the message names, attached when the import can fetch it.
    pub media: Option<String>,
}

/// Fetches a media file's bytes by the name a message gives.
pub type MediaSource<'a> = &'a mut dyn FnMut(&str) -> Option<Vec<u8>>;

/// How an import runs beyond its data: whether it writes, who hears of its progress, and where
/// the media its messages name come from (a WhatsApp zip).
#[derive(Default)]
pub struct ImportRun<'a> {
    pub dry_run: bool,
    /// Told (done, total) as the messages are read by the checker.
    pub progress: Option<&'a mut dyn FnMut(u32, u32)>,
    /// The bytes of a media file by the name a message gives, or `None` when not available.
    pub media: Option<MediaSource<'a>>,
}

/// What every importer hands the journal.
struct Batch<'a> {
    /// `whatsapp`, `sms`, `email`: the provenance's source.
    source: &'static str,
    /// How titles name it: "WhatsApp", "Text".
    label: &'static str,
    channel: Channel,
    other: &'a str,
    file: &'a SourceFile,
    date_reading: String,
    items: Vec<ImportItem>,
    summary: ImportSummary,
}

fn summary(file: &SourceFile, participants: Vec<String>, date_order: String) -> ImportSummary {
    ImportSummary {
        imported: 0,
        skipped_duplicates: 0,
        unreadable: Vec::new(),
        notices: 0,
        participants,
        date_order,
        source_sha256: file.sha256.clone(),
        attachments: 0,
        first: None,
        last: None,
    }
}

impl Journal {
    /// Stores a parsed WhatsApp chat. With `run.dry_run`, counts what would be stored and
    /// writes nothing. A message already in the journal (same side, time and text) is skipped,
    /// so importing the same file, or a later export that overlaps it, adds only what is new.
    pub fn import_chat(
        &mut self,
        chat: &ParsedChat,
        who: &Participants,
        file: &SourceFile,
        run: ImportRun,
    ) -> Result<ImportSummary> {
        let named = |name: &str| chat.participants.iter().any(|p| p == name);
        for (role, name) in [("me", &who.me), ("other", &who.other)] {
            if !named(name) {
                return Err(Error::invalid(
                    role,
                    format!(
                        "{name:?} did not write in this chat; the participants are {}",
                        chat.participants.join(", ")
                    ),
                ));
            }
        }
        if who.me == who.other {
            return Err(Error::invalid(
                "other",
                "the other parent and you must be two different participants",
            ));
        }
        let mut summary = summary(
            file,
            chat.participants.clone(),
            chat.date_reading.order.to_string(),
        );
        summary.unreadable = chat.unreadable.clone();
        let mut items = Vec::new();
        for m in &chat.messages {
            let (Some(sender), false) = (&m.sender, matches!(m.kind, ChatKind::System)) else {
                summary.notices += 1;
                continue;
            };
            let from = if *sender == who.me {
                Side::Me
            } else if *sender == who.other {
                Side::Other
            } else {
                Side::Third(sender.clone())
            };
            items.push(ImportItem {
                line: m.line as u64,
                at: m.at,
                from,
                sender_as_written: m.sender_as_written.clone().unwrap_or_default(),
                text: m.text.clone(),
                subject: None,
                media: match &m.kind {
                    ChatKind::Media { file } => file.clone(),
                    _ => None,
                },
            });
        }
        self.store_import(
            Batch {
                source: "whatsapp",
                label: "WhatsApp",
                channel: Channel::Text,
                other: &who.other,
                file,
                date_reading: format!("{}: {}", chat.date_reading.order, chat.date_reading.reason),
                items,
                summary,
            },
            run,
        )
    }

    /// Stores the texts of an SMS backup already filtered to the other parent's numbers.
    pub fn import_sms(
        &mut self,
        backup: &sms::Backup,
        other: &str,
        file: &SourceFile,
        run: ImportRun,
    ) -> Result<ImportSummary> {
        let mut numbers: Vec<String> = Vec::new();
        for t in &backup.texts {
            if !numbers.contains(&t.address) {
                numbers.push(t.address.clone());
            }
        }
        let mut summary = summary(file, numbers, "epoch milliseconds".into());
        summary.unreadable = backup.unreadable.iter().map(|&r| r as usize).collect();
        let items = backup
            .texts
            .iter()
            .map(|t| ImportItem {
                line: t.record,
                at: t.at,
                from: if t.sent { Side::Me } else { Side::Other },
                sender_as_written: if t.sent {
                    "me".into()
                } else {
                    t.address.clone()
                },
                text: if t.media.is_empty() {
                    t.body.clone()
                } else if t.body.is_empty() {
                    format!("[{}]", t.media.join(", "))
                } else {
                    format!("{}\n[{}]", t.body, t.media.join(", "))
                },
                subject: None,
                media: None,
            })
            .collect();
        self.store_import(
            Batch {
                source: "sms",
                label: "Text",
                channel: Channel::Text,
                other,
                file,
                date_reading: "the backup's times, in milliseconds since 1970 (UTC)".into(),
                items,
                summary,
            },
            run,
        )
    }

    /// Stores the e-mails of one file already filtered to the other parent's addresses.
    pub fn import_email(
        &mut self,
        mail: &email::Mail,
        other: &str,
        file: &SourceFile,
        run: ImportRun,
    ) -> Result<ImportSummary> {
        let mut people: Vec<String> = Vec::new();
        for e in &mail.emails {
            if !e.sent && !people.contains(&e.from) {
                people.push(e.from.clone());
            }
        }
        let mut summary = summary(file, people, "the Date header of each message".into());
        summary.unreadable = mail.unreadable.iter().map(|&r| r as usize).collect();
        let items = mail
            .emails
            .iter()
            .map(|e| ImportItem {
                line: e.record,
                at: e.at,
                from: if e.sent { Side::Me } else { Side::Other },
                sender_as_written: e.from.clone(),
                text: if e.body.trim().is_empty() {
                    "[no plain-text part]".into()
                } else {
                    e.body.clone()
                },
                subject: Some(e.subject.clone()).filter(|s| !s.is_empty()),
                media: None,
            })
            .collect();
        self.store_import(
            Batch {
                source: "email",
                label: "Email",
                channel: Channel::Email,
                other,
                file,
                date_reading: "the Date header of each message, with its own offset".into(),
                items,
                summary,
            },
            run,
        )
    }

    fn store_import(&mut self, batch: Batch, run: ImportRun) -> Result<ImportSummary> {
        let ImportRun {
            dry_run,
            mut progress,
            mut media,
        } = run;
        let Batch {
            source,
            label,
            channel,
            other,
            file,
            date_reading,
            items,
            mut summary,
        } = batch;
        let settings = self.tone_settings()?;
        let mut seen = self.message_keys()?;
        let mut drafts = Vec::new();
        let mut medias = Vec::new();
        for m in items {
            if m.text.trim().is_empty() {
                summary.unreadable.push(m.line as usize);
                continue;
            }
            let sent = m.from == Side::Me;
            let at = m.at.to_rfc3339_opts(SecondsFormat::Secs, false);
            // Counted, not just matched: "ok" twice in one minute is two messages.
            if let Some(n) = seen
                .get_mut(&(sent, at.clone(), m.text.clone()))
                .filter(|n| **n > 0)
            {
                *n -= 1;
                summary.skipped_duplicates += 1;
                continue;
            }
            let (counterpart, mut title) = match &m.from {
                Side::Me => (other.to_string(), format!("{label} to {other}")),
                Side::Other => (other.to_string(), format!("{label} from {other}")),
                Side::Third(name) => (
                    name.clone(),
                    format!("{label} from {name} (not the other parent)"),
                ),
            };
            if let Some(subject) = &m.subject {
                // One line, and short enough for a title; the body keeps every word.
                let subject: String = subject.split_whitespace().collect::<Vec<_>>().join(" ");
                title = format!("{title}: {}", subject.chars().take(200).collect::<String>());
            }
            summary.first.get_or_insert_with(|| format!("{at} {title}"));
            summary.last = Some(format!("{at} {title}"));
            medias.push(m.media);
            drafts.push(EntryDraft {
                body: m.text,
                channel: Some(channel),
                message: Some(MessageInfo {
                    direction: if sent {
                        Direction::Sent
                    } else {
                        Direction::Received
                    },
                    counterpart: counterpart.clone(),
                    tone: None,
                    import: Some(Provenance {
                        source: source.into(),
                        file_name: file.name.clone(),
                        file_sha256: file.sha256.clone(),
                        line: m.line,
                        sender_as_written: m.sender_as_written,
                        date_reading: date_reading.clone(),
                        third_party: matches!(m.from, Side::Third(_)),
                    }),
                }),
                people: vec![counterpart],
                tags: vec!["imported".into(), source.into()],
                ..EntryDraft::new(EntryKind::Message, at, title)
            });
        }
        summary.imported = drafts.len() as u32;
        summary.unreadable.sort_unstable();
        if dry_run || drafts.is_empty() {
            return Ok(summary);
        }
        // Read each message as the composer would, before the transaction holds the lock.
        let total = drafts.len() as u32;
        for (i, d) in drafts.iter_mut().enumerate() {
            if let Some(info) = d.message.as_mut() {
                info.tone = Some(tone::check_message(&d.body, &settings)?);
            }
            if i % 200 == 0 {
                if let Some(p) = progress.as_mut() {
                    p(i as u32, total);
                }
            }
        }
        let tx = self.conn.transaction()?;
        let at = crate::validate::now_utc();
        for (d, name) in drafts.into_iter().zip(medias) {
            let id = add_in(&tx, d)?;
            let fetched = match (name, media.as_mut()) {
                (Some(name), Some(fetch)) => fetch(&name).map(|bytes| (name, bytes)),
                _ => None,
            };
            if let Some((name, bytes)) = fetched {
                attach_in(&tx, id, &name, &bytes, &at)?;
                summary.attachments += 1;
            }
        }
        tx.commit()?;
        if let Some(p) = progress.as_mut() {
            p(total, total);
        }
        Ok(summary)
    }

    /// How many messages the journal holds for each (sent?, when, text), to recognise those
    /// seen before.
    fn message_keys(&self) -> Result<HashMap<(bool, String, String), u32>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.content FROM current c JOIN revisions r ON r.id = c.revision_id
             WHERE c.deleted = 0 AND c.kind = 'message'",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut keys = HashMap::new();
        for row in rows {
            let d = parse_content(&row?)?.draft;
            if let Some(info) = d.message {
                *keys
                    .entry((info.direction == Direction::Sent, d.occurred_at, d.body))
                    .or_insert(0) += 1;
            }
        }
        Ok(keys)
    }
}
