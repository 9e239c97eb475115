//! The court bundle: a paginated, indexed PDF in the form of England & Wales Practice
//! Direction 27A (A4, 12 pt, 1.5 spacing, sections lettered A, B… with their own page
//! numbers), and a manifest beside it that anyone can check with `evenkeel verify-export`.
//!
//! gather (`data`, `images`) → lay out (`world`, typst) → PDF (typst-pdf, PDF/A-3b) → page
//! labels (`labels`) → manifest (`manifest`). Deterministic: the same journal and the same
//! options give the same bytes (no clock is read; the document date and identifier come from
//! the selection).

mod data;
mod estimate;
mod images;
pub mod labels;
pub mod manifest;
mod world;

use std::path::Path;

use chrono::{Datelike, Local, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use typst::foundations::{Datetime, Smart};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::error::{Error, Result};
use crate::journal::chain::sha256_hex;
use crate::journal::Journal;
use crate::model::EntryKind;

pub use manifest::{ExportCheck, Manifest};

/// Practice Direction 27A's limit for a whole bundle unless the court allows more.
pub const PAGE_LIMIT: usize = 350;
/// …and for a chronology.
pub const CHRONOLOGY_PAGE_LIMIT: usize = 10;

/// Which entries go in.
#[derive(Serialize, Deserialize, TS, Clone, Debug, Default, PartialEq)]
pub struct Selection {
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    /// Only these kinds; all when empty (mood check-ins only when chosen).
    pub kinds: Vec<EntryKind>,
    /// Entries about any of these children; all when empty.
    pub children: Vec<String>,
    /// Entries with any of these tags; all when empty.
    pub tags: Vec<String>,
    pub include_private: bool,
    pub include_mood: bool,
}

/// The front sheet's details, entered at export.
#[derive(Serialize, Deserialize, TS, Clone, Debug, Default, PartialEq)]
pub struct CaseDetails {
    pub case_name: String,
    pub case_number: String,
    pub court: String,
    #[ts(type = "string | null")]
    pub hearing_date: Option<NaiveDate>,
    pub parent_name: String,
}

#[derive(Serialize, Deserialize, TS, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Numbering {
    /// A1, A2… B1… (children cases).
    #[default]
    Sections,
    /// 1, 2, 3… through the whole bundle (financial-remedy cases).
    Continuous,
}

/// Which sections to include (the integrity page always is).
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq)]
pub struct Sections {
    pub chronology: bool,
    pub contact: bool,
    pub messages: bool,
    pub entries: bool,
    pub exhibits: bool,
}

impl Default for Sections {
    fn default() -> Self {
        Sections {
            chronology: true,
            contact: true,
            messages: true,
            entries: true,
            exhibits: true,
        }
    }
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, Default, PartialEq)]
pub struct BundleOptions {
    pub selection: Selection,
    pub case: CaseDetails,
    pub numbering: Numbering,
    pub sections: Sections,
    /// List messages in the chronology as well as in their own section.
    #[serde(default)]
    pub chronology_messages: bool,
}

/// How far a bundle has got, for a progress bar.
#[derive(Serialize, TS, Clone, Debug, PartialEq)]
#[serde(tag = "stage", rename_all = "kebab-case")]
pub enum Progress {
    Gathering,
    Pictures { done: usize, of: usize },
    Layout,
    Writing,
}

pub struct Bundle {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub manifest: Manifest,
    pub warnings: Vec<String>,
}

/// Lays out the bundle. The PDF file name goes into the manifest (the manifest sits beside it).
pub fn build(
    journal: &Journal,
    o: &BundleOptions,
    pdf_name: &str,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Bundle> {
    validate(o)?;
    progress(Progress::Gathering);
    let chosen = data::choose(journal, &o.selection)?;
    let report = journal.verify()?;
    let mut warnings = Vec::new();
    if !report.ok {
        warnings.push(
            "the journal's hash chain does not verify (see evenkeel verify); the bundle says so on its integrity page".into(),
        );
    }

    // Exhibits: pictures re-encoded on every core, other files attached as they are.
    let listed = if o.sections.exhibits {
        data::exhibit_list(&chosen)
    } else {
        Vec::new()
    };
    let mut stored = Vec::with_capacity(listed.len());
    for (_, a) in &listed {
        stored.push(journal.attachment_data(a.id)?.1);
    }
    let picture_bytes: Vec<&[u8]> = listed
        .iter()
        .zip(&stored)
        .filter(|((_, a), _)| images::is_picture(&a.media_type))
        .map(|(_, b)| b.as_slice())
        .collect();
    let of = picture_bytes.len();
    let mut pictures = images::reencode_all(&picture_bytes, &|done| {
        progress(Progress::Pictures { done, of })
    })
    .into_iter();

    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut exhibits = Vec::new();
    let mut numbers = Vec::new();
    let mut records = Vec::new();
    for (i, ((entry, a), bytes)) in listed.iter().zip(stored).enumerate() {
        let number = i + 1;
        numbers.push((a.id, number));
        let (image, attach) = if images::is_picture(&a.media_type) {
            match pictures.next().flatten() {
                Some(p) => {
                    let path = format!("/exhibits/{number}.jpg");
                    let width = picture_width_mm(p.width, p.height);
                    files.push((path.clone(), p.jpeg));
                    (Some(data::ImageView { path, width }), None)
                }
                None => {
                    warnings.push(format!(
                        "exhibit {number} ({}) could not be read as a picture; it is listed, not shown",
                        a.name
                    ));
                    (None, None)
                }
            }
        } else {
            let path = format!("/files/{number}-{}", safe_name(&a.name));
            files.push((path.clone(), bytes));
            (None, Some(path))
        };
        exhibits.push(data::ExhibitView {
            label: format!("exhibit-{number}"),
            number,
            name: a.name.clone(),
            entry: entry.draft.title.clone(),
            size: data::size(a.size),
            media_type: a.media_type.clone(),
            sha256: a.sha256.clone(),
            image,
            attach,
        });
        records.push(manifest::ExhibitRecord {
            number,
            entry: entry.id,
            attachment: a.id,
            name: a.name.clone(),
            bytes: a.size,
            sha256: a.sha256.clone(),
        });
    }

    let date = document_date(o, &chosen);
    let earlier = if o.sections.entries {
        data::earlier(&chosen)
    } else {
        Vec::new()
    };
    let today = Local::now().date_naive();
    let manifest_name = manifest::path_for(Path::new(pdf_name))
        .file_name()
        .map_or("bundle.manifest.json".into(), |n| {
            n.to_string_lossy().into_owned()
        });
    let payload = data::Data {
        case: data::case_view(o, &chosen),
        continuous: data::is_continuous(o),
        sections: data::sections(o, !earlier.is_empty()),
        chronology: if o.sections.chronology {
            data::chronology(&chosen, o)
        } else {
            Vec::new()
        },
        contact: if o.sections.contact {
            // The contact record runs to the selection's end or today, whichever is earlier.
            data::contact(
                journal,
                &o.selection,
                o.selection.to.unwrap_or(today).min(today),
            )?
        } else {
            None
        },
        messages: if o.sections.messages {
            data::messages(&chosen)
        } else {
            Vec::new()
        },
        entries: if o.sections.entries {
            data::entries(&chosen, &numbers)
        } else {
            Vec::new()
        },
        earlier,
        exhibits,
        integrity: data::IntegrityView {
            head: report.head.clone(),
            revisions: report.revisions_checked as usize,
            attachments: report.attachments_checked as usize,
            verified: report.ok,
            manifest_name,
        },
        date: [date.year(), date.month() as i32, date.day() as i32],
    };
    let sections = payload.sections.clone();
    let json = serde_json::to_string(&payload).expect("bundle data always serialises");
    files.push((
        "/data.json".into(),
        world::printable(&json).into_owned().into_bytes(),
    ));

    progress(Progress::Layout);
    let world = world::BundleWorld::new(files);
    let document = world.layout()?;
    let numbers_by_page = labels::page_numbers(&document);
    let pages = numbers_by_page.len();
    if pages > PAGE_LIMIT {
        warnings.push(format!(
            "the bundle has {pages} pages; Practice Direction 27A allows {PAGE_LIMIT} unless the court agrees to more"
        ));
    }
    if let Some(chrono) = sections.iter().find(|s| s.key == "chronology") {
        let n = numbers_by_page
            .iter()
            .filter(|p| p.0.as_deref() == Some(chrono.letter.as_str()))
            .count();
        if n > CHRONOLOGY_PAGE_LIMIT && !data::is_continuous(o) {
            warnings.push(format!(
                "the chronology runs to {n} pages; courts expect at most {CHRONOLOGY_PAGE_LIMIT} (narrow the dates or kinds)"
            ));
        }
    }

    // The layout's memoised intermediate results and the world's copies of the inputs are not
    // needed to write the PDF (the document holds what it shows): free them first, which keeps
    // a large bundle's peak memory well down. Nothing is kept across bundles either.
    drop(world);
    typst::comemo::evict(0);

    progress(Progress::Writing);
    let options = PdfOptions {
        ident: Smart::Custom(format!("evenkeel-bundle-{}", selection_digest(o))),
        creator: Smart::Custom(Some("Evenkeel".into())),
        timestamp: Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
            .map(Timestamp::new_utc),
        page_ranges: None,
        standards: PdfStandards::new(&[PdfStandard::A_3b])
            .map_err(|e| Error::Layout(e.message().to_string()))?,
        tagged: true,
        pretty: false,
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| {
        Error::Layout(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let pdf = labels::apply(
        pdf,
        &labels::ranges(&numbers_by_page, data::is_continuous(o)),
    )?;
    drop(document);

    let revisions = chosen
        .iter()
        .flat_map(|c| {
            c.history.iter().map(|r| manifest::RevisionRecord {
                entry: r.entry_id,
                seq: r.seq,
                chain_index: r.chain_index,
                hash: r.hash.clone(),
            })
        })
        .collect();
    let manifest = Manifest {
        format: manifest::FORMAT.into(),
        version: manifest::VERSION,
        pdf: manifest::PdfRecord {
            file: pdf_name.to_string(),
            sha256: sha256_hex(&pdf),
            bytes: pdf.len() as u64,
            pages,
        },
        chain_head: report.head,
        selection: serde_json::to_value(&o.selection).expect("a selection always serialises"),
        revisions,
        exhibits: records,
        digest: String::new(),
    }
    .seal();
    Ok(Bundle {
        pdf,
        pages,
        manifest,
        warnings,
    })
}

/// Writes `bundle` to `out` and its manifest beside it, each whole or not at all. Refuses to
/// overwrite either unless `replace`.
pub fn write(bundle: &Bundle, out: &Path, replace: bool) -> Result<std::path::PathBuf> {
    let manifest_path = manifest::path_for(out);
    if !replace && manifest_path.exists() {
        return Err(Error::invalid(
            "out",
            format!(
                "{} already exists; choose another name",
                manifest_path.display()
            ),
        ));
    }
    crate::files::write_file(out, &bundle.pdf, replace)?;
    let mut json = serde_json::to_vec_pretty(&bundle.manifest).expect("manifest serialises");
    json.push(b'\n');
    crate::files::write_file(&manifest_path, &json, true)?;
    Ok(manifest_path)
}

fn validate(o: &BundleOptions) -> Result<()> {
    validate_selection(o)?;
    if o.case.parent_name.trim().is_empty() {
        return Err(Error::invalid(
            "parent_name",
            "the front sheet needs the name of the parent whose record this is",
        ));
    }
    Ok(())
}

fn validate_selection(o: &BundleOptions) -> Result<()> {
    let s = &o.selection;
    if let (Some(from), Some(to)) = (s.from, s.to) {
        if from > to {
            return Err(Error::invalid(
                "to",
                format!("{to} is before {from}; the bundle would be empty"),
            ));
        }
    }
    Ok(())
}

/// The document's date: the end of the selection, or its newest entry; never the clock, so
/// the same selection gives the same PDF.
fn document_date(o: &BundleOptions, chosen: &[data::Chosen]) -> NaiveDate {
    o.selection
        .to
        .or_else(|| {
            chosen
                .iter()
                .filter_map(|c| crate::validate::parse_occurred_at(&c.entry.draft.occurred_at).ok())
                .map(|t| t.date_naive())
                .max()
        })
        .unwrap_or(NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date"))
}

/// As wide as the text column, unless that would make a tall picture run past 150 mm.
fn picture_width_mm(width: u32, height: u32) -> f64 {
    const COLUMN_MM: f64 = 165.0;
    const MAX_HEIGHT_MM: f64 = 150.0;
    let ratio = f64::from(height.max(1)) / f64::from(width.max(1));
    COLUMN_MM.min(MAX_HEIGHT_MM / ratio)
}

fn selection_digest(o: &BundleOptions) -> String {
    let json = serde_json::to_vec(o).expect("options always serialise");
    sha256_hex(&json)[..16].to_string()
}

/// A file name safe inside typst's virtual file system (no separators, no dot segments).
fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    cleaned.trim_start_matches('.').chars().take(80).collect()
}

/// What a bundle with these options would hold, without laying it out: for the export
/// screen's live preview.
#[derive(Serialize, TS, Clone, Debug, PartialEq)]
pub struct Preview {
    /// The chronology's rows (date and time, what happened), earliest first.
    pub chronology: Vec<(String, String)>,
    pub entries: usize,
    pub messages: usize,
    pub exhibits: usize,
    /// About how many pages the bundle will have (a line count; the layout decides).
    pub pages: usize,
    pub warnings: Vec<String>,
}

pub fn preview(journal: &Journal, o: &BundleOptions) -> Result<Preview> {
    validate_selection(o)?;
    let chosen = data::choose(journal, &o.selection)?;
    let chronology: Vec<(String, String)> = data::chronology(&chosen, o)
        .into_iter()
        .map(|r| (r.when, r.what))
        .collect();
    let exhibits = data::exhibit_list(&chosen);
    let messages = chosen
        .iter()
        .filter(|c| c.entry.draft.message.is_some())
        .count();
    let pages = estimate::pages(o, &chosen, &chronology, &exhibits);
    let mut warnings = Vec::new();
    if pages > PAGE_LIMIT {
        warnings.push(format!(
            "about {pages} pages: Practice Direction 27A allows {PAGE_LIMIT} unless the court agrees to more"
        ));
    }
    Ok(Preview {
        entries: chosen.len() - messages,
        messages,
        exhibits: if o.sections.exhibits {
            exhibits.len()
        } else {
            0
        },
        pages,
        warnings,
        chronology: if o.sections.chronology {
            chronology
        } else {
            Vec::new()
        },
    })
}

/// The TypeScript declarations of the bundle's types, part of `model::typescript_bindings`.
pub fn typescript_bindings() -> Vec<String> {
    let cfg = ts_rs::Config::new().with_large_int("number");
    vec![
        Selection::decl(&cfg),
        CaseDetails::decl(&cfg),
        Numbering::decl(&cfg),
        Sections::decl(&cfg),
        BundleOptions::decl(&cfg),
        Progress::decl(&cfg),
        Preview::decl(&cfg),
    ]
}
