//! Appending revisions: the only way anything in the journal changes.

use rusqlite::{params, OptionalExtension, Transaction};

use super::chain::{canonical_json, Link, GENESIS};
use super::derived::derive;
use super::Journal;
use crate::error::{Error, Result};
use crate::model::{AttachmentInfo, EntryDraft, RevisionAction, RevisionContent};
use crate::tone::{self, ToneSettings};
use crate::validate::{self, Checked};

impl Journal {
    /// Adds one entry and returns its id once it is safely on disk.
    pub fn add(&mut self, draft: EntryDraft) -> Result<i64> {
        Ok(self.add_many(std::iter::once(draft))?[0])
    }

    /// Adds many entries in one transaction: all of them, or none if any is invalid.
    pub fn add_many(&mut self, drafts: impl IntoIterator<Item = EntryDraft>) -> Result<Vec<i64>> {
        let tx = self.conn.transaction()?;
        let mut ids = Vec::new();
        for draft in drafts {
            ids.push(add_in(&tx, draft)?);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Records a new version of an entry; the old one stays in its history.
    pub fn edit(&mut self, id: i64, mut draft: EntryDraft) -> Result<()> {
        let settings = self.tone_settings()?;
        let tx = self.conn.transaction()?;
        let (seq, old) = newest(&tx, id)?;
        reread_message(&mut draft, &old.draft, &settings)?;
        Journal::keep_schedule(&mut draft, &old.draft);
        let checked = validate::check(draft)?;
        let content = RevisionContent {
            draft: checked.draft.clone(),
            attachments: old.attachments,
        };
        if content.draft == old.draft {
            return Ok(()); // Nothing changed: a revision would only add noise to the record.
        }
        let rev = append(
            &tx,
            id,
            seq + 1,
            RevisionAction::Edit,
            &validate::now_utc(),
            &content,
        )?;
        index(&tx, id, rev, &checked, false)?;
        tx.commit()?;
        Ok(())
    }

    /// Marks an entry deleted with a tombstone revision. Its history stays in the journal.
    pub fn delete(&mut self, id: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        let (seq, old) = newest(&tx, id)?;
        let rev = append(
            &tx,
            id,
            seq + 1,
            RevisionAction::Delete,
            &validate::now_utc(),
            &old,
        )?;
        tx.execute(
            "UPDATE current SET revision_id = ?1, deleted = 1 WHERE entry_id = ?2",
            params![rev, id],
        )?;
        clear_derived(&tx, id)?;
        tx.commit()?;
        Ok(())
    }

    /// Adds a revision that lists one more attachment. Called with the attachment row already
    /// inserted in the same transaction.
    pub(super) fn append_attachment(
        tx: &Transaction,
        id: i64,
        info: AttachmentInfo,
        at: &str,
    ) -> Result<()> {
        let (seq, mut content) = newest(tx, id)?;
        content.attachments.push(info);
        let rev = append(tx, id, seq + 1, RevisionAction::Attach, at, &content)?;
        tx.execute(
            "UPDATE current SET revision_id = ?1 WHERE entry_id = ?2",
            params![rev, id],
        )?;
        Ok(())
    }
}

/// A message's reading is the core's, never the caller's: kept when its text is unchanged,
/// taken afresh when the text was edited.
fn reread_message(draft: &mut EntryDraft, old: &EntryDraft, settings: &ToneSettings) -> Result<()> {
    if let Some(info) = draft.message.as_mut() {
        // Where an imported message came from is a fact about the import, not editable.
        info.import = old.message.as_ref().and_then(|m| m.import.clone());
        info.tone = match &old.message {
            Some(was) if old.body == draft.body => was.tone.clone(),
            _ => Some(tone::check_message(&draft.body, settings)?),
        };
    }
    Ok(())
}

/// Adds one entry inside the caller's transaction.
pub(super) fn add_in(tx: &Transaction, draft: EntryDraft) -> Result<i64> {
    let checked = validate::check(draft)?;
    let recorded_at = validate::now_utc();
    tx.prepare_cached("INSERT INTO entries (created_at) VALUES (?1)")?
        .execute([&recorded_at])?;
    let id = tx.last_insert_rowid();
    let content = RevisionContent {
        draft: checked.draft.clone(),
        attachments: vec![],
    };
    let rev = append(tx, id, 1, RevisionAction::Create, &recorded_at, &content)?;
    index(tx, id, rev, &checked, true)?;
    Ok(id)
}

/// The newest revision of a live entry: its sequence number and content.
pub(super) fn newest(tx: &Transaction, id: i64) -> Result<(u32, RevisionContent)> {
    let row: Option<(u32, String, bool)> = tx
        .query_row(
            "SELECT r.seq, r.content, c.deleted FROM current c JOIN revisions r ON r.id = c.revision_id
             WHERE c.entry_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match row {
        None => Err(Error::NotFound(id)),
        Some((_, _, true)) => Err(Error::Deleted(id)),
        Some((seq, content, false)) => Ok((seq, parse_content(&content)?)),
    }
}

pub(super) fn parse_content(text: &str) -> Result<RevisionContent> {
    serde_json::from_str(text)
        .map_err(|e| Error::invalid("revision", format!("a stored revision cannot be read: {e}")))
}

/// Writes one link of the chain and returns its row id.
fn append(
    tx: &Transaction,
    entry_id: i64,
    seq: u32,
    action: RevisionAction,
    recorded_at: &str,
    content: &RevisionContent,
) -> Result<i64> {
    let value = serde_json::to_value(content).expect("entry content always serialises");
    let content = canonical_json(&value);
    let prev_hash: String = tx
        .prepare_cached("SELECT hash FROM revisions ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let link = Link {
        entry_id,
        seq,
        action: action.as_str(),
        recorded_at,
        prev_hash: &prev_hash,
        content: &content,
    };
    let hash = link.hash();
    tx.prepare_cached(
        "INSERT INTO revisions (entry_id, seq, action, recorded_at, content, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        entry_id,
        seq,
        action.as_str(),
        recorded_at,
        content,
        prev_hash,
        hash
    ])?;
    Ok(tx.last_insert_rowid())
}

/// The derived tables for an entry brought in from an export: its newest revision's content,
/// or, for a deleted entry, only its place in the timeline marked deleted (as `delete` leaves
/// it).
pub(super) fn index_imported(
    tx: &Transaction,
    id: i64,
    revision_id: i64,
    content: &RevisionContent,
    deleted: bool,
) -> Result<()> {
    let checked = validate::check(content.draft.clone())?;
    if !deleted {
        return index(tx, id, revision_id, &checked, true);
    }
    let d = derive(&content.draft)?;
    tx.prepare_cached(
        "INSERT INTO current (entry_id, revision_id, kind, occurred_utc, occurred_day, private, deleted)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)",
    )?
    .execute(params![id, revision_id, d.kind, d.occurred_utc, d.occurred_day, d.private])?;
    Ok(())
}

/// Brings the derived tables (current state, names, tags, search) in line with a revision.
/// A `new` entry has nothing to clear first.
fn index(tx: &Transaction, id: i64, revision_id: i64, c: &Checked, new: bool) -> Result<()> {
    let d = derive(&c.draft)?;
    tx.prepare_cached(
        "INSERT INTO current (entry_id, revision_id, kind, occurred_utc, occurred_day, private, deleted)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)
         ON CONFLICT (entry_id) DO UPDATE SET revision_id = excluded.revision_id, kind = excluded.kind,
           occurred_utc = excluded.occurred_utc, occurred_day = excluded.occurred_day,
           private = excluded.private, deleted = 0",
    )?
    .execute(params![id, revision_id, d.kind, d.occurred_utc, d.occurred_day, d.private])?;
    if !new {
        clear_derived(tx, id)?;
    }
    for (names, table, link, col) in [
        (d.children, "children", "entry_children", "child_id"),
        (d.people, "people", "entry_people", "person_id"),
    ] {
        for name in names {
            tx.prepare_cached(&format!(
                "INSERT INTO {table} (name) VALUES (?1) ON CONFLICT (name) DO NOTHING"
            ))?
            .execute([name])?;
            tx.prepare_cached(&format!(
                "INSERT OR IGNORE INTO {link} (entry_id, {col}) SELECT ?1, id FROM {table} WHERE name = ?2"
            ))?
            .execute(params![id, name])?;
        }
    }
    for tag in d.tags {
        tx.prepare_cached("INSERT OR IGNORE INTO entry_tags (entry_id, tag) VALUES (?1, ?2)")?
            .execute(params![id, tag])?;
    }
    tx.prepare_cached("INSERT INTO search (rowid, title, body, extra) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![id, d.title, d.body, d.extra])?;
    Ok(())
}

/// Removes an entry's names, tags and search text, before re-indexing or on deletion.
fn clear_derived(tx: &Transaction, id: i64) -> Result<()> {
    for table in ["entry_children", "entry_people", "entry_tags"] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE entry_id = ?1"))?
            .execute([id])?;
    }
    tx.prepare_cached("DELETE FROM search WHERE rowid = ?1")?
        .execute([id])?;
    Ok(())
}
