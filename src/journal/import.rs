//! Storing an imported conversation: every message verbatim as a `message` entry with its
//! provenance and the checker's reading, in one transaction, skipping what is already there.

use std::collections::HashMap;

use chrono::SecondsFormat;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::write::{add_in, parse_content};
use super::Journal;
use crate::error::{Error, Result};
use crate::import::{ChatKind, ParsedChat};
use crate::model::{Direction, EntryDraft, EntryKind, MessageInfo, Provenance};
use crate::tone;

/// Who is who in a conversation, as the user said.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct Participants {
    pub me: String,
    pub other: String,
}

/// The original file, as the user chose it.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub sha256: String,
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
    /// The first and last messages imported (or that would be), as entries would show them.
    #[ts(optional)]
    pub first: Option<String>,
    #[ts(optional)]
    pub last: Option<String>,
}

impl Journal {
    /// Stores a parsed WhatsApp chat. With `dry_run`, counts what would be stored and writes
    /// nothing. A message already in the journal (same sender side, time and text) is skipped,
    /// so importing the same file, or a later export that overlaps it, adds only what is new.
    pub fn import_chat(
        &mut self,
        chat: &ParsedChat,
        who: &Participants,
        file: &SourceFile,
        dry_run: bool,
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
        let settings = self.tone_settings()?;
        let mut seen = self.message_keys()?;
        let date_reading = format!("{}: {}", chat.date_reading.order, chat.date_reading.reason);
        let mut summary = ImportSummary {
            imported: 0,
            skipped_duplicates: 0,
            unreadable: chat.unreadable.clone(),
            notices: 0,
            participants: chat.participants.clone(),
            date_order: chat.date_reading.order.to_string(),
            source_sha256: file.sha256.clone(),
            first: None,
            last: None,
        };
        let mut drafts = Vec::new();
        for m in &chat.messages {
            let (Some(sender), false) = (&m.sender, matches!(m.kind, ChatKind::System)) else {
                summary.notices += 1;
                continue;
            };
            if m.text.trim().is_empty() {
                summary.unreadable.push(m.line);
                continue;
            }
            let sent = *sender == who.me;
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
            let counterpart = if sent || *sender == who.other {
                who.other.clone()
            } else {
                sender.clone()
            };
            let title = match (sent, *sender == who.other) {
                (true, _) => format!("WhatsApp to {}", who.other),
                (false, true) => format!("WhatsApp from {}", who.other),
                (false, false) => format!("WhatsApp from {sender} (not the other parent)"),
            };
            summary.first.get_or_insert_with(|| format!("{at} {title}"));
            summary.last = Some(format!("{at} {title}"));
            drafts.push(EntryDraft {
                kind: EntryKind::Message,
                occurred_at: at,
                title,
                body: m.text.clone(),
                channel: Some(crate::model::Channel::Text),
                legal_step: None,
                mood: None,
                message: Some(MessageInfo {
                    direction: if sent {
                        Direction::Sent
                    } else {
                        Direction::Received
                    },
                    counterpart: counterpart.clone(),
                    tone: None,
                    import: Some(Provenance {
                        source: "whatsapp".into(),
                        file_name: file.name.clone(),
                        file_sha256: file.sha256.clone(),
                        line: m.line as u64,
                        sender_as_written: m.sender_as_written.clone().unwrap_or_default(),
                        date_reading: date_reading.clone(),
                        third_party: !sent && *sender != who.other,
                    }),
                }),
                schedule: None,
                children: vec![],
                people: vec![counterpart],
                tags: vec!["imported".into(), "whatsapp".into()],
                location: None,
                private: false,
            });
        }
        summary.imported = drafts.len() as u32;
        summary.unreadable.sort_unstable();
        if dry_run || drafts.is_empty() {
            return Ok(summary);
        }
        // Read each message as the composer would, before the transaction holds the lock.
        for d in &mut drafts {
            if let Some(info) = d.message.as_mut() {
                info.tone = Some(tone::check_message(&d.body, &settings)?);
            }
        }
        let tx = self.conn.transaction()?;
        for d in drafts {
            add_in(&tx, d)?;
        }
        tx.commit()?;
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
