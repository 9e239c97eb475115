//! The whole journal as one JSON document, and back into a new journal: every entry, every
//! revision exactly as hashed, attachments, settings and unsent drafts. A journal imported
//! from its export has the same entries, the same revisions and the same chain head, so
//! nothing the parent kept is held hostage by this program.
//!
//! Importing trusts nothing in the file: every hash is recomputed, every link and sequence
//! checked, every revision's content validated like a new entry, every attachment's bytes
//! hashed, and the new journal verified before it is kept. Any problem removes the new file
//! and leaves everything else as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use base64::Engine as _;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::chain::{canonical_json, sha256_hex, Link, GENESIS};
use super::write::{index_imported, parse_content};
use super::{side_file, Journal};
use crate::error::{Error, Result};
use crate::model::{RevisionAction, RevisionContent};
use crate::validate;

/// What the file says it is, checked before anything else is read from it.
pub const FORMAT: &str = "evenkeel-journal";
pub const VERSION: u32 = 1;

/// The document `export_json` writes. Field order is the order a reader meets them in.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    pub format: String,
    pub version: u32,
    /// The journal's schema version when exported (for the record; the import writes the
    /// current schema).
    pub schema: i64,
    pub exported_at: String,
    /// The hash of the last revision: the same in the journal this file is imported into.
    pub chain_head: String,
    pub entries: Vec<ArchivedEntry>,
    pub revisions: Vec<ArchivedRevision>,
    pub attachments: Vec<ArchivedAttachment>,
    /// The checker's settings and other preferences kept in the journal.
    pub settings: BTreeMap<String, String>,
    /// Unsent message drafts.
    pub message_drafts: Vec<ArchivedDraft>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedEntry {
    pub id: i64,
    pub created_at: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedRevision {
    pub id: i64,
    pub entry_id: i64,
    pub seq: u32,
    pub action: String,
    pub recorded_at: String,
    pub prev_hash: String,
    pub hash: String,
    /// The revision's content as a JSON object, readable; its canonical form is what was
    /// hashed. A string here holds that canonical form verbatim, for content that would not
    /// survive being read as an object (never seen, but an export must never lose anything).
    pub content: Value,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedAttachment {
    pub id: i64,
    pub entry_id: i64,
    pub name: String,
    pub media_type: String,
    pub size: u64,
    pub sha256: String,
    pub added_at: String,
    /// The file's bytes, base64 (standard alphabet, padded).
    pub data: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedDraft {
    pub direction: String,
    pub content: String,
    pub updated_at: String,
}

/// Just enough of a file to tell whether it is ours and which version, before reading the rest.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

/// What an export or an import came to.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct ArchiveSummary {
    pub entries: usize,
    pub revisions: usize,
    pub attachments: usize,
    pub chain_head: String,
}

impl Journal {
    /// Writes the whole journal to `out` as one JSON document (see [`Archive`]). Read in one
    /// transaction, so a write from another window cannot tear it. The file is written beside
    /// `out` and renamed into place once complete.
    pub fn export_json(&self, out: &Path, replace: bool) -> Result<ArchiveSummary> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let archive = self.archive();
        let _ = self.conn.execute_batch("ROLLBACK");
        let archive = archive?;
        let summary = ArchiveSummary {
            entries: archive.entries.len(),
            revisions: archive.revisions.len(),
            attachments: archive.attachments.len(),
            chain_head: archive.chain_head.clone(),
        };
        crate::files::write_with(out, replace, |w| {
            let mut w = BufWriter::new(w);
            serde_json::to_writer_pretty(&mut w, &archive).map_err(std::io::Error::other)?;
            w.write_all(b"\n")?;
            w.flush()
        })?;
        Ok(summary)
    }

    fn archive(&self) -> Result<Archive> {
        let schema: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        let entries = self
            .conn
            .prepare("SELECT id, created_at FROM entries ORDER BY id")?
            .query_map([], |r| {
                Ok(ArchivedEntry {
                    id: r.get(0)?,
                    created_at: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut revisions = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, entry_id, seq, action, recorded_at, prev_hash, hash, content
             FROM revisions ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let text: String = r.get(7)?;
            let content = match serde_json::from_str::<Value>(&text) {
                Ok(v) if canonical_json(&v) == text => v,
                _ => Value::String(text),
            };
            revisions.push(ArchivedRevision {
                id: r.get(0)?,
                entry_id: r.get(1)?,
                seq: r.get(2)?,
                action: r.get(3)?,
                recorded_at: r.get(4)?,
                prev_hash: r.get(5)?,
                hash: r.get(6)?,
                content,
            });
        }
        let b64 = base64::engine::general_purpose::STANDARD;
        let attachments = self
            .conn
            .prepare(
                "SELECT id, entry_id, name, media_type, size, sha256, added_at, data
                 FROM attachments ORDER BY id",
            )?
            .query_map([], |r| {
                Ok(ArchivedAttachment {
                    id: r.get(0)?,
                    entry_id: r.get(1)?,
                    name: r.get(2)?,
                    media_type: r.get(3)?,
                    size: r.get(4)?,
                    sha256: r.get(5)?,
                    added_at: r.get(6)?,
                    data: b64.encode(r.get::<_, Vec<u8>>(7)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let settings = self
            .conn
            .prepare("SELECT key, value FROM settings ORDER BY key")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<BTreeMap<_, _>>>()?;
        let message_drafts = self
            .conn
            .prepare(
                "SELECT direction, content, updated_at FROM message_drafts ORDER BY direction",
            )?
            .query_map([], |r| {
                Ok(ArchivedDraft {
                    direction: r.get(0)?,
                    content: r.get(1)?,
                    updated_at: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Archive {
            format: FORMAT.into(),
            version: VERSION,
            schema,
            exported_at: validate::now_utc(),
            chain_head: revisions
                .last()
                .map_or_else(|| GENESIS.to_string(), |r| r.hash.clone()),
            entries,
            revisions,
            attachments,
            settings,
            message_drafts,
        })
    }

    /// Creates a new journal at `path` from an export. Refuses an existing file; on any
    /// problem with the export, removes what it created and names the problem.
    pub fn import_json(
        file: &Path,
        path: &Path,
        passphrase: &str,
    ) -> Result<(Journal, ArchiveSummary)> {
        let archive = read_archive(file)?;
        let checked = check_archive(&archive).map_err(|problem| Error::Archive {
            file: file.to_path_buf(),
            problem,
        })?;
        let journal = Journal::create(path, passphrase)?;
        let summary = checked.summary.clone();
        match journal.fill(&archive, checked, file) {
            Ok(journal) => Ok((journal, summary)),
            Err(e) => {
                for p in [
                    path.to_path_buf(),
                    side_file(path, "-wal"),
                    side_file(path, "-shm"),
                ] {
                    let _ = fs::remove_file(p);
                }
                Err(e)
            }
        }
    }

    /// Writes a checked archive into this new, empty journal in one transaction, then verifies
    /// the result as `verify` would.
    fn fill(mut self, a: &Archive, checked: Checked, file: &Path) -> Result<Journal> {
        let tx = self.conn.transaction()?;
        for e in &a.entries {
            tx.prepare_cached("INSERT INTO entries (id, created_at) VALUES (?1, ?2)")?
                .execute(params![e.id, e.created_at])?;
        }
        for (r, text) in a.revisions.iter().zip(&checked.texts) {
            tx.prepare_cached(
                "INSERT INTO revisions (id, entry_id, seq, action, recorded_at, content, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                r.id,
                r.entry_id,
                r.seq,
                r.action,
                r.recorded_at,
                text,
                r.prev_hash,
                r.hash
            ])?;
        }
        for (at, data) in a.attachments.iter().zip(&checked.data) {
            tx.prepare_cached(
                "INSERT INTO attachments (id, entry_id, name, media_type, size, sha256, added_at, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                at.id,
                at.entry_id,
                at.name,
                at.media_type,
                at.size,
                at.sha256,
                at.added_at,
                data
            ])?;
        }
        // Each entry's newest revision gives its place in the timeline, names and search.
        for (entry, (revision, deleted, content)) in &checked.newest {
            index_imported(&tx, *entry, *revision, content, *deleted)?;
        }
        for (k, v) in &a.settings {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)",
                params![k, v],
            )?;
        }
        for d in &a.message_drafts {
            tx.execute(
                "INSERT INTO message_drafts (direction, content, updated_at) VALUES (?1, ?2, ?3)",
                params![d.direction, d.content, d.updated_at],
            )?;
        }
        tx.commit()?;
        self.require_verified(file, "the imported journal", Some(&a.chain_head))?;
        Ok(self)
    }
}

fn content_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => canonical_json(other),
    }
}

/// Reads and parses an export, naming what is wrong with a file that is not one.
fn read_archive(file: &Path) -> Result<Archive> {
    let bytes = fs::read(file).map_err(|e| Error::File {
        path: file.to_path_buf(),
        source: e,
    })?;
    let bad = |problem: String| Error::Archive {
        file: file.to_path_buf(),
        problem,
    };
    let header: Header = serde_json::from_slice(&bytes)
        .map_err(|e| bad(format!("it is not a complete JSON document ({e})")))?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(bad(format!(
            "it is not an Evenkeel journal export (no \"format\": \"{FORMAT}\")"
        )));
    }
    match header.version {
        Some(VERSION) => {}
        Some(v) => {
            return Err(bad(format!(
                "it is export version {v}; this Evenkeel reads version {VERSION}"
            )))
        }
        None => return Err(bad("it has no export version".into())),
    }
    serde_json::from_slice(&bytes).map_err(|e| bad(format!("{e}")))
}

/// What checking an archive leaves for writing it: nothing is parsed, decoded or hashed twice.
struct Checked {
    summary: ArchiveSummary,
    /// Each revision's content exactly as hashed, in the archive's order.
    texts: Vec<String>,
    /// Each entry's newest revision: its id, whether it deletes the entry, and its content.
    newest: BTreeMap<i64, (i64, bool, RevisionContent)>,
    /// Each attachment's bytes, in the archive's order.
    data: Vec<Vec<u8>>,
}

/// Everything an import relies on, checked before a single row is written: the chain from
/// first to last, each entry's revisions in order, contents that validate, attachments whose
/// bytes match their hashes, and no id used twice.
fn check_archive(a: &Archive) -> std::result::Result<Checked, String> {
    let mut entries = BTreeSet::new();
    for e in &a.entries {
        if !entries.insert(e.id) {
            return Err(format!("entry {} is listed twice", e.id));
        }
        chrono::DateTime::parse_from_rfc3339(&e.created_at)
            .map_err(|_| format!("entry {}: \"{}\" is not a time", e.id, e.created_at))?;
    }
    let mut prev = GENESIS.to_string();
    let mut last_id = 0i64;
    let mut seqs: BTreeMap<i64, u32> = BTreeMap::new();
    let mut deleted = BTreeSet::new();
    let mut texts = Vec::with_capacity(a.revisions.len());
    let mut newest = BTreeMap::new();
    let mut attached: BTreeMap<i64, (i64, String)> = BTreeMap::new();
    for r in &a.revisions {
        let at = format!("revision {}", r.id);
        if r.id <= last_id {
            return Err(format!("{at} is out of order"));
        }
        last_id = r.id;
        if !entries.contains(&r.entry_id) {
            return Err(format!(
                "{at} belongs to entry {}, which is not listed",
                r.entry_id
            ));
        }
        let action: RevisionAction = r
            .action
            .parse()
            .map_err(|_| format!("{at} has an unknown action \"{}\"", r.action))?;
        let expected_seq = seqs.get(&r.entry_id).map_or(1, |s| s + 1);
        if r.seq != expected_seq {
            return Err(format!(
                "{at} is number {} of entry {}, expected {expected_seq}",
                r.seq, r.entry_id
            ));
        }
        if (r.seq == 1) != (action == RevisionAction::Create) {
            return Err(format!("{at}: only an entry's first revision creates it"));
        }
        if deleted.contains(&r.entry_id) {
            return Err(format!("{at} follows the deletion of entry {}", r.entry_id));
        }
        if action == RevisionAction::Delete {
            deleted.insert(r.entry_id);
        }
        seqs.insert(r.entry_id, r.seq);
        if r.prev_hash != prev {
            return Err(format!(
                "{at} does not follow the revision before it (its previous hash is {}, the chain has {prev})",
                r.prev_hash
            ));
        }
        let text = match &r.content {
            Value::Object(_) | Value::String(_) => content_text(&r.content),
            _ => return Err(format!("{at}: its content is not an object")),
        };
        chrono::DateTime::parse_from_rfc3339(&r.recorded_at)
            .map_err(|_| format!("{at}: \"{}\" is not a time", r.recorded_at))?;
        let hash = Link {
            entry_id: r.entry_id,
            seq: r.seq,
            action: &r.action,
            recorded_at: &r.recorded_at,
            prev_hash: &r.prev_hash,
            content: &text,
        }
        .hash();
        if hash != r.hash {
            return Err(format!(
                "{at} has been altered: its content hashes to {hash}, the file says {}",
                r.hash
            ));
        }
        let content = parse_content(&text).map_err(|e| format!("{at}: {e}"))?;
        validate::check(content.draft.clone()).map_err(|e| format!("{at}: {e}"))?;
        for info in &content.attachments {
            attached.insert(info.id, (r.entry_id, info.sha256.clone()));
        }
        newest.insert(
            r.entry_id,
            (r.id, action == RevisionAction::Delete, content),
        );
        texts.push(text);
        prev = hash;
    }
    if a.chain_head != prev {
        return Err(format!(
            "its chain head {} is not the hash of its last revision ({prev})",
            a.chain_head
        ));
    }
    if let Some(e) = entries.iter().find(|e| !seqs.contains_key(e)) {
        return Err(format!("entry {e} has no revisions"));
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut seen = BTreeSet::new();
    let mut bytes = Vec::with_capacity(a.attachments.len());
    for at in &a.attachments {
        let what = format!("attachment {} ({})", at.id, at.name);
        if !seen.insert(at.id) {
            return Err(format!("{what} is listed twice"));
        }
        let Some((entry, sha)) = attached.get(&at.id) else {
            return Err(format!("{what} is not listed by any revision"));
        };
        if *entry != at.entry_id || *sha != at.sha256 {
            return Err(format!("{what} does not match the revision that lists it"));
        }
        let data = b64
            .decode(&at.data)
            .map_err(|e| format!("{what}: its data is not base64 ({e})"))?;
        if data.len() as u64 != at.size || sha256_hex(&data) != at.sha256 {
            return Err(format!(
                "{what} has been altered: its bytes do not match its recorded size and SHA-256"
            ));
        }
        bytes.push(data);
    }
    if let Some(id) = attached.keys().find(|id| !seen.contains(id)) {
        return Err(format!(
            "attachment {id} is listed by a revision but its file is missing"
        ));
    }
    for d in &a.message_drafts {
        if !matches!(d.direction.as_str(), "sent" | "received") {
            return Err(format!(
                "a message draft has an unknown direction \"{}\"",
                d.direction
            ));
        }
    }
    Ok(Checked {
        summary: ArchiveSummary {
            entries: a.entries.len(),
            revisions: a.revisions.len(),
            attachments: a.attachments.len(),
            chain_head: prev,
        },
        texts,
        newest,
        data: bytes,
    })
}
