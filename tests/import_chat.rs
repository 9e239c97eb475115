//! Importing WhatsApp exports through the CLI: verbatim text, provenance in the chain, who is
//! who, date order decided or asked, re-imports that add nothing twice, the zip with media, and
//! files that are not chats refused with nothing written. Run in a zone far from the chat's, as a
//! parent abroad would.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{messages, TempJournal, PASS};
use evenkeel::model::Direction;
use evenkeel::Journal;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/whatsapp")
        .join(name)
}

fn cli(journal: &Path, args: &[&str]) -> Output {
    common::evenkeel_cli(journal, args, "America/Los_Angeles")
}

fn import_json(journal: &Path, file: &str, extra: &[&str]) -> Value {
    let path = fixture(file);
    let mut args = vec!["import", "whatsapp", path.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let out = cli(journal, &args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

const UK: [&str; 4] = ["--me", "Chris", "--tz", "Europe/London"];

#[test]
fn an_android_chat_comes_in_verbatim_with_its_provenance_in_the_chain() {
    let t = TempJournal::new();
    drop(t.create());
    let summary = import_json(
        &t.path,
        "android-uk.txt",
        &[&UK[..], &["--other", "Dana"]].concat(),
    );
    assert_eq!(summary["imported"], 12);
    assert_eq!(summary["skipped_duplicates"], 0);
    assert_eq!(summary["notices"], 1);
    assert_eq!(summary["date_order"], "dmy");
    assert_eq!(
        summary["participants"],
        serde_json::json!(["Dana", "Chris", "Gran"])
    );
    let bytes = std::fs::read(fixture("android-uk.txt")).unwrap();
    let sha = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&bytes))
    };
    assert_eq!(summary["source_sha256"], sha);

    let all = messages(&t.path);
    assert_eq!(all.len(), 12);
    let blame = &all[3];
    assert_eq!(
        blame.draft.body,
        "You always do this. Every single time.\nHe was upset all evening."
    );
    assert_eq!(blame.draft.occurred_at, "2026-09-13T19:02:00+01:00");
    assert_ne!(
        blame.recorded_at[..10],
        blame.draft.occurred_at[..10],
        "written at import time"
    );
    let info = blame.draft.message.as_ref().unwrap();
    assert_eq!(info.direction, Direction::Received);
    let p = info.import.as_ref().expect("provenance");
    assert_eq!((p.source.as_str(), p.line), ("whatsapp", 5));
    assert_eq!(p.file_name, "android-uk.txt");
    assert_eq!(p.file_sha256, sha);
    assert!(p.date_reading.starts_with("dmy: "), "{}", p.date_reading);
    let tone = info.tone.as_ref().expect("read by the checker");
    assert_ne!(tone.verdict, evenkeel::tone::Verdict::Calm, "{tone:?}");
    assert_eq!(
        all[1].draft.message.as_ref().unwrap().direction,
        Direction::Sent
    );
    let gran = all
        .iter()
        .find(|e| e.draft.body.starts_with("Hello both"))
        .unwrap();
    assert!(
        gran.draft
            .message
            .as_ref()
            .unwrap()
            .import
            .as_ref()
            .unwrap()
            .third_party
    );
    assert_eq!(
        gran.draft.title,
        "WhatsApp from Gran (not the other parent)"
    );
    // The same short message twice in one minute is two messages.
    assert_eq!(all.iter().filter(|e| e.draft.body == "ok").count(), 2);
    // The provenance is inside what was hashed.
    let j = Journal::open(&t.path, PASS).unwrap();
    let history = j.history(blame.id).unwrap();
    assert!(history[0].canonical_content.contains("\"file_sha256\":\""));
    assert!(j.verify().unwrap().ok);
}

#[test]
fn importing_again_or_a_later_overlapping_export_adds_only_what_is_new() {
    let t = TempJournal::new();
    drop(t.create());
    let args = [&UK[..], &["--other", "Dana"]].concat();
    import_json(&t.path, "android-uk.txt", &args);
    let again = import_json(&t.path, "android-uk.txt", &args);
    assert_eq!(
        (
            again["imported"].as_u64(),
            again["skipped_duplicates"].as_u64()
        ),
        (Some(0), Some(12))
    );
    let later = import_json(&t.path, "android-uk-later.txt", &args);
    assert_eq!(
        (
            later["imported"].as_u64(),
            later["skipped_duplicates"].as_u64()
        ),
        (Some(2), Some(2))
    );
    assert_eq!(messages(&t.path).len(), 14);
}

#[test]
fn an_ios_chat_with_its_marks_and_a_twelve_hour_clock() {
    let t = TempJournal::new();
    drop(t.create());
    let summary = import_json(
        &t.path,
        "ios-us.txt",
        &["--me", "Chris", "--tz", "America/New_York"],
    );
    assert_eq!(summary["date_order"], "mdy");
    assert_eq!(
        summary["participants"],
        serde_json::json!(["Dana", "Chris"])
    );
    assert_eq!(
        summary["notices"], 1,
        "the encryption notice is not a message from Dana"
    );
    let all = messages(&t.path);
    assert_eq!(all.len(), 5);
    assert_eq!(all[0].draft.occurred_at, "2026-09-12T08:14:02-04:00");
    assert_eq!(all[2].draft.occurred_at, "2026-09-13T19:02:11-04:00");
    assert_eq!(all[3].draft.body, "\u{200e}image omitted", "byte for byte");
}

#[test]
fn an_ambiguous_file_asks_for_the_date_order_and_writes_nothing() {
    let t = TempJournal::new();
    drop(t.create());
    let path = fixture("ambiguous.txt");
    let out = cli(
        &t.path,
        &[
            "import",
            "whatsapp",
            path.to_str().unwrap(),
            "--me",
            "Chris",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("3/4/2026 could be 3 April 2026 or 4 March 2026")
            && err.contains("--date-order dmy or --date-order mdy"),
        "{err}"
    );
    assert!(messages(&t.path).is_empty());
    let summary = import_json(
        &t.path,
        "ambiguous.txt",
        &["--me", "Chris", "--date-order", "mdy", "--tz", "UTC"],
    );
    assert_eq!(summary["date_order"], "mdy");
    assert_eq!(
        messages(&t.path)[0].draft.occurred_at,
        "2026-03-04T10:00:00+00:00"
    );
}

#[test]
fn files_that_are_not_chats_and_unknown_people_are_refused_with_nothing_written() {
    let t = TempJournal::new();
    drop(t.create());
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("chat.txt");
    std::fs::write(
        &photo,
        [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, b'J', b'F', b'I', b'F'],
    )
    .unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "Shopping list\nmilk\n").unwrap();
    let android = fixture("android-uk.txt");
    for (args, expected) in [
        (
            vec![photo.to_str().unwrap(), "--me", "Chris"],
            "not a WhatsApp text export",
        ),
        (
            vec![notes.to_str().unwrap(), "--me", "Chris"],
            "no line starts with a date and time",
        ),
        (
            vec![android.to_str().unwrap(), "--me", "Pat", "--other", "Dana"],
            "\"Pat\" did not write in this chat; the participants are Dana, Chris, Gran",
        ),
        (
            vec![android.to_str().unwrap()],
            "say who you are with --me NAME",
        ),
        (
            vec![
                android.to_str().unwrap(),
                "--me",
                "Chris",
                "--date-order",
                "dym",
            ],
            "\"dym\" is not a date order",
        ),
    ] {
        let mut full = vec!["import", "whatsapp"];
        full.extend(args);
        let out = cli(&t.path, &full);
        assert_eq!(out.status.code(), Some(2), "{full:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{full:?}: {err}");
    }
    let dry = import_json(
        &t.path,
        "android-uk.txt",
        &[&UK[..], &["--other", "Dana", "--dry-run"]].concat(),
    );
    assert_eq!(dry["imported"], 12);
    assert!(messages(&t.path).is_empty(), "a dry run writes nothing");
}

// --- WhatsApp exports with media (zip) ------------------------------------------------

fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    for (name, bytes) in entries {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap();
    out.into_inner()
}

#[test]
fn a_zip_export_attaches_its_media_and_never_follows_a_path_out_of_it() {
    let t = TempJournal::new();
    drop(t.create());
    let photo: Vec<u8> = [&[0xffu8, 0xd8, 0xff, 0xe0][..], &[7u8; 5000][..]].concat();
    let chat =
        "12/09/2026, 08:14 - Dana: IMG-20260912-WA0001.jpg (file attached)\nHis school photo\n\
                12/09/2026, 08:20 - Chris: Thanks, lovely\n\
                12/09/2026, 08:21 - Dana: ../../secret.txt (file attached)\n\
                12/09/2026, 08:22 - Dana: VID-20260912-WA0002.mp4 (file attached)\n";
    let bytes = zip_of(&[
        ("WhatsApp Chat with Dana.txt", chat.as_bytes().to_vec()),
        ("IMG-20260912-WA0001.jpg", photo.clone()),
        ("../../secret.txt", b"outside".to_vec()),
        // 60 MB of zeros, a few kilobytes compressed: over the 50 MB limit once inflated.
        ("VID-20260912-WA0002.mp4", vec![0u8; 60_000_000]),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("WhatsApp Chat with Dana.zip");
    std::fs::write(&path, &bytes).unwrap();
    let out = cli(
        &t.path,
        &[
            "import",
            "whatsapp",
            path.to_str().unwrap(),
            "--me",
            "Chris",
            "--tz",
            "Europe/London",
            "--date-order",
            "dmy",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("1 photos and files from the export attached to their messages; 2 named but not attached"),
        "{err}"
    );
    let all = messages(&t.path);
    assert_eq!(all.len(), 4);
    assert_eq!(all[0].attachments.len(), 1);
    let a = &all[0].attachments[0];
    assert_eq!(a.name, "IMG-20260912-WA0001.jpg");
    assert_eq!(a.media_type, "image/jpeg");
    let sha = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&photo))
    };
    assert_eq!(a.sha256, sha);
    assert!(all[2].attachments.is_empty() && all[3].attachments.is_empty());
    let p = all[0]
        .draft
        .message
        .as_ref()
        .unwrap()
        .import
        .as_ref()
        .unwrap();
    assert_eq!(
        p.file_name,
        "WhatsApp Chat with Dana.zip (WhatsApp Chat with Dana.txt)"
    );
    let j = Journal::open(&t.path, PASS).unwrap();
    assert_eq!(j.attachment_data(a.id).unwrap().1, photo);
    assert!(j.verify().unwrap().ok);
}

#[test]
fn a_broken_zip_or_one_without_a_chat_is_refused() {
    let t = TempJournal::new();
    drop(t.create());
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.zip");
    std::fs::write(&broken, b"PK\x03\x04 this is not really a zip").unwrap();
    let empty = dir.path().join("photos.zip");
    std::fs::write(&empty, zip_of(&[("IMG-1.jpg", vec![1, 2, 3])])).unwrap();
    for (file, expected) in [
        (&broken, "broken.zip is not a zip file that can be read"),
        (&empty, "photos.zip holds no chat"),
    ] {
        let out = cli(
            &t.path,
            &[
                "import",
                "whatsapp",
                file.to_str().unwrap(),
                "--me",
                "Chris",
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{file:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{file:?}: {err}");
    }
    assert!(messages(&t.path).is_empty());
}
