//! What leaves the journal on the user's say-so: the court bundle (`bundle`: a PDF with its
//! manifest) and spreadsheet tables (`csv`). The whole journal as JSON and backups live with
//! the journal itself (`Journal::export_json`, `Journal::backup`), since they copy its storage
//! exactly.

pub mod bundle;
pub mod csv;

use crate::error::Result;
use crate::journal::Journal;
use crate::model::{Entry, Filter};

/// Every live entry, earliest first (a record reads forwards).
pub(crate) fn all_entries(journal: &Journal) -> Result<Vec<Entry>> {
    // The largest page `list` gives: a shorter page is the last one.
    const PAGE: u32 = crate::journal::MAX_PAGE;
    let mut out = Vec::new();
    loop {
        let page = journal.list(&Filter {
            limit: Some(PAGE),
            offset: Some(out.len() as u32),
            ..Filter::default()
        })?;
        let done = page.len() < PAGE as usize;
        out.extend(page);
        if done {
            break;
        }
    }
    out.reverse();
    Ok(out)
}

/// Which parent, as the exported tables and the bundle say it.
pub(crate) fn parent(p: crate::schedule::Parent) -> &'static str {
    match p {
        crate::schedule::Parent::Me => "me",
        crate::schedule::Parent::Other => "the other parent",
    }
}
