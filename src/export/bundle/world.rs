//! The typesetter's view of the world: our embedded template and fonts and the in-memory files
//! of one bundle (its data and exhibits). Nothing is read from disk and nothing is fetched:
//! a template that asked for a package or a file we did not hand it gets "not found".

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::error::{Error, Result};

const TEMPLATE: &str = include_str!("template.typ");

const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("fonts/LiberationSans-Regular.ttf"),
    include_bytes!("fonts/LiberationSans-Bold.ttf"),
    include_bytes!("fonts/LiberationSans-Italic.ttf"),
    include_bytes!("fonts/LiberationMono-Regular.ttf"),
];

/// The fonts, parsed once per process.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Whether the body font can draw `c` (the monospaced font only ever prints hashes).
fn drawable(c: char) -> bool {
    c.is_ascii()
        || FONTS.1[..3]
            .iter()
            .all(|f| f.info().coverage.contains(c as u32))
}

/// `text` with every character the fonts cannot draw written out in words: an emoji by its
/// name ("[emoji: folded hands]"), anything else by its code point ("[U+FFFD]"). A PDF/A file
/// may not show a blank box where a character was, and a reader of a printed bundle must see
/// that a parent's message carried a 🙏 rather than a gap. Joiners and presentation selectors,
/// which only shape the emoji around them, are dropped.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(drawable) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 32);
    for c in text.chars() {
        if drawable(c) {
            out.push(c);
        } else if matches!(c, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}') {
            continue;
        } else if let Some(e) = emojis::get(c.encode_utf8(&mut [0; 4])) {
            out.push_str(&format!("[emoji: {}]", e.name()));
        } else {
            out.push_str(&format!("[U+{:04X}]", c as u32));
        }
    }
    out.into()
}

pub struct BundleWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

fn id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("our own virtual paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl BundleWorld {
    /// A world whose main file is the template, with `files` (virtual path, bytes) beside it.
    pub fn new(files: Vec<(String, Vec<u8>)>) -> BundleWorld {
        let main = Source::new(id("/bundle.typ"), TEMPLATE.to_string());
        let files = files
            .into_iter()
            .map(|(path, bytes)| (id(&path), Bytes::new(bytes)))
            .collect();
        BundleWorld { main, files }
    }

    /// Lays the bundle out into pages.
    pub fn layout(&self) -> Result<PagedDocument> {
        let warned = typst::compile::<PagedDocument>(self);
        warned
            .output
            .map_err(|errors: typst::ecow::EcoVec<SourceDiagnostic>| {
                Error::Layout(describe(&errors))
            })
    }
}

fn describe(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| {
            let mut text = e.message.to_string();
            for hint in &e.hints {
                text.push_str(&format!(" (hint: {})", hint.v));
            }
            text
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl World for BundleWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    /// No clock: the bundle's date comes from the selection, so the same selection gives the
    /// same bytes.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn what_the_fonts_cannot_draw_is_written_out() {
        assert_eq!(
            printable("Thanks \u{1F64F}\u{FE0F} café"),
            "Thanks [emoji: folded hands] café"
        );
        assert_eq!(printable("bad byte \u{FFFD}"), "bad byte [U+FFFD]");
        assert_eq!(printable("£20 – “fine”"), "£20 – “fine”");
    }
}
