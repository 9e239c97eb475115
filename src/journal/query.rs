//! Reading the journal: entries, timelines, history, search and the chain check.

use rusqlite::{params_from_iter, types::Value as SqlValue, OptionalExtension, Row};

use super::write::parse_content;
use super::Journal;
use crate::error::{Error, Result};
use crate::model::{
    Entry, Filter, NameCount, Revision, RevisionAction, SearchHit, SnippetPart, Vocabulary,
};
use crate::validate;

/// The columns `entry_from_row` reads, joined from `current` (c), `revisions` (r) and `entries` (e).
const ENTRY_COLUMNS: &str = "c.entry_id, r.content, e.created_at, r.recorded_at, r.seq, r.hash";
const ENTRY_FROM: &str =
    "current c JOIN revisions r ON r.id = c.revision_id JOIN entries e ON e.id = c.entry_id";

pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 1000;
/// How many of the newest matches a very common search word is ranked among.
const RANK_WINDOW: i64 = 1000;

fn entry_from_row(row: &Row) -> rusqlite::Result<(i64, String, String, String, u32, String)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
    ))
}

fn build_entry(
    (id, content, created, revised, seq, hash): (i64, String, String, String, u32, String),
) -> Result<Entry> {
    let content = parse_content(&content)?;
    Ok(Entry {
        id,
        draft: content.draft,
        attachments: content.attachments,
        revised_at: (seq > 1).then_some(revised),
        recorded_at: created,
        revisions: seq,
        hash,
    })
}

impl Journal {
    pub fn get(&self, id: i64) -> Result<Entry> {
        let row = self
            .conn
            .query_row(
                &format!(
                    "SELECT {ENTRY_COLUMNS}, c.deleted FROM {ENTRY_FROM} WHERE c.entry_id = ?1"
                ),
                [id],
                |r| Ok((entry_from_row(r)?, r.get::<_, bool>(6)?)),
            )
            .optional()?;
        match row {
            None => Err(Error::NotFound(id)),
            Some((_, true)) => Err(Error::Deleted(id)),
            Some((row, false)) => build_entry(row),
        }
    }

    /// A page of the timeline, newest first.
    pub fn list(&self, f: &Filter) -> Result<Vec<Entry>> {
        let mut sql = format!("SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM} WHERE c.deleted = 0");
        let mut args: Vec<SqlValue> = Vec::new();
        if let Some(kind) = f.kind {
            sql.push_str(" AND c.kind = ?");
            args.push(kind.as_str().to_string().into());
        }
        if !f.include_private.unwrap_or(true) {
            sql.push_str(" AND c.private = 0");
        }
        if let Some(from) = &f.from {
            let day = validate::parse_day("from", from)?;
            sql.push_str(" AND c.occurred_day >= ?");
            args.push(day.format("%Y-%m-%d").to_string().into());
        }
        if let Some(to) = &f.to {
            let day = validate::parse_day("to", to)?;
            sql.push_str(" AND c.occurred_day <= ?");
            args.push(day.format("%Y-%m-%d").to_string().into());
        }
        if let (Some(from), Some(to)) = (&f.from, &f.to) {
            if from.trim() > to.trim() {
                return Err(Error::invalid("to", format!("{to} is before {from}")));
            }
        }
        if let Some(child) = f.child.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            sql.push_str(
                " AND c.entry_id IN (SELECT ec.entry_id FROM entry_children ec
                   JOIN children ch ON ch.id = ec.child_id WHERE ch.name = ?)",
            );
            args.push(child.to_string().into());
        }
        if let Some(tag) = f.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            sql.push_str(" AND c.entry_id IN (SELECT entry_id FROM entry_tags WHERE tag = ?)");
            args.push(tag.to_lowercase().into());
        }
        sql.push_str(" ORDER BY c.occurred_utc DESC, c.entry_id DESC LIMIT ? OFFSET ?");
        args.push(i64::from(f.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)).into());
        args.push(i64::from(f.offset.unwrap_or(0)).into());

        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), entry_from_row)?;
        rows.map(|r| build_entry(r?)).collect()
    }

    /// Every revision of one entry, oldest first, deleted entries included.
    pub fn history(&self, id: i64) -> Result<Vec<Revision>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, entry_id, seq, action, recorded_at, content, prev_hash, hash
             FROM revisions WHERE entry_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (chain_index, entry_id, seq, action, recorded_at, content, prev_hash, hash) = row?;
            let parsed = parse_content(&content)?;
            out.push(Revision {
                chain_index,
                entry_id,
                seq,
                action: action.parse::<RevisionAction>()?,
                recorded_at,
                content: Some(parsed.draft),
                attachments: parsed.attachments,
                canonical_content: content,
                prev_hash,
                hash,
            });
        }
        if out.is_empty() {
            return Err(Error::NotFound(id));
        }
        Ok(out)
    }

    /// Full-text search over the current entries, best match first. Whole words are tried
    /// first; when they find fewer than `limit` entries, words that start with what was typed
    /// fill the rest (so "dent" finds "dentist" without every search paying for prefixes).
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let words = query_words(query);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let limit = limit.clamp(1, MAX_PAGE);
        let mut ids = self.ranked_ids(&fts_query(&words, false), limit)?;
        if (ids.len() as u32) < limit {
            for id in self.ranked_ids(&fts_query(&words, true), limit)? {
                if (ids.len() as u32) < limit && !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids.into_iter()
            .map(|id| {
                let entry = self.get(id)?;
                let snippet = make_snippet(&entry.draft.body, &words);
                Ok(SearchHit { entry, snippet })
            })
            .collect()
    }

    /// Entry ids matching an FTS5 query, best first. Ranking costs time per match, so a very
    /// common word is ranked among the newest RANK_WINDOW entries that contain it.
    fn ranked_ids(&self, fts: &str, limit: u32) -> Result<Vec<i64>> {
        let floor: i64 = self
            .conn
            .prepare_cached("SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET ?2")?
            .query_row(rusqlite::params![fts, RANK_WINDOW - 1], |r| r.get(0))
            .optional()?
            .unwrap_or(0);
        // Title words weigh most, then names and tags, then the body.
        let ids = self
            .conn
            .prepare_cached(
                "SELECT rowid FROM search WHERE search MATCH ?1 AND rowid >= ?2
                 ORDER BY bm25(search, 10.0, 1.0, 4.0) LIMIT ?3",
            )?
            .query_map(rusqlite::params![fts, floor, limit], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// The children, people and tags in use, most used first, for filters and pickers.
    pub fn vocabulary(&self) -> Result<Vocabulary> {
        let count = |sql: &str| -> Result<Vec<NameCount>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([], |r| {
                Ok(NameCount {
                    name: r.get(0)?,
                    count: r.get(1)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(Vocabulary {
            children: count(
                "SELECT ch.name, count(ec.entry_id) FROM children ch
                 JOIN entry_children ec ON ec.child_id = ch.id GROUP BY ch.id ORDER BY 2 DESC, 1",
            )?,
            people: count(
                "SELECT p.name, count(ep.entry_id) FROM people p
                 JOIN entry_people ep ON ep.person_id = p.id GROUP BY p.id ORDER BY 2 DESC, 1",
            )?,
            tags: count("SELECT tag, count(*) FROM entry_tags GROUP BY tag ORDER BY 2 DESC, 1")?,
        })
    }

    /// How many live entries the journal holds.
    pub fn count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM current WHERE deleted = 0", [], |r| {
                r.get(0)
            })?)
    }
}

/// The words of a search, lower-cased; punctuation never becomes FTS5 syntax.
fn query_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(32)
        .map(str::to_lowercase)
        .collect()
}

/// Every word must appear; with `prefix`, as the start of a word.
fn fts_query(words: &[String], prefix: bool) -> String {
    let star = if prefix { "*" } else { "" };
    words
        .iter()
        .map(|w| format!("\"{w}\"{star}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A short passage of the body around the first matching word, with the matches marked.
/// Made here rather than by FTS5's snippet(), which re-runs the whole match for each row.
fn make_snippet(body: &str, words: &[String]) -> Vec<SnippetPart> {
    const BEFORE: usize = 6;
    const AFTER: usize = 16;
    let tokens: Vec<(usize, usize)> = token_spans(body);
    let is_hit = |&(s, e): &(usize, usize)| {
        let t = body[s..e].to_lowercase();
        words.iter().any(|w| t.starts_with(w.as_str()))
    };
    let Some(first) = tokens.iter().position(is_hit) else {
        let start: String = body.chars().take(120).collect();
        let text = collapse_space(&start);
        return if text.is_empty() {
            vec![]
        } else {
            vec![SnippetPart { text, hit: false }]
        };
    };
    let lo = first.saturating_sub(BEFORE);
    let hi = (first + AFTER).min(tokens.len() - 1);
    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut push = |text: &str, hit: bool| {
        let text = collapse_space(text);
        if text.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(&text),
            _ => parts.push(SnippetPart { text, hit }),
        }
    };
    if lo > 0 {
        push("…", false);
    }
    let mut cursor = tokens[lo].0;
    for t in &tokens[lo..=hi] {
        push(&body[cursor..t.0], false);
        push(&body[t.0..t.1], is_hit(t));
        cursor = t.1;
    }
    if hi + 1 < tokens.len() {
        push(&body[cursor..tokens[hi + 1].0], false);
        push("…", false);
    } else {
        push(&body[cursor..], false);
    }
    parts
}

fn token_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// Runs of white space (line breaks included) become one space, keeping a leading or trailing one.
fn collapse_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_never_becomes_fts_syntax() {
        let words = query_words("School \"pickup\" OR NOT*");
        assert_eq!(words, ["school", "pickup", "or", "not"]);
        assert_eq!(fts_query(&words[..2], true), "\"school\"* \"pickup\"*");
        assert_eq!(fts_query(&words[..1], false), "\"school\"");
        assert!(query_words("  -- ()  ").is_empty());
    }

    #[test]
    fn snippets_mark_words_that_start_with_the_query() {
        let parts = make_snippet("We went to the Dentist.\nThen home.", &["dent".into()]);
        assert_eq!(
            parts,
            vec![
                SnippetPart {
                    text: "We went to the ".into(),
                    hit: false
                },
                SnippetPart {
                    text: "Dentist".into(),
                    hit: true
                },
                SnippetPart {
                    text: ". Then home.".into(),
                    hit: false
                },
            ]
        );
    }

    #[test]
    fn long_bodies_are_cut_around_the_first_match() {
        let body = format!("{} needle {}", "word ".repeat(50), "more ".repeat(50));
        let parts = make_snippet(&body, &["needle".into()]);
        let text: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert!(text.len() < 160);
        assert_eq!(parts.iter().filter(|p| p.hit).count(), 1);
        // No match in the body (a title match): the start of the body, unmarked.
        let parts = make_snippet("Plain body", &["title".into()]);
        assert_eq!(
            parts,
            vec![SnippetPart {
                text: "Plain body".into(),
                hit: false
            }]
        );
    }
}
