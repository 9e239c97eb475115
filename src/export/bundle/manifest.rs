//! The bundle's manifest: a JSON file beside the PDF listing every revision the bundle shows
//! with its hash, every exhibit's hash, the journal's chain head and the PDF's own SHA-256; and
//! `verify`, which checks a manifest on its own, against a PDF, and against the journal.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::journal::chain::sha256_hex;
use crate::journal::Journal;

pub const FORMAT: &str = "evenkeel-bundle-manifest";
pub const VERSION: u32 = 1;
/// A manifest is a few hundred bytes per entry; anything this large is not one of ours.
const MAX_MANIFEST_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub pdf: PdfRecord,
    /// The journal's chain head when the bundle was made.
    pub chain_head: String,
    /// What was chosen, as given at export.
    pub selection: serde_json::Value,
    pub revisions: Vec<RevisionRecord>,
    pub exhibits: Vec<ExhibitRecord>,
    /// SHA-256 of this manifest with `digest` empty: catches a manifest edited by hand or
    /// damaged in transit (not forgery; the journal check is what proves the content).
    pub digest: String,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct PdfRecord {
    pub file: String,
    pub sha256: String,
    pub bytes: u64,
    pub pages: usize,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct RevisionRecord {
    pub entry: i64,
    pub seq: u32,
    pub chain_index: i64,
    pub hash: String,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ExhibitRecord {
    pub number: usize,
    pub entry: i64,
    pub attachment: i64,
    pub name: String,
    pub bytes: u64,
    pub sha256: String,
}

impl Manifest {
    pub fn body_digest(&self) -> String {
        let mut bare = self.clone();
        bare.digest = String::new();
        sha256_hex(&serde_json::to_vec(&bare).expect("a manifest always serialises"))
    }

    pub fn seal(mut self) -> Manifest {
        self.digest = self.body_digest();
        self
    }
}

/// Where the manifest of `pdf` goes: `bundle.pdf` → `bundle.manifest.json`.
pub fn path_for(pdf: &Path) -> PathBuf {
    pdf.with_extension("manifest.json")
}

/// What `verify` found: each check that held, and each that did not.
#[derive(Serialize, Debug, Default)]
pub struct ExportCheck {
    pub ok: bool,
    pub passed: Vec<String>,
    pub problems: Vec<String>,
}

impl ExportCheck {
    fn check(&mut self, holds: bool, passed: impl Into<String>, problem: impl FnOnce() -> String) {
        if holds {
            self.passed.push(passed.into());
        } else {
            self.problems.push(problem());
        }
    }
}

/// Reads a manifest, refusing what is not one (named, with the reason).
pub fn read(file: &Path) -> Result<Manifest> {
    let bad = |problem: String| Error::Manifest {
        file: file.to_path_buf(),
        problem,
    };
    let meta = std::fs::metadata(file).map_err(|e| Error::File {
        path: file.to_path_buf(),
        source: e,
    })?;
    if meta.len() > MAX_MANIFEST_BYTES {
        return Err(bad(format!(
            "{} bytes is too large for a bundle manifest",
            meta.len()
        )));
    }
    let text = std::fs::read(file).map_err(|e| Error::File {
        path: file.to_path_buf(),
        source: e,
    })?;
    let value: serde_json::Value =
        serde_json::from_slice(&text).map_err(|e| bad(format!("not valid JSON ({e})")))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(bad("not an Evenkeel bundle manifest".into()));
    }
    let version = value.get("version").and_then(|v| v.as_u64());
    if version != Some(u64::from(VERSION)) {
        return Err(bad(format!(
            "manifest version {} is not one this Evenkeel reads (it reads {VERSION})",
            version.map_or("?".into(), |v| v.to_string())
        )));
    }
    serde_json::from_value(value).map_err(|e| bad(format!("malformed ({e})")))
}

fn is_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Checks the manifest on its own, then against `pdf` and `journal` when given.
pub fn verify(m: &Manifest, pdf: Option<&[u8]>, journal: Option<&Journal>) -> Result<ExportCheck> {
    let mut c = ExportCheck::default();
    c.check(
        m.digest == m.body_digest(),
        "the manifest is as it was written",
        || "the manifest was changed after it was written (its digest does not match)".into(),
    );
    let bad_hashes: Vec<String> = std::iter::once(("chain head", &m.chain_head))
        .chain(std::iter::once(("PDF", &m.pdf.sha256)))
        .chain(m.revisions.iter().map(|r| ("revision", &r.hash)))
        .chain(m.exhibits.iter().map(|x| ("exhibit", &x.sha256)))
        .filter(|(_, h)| !is_hash(h))
        .map(|(what, h)| format!("{what} {h:?}"))
        .collect();
    c.check(bad_hashes.is_empty(), "every hash is a SHA-256", || {
        format!("not a SHA-256: {}", bad_hashes.join(", "))
    });
    let mut seen = std::collections::BTreeSet::new();
    let dup = m
        .revisions
        .iter()
        .find(|r| !seen.insert((r.entry, r.seq)))
        .map(|r| format!("entry {} version {} is listed twice", r.entry, r.seq));
    c.check(dup.is_none(), "each version is listed once", || {
        dup.clone().unwrap_or_default()
    });
    let numbered = m
        .exhibits
        .iter()
        .enumerate()
        .all(|(i, x)| x.number == i + 1);
    c.check(numbered, "exhibits are numbered 1, 2, 3…", || {
        "the exhibits are not numbered 1, 2, 3… in order".into()
    });

    if let Some(pdf) = pdf {
        let actual = sha256_hex(pdf);
        c.check(
            actual == m.pdf.sha256,
            "the PDF is the one the manifest describes",
            || {
                format!(
                    "the PDF's SHA-256 is {actual}, the manifest says {}: the PDF was changed or is another bundle",
                    m.pdf.sha256
                )
            },
        );
    }

    if let Some(journal) = journal {
        let report = journal.verify()?;
        c.check(report.ok, "the journal's hash chain is intact", || {
            format!(
                "the journal's own check fails: {}",
                report
                    .first_bad
                    .as_ref()
                    .map_or("see evenkeel verify".into(), |b| b.reason.clone())
            )
        });
        let mut missing = Vec::new();
        let mut histories = std::collections::HashMap::new();
        for r in &m.revisions {
            if let std::collections::hash_map::Entry::Vacant(v) = histories.entry(r.entry) {
                v.insert(journal.history(r.entry).ok());
            }
            let found = histories[&r.entry].as_ref().and_then(|h| {
                h.iter()
                    .find(|x| x.seq == r.seq)
                    .map(|x| (x.hash.clone(), x.chain_index))
            });
            match found {
                None => missing.push(format!(
                    "entry {} version {} is not in the journal",
                    r.entry, r.seq
                )),
                Some((hash, index)) if hash != r.hash || index != r.chain_index => {
                    missing.push(format!(
                    "entry {} version {} differs: the journal's hash is {hash}, the manifest's {}",
                    r.entry, r.seq, r.hash
                ))
                }
                Some(_) => {}
            }
        }
        for x in &m.exhibits {
            match journal.attachment_info(x.attachment) {
                Ok(info) if info.sha256 == x.sha256 => {}
                Ok(info) => missing.push(format!(
                    "exhibit {} ({}) differs: the journal's hash is {}",
                    x.number, x.name, info.sha256
                )),
                Err(_) => missing.push(format!(
                    "exhibit {} ({}) is not in the journal",
                    x.number, x.name
                )),
            }
        }
        let n = m.revisions.len();
        c.check(
            missing.is_empty(),
            format!(
                "all {n} versions and {} exhibits are in the journal's chain unchanged",
                m.exhibits.len()
            ),
            || missing.join("; "),
        );
    }
    c.ok = c.problems.is_empty();
    Ok(c)
}
