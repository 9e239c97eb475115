//! The journal as spreadsheet tables: entries, the contact record and messages, one CSV file
//! each. Written for LibreOffice and Excel as much as for programs: UTF-8 with a byte-order
//! mark (so accented names open right), RFC 4180 quoting, and no cell that a spreadsheet would
//! run as a formula.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};
use serde::Serialize;

use super::parent;
use crate::error::{Error, Result};
use crate::journal::Journal;
use crate::model::{Direction, Entry};

/// The tables, by file name.
pub const FILES: [&str; 3] = ["entries.csv", "contact-record.csv", "messages.csv"];

#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct CsvSummary {
    pub files: Vec<PathBuf>,
    pub entries: usize,
    pub contacts: usize,
    pub messages: usize,
}

/// Writes the three tables into `dir` (created if missing). Refuses to overwrite any of them
/// unless `replace`; each file is written whole or not at all.
pub fn export(journal: &Journal, dir: &Path, replace: bool) -> Result<CsvSummary> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let paths: Vec<PathBuf> = FILES.iter().map(|f| dir.join(f)).collect();
    if !replace {
        if let Some(p) = paths.iter().find(|p| p.exists()) {
            return Err(Error::invalid(
                "out",
                format!("{} already exists; choose another folder", p.display()),
            ));
        }
    }
    let entries = super::all_entries(journal)?;
    let tables = [
        entries_table(&entries),
        contacts_table(journal)?,
        messages_table(&entries),
    ];
    for (path, table) in paths.iter().zip(&tables) {
        write_table(path, table)?;
    }
    // Each table's first row is its header.
    Ok(CsvSummary {
        entries: tables[0].len() - 1,
        contacts: tables[1].len() - 1,
        messages: tables[2].len() - 1,
        files: paths,
    })
}

type Table = Vec<Vec<String>>;

fn entries_table(entries: &[Entry]) -> Table {
    let mut t = vec![row(&[
        "id",
        "kind",
        "occurred_at",
        "recorded_at",
        "revised_at",
        "revisions",
        "title",
        "body",
        "children",
        "people",
        "tags",
        "location",
        "private",
        "attachments",
        "sha256",
    ])];
    for e in entries {
        let d = &e.draft;
        t.push(vec![
            e.id.to_string(),
            d.kind.as_str().into(),
            d.occurred_at.clone(),
            e.recorded_at.clone(),
            e.revised_at.clone().unwrap_or_default(),
            e.revisions.to_string(),
            d.title.clone(),
            d.body.clone(),
            d.children.join("; "),
            d.people.join("; "),
            d.tags.join("; "),
            d.location.clone().unwrap_or_default(),
            yes_no(d.private),
            e.attachments
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            e.hash.clone(),
        ]);
    }
    t
}

fn messages_table(entries: &[Entry]) -> Table {
    let mut t = vec![row(&[
        "entry",
        "occurred_at",
        "direction",
        "counterpart",
        "text",
        "checker",
        "imported_from",
        "source_file",
        "source_line",
        "sender_as_written",
        "source_sha256",
    ])];
    for e in entries {
        let Some(m) = &e.draft.message else { continue };
        let import = m.import.as_ref();
        t.push(vec![
            e.id.to_string(),
            e.draft.occurred_at.clone(),
            match m.direction {
                Direction::Sent => "sent".into(),
                Direction::Received => "received".into(),
            },
            m.counterpart.clone(),
            e.draft.body.clone(),
            m.tone
                .as_ref()
                .map(|r| format!("{:?}", r.verdict).to_lowercase())
                .unwrap_or_default(),
            import.map(|p| p.source.clone()).unwrap_or_default(),
            import.map(|p| p.file_name.clone()).unwrap_or_default(),
            import.map(|p| p.line.to_string()).unwrap_or_default(),
            import
                .map(|p| p.sender_as_written.clone())
                .unwrap_or_default(),
            import.map(|p| p.file_sha256.clone()).unwrap_or_default(),
        ]);
    }
    t
}

/// Every planned contact from the first plan's start to today, with what was logged.
fn contacts_table(journal: &Journal) -> Result<Table> {
    let mut t = vec![row(&[
        "occurrence",
        "child",
        "with",
        "planned_start",
        "planned_end",
        "exception",
        "outcome",
        "minutes",
        "cancelled_by",
        "reason",
        "note",
        "entry",
    ])];
    let plans = journal.plans()?;
    let Some(first) = plans.iter().map(|p| p.start).min() else {
        return Ok(t);
    };
    let today: NaiveDate = Local::now().date_naive();
    if first > today {
        return Ok(t);
    }
    for c in journal.contacts(first, today, None)? {
        let o = &c.occurrence;
        let (outcome, minutes, by, reason) = match c.outcome.as_ref().map(|x| &x.kind) {
            None => (
                "not logged".to_string(),
                String::new(),
                String::new(),
                String::new(),
            ),
            Some(k) => {
                use crate::schedule::OutcomeKind as K;
                let (minutes, by, reason) = match k {
                    K::Late { minutes } | K::Short { minutes } => {
                        (minutes.to_string(), String::new(), String::new())
                    }
                    K::Cancelled { by, reason } => {
                        (String::new(), parent(*by).to_string(), reason.clone())
                    }
                    _ => (String::new(), String::new(), String::new()),
                };
                (k.name().to_string(), minutes, by, reason)
            }
        };
        t.push(vec![
            o.id.clone(),
            o.child.clone(),
            parent(o.with).into(),
            o.start.to_rfc3339(),
            o.end.to_rfc3339(),
            o.exception.clone().unwrap_or_default(),
            outcome,
            minutes,
            by,
            reason,
            c.outcome
                .as_ref()
                .and_then(|x| x.note.clone())
                .unwrap_or_default(),
            c.entry.map(|id| id.to_string()).unwrap_or_default(),
        ]);
    }
    Ok(t)
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return that some strip before looking) gets a leading apostrophe, which spreadsheets show
/// as text and do not run (OWASP's advice on CSV injection).
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn write_table(path: &Path, table: &Table) -> Result<()> {
    crate::files::write_with(path, true, |f| {
        use std::io::Write;
        f.write_all("\u{feff}".as_bytes())?;
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(std::io::BufWriter::new(f));
        for r in table {
            w.write_record(r.iter().map(|c| neutralise(c).into_owned()))
                .map_err(std::io::Error::other)?;
        }
        w.flush()
    })
}
