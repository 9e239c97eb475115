//! The parent's data out and back: the whole journal as JSON and into a new journal with the
//! same chain head, spreadsheet tables, and encrypted backups taken while the journal is open.
//! Hostile and broken exports are refused with the problem named and nothing created.

mod common;

use std::path::{Path, PathBuf};

use common::schedule::{outcome, weekends};
use common::{draft, evenkeel_cli, raw_connection, TempJournal, PASS};
use evenkeel::model::{Direction, EntryKind, Filter, MessageDraft};
use evenkeel::schedule::OutcomeKind;
use evenkeel::{Error, Journal};
use serde_json::Value;

const TZ: &str = "Pacific/Auckland";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/whatsapp")
        .join(name)
}

/// A journal with something of everything: entries edited, deleted and private, an
/// attachment, a plan and its outcomes, messages written here and imported from WhatsApp,
/// checker settings and an unsent draft.
fn full_journal(t: &TempJournal) {
    let mut j = t.create();
    let mut call = draft("Call about =SUM(A1), \"quoted\", with commas");
    call.body = "First line\nsecond line, \"quoted\"".into();
    let first = j.add(call).unwrap();
    let mut edited = draft("Handover");
    edited.kind = EntryKind::Incident;
    edited.channel = None;
    let second = j.add(edited.clone()).unwrap();
    edited.title = "Handover, 40 minutes late".into();
    j.edit(second, edited).unwrap();
    let gone = j.add(draft("Written by mistake")).unwrap();
    j.delete(gone).unwrap();
    let mut private = draft("Only for me");
    private.private = true;
    j.add(private).unwrap();
    j.attach(first, "photo.png", b"\x89PNG\r\n\x1a\nnot really a png")
        .unwrap();
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
            counterpart: String::new(),
            channel: None,
            text: "Could you have her ready at 10am on Saturday?".into(),
            children: vec!["Sam".into()],
        },
        "2026-02-01T09:00:00+00:00",
    )
    .unwrap();
    j.save_message_draft(&MessageDraft {
        direction: Direction::Received,
        counterpart: String::new(),
        channel: None,
        text: "Not sent yet".into(),
        children: vec![],
    })
    .unwrap();
    let mut settings = j.tone_settings().unwrap();
    settings.never_flag.push("bloody".into());
    j.set_tone_settings(&settings).unwrap();
    drop(j);
    let out = evenkeel_cli(
        &t.path,
        &[
            "import",
            "whatsapp",
            fixture("android-uk.txt").to_str().unwrap(),
            "--me",
            "Chris",
            "--other",
            "Dana",
            "--tz",
            "Europe/London",
        ],
        TZ,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Everything a user could look at, in a comparable form.
fn everything(j: &Journal) -> Value {
    let all = j
        .list(&Filter {
            limit: Some(10_000),
            ..Filter::default()
        })
        .unwrap();
    let histories: Vec<_> = (1..=j.count().unwrap() + 5)
        .filter_map(|id| j.history(id).ok())
        .collect();
    let contacts = j
        .contacts(
            "2026-01-01".parse().unwrap(),
            "2026-03-01".parse().unwrap(),
            None,
        )
        .unwrap();
    serde_json::json!({
        "entries": all,
        "histories": histories,
        "plans": j.plans().unwrap(),
        "contacts": contacts,
        "settings": j.tone_settings().unwrap(),
        "draft": j.message_draft(Direction::Received).unwrap(),
        "verify": j.verify().unwrap(),
    })
}

#[test]
fn a_journal_exported_to_json_and_imported_is_the_same_journal_with_the_same_chain_head() {
    let t = TempJournal::new();
    full_journal(&t);
    let export = t.dir.path().join("export.json");
    let out = evenkeel_cli(
        &t.path,
        &[
            "export",
            "json",
            "--out",
            export.to_str().unwrap(),
            "--json",
        ],
        TZ,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();

    let copy = t.dir.path().join("copy.evenkeel");
    let out = evenkeel_cli(
        &copy,
        &["import", "json", export.to_str().unwrap(), "--json"],
        TZ,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let imported: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(imported["chain_head"], summary["chain_head"]);

    let original = t.open();
    let again = Journal::open(&copy, PASS).unwrap();
    let report = again.verify().unwrap();
    assert!(report.ok, "{:?}", report.problems);
    assert_eq!(report.head, original.verify().unwrap().head);
    assert_eq!(everything(&again), everything(&original));
    // Something of everything really was there to compare.
    let doc: Value = serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    assert_eq!(doc["format"], "evenkeel-journal");
    assert_eq!(doc["attachments"].as_array().unwrap().len(), 1);
    assert!(doc["revisions"].as_array().unwrap().len() > 20);
    assert_eq!(doc["message_drafts"].as_array().unwrap().len(), 1);
    assert!(!doc["settings"].as_object().unwrap().is_empty());
    // The journal it came from is unchanged and still takes new entries, as does the copy.
    drop(again);
    let mut again = Journal::open(&copy, PASS).unwrap();
    again.add(draft("After the move")).unwrap();
    assert!(again.verify().unwrap().ok);
}

/// Exports `t`'s journal, lets `spoil` change the document, and tries to import it.
fn import_spoiled(t: &TempJournal, spoil: impl FnOnce(&mut Value)) -> (Error, PathBuf) {
    let export = t.dir.path().join("export.json");
    let _ = std::fs::remove_file(&export);
    t.open().export_json(&export, false).unwrap();
    let mut doc: Value = serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    spoil(&mut doc);
    std::fs::write(&export, serde_json::to_vec(&doc).unwrap()).unwrap();
    let target = t.dir.path().join("imported.evenkeel");
    let err = Journal::import_json(&export, &target, PASS).unwrap_err();
    assert!(!target.exists(), "nothing is left behind: {err}");
    (err, target)
}

/// Recomputes every hash after a forger's change, as a careful forger would.
fn rehash(doc: &mut Value) {
    let mut prev = evenkeel::journal::GENESIS.to_string();
    for r in doc["revisions"].as_array_mut().unwrap() {
        let content = canonical(&r["content"]);
        let mut h = sha2::Sha256::default();
        use sha2::Digest;
        h.update(b"evenkeel-revision-v1\n");
        for part in [
            r["entry_id"].to_string(),
            r["seq"].to_string(),
            r["action"].as_str().unwrap().to_string(),
            r["recorded_at"].as_str().unwrap().to_string(),
            prev.clone(),
        ] {
            h.update(part.as_bytes());
            h.update(b"\n");
        }
        h.update(content.as_bytes());
        let hash = hex::encode(h.finalize());
        r["prev_hash"] = prev.clone().into();
        r["hash"] = hash.clone().into();
        prev = hash;
    }
    doc["chain_head"] = prev.into();
}

fn canonical(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<_> = m.keys().collect();
            keys.sort();
            let parts: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}:{}", Value::String(k.clone()), canonical(&m[k])))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(canonical).collect::<Vec<_>>().join(",")
        ),
        other => other.to_string(),
    }
}

fn message(e: &Error) -> String {
    e.to_string()
}

#[test]
fn a_broken_or_hostile_export_is_refused_with_the_problem_named() {
    let t = TempJournal::new();
    full_journal(&t);

    // An entry's text changed after the fact, hashes left alone.
    let (e, _) = import_spoiled(&t, |doc| {
        doc["revisions"][1]["content"]["title"] = "Something else".into();
    });
    assert!(message(&e).contains("revision 2 has been altered"), "{e}");

    // A revision removed from the middle.
    let (e, _) = import_spoiled(&t, |doc| {
        doc["revisions"].as_array_mut().unwrap().remove(2);
    });
    assert!(message(&e).contains("does not follow"), "{e}");

    // An attachment's bytes swapped.
    let (e, _) = import_spoiled(&t, |doc| {
        doc["attachments"][0]["data"] = "aGVsbG8=".into();
    });
    assert!(
        message(&e).contains("attachment") && message(&e).contains("altered"),
        "{e}"
    );

    // A chain rewritten consistently around an enormous title: the contents are checked too.
    let (e, _) = import_spoiled(&t, |doc| {
        doc["revisions"][0]["content"]["title"] = "x".repeat(100_000).into();
        rehash(doc);
    });
    assert!(
        message(&e).contains("revision 1") && message(&e).contains("title"),
        "{e}"
    );

    // A claimed head that is not the last revision's.
    let (e, _) = import_spoiled(&t, |doc| {
        doc["chain_head"] = "0".repeat(64).into();
    });
    assert!(message(&e).contains("chain head"), "{e}");

    // A newer format.
    let (e, _) = import_spoiled(&t, |doc| doc["version"] = 2.into());
    assert!(message(&e).contains("export version 2"), "{e}");

    // Not ours at all, and cut short.
    let (e, _) = import_spoiled(&t, |doc| *doc = serde_json::json!({"hello": 1}));
    assert!(
        message(&e).contains("not an Evenkeel journal export"),
        "{e}"
    );
    let export = t.dir.path().join("export.json");
    t.open().export_json(&export, true).unwrap();
    let bytes = std::fs::read(&export).unwrap();
    std::fs::write(&export, &bytes[..bytes.len() / 2]).unwrap();
    let target = t.dir.path().join("imported.evenkeel");
    let e = Journal::import_json(&export, &target, PASS).unwrap_err();
    assert!(message(&e).contains("not a complete JSON document"), "{e}");
    assert!(!target.exists());

    // An existing journal is never the target, and is left as it was.
    t.open().export_json(&export, true).unwrap();
    let before = std::fs::read(&t.path).unwrap();
    let e = Journal::import_json(&export, &t.path, PASS).unwrap_err();
    assert!(matches!(e, Error::JournalExists(_)), "{e}");
    assert_eq!(std::fs::read(&t.path).unwrap(), before);
}

#[test]
fn csv_tables_open_cleanly_in_a_spreadsheet_and_run_no_formulas() {
    let t = TempJournal::new();
    full_journal(&t);
    let dir = t.dir.path().join("tables");
    let out = evenkeel_cli(
        &t.path,
        &["export", "csv", "--out", dir.to_str().unwrap(), "--json"],
        TZ,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let read = |name: &str| -> Vec<Vec<String>> {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        assert!(
            bytes.starts_with("\u{feff}".as_bytes()),
            "{name} starts with a BOM"
        );
        assert!(
            std::str::from_utf8(&bytes).unwrap().contains("\r\n"),
            "{name} uses CRLF"
        );
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[3..])
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    };
    let entries = read("entries.csv");
    assert_eq!(entries[0][0], "id");
    let title = entries.iter().find(|r| r[6].contains("SUM")).unwrap();
    assert_eq!(title[6], "Call about =SUM(A1), \"quoted\", with commas");
    assert_eq!(
        title[7], "First line\nsecond line, \"quoted\"",
        "quoted, not mangled"
    );
    assert!(
        entries.iter().all(|r| r[6] != "Written by mistake"),
        "deleted entries are left out"
    );

    // A cell that starts like a formula is text to a spreadsheet.
    let mut j = t.open();
    j.add(draft("=HYPERLINK(\"http://evil\",\"click\")"))
        .unwrap();
    j.add(draft("+44 7700 900123")).unwrap();
    j.add(draft("@channel")).unwrap();
    j.add(draft("-1 for that idea")).unwrap();
    drop(j);
    evenkeel::export::csv::export(&t.open(), &dir, true).unwrap();
    let entries = read("entries.csv");
    for start in ["'=HYPERLINK", "'+44", "'@channel", "'-1 for"] {
        assert!(
            entries.iter().any(|r| r[6].starts_with(start)),
            "{start} is neutralised"
        );
    }
    assert!(entries
        .iter()
        .all(|r| r.iter().all(|c| !c.starts_with(['=', '+', '@']))));

    let contacts = read("contact-record.csv");
    let late = contacts.iter().find(|r| r[6] == "late").unwrap();
    assert_eq!(late[7], "25");
    assert_eq!(late[10], "Traffic, he said");
    assert!(contacts.iter().any(|r| r[6] == "missed"));
    assert!(contacts.iter().any(|r| r[6] == "not logged"));

    let messages = read("messages.csv");
    assert!(messages
        .iter()
        .any(|r| r[2] == "sent" && r[4].contains("10am on Saturday") && r[6].is_empty()));
    let imported = messages.iter().find(|r| r[6] == "whatsapp").unwrap();
    assert_eq!(imported[7], "android-uk.txt");

    // Without --force, existing tables are not replaced.
    let e = evenkeel::export::csv::export(&t.open(), &dir, false).unwrap_err();
    assert!(e.to_string().contains("already exists"), "{e}");
}

#[test]
fn a_backup_taken_while_the_journal_is_open_restores_to_a_journal_that_verifies() {
    let t = TempJournal::new();
    full_journal(&t);
    // The app has the journal open and keeps writing.
    let mut app = t.open();
    app.add(draft("Written while the backup runs")).unwrap();
    let backup = t.dir.path().join("journal.backup");
    let out = evenkeel_cli(&t.path, &["backup", "--out", backup.to_str().unwrap()], TZ);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    app.add(draft("Written after the backup")).unwrap();
    let head_then = {
        let copy = TempJournal::new();
        let j = Journal::restore(&backup, PASS, &copy.path).unwrap();
        let report = j.verify().unwrap();
        assert!(report.ok, "{:?}", report.problems);
        assert_eq!(j.count().unwrap(), app.count().unwrap() - 1);
        report.head
    };
    assert_ne!(head_then, app.verify().unwrap().head);

    // Encrypted: not a readable SQLite file, and useless without the passphrase.
    let bytes = std::fs::read(&backup).unwrap();
    assert_ne!(&bytes[..16], b"SQLite format 3\0");
    let target = t.dir.path().join("restored.evenkeel");
    let e = Journal::restore(&backup, "not the passphrase", &target).unwrap_err();
    assert!(
        matches!(&e, Error::WrongPassphrase(p) if p == &backup),
        "{e}"
    );
    assert!(!target.exists());

    // Through the CLI, into a new journal; an existing one is refused.
    let out = evenkeel_cli(&target, &["restore", backup.to_str().unwrap()], TZ);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = evenkeel_cli(&target, &["restore", backup.to_str().unwrap()], TZ);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    // The backup itself was not touched by restoring it.
    assert_eq!(std::fs::read(&backup).unwrap(), bytes);
}

#[test]
fn a_tampered_backup_is_not_restored() {
    let t = TempJournal::new();
    full_journal(&t);
    let backup = t.dir.path().join("journal.backup");
    t.open().backup(&backup, false).unwrap();
    let conn = raw_connection(&backup);
    conn.execute_batch(
        "DROP TRIGGER revisions_are_append_only_u;
         UPDATE revisions SET content = replace(content, 'Handover', 'Nothing happened') WHERE id = 2;",
    )
    .unwrap();
    drop(conn);
    let target = t.dir.path().join("restored.evenkeel");
    let e = Journal::restore(&backup, PASS, &target).unwrap_err();
    assert!(e.to_string().contains("does not verify"), "{e}");
    assert!(!target.exists());
}

#[test]
fn rolling_backups_keep_the_newest_few() {
    let t = TempJournal::new();
    full_journal(&t);
    let j = t.open();
    let dir = t.dir.path().join("backups");
    let start = chrono::DateTime::parse_from_rfc3339("2026-11-01T08:00:00Z")
        .unwrap()
        .to_utc();
    let mut made = Vec::new();
    for day in 0..5 {
        made.push(
            j.backup_rolling(&dir, 3, start + chrono::Duration::days(day))
                .unwrap(),
        );
    }
    let kept = evenkeel::journal::rolling_backups(&dir).unwrap();
    assert_eq!(kept, made[2..].to_vec());
    let copy = TempJournal::new();
    assert!(
        Journal::restore(&kept[2], PASS, &copy.path)
            .unwrap()
            .verify()
            .unwrap()
            .ok
    );
}

#[test]
fn the_desktop_makes_one_automatic_backup_a_day_and_keeps_as_many_as_chosen() {
    let t = TempJournal::new();
    full_journal(&t);
    let dir = evenkeel::journal::backup_dir(&t.path);
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T08:00:00Z")
        .unwrap()
        .to_utc();
    let hours = chrono::Duration::hours;
    let j = t.open();
    assert!(j.auto_backup(&dir, now).unwrap().is_some());
    assert!(
        j.auto_backup(&dir, now + hours(23)).unwrap().is_none(),
        "one a day"
    );
    assert!(j.auto_backup(&dir, now + hours(25)).unwrap().is_some());
    drop(j);

    let out = evenkeel_cli(&t.path, &["backups", "--keep", "1", "--json"], TZ);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed["keep"], 1);
    assert_eq!(listed["backups"].as_array().unwrap().len(), 2);
    let j = t.open();
    j.auto_backup(&dir, now + hours(50)).unwrap().unwrap();
    assert_eq!(evenkeel::journal::rolling_backups(&dir).unwrap().len(), 1);

    let mut j = j;
    j.set_auto_backups_keep(0).unwrap();
    assert!(
        j.auto_backup(&dir, now + hours(100)).unwrap().is_none(),
        "0 turns them off"
    );
    assert!(j.set_auto_backups_keep(100_000).is_err());
}
