//! The page labels a PDF viewer shows (A1, A2… B1…), matching the numbers printed on the
//! pages. Typst writes labels only from numbering patterns, and a section called "A" or "I"
//! cannot be written as one ("A" and "I" count), so the labels are worked out from the laid-out
//! pages and added after typst, as an incremental update: typst's bytes stay as they were, with
//! a new catalog appended that carries `/PageLabels` (ISO 32000-1, 12.4.2).

use lopdf::{Dictionary, IncrementalDocument, Object, StringFormat};
use typst_layout::PagedDocument;

use crate::error::{Error, Result};

/// One run of pages labelled alike, from page index `start` (0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelRange {
    pub start: usize,
    /// The section letter before the number, if any.
    pub prefix: Option<String>,
    pub style: Style,
    /// The number of the run's first page.
    pub first: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Arabic,
    LowerRoman,
}

/// A page as numbered: its section letter (none before the first section) and its number.
pub type PageNumber = (Option<String>, u64);

/// Reads each page's section letter (the template sets it as the page's supplement; pages
/// outside any section have typst's default, the word "Page") and logical number.
pub fn page_numbers(doc: &PagedDocument) -> Vec<PageNumber> {
    doc.pages()
        .iter()
        .map(|p| {
            let s = p.supplement.plain_text();
            let letter =
                (!s.is_empty() && s.chars().all(|c| c.is_ascii_uppercase())).then(|| s.to_string());
            (letter, p.number)
        })
        .collect()
}

/// The label ranges for pages numbered as given. With continuous numbering every page is
/// simply 1, 2, 3…; otherwise pages before the first section are i, ii… and each section's
/// pages carry its letter.
pub fn ranges(pages: &[PageNumber], continuous: bool) -> Vec<LabelRange> {
    if continuous {
        return vec![LabelRange {
            start: 0,
            prefix: None,
            style: Style::Arabic,
            first: pages.first().map_or(1, |p| p.1),
        }];
    }
    let mut out: Vec<LabelRange> = Vec::new();
    let mut previous: Option<&PageNumber> = None;
    for (i, page) in pages.iter().enumerate() {
        let follows = previous.is_some_and(|p| p.0 == page.0 && p.1 + 1 == page.1);
        if !follows {
            out.push(LabelRange {
                start: i,
                prefix: page.0.clone(),
                style: if page.0.is_some() {
                    Style::Arabic
                } else {
                    Style::LowerRoman
                },
                first: page.1,
            });
        }
        previous = Some(page);
    }
    out
}

/// The label a viewer shows for page `index` under `ranges`, as our own tests read it back.
pub fn label_for(ranges: &[LabelRange], index: usize) -> Option<String> {
    let r = ranges.iter().rev().find(|r| r.start <= index)?;
    let n = r.first + (index - r.start) as u64;
    let number = match r.style {
        Style::Arabic => n.to_string(),
        Style::LowerRoman => roman(n),
    };
    Some(format!("{}{number}", r.prefix.as_deref().unwrap_or("")))
}

fn roman(mut n: u64) -> String {
    const DIGITS: [(u64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// `pdf` with `/PageLabels` set to `ranges`, appended as an incremental update.
pub fn apply(pdf: Vec<u8>, ranges: &[LabelRange]) -> Result<Vec<u8>> {
    let broken = |e: lopdf::Error| Error::Layout(format!("cannot add page labels: {e}"));
    let previous = lopdf::Document::load_mem(&pdf).map_err(broken)?;
    let mut doc = IncrementalDocument::create_from(pdf, previous);
    let root = doc
        .get_prev_documents()
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(broken)?;
    doc.opt_clone_object_to_new_document(root).map_err(broken)?;
    let mut nums = Vec::new();
    for r in ranges {
        let mut label = Dictionary::new();
        label.set(
            "S",
            Object::Name(
                match r.style {
                    Style::Arabic => "D",
                    Style::LowerRoman => "r",
                }
                .into(),
            ),
        );
        if let Some(prefix) = &r.prefix {
            label.set(
                "P",
                Object::String(prefix.as_bytes().to_vec(), StringFormat::Literal),
            );
        }
        if r.first != 1 {
            label.set("St", Object::Integer(r.first as i64));
        }
        nums.push(Object::Integer(r.start as i64));
        nums.push(Object::Dictionary(label));
    }
    let mut labels = Dictionary::new();
    labels.set("Nums", Object::Array(nums));
    doc.new_document
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(broken)?
        .set("PageLabels", Object::Dictionary(labels));
    let mut out = Vec::with_capacity(doc.get_prev_documents_bytes().len() + 1024);
    doc.save_to(&mut out)
        .map_err(|e| Error::Layout(format!("cannot add page labels: {e}")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(letter: Option<&str>, n: u64) -> PageNumber {
        (letter.map(str::to_string), n)
    }

    #[test]
    fn sections_restart_and_front_matter_is_roman() {
        let pages = [
            page(None, 1),
            page(None, 2),
            page(Some("A"), 1),
            page(Some("A"), 2),
            page(Some("B"), 1),
            page(Some("I"), 1),
            page(Some("I"), 2),
        ];
        let r = ranges(&pages, false);
        assert_eq!(r.len(), 4);
        let labels: Vec<String> = (0..pages.len())
            .map(|i| label_for(&r, i).unwrap())
            .collect();
        assert_eq!(labels, ["i", "ii", "A1", "A2", "B1", "I1", "I2"]);
        let c = ranges(&pages, true);
        assert_eq!(label_for(&c, 6).unwrap(), "7");
        assert_eq!(roman(1994), "mcmxciv");
    }
}
