//! `verify`: recomputes the hash chain, then replays it and compares everything the app shows
//! (written times, the timeline, names, tags, search, attachments' bytes) with what the chain
//! says. Anything changed behind Evenkeel's back, with the passphrase and a plain SQLCipher
//! tool, is named entry by entry.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::DateTime;
use rusqlite::types::ValueRef;

use super::chain::{sha256_hex, Link, GENESIS};
use super::derived::derive;
use super::write::parse_content;
use super::Journal;
use crate::error::Result;
use crate::model::{
    AttachmentInfo, BrokenLink, RevisionContent, VerifyProblem, VerifyReport, VerifyWarning,
};

/// Enough to show what happened; a journal rewritten wholesale would otherwise list everything.
const MAX_PROBLEMS: usize = 200;

/// One entry as the chain leaves it.
struct Replayed {
    first_recorded_at: String,
    newest_revision: i64,
    deleted: bool,
    content: RevisionContent,
}

impl Journal {
    /// Recomputes every hash in chain order, then checks the derived tables and the
    /// attachments against the chain. One read transaction, so a writer in another process
    /// cannot make a consistent journal look inconsistent halfway through.
    pub fn verify(&self) -> Result<VerifyReport> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let report = self.verify_in_snapshot();
        let _ = self.conn.execute_batch("ROLLBACK");
        report
    }

    /// Verifies the journal and turns any problem into an error about `file`, the export or
    /// backup it was made from (`what`), naming the first problem; with `head`, the chain must
    /// end there too.
    pub(super) fn require_verified(
        &self,
        file: &std::path::Path,
        what: &str,
        head: Option<&str>,
    ) -> Result<()> {
        let report = self.verify()?;
        let problem = report
            .problems
            .first()
            .map(|p| p.message.clone())
            .or_else(|| (!report.ok).then(|| "its hash chain is broken".to_string()))
            .or_else(|| {
                head.filter(|h| *h != report.head)
                    .map(|h| format!("its chain ends at {}, not {h}", report.head))
            });
        match problem {
            None => Ok(()),
            Some(p) => Err(crate::error::Error::Archive {
                file: file.to_path_buf(),
                problem: format!("{what} does not verify: {p}"),
            }),
        }
    }

    fn verify_in_snapshot(&self) -> Result<VerifyReport> {
        let mut report = VerifyReport {
            ok: false,
            revisions_checked: 0,
            attachments_checked: 0,
            head: GENESIS.to_string(),
            first_bad: None,
            problems: Vec::new(),
            warnings: Vec::new(),
        };
        let Some(entries) = self.walk_chain(&mut report)? else {
            // A broken chain makes every later revision suspect: replaying it proves nothing.
            return Ok(report);
        };
        let mut problems = Problems::default();
        self.check_written_times(&entries, &mut problems)?;
        self.check_timeline(&entries, &mut problems)?;
        self.check_names(&entries, &mut problems)?;
        self.check_search(&entries, &mut problems)?;
        report.attachments_checked = self.check_attachments(&entries, &mut problems)?;
        report.problems = problems.list;
        report.ok = report.problems.is_empty();
        Ok(report)
    }

    /// The chain itself: every hash, every link, each entry's revisions in order. Returns each
    /// entry's replayed state, or `None` when the chain is broken (named in `first_bad`).
    fn walk_chain(&self, report: &mut VerifyReport) -> Result<Option<BTreeMap<i64, Replayed>>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, entry_id, seq, action, recorded_at, content, prev_hash, hash
             FROM revisions ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut newest: HashMap<i64, (u32, i64, bool, String, String)> = HashMap::new();
        let mut previous_time: Option<(String, i64)> = None;
        while let Some(r) = rows.next()? {
            let chain_index: i64 = r.get(0)?;
            let entry_id: i64 = r.get(1)?;
            let seq: u32 = r.get(2)?;
            let action: String = r.get(3)?;
            let recorded_at: String = r.get(4)?;
            let content: String = r.get(5)?;
            let prev_hash: String = r.get(6)?;
            let hash: String = r.get(7)?;
            let broken = |report: &mut VerifyReport, reason: String| {
                report.first_bad = Some(BrokenLink {
                    chain_index,
                    entry_id,
                    seq,
                    reason,
                });
            };
            if prev_hash != report.head {
                broken(report, "it does not follow the revision before it (a revision was removed, inserted or altered)".into());
                return Ok(None);
            }
            let link = Link {
                entry_id,
                seq,
                action: &action,
                recorded_at: &recorded_at,
                prev_hash: &prev_hash,
                content: &content,
            };
            if link.hash() != hash {
                broken(
                    report,
                    "its content no longer matches its hash (it was altered after it was written)"
                        .into(),
                );
                return Ok(None);
            }
            let previous_seq = newest.get(&entry_id).map_or(0, |n| n.0);
            if seq != previous_seq + 1 {
                broken(
                    report,
                    format!("revision {seq} follows revision {previous_seq} of the same entry"),
                );
                return Ok(None);
            }
            if let Some((before, before_index)) = &previous_time {
                if is_earlier(&recorded_at, before) {
                    report.warnings.push(VerifyWarning {
                        chain_index,
                        entry_id,
                        message: format!(
                            "recorded at {recorded_at}, earlier than revision #{before_index} before it ({before}): the computer's clock was set back when it was written"
                        ),
                    });
                }
            }
            previous_time = Some((recorded_at.clone(), chain_index));
            let first = newest
                .get(&entry_id)
                .map(|n| n.4.clone())
                .unwrap_or_else(|| recorded_at.clone());
            newest.insert(
                entry_id,
                (seq, chain_index, action == "delete", content, first),
            );
            report.revisions_checked += 1;
            report.head = hash;
        }
        let mut entries = BTreeMap::new();
        for (id, (_, newest_revision, deleted, content, first_recorded_at)) in newest {
            entries.insert(
                id,
                Replayed {
                    first_recorded_at,
                    newest_revision,
                    deleted,
                    content: parse_content(&content)?,
                },
            );
        }
        Ok(Some(entries))
    }

    /// "Written" is when the first revision was recorded; the entries table only caches it.
    fn check_written_times(
        &self,
        entries: &BTreeMap<i64, Replayed>,
        problems: &mut Problems,
    ) -> Result<()> {
        let mut seen = BTreeSet::new();
        let mut stmt = self.conn.prepare("SELECT id, created_at FROM entries")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let created: String = r.get(1)?;
            seen.insert(id);
            match entries.get(&id) {
                None => problems.add(id, "written time", "the entry has no revision in the chain"),
                Some(e) if e.first_recorded_at != created => problems.add(
                    id,
                    "written time",
                    format!(
                        "shown as written at {created}, but its first revision was recorded at {}",
                        e.first_recorded_at
                    ),
                ),
                Some(_) => {}
            }
        }
        for id in entries.keys().filter(|id| !seen.contains(id)) {
            problems.add(*id, "written time", "the entry's row is missing");
        }
        Ok(())
    }

    /// The timeline's row for each entry: newest revision, kind, time, private, deleted.
    fn check_timeline(
        &self,
        entries: &BTreeMap<i64, Replayed>,
        problems: &mut Problems,
    ) -> Result<()> {
        let mut seen = BTreeSet::new();
        let mut stmt = self.conn.prepare(
            "SELECT entry_id, revision_id, kind, occurred_utc, occurred_day, private, deleted
             FROM current",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            seen.insert(id);
            let Some(e) = entries.get(&id) else {
                problems.add(
                    id,
                    "timeline",
                    "the timeline shows an entry the chain does not have",
                );
                continue;
            };
            let d = derive(&e.content.draft)?;
            let mut differs = |field: &str, shown: String, chain: String| {
                if shown != chain {
                    problems.add(
                        id,
                        "timeline",
                        format!("{field} is shown as {shown}, but the chain says {chain}"),
                    );
                }
            };
            differs(
                "the revision",
                format!("#{}", r.get::<_, i64>(1)?),
                format!("#{}", e.newest_revision),
            );
            differs("the kind", r.get(2)?, d.kind.to_string());
            differs(
                "the time",
                r.get::<_, i64>(3)?.to_string(),
                d.occurred_utc.to_string(),
            );
            differs("the day", r.get(4)?, d.occurred_day);
            differs(
                "private",
                yes_no(r.get(5)?).into(),
                yes_no(d.private).into(),
            );
            differs(
                "deleted",
                yes_no(r.get(6)?).into(),
                yes_no(e.deleted).into(),
            );
        }
        for id in entries.keys().filter(|id| !seen.contains(id)) {
            problems.add(*id, "timeline", "the entry is missing from the timeline");
        }
        Ok(())
    }

    /// Children, people and tags as the filters and pickers see them.
    fn check_names(
        &self,
        entries: &BTreeMap<i64, Replayed>,
        problems: &mut Problems,
    ) -> Result<()> {
        for (area, sql) in [
            (
                "children",
                "SELECT ec.entry_id, ch.name FROM entry_children ec
                 LEFT JOIN children ch ON ch.id = ec.child_id",
            ),
            (
                "people",
                "SELECT ep.entry_id, p.name FROM entry_people ep
                 LEFT JOIN people p ON p.id = ep.person_id",
            ),
            ("tags", "SELECT entry_id, tag FROM entry_tags"),
        ] {
            let mut shown: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
            let mut stmt = self.conn.prepare(sql)?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let name: Option<String> = r.get(1)?;
                shown
                    .entry(r.get(0)?)
                    .or_default()
                    .insert(name.map_or_else(|| "(a missing name)".into(), |n| fold(&n)));
            }
            let empty = BTreeSet::new();
            let ids: BTreeSet<i64> = shown.keys().chain(entries.keys()).copied().collect();
            for id in ids {
                let expected: BTreeSet<String> = match entries.get(&id) {
                    Some(e) if !e.deleted => {
                        let d = &e.content.draft;
                        let list = match area {
                            "children" => &d.children,
                            "people" => &d.people,
                            _ => &d.tags,
                        };
                        list.iter().map(|n| fold(n)).collect()
                    }
                    _ => BTreeSet::new(),
                };
                let actual = shown.get(&id).unwrap_or(&empty);
                if *actual != expected {
                    problems.add(
                        id,
                        area,
                        format!(
                            "shown as [{}], but the chain says [{}]",
                            join(actual),
                            join(&expected)
                        ),
                    );
                }
            }
        }
        Ok(())
    }

    /// The search index, rebuilt in memory from the chain with the same tokenizer and compared
    /// word by word, position by position (the index keeps no text of its own to compare).
    fn check_search(
        &self,
        entries: &BTreeMap<i64, Replayed>,
        problems: &mut Problems,
    ) -> Result<()> {
        self.conn.execute_batch(
            "DROP TABLE IF EXISTS temp.verify_search;
             DROP TABLE IF EXISTS temp.verify_vocab_shown;
             DROP TABLE IF EXISTS temp.verify_vocab_chain;
             CREATE VIRTUAL TABLE temp.verify_search USING fts5(
                 title, body, extra, tokenize = 'unicode61 remove_diacritics 2',
                 content = '', contentless_delete = 1);
             CREATE VIRTUAL TABLE temp.verify_vocab_shown USING fts5vocab(main, search, instance);
             CREATE VIRTUAL TABLE temp.verify_vocab_chain USING fts5vocab(temp, verify_search, instance);",
        )?;
        let result = self.compare_search(entries, problems);
        self.conn.execute_batch(
            "DROP TABLE temp.verify_vocab_shown; DROP TABLE temp.verify_vocab_chain;
             DROP TABLE temp.verify_search;",
        )?;
        result
    }

    fn compare_search(
        &self,
        entries: &BTreeMap<i64, Replayed>,
        problems: &mut Problems,
    ) -> Result<()> {
        {
            let mut insert = self.conn.prepare(
                "INSERT INTO temp.verify_search (rowid, title, body, extra) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (id, e) in entries.iter().filter(|(_, e)| !e.deleted) {
                let d = derive(&e.content.draft)?;
                insert.execute(rusqlite::params![id, d.title, d.body, d.extra])?;
            }
        }
        // Both listings come in the index's own order (term, entry, column, position), so one
        // merge finds every difference without sorting millions of rows.
        let sql = |table: &str| {
            format!(
                "SELECT term, doc, CASE col WHEN 'title' THEN 0 WHEN 'body' THEN 1 ELSE 2 END, offset
                 FROM temp.{table}"
            )
        };
        let mut shown_stmt = self.conn.prepare(&sql("verify_vocab_shown"))?;
        let mut chain_stmt = self.conn.prepare(&sql("verify_vocab_chain"))?;
        let mut shown = shown_stmt.query([])?;
        let mut chain = chain_stmt.query([])?;
        // Compared in place, without copying each of the millions of (word, entry, column,
        // position) rows a large journal has.
        let mut a = shown.next()?;
        let mut b = chain.next()?;
        let mut differing = BTreeSet::new();
        while differing.len() < MAX_PROBLEMS {
            match (
                a.map(search_key).transpose()?,
                b.map(search_key).transpose()?,
            ) {
                (None, None) => break,
                (Some(x), Some(y)) if x == y => {
                    a = shown.next()?;
                    b = chain.next()?;
                }
                (Some(x), Some(y)) if x < y => {
                    differing.insert(x.1);
                    a = shown.next()?;
                }
                (Some(_), Some(y)) | (None, Some(y)) => {
                    differing.insert(y.1);
                    b = chain.next()?;
                }
                (Some(x), None) => {
                    differing.insert(x.1);
                    a = shown.next()?;
                }
            }
        }
        for id in differing {
            let message = match entries.get(&id) {
                None => "the search index holds words of an entry the chain does not have",
                Some(e) if e.deleted => "the search index still finds this deleted entry",
                Some(_) => {
                    "the search index does not hold the words of the entry's newest revision"
                }
            };
            problems.add(id, "search", message);
        }
        Ok(())
    }

    /// Every attachment's bytes against the SHA-256 sealed in the chain, and its name, type
    /// and size against the chained description. Returns how many were checked.
    fn check_attachments(
        &self,
        entries: &BTreeMap<i64, Replayed>,
        problems: &mut Problems,
    ) -> Result<i64> {
        let mut chained: BTreeMap<i64, (i64, &AttachmentInfo)> = BTreeMap::new();
        for (id, e) in entries {
            for a in &e.content.attachments {
                chained.insert(a.id, (*id, a));
            }
        }
        let mut checked = 0;
        let mut stmt = self.conn.prepare(
            "SELECT id, entry_id, name, media_type, size, sha256, data FROM attachments ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let entry_id: i64 = r.get(1)?;
            checked += 1;
            let Some((chain_entry, info)) = chained.remove(&id) else {
                problems.add(
                    entry_id,
                    "attachment",
                    format!("attachment {id} is not recorded in the chain"),
                );
                continue;
            };
            let digest = match r.get_ref(6)? {
                ValueRef::Blob(bytes) => sha256_hex(bytes),
                ValueRef::Text(bytes) => sha256_hex(bytes),
                _ => String::new(),
            };
            let shown = (
                entry_id,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
            );
            if digest != info.sha256 {
                problems.add(
                    chain_entry,
                    "attachment",
                    format!(
                        "the bytes of attachment {id} ({}) no longer match the SHA-256 recorded when it was attached",
                        info.name
                    ),
                );
            } else if shown
                != (
                    chain_entry,
                    info.name.clone(),
                    info.media_type.clone(),
                    info.size as i64,
                    info.sha256.clone(),
                )
            {
                problems.add(
                    chain_entry,
                    "attachment",
                    format!(
                        "attachment {id} is described differently from the chain (entry, name, type, size or hash)"
                    ),
                );
            }
        }
        for (id, (entry_id, info)) in chained {
            problems.add(
                entry_id,
                "attachment",
                format!("attachment {id} ({}) is missing", info.name),
            );
        }
        Ok(checked)
    }
}

/// One row of a search index listing: the word's bytes, entry, column and position.
fn search_key<'r>(r: &'r rusqlite::Row<'_>) -> Result<(&'r [u8], i64, i64, i64)> {
    let term = match r.get_ref(0)? {
        ValueRef::Text(t) | ValueRef::Blob(t) => t,
        _ => &[],
    };
    Ok((term, r.get(1)?, r.get(2)?, r.get(3)?))
}

#[derive(Default)]
struct Problems {
    list: Vec<VerifyProblem>,
}

impl Problems {
    fn add(&mut self, entry_id: i64, area: &str, message: impl Into<String>) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(VerifyProblem {
                entry_id: Some(entry_id),
                area: area.to_string(),
                message: message.into(),
            });
        }
    }
}

/// Whether `a` is an earlier instant than `b` (both RFC 3339); unreadable times compare as text.
fn is_earlier(a: &str, b: &str) -> bool {
    match (
        DateTime::parse_from_rfc3339(a),
        DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(a), Ok(b)) => a < b,
        _ => a < b,
    }
}

/// Names compare as the database's NOCASE compares them: ASCII letters folded.
fn fold(name: &str) -> String {
    name.to_ascii_lowercase()
}

fn join(names: &BTreeSet<String>) -> String {
    names.iter().cloned().collect::<Vec<_>>().join(", ")
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}
