//! Messages to and from the other parent: drafts autosaved inside the journal, the checker's
//! settings, and saving a sent or received message as an entry with the checker's reading.

use rusqlite::{params, OptionalExtension};

use super::Journal;
use crate::error::{Error, Result};
use crate::model::{Direction, EntryDraft, EntryKind, MessageDraft, MessageInfo};
use crate::tone::{self, ToneSettings};
use crate::validate::{self, MAX_BODY_BYTES};

const TONE_SETTINGS_KEY: &str = "tone";
/// Enough for a family's medical words and nicknames; a list longer than this is a mistake.
const MAX_SETTING_WORDS: usize = 500;
const MAX_SETTING_WORD_CHARS: usize = 60;

impl Journal {
    /// The autosaved draft for one direction, if there is one.
    pub fn message_draft(&self, direction: Direction) -> Result<Option<MessageDraft>> {
        let content: Option<String> = self
            .conn
            .query_row(
                "SELECT content FROM message_drafts WHERE direction = ?1",
                [direction.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        content
            .map(|c| {
                serde_json::from_str(&c).map_err(|e| {
                    Error::invalid("draft", format!("the saved draft could not be read: {e}"))
                })
            })
            .transpose()
    }

    /// Replaces the autosaved draft for its direction. Drafts are working notes, not records:
    /// they are overwritten in place and are not part of the hash chain.
    pub fn save_message_draft(&mut self, draft: &MessageDraft) -> Result<()> {
        if draft.text.len() > MAX_BODY_BYTES {
            return Err(Error::TooLarge {
                what: "the draft".into(),
                actual: draft.text.len() as u64,
                limit: MAX_BODY_BYTES as u64,
            });
        }
        let content = serde_json::to_string(draft).expect("a draft always serialises");
        self.conn.execute(
            "INSERT INTO message_drafts (direction, content, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (direction) DO UPDATE SET content = ?2, updated_at = ?3",
            params![draft.direction.as_str(), content, validate::now_utc()],
        )?;
        Ok(())
    }

    pub fn discard_message_draft(&mut self, direction: Direction) -> Result<()> {
        self.conn.execute(
            "DELETE FROM message_drafts WHERE direction = ?1",
            [direction.as_str()],
        )?;
        Ok(())
    }

    pub fn tone_settings(&self) -> Result<ToneSettings> {
        Ok(self
            .setting(TONE_SETTINGS_KEY)?
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_default())
    }

    /// Stores the checker's settings after tidying the word lists; returns what was stored.
    pub fn set_tone_settings(&mut self, settings: &ToneSettings) -> Result<ToneSettings> {
        let tidy = ToneSettings {
            never_flag: tidy_words("never_flag", &settings.never_flag)?,
            extra_words: tidy_words("extra_words", &settings.extra_words)?,
            sensitivity: settings.sensitivity,
        };
        self.put_setting(
            TONE_SETTINGS_KEY,
            &serde_json::to_string(&tidy).expect("settings always serialise"),
        )?;
        Ok(tidy)
    }

    /// Saves a message as it was sent or received: the text verbatim, who it was to or from,
    /// and the checker's reading of it. The draft for that direction is discarded in the same
    /// transaction, so a crash leaves either the draft or the entry, never neither.
    pub fn save_message(&mut self, draft: &MessageDraft, occurred_at: &str) -> Result<i64> {
        let report = tone::check_message(&draft.text, &self.tone_settings()?)?;
        let counterpart = draft.counterpart.trim().to_string();
        let who = if counterpart.is_empty() {
            "the other parent"
        } else {
            counterpart.as_str()
        };
        let title = match draft.direction {
            Direction::Sent => format!("Message to {who}"),
            Direction::Received => format!("Message from {who}"),
        };
        let entry = EntryDraft {
            kind: EntryKind::Message,
            occurred_at: occurred_at.to_string(),
            title,
            body: draft.text.clone(),
            channel: draft.channel,
            legal_step: None,
            mood: None,
            message: Some(MessageInfo {
                direction: draft.direction,
                counterpart: counterpart.clone(),
                tone: Some(report),
                import: None,
            }),
            schedule: None,
            children: draft.children.clone(),
            people: if counterpart.is_empty() {
                vec![]
            } else {
                vec![counterpart]
            },
            tags: vec![],
            location: None,
            private: false,
        };
        let tx = self.conn.transaction()?;
        let id = super::write::add_in(&tx, entry)?;
        tx.execute(
            "DELETE FROM message_drafts WHERE direction = ?1",
            [draft.direction.as_str()],
        )?;
        tx.commit()?;
        Ok(id)
    }
}

fn tidy_words(field: &'static str, words: &[String]) -> Result<Vec<String>> {
    validate::tidy_list(
        field,
        words.iter().cloned(),
        MAX_SETTING_WORD_CHARS,
        MAX_SETTING_WORDS,
        "words",
    )
}
