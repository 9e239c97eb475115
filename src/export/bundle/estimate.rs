//! A quick page count for the export screen, from the text's length rather than a layout:
//! A4 at 12 pt with 1.5 spacing holds about 33 lines of about 80 characters.

use super::data::Chosen;
use super::BundleOptions;
use crate::model::{AttachmentInfo, Entry};

const LINES_PER_PAGE: f64 = 33.0;
const CHARS_PER_LINE: f64 = 80.0;

fn lines(text: &str, width: f64) -> f64 {
    text.split('\n')
        .map(|l| (l.chars().count() as f64 / width).ceil().max(1.0))
        .sum()
}

fn pages_of(lines: f64) -> usize {
    ((lines / LINES_PER_PAGE).ceil() as usize).max(1)
}

pub fn pages(
    o: &BundleOptions,
    chosen: &[Chosen],
    chronology: &[(String, String)],
    exhibits: &[(&Entry, &AttachmentInfo)],
) -> usize {
    let s = &o.sections;
    let mut total = 1 + pages_of(12.0 + exhibits.len() as f64 * 1.2); // front sheet, index
    if s.chronology {
        // A row is the wrapped "what happened" column (about 45 characters wide) plus padding.
        let rows: f64 = chronology
            .iter()
            .map(|(_, w)| lines(w, 45.0) * 1.1 + 0.3)
            .sum();
        total += pages_of(2.0 + rows);
    }
    if s.contact {
        total += 2;
    }
    let (messages, entries): (Vec<&Chosen>, Vec<&Chosen>) =
        chosen.iter().partition(|c| c.entry.draft.message.is_some());
    if s.messages {
        let l: f64 = messages
            .iter()
            .map(|c| 2.5 + lines(&c.entry.draft.body, CHARS_PER_LINE - 5.0))
            .sum();
        total += pages_of(2.0 + l);
    }
    if s.entries {
        let l: f64 = entries
            .iter()
            .map(|c| 6.0 + lines(&c.entry.draft.body, CHARS_PER_LINE))
            .sum();
        total += pages_of(2.0 + l);
        let earlier: f64 = entries
            .iter()
            .filter(|c| c.history.len() > 1)
            .flat_map(|c| c.history.iter())
            .map(|r| {
                4.0 + r
                    .content
                    .as_ref()
                    .map_or(0.0, |d| lines(&d.body, CHARS_PER_LINE - 4.0))
            })
            .sum();
        if earlier > 0.0 {
            total += pages_of(earlier);
        }
    }
    if s.exhibits && !exhibits.is_empty() {
        // Every exhibit starts a page.
        total += 1.max(exhibits.len());
    }
    total + 1 // the integrity page
}
