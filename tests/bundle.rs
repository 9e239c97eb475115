//! The court bundle read back as a court clerk's tools would read it: poppler's `pdftotext`
//! for what is printed on each page, qpdf's JSON for the page labels and bookmarks a viewer
//! shows. The manifest is checked against a PDF and a journal changed behind the app's back.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::schedule::{outcome, weekends};
use common::{draft, evenkeel_cli, raw_connection, TempJournal};
use evenkeel::model::{Direction, EntryKind, MessageDraft, Mood};
use evenkeel::schedule::OutcomeKind;
use serde_json::Value;

const TZ: &str = "America/St_Johns";
const MARKUP: &str = "#import \"@preview/evil:0.1.0\": * $x^2$ ] #set page(width: 1cm)";

/// A JPEG whose EXIF block carries a home's coordinates.
fn photo_with_gps() -> Vec<u8> {
    let img = image::RgbImage::from_fn(900, 600, |x, y| {
        image::Rgb([(x / 4 % 256) as u8, (y / 3 % 256) as u8, 140])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&img)
        .unwrap();
    let payload = b"Exif\0\0GPSLatitude 51.50740N GPSLongitude 0.12780W HOME-ADDRESS";
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// Entries over two months, one edited, one private, one mood check-in, one whose title is
/// Typst markup, a plan with outcomes, a message, a photo and a document.
fn journal() -> TempJournal {
    let t = TempJournal::new();
    let mut j = t.create();
    let mut first = draft("Handover at the library");
    first.occurred_at = "2026-01-09T18:05:00+00:00".into();
    first.body = "Sam was quiet.\nHe asked when he would see me next.".into();
    let handover = j.add(first.clone()).unwrap();
    first.body = "Sam was quiet. He asked when he would see me next, twice.".into();
    j.edit(handover, first).unwrap();

    let mut incident = draft(MARKUP);
    incident.kind = EntryKind::Incident;
    incident.channel = None;
    incident.occurred_at = "2026-01-23T18:40:00+00:00".into();
    incident.body = "Nobody came to the handover. #strong[not bold] and *not bold either*".into();
    let incident = j.add(incident).unwrap();
    j.attach(incident, "car-park.jpg", &photo_with_gps())
        .unwrap();
    j.attach(
        incident,
        "school-letter.txt",
        b"Dear parent, term starts 5 January.",
    )
    .unwrap();

    let mut private = draft("PRIVATE-THOUGHTS-ONLY");
    private.private = true;
    private.occurred_at = "2026-01-25T21:00:00+00:00".into();
    j.add(private).unwrap();

    let mut mood = draft("MOOD-CHECK-IN");
    mood.kind = EntryKind::Mood;
    mood.channel = None;
    mood.mood = Some(Mood {
        parent: 2,
        feelings: vec![],
        child: None,
        child_before: None,
        child_after: None,
        occurrence: None,
    });
    mood.occurred_at = "2026-01-26T21:00:00+00:00".into();
    j.add(mood).unwrap();

    let mut legal = draft("Mediation information meeting (MIAM)");
    legal.kind = EntryKind::Legal;
    legal.channel = None;
    legal.legal_step = Some(evenkeel::model::LegalStep::Miam);
    legal.occurred_at = "2026-02-20T10:00:00+00:00".into();
    j.add(legal).unwrap();

    let plan = j
        .add_plan(weekends("2026-01-09").to_plan("").unwrap(), "")
        .unwrap();
    j.log_outcome(outcome(
        &format!("{}:2026-01-09", plan.id),
        OutcomeKind::Late { minutes: 25 },
        Some("Traffic, he said"),
    ))
    .unwrap();
    j.log_outcome(outcome(
        &format!("{}:2026-01-23", plan.id),
        OutcomeKind::Missed,
        None,
    ))
    .unwrap();
    j.save_message(
        &MessageDraft {
            direction: Direction::Sent,
            counterpart: "Alex".into(),
            channel: None,
            text: "Could you have Sam ready at 10am on Saturday? Thanks \u{1F64F}".into(),
            children: vec!["Sam".into()],
        },
        "2026-02-01T09:00:00+00:00",
    )
    .unwrap();
    t
}

fn export(t: &TempJournal, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "export",
        "bundle",
        "--out",
        out.to_str().unwrap(),
        "--to",
        "2026-02-28",
        "--case-name",
        "Re S (a child)",
        "--case-number",
        "ZE26P00123",
        "--court",
        "Family Court at East London",
        "--parent-name",
        "Jordan Smith",
        "--hearing-date",
        "2026-03-10",
    ];
    args.extend_from_slice(extra);
    evenkeel_cli(&t.path, &args, TZ)
}

fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The text of each page, as poppler extracts it.
fn pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh test)");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(String::from).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The number printed at the foot of a page: the last word of its last line.
fn printed_number(page: &str) -> String {
    let line = page.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    line.split_whitespace().last().unwrap().to_string()
}

fn qpdf_json(pdf: &Path) -> Value {
    let out = Command::new("qpdf")
        .args(["--json", pdf.to_str().unwrap()])
        .output()
        .expect("qpdf (installed by scripts/setup.sh test)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The label a viewer shows for each page, worked out from qpdf's reading of /PageLabels.
fn viewer_labels(json: &Value, count: usize) -> Vec<String> {
    let ranges = json["pagelabels"].as_array().unwrap();
    (0..count)
        .map(|i| {
            let r = ranges
                .iter()
                .rev()
                .find(|r| r["index"].as_u64().unwrap() as usize <= i)
                .unwrap();
            let l = &r["label"];
            let start =
                l["/St"].as_u64().unwrap_or(1) + (i - r["index"].as_u64().unwrap() as usize) as u64;
            let prefix = l["/P"]
                .as_str()
                .map(|p| p.trim_start_matches("u:"))
                .unwrap_or("");
            let number = match l["/S"].as_str() {
                Some("/D") => start.to_string(),
                Some("/r") => {
                    ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"][start as usize - 1].into()
                }
                other => panic!("unexpected style {other:?}"),
            };
            format!("{prefix}{number}")
        })
        .collect()
}

fn outline_titles(json: &Value) -> Vec<String> {
    fn walk(items: &Value, out: &mut Vec<String>) {
        for o in items.as_array().into_iter().flatten() {
            out.push(o["title"].as_str().unwrap_or_default().to_string());
            walk(&o["kids"], out);
        }
    }
    let mut out = Vec::new();
    walk(&json["outlines"], &mut out);
    out
}

struct Made {
    _t: TempJournal,
    journal: PathBuf,
    pdf: PathBuf,
    manifest: PathBuf,
    _dir: tempfile::TempDir,
}

fn made(extra: &[&str]) -> Made {
    let t = journal();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("bundle.pdf");
    ok(&export(&t, &pdf, extra));
    // For looking at the pages (pdftoppm): BUNDLE_KEEP=dir keeps a copy.
    if let Ok(keep) = std::env::var("BUNDLE_KEEP") {
        std::fs::copy(&pdf, Path::new(&keep).join("bundle.pdf")).unwrap();
    }
    Made {
        journal: t.path.clone(),
        manifest: dir.path().join("bundle.manifest.json"),
        _t: t,
        pdf,
        _dir: dir,
    }
}

#[test]
fn the_bundle_reads_as_a_court_expects() {
    let m = made(&[]);
    let text = pages(&m.pdf);
    let all = text.join("\n");

    // The front sheet, and what was chosen and what was not.
    assert!(all.contains("Re S (a child)") && all.contains("Jordan Smith"));
    assert!(all.contains("Family Court at East London") && all.contains("10 March 2026"));
    assert!(all.contains("Handover at the library"));
    assert!(all.contains("Mediation information meeting"));
    assert!(
        !all.contains("PRIVATE-THOUGHTS-ONLY"),
        "private entries stay out unless chosen"
    );
    assert!(
        !all.contains("MOOD-CHECK-IN"),
        "mood check-ins stay out unless chosen"
    );
    // Markup-like text prints as written.
    assert!(
        all.contains("#import \"@preview/evil:0.1.0\": * $x^2$ ] #set page(width: 1cm)"),
        "{all}"
    );
    assert!(all.contains("#strong[not bold] and *not bold either*"));
    // Times keep the offset they happened at, wherever the exporting machine is.
    assert!(all.contains("Fri 9 Jan 2026, 18:05 (UTC)"), "{all}");
    assert!(all.contains("Traffic, he") && all.contains("late by 25"));
    assert!(all.contains("Could you have Sam ready at 10am on Saturday?"));
    // An emoji the fonts cannot draw is named, not dropped (PDF/A refuses a blank glyph).
    assert!(all.contains("Thanks [emoji: folded hands]"), "{all}");
    assert!(all.contains("Edited later"), "an edited entry says so");
    assert!(all.contains("He asked when he would see me next, twice."));
    assert!(
        all.contains("He asked when he would see me next."),
        "the earlier text is in the appendix"
    );

    // Printed numbers: i, ii… then each section from 1, in order, on every page.
    let printed: Vec<String> = text.iter().map(|p| printed_number(p)).collect();
    assert_eq!(printed[0], "i");
    let mut letter = String::new();
    let mut n = 0;
    for p in printed
        .iter()
        .skip_while(|p| p.chars().all(|c| "ivx".contains(c)))
    {
        let (l, num) = p.split_at(p.find(|c: char| c.is_ascii_digit()).unwrap());
        let num: u32 = num.parse().unwrap();
        if l != letter {
            assert!(
                letter.is_empty() || l > letter.as_str(),
                "sections in order: {printed:?}"
            );
            assert_eq!(num, 1, "each section starts at 1: {printed:?}");
            letter = l.to_string();
        } else {
            assert_eq!(num, n + 1, "no page skipped: {printed:?}");
        }
        n = num;
    }
    assert!(printed.iter().any(|p| p == "A1") && printed.iter().any(|p| p.starts_with('G')));

    // What a viewer shows matches what is printed.
    let json = qpdf_json(&m.pdf);
    assert_eq!(viewer_labels(&json, text.len()), printed);

    // Bookmarks for every section and document.
    let outline = outline_titles(&json);
    for title in [
        "Index",
        "A. Chronology",
        "B. Contact record",
        "C. Messages",
        "D. Journal entries",
        "E. Exhibits",
        "F. Earlier versions of edited entries",
        "G. Integrity of this record",
        "Exhibit 1: car-park.jpg",
        "Interaction: Handover at the library",
    ] {
        assert!(
            outline.iter().any(|o| o == title),
            "no bookmark {title:?} in {outline:?}"
        );
    }

    // The index points at the pages where each section and exhibit starts.
    let index = text.iter().find(|p| p.contains("Index")).unwrap();
    for (title, page_text) in [
        ("A. Chronology", "Chronology"),
        ("E. Exhibits", "Exhibit 1: car-park.jpg"),
    ] {
        let letter = &title[..1];
        let start = printed
            .iter()
            .zip(&text)
            .find(|(n, p)| n.starts_with(letter) && p.contains(page_text))
            .map(|(n, _)| n.clone())
            .unwrap();
        let line = index
            .lines()
            .find(|l| l.contains(&title[3..]) && !l.contains("Section"))
            .unwrap_or_else(|| panic!("{title} not in the index:\n{index}"));
        assert!(
            line.contains(&start),
            "index line {line:?} should point at {start}"
        );
    }

    // The photo went in without its EXIF; the document is attached.
    let bytes = std::fs::read(&m.pdf).unwrap();
    assert!(!bytes.windows(12).any(|w| w == b"HOME-ADDRESS"));
    assert!(!bytes.windows(11).any(|w| w == b"GPSLatitude"));
    let attachments = json["attachments"].as_object().unwrap();
    assert_eq!(attachments.len(), 1, "{attachments:?}");
    let info = pdf_info(&m.pdf);
    assert!(info.contains(&("Tagged", "yes".into())), "{info:?}");
    assert!(
        info.contains(&("Page size", "595.276 x 841.89 pts (A4)".into())),
        "{info:?}"
    );
}

/// pdfinfo's fields, as (name, value).
fn pdf_info(pdf: &Path) -> Vec<(&'static str, String)> {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .filter_map(|(k, v)| {
            ["Tagged", "Page size", "Pages"]
                .into_iter()
                .find(|name| *name == k.trim())
                .map(|name| (name, v.trim().to_string()))
        })
        .collect()
}

#[test]
fn the_same_selection_gives_the_same_bytes_and_continuous_numbering_counts_on() {
    let t = journal();
    let dir = tempfile::tempdir().unwrap();
    // The same name in two folders: the integrity page names the manifest beside the PDF.
    let (a, b, c) = (
        dir.path().join("one/bundle.pdf"),
        dir.path().join("two/bundle.pdf"),
        dir.path().join("c.pdf"),
    );
    std::fs::create_dir_all(a.parent().unwrap()).unwrap();
    std::fs::create_dir_all(b.parent().unwrap()).unwrap();
    ok(&export(&t, &a, &[]));
    ok(&export(&t, &b, &[]));
    let same = std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap();
    assert!(same, "two exports of the same selection differ");
    assert_eq!(
        std::fs::read(a.with_extension("manifest.json")).unwrap(),
        std::fs::read(b.with_extension("manifest.json")).unwrap()
    );

    ok(&export(
        &t,
        &c,
        &["--numbering", "continuous", "--include-private"],
    ));
    let text = pages(&c);
    assert!(text.join("\n").contains("PRIVATE-THOUGHTS-ONLY"));
    let printed: Vec<String> = text.iter().map(|p| printed_number(p)).collect();
    let expected: Vec<String> = (1..=text.len()).map(|n| n.to_string()).collect();
    assert_eq!(printed, expected);
    assert_eq!(viewer_labels(&qpdf_json(&c), text.len()), expected);
}

#[test]
fn verify_export_catches_a_changed_pdf_a_changed_manifest_and_a_changed_entry() {
    let m = made(&[]);
    let verify = |extra: &[&str]| {
        let mut args = vec!["verify-export", m.manifest.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = Command::new(env!("CARGO_BIN_EXE_evenkeel"))
            .args(&args)
            .env("EVENKEEL_PASSPHRASE", common::PASS)
            .env_remove("EVENKEEL_JOURNAL")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let pdf = m.pdf.to_str().unwrap().to_string();
    let journal = m.journal.to_str().unwrap().to_string();
    let (code, out) = verify(&["--pdf", &pdf, "--journal", &journal]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("in the journal's chain unchanged"), "{out}");

    // One byte of the PDF changed.
    let mut bytes = std::fs::read(&m.pdf).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    let altered = m.pdf.with_file_name("altered.pdf");
    std::fs::write(&altered, &bytes).unwrap();
    let (code, out) = verify(&["--pdf", altered.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("MISMATCH: the PDF's SHA-256"), "{out}");

    // An entry rewritten behind the app's back, hash and all, by someone with the passphrase.
    let raw = raw_connection(&m.journal);
    let (id, content): (i64, String) = raw
        .query_row(
            "SELECT id, content FROM revisions WHERE content LIKE '%Mediation information%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let forged = content.replace("Mediation information meeting", "Mediation cancelled by me");
    raw.execute_batch("DROP TRIGGER revisions_are_append_only_u;")
        .unwrap();
    raw.execute(
        "UPDATE revisions SET content = ?1 WHERE id = ?2",
        rusqlite::params![forged, id],
    )
    .unwrap();
    drop(raw);
    let (code, out) = verify(&["--journal", &journal]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("MISMATCH: the journal's own check fails"),
        "{out}"
    );

    // The manifest edited by hand.
    let text = std::fs::read_to_string(&m.manifest).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["revisions"][0]["hash"] = Value::String("0".repeat(64));
    std::fs::write(&m.manifest, serde_json::to_string(&v).unwrap()).unwrap();
    let (code, out) = verify(&[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("changed after it was written"), "{out}");

    // Not a manifest at all: a clear error, exit 2.
    std::fs::write(
        &m.manifest,
        b"{\"format\": \"evenkeel-bundle-manifest\", \"version\": 1",
    )
    .unwrap();
    let (code, _) = verify(&[]);
    assert_eq!(code, Some(2));
}

#[test]
fn bad_requests_are_refused_with_the_reason_and_nothing_written() {
    let t = journal();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.pdf");
    for (extra, says) in [
        (&["--from", "2026-03-01"][..], "is before 2026-03-01"),
        (&["--kind", "holiday"][..], "holiday"),
        (
            &["--numbering", "roman"][..],
            "choose sections or continuous",
        ),
        (&["--without", "appendix"][..], "is not a section"),
        (&["--from", "31/01/2026"][..], "from"),
    ] {
        let o = export(&t, &out, extra);
        assert_eq!(o.status.code(), Some(2), "{extra:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{extra:?}: {err}");
        assert!(!out.exists() && !dir.path().join("b.manifest.json").exists());
    }
    // An existing bundle is not overwritten without --force.
    ok(&export(&t, &out, &[]));
    let o = export(&t, &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"));
}

#[test]
fn the_preview_estimates_the_pages_and_progress_comes_in_order() {
    use evenkeel::export::bundle::{self, BundleOptions, Progress};
    let t = journal();
    let j = t.open();
    let mut o = BundleOptions::default();
    o.case.parent_name = "Jordan Smith".into();
    let preview = bundle::preview(&j, &o).unwrap();
    let seen = std::sync::Mutex::new(Vec::new());
    let built = bundle::build(&j, &o, "bundle.pdf", &|p| seen.lock().unwrap().push(p)).unwrap();
    let (estimate, actual) = (preview.pages as f64, built.pages as f64);
    assert!(
        estimate >= actual * 0.6 && estimate <= actual * 1.5,
        "estimated {estimate} pages, laid out {actual}"
    );
    // Events, not messages, in the chronology; private and mood entries left out.
    let what: Vec<&str> = preview.chronology.iter().map(|(_, w)| w.as_str()).collect();
    assert_eq!(what.len(), 6, "{what:?}");
    assert!(what
        .iter()
        .all(|w| !w.contains("PRIVATE") && !w.contains("MOOD")));
    assert_eq!(
        (preview.entries, preview.messages, preview.exhibits),
        (6, 1, 2)
    );
    assert_eq!(
        *seen.lock().unwrap(),
        [
            Progress::Gathering,
            Progress::Pictures { done: 1, of: 1 },
            Progress::Layout,
            Progress::Writing
        ]
    );
}
