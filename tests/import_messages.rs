//! Importing Android texts (SMS Backup & Restore) and e-mail (.eml, .mbox) through the CLI:
//! only the other parent's messages, verbatim, with provenance; broken and foreign files
//! refused with nothing written; the people a file holds listed for the user to choose.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{messages, TempJournal, PASS};
use evenkeel::model::Direction;
use evenkeel::Journal;
use serde_json::Value;

fn cli(journal: &Path, args: &[&str]) -> Output {
    common::evenkeel_cli(journal, args, "America/Los_Angeles")
}

// --- Android SMS backups --------------------------------------------------------------

fn sms_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sms/sms-backup.xml")
}

fn import_sms(journal: &Path, file: &Path) -> Output {
    cli(
        journal,
        &[
            "import",
            "sms",
            file.to_str().unwrap(),
            "--other",
            "+44 7700 900123",
            "--tz",
            "Europe/London",
            "--json",
        ],
    )
}

#[test]
fn an_sms_backup_keeps_only_the_other_parents_texts_and_mends_split_emoji() {
    let t = TempJournal::new();
    drop(t.create());
    let out = import_sms(&t.path, &sms_fixture());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["imported"], 5);
    assert_eq!(
        summary["unreadable"],
        serde_json::json!([4, 5]),
        "the draft and the undated text"
    );
    let all = messages(&t.path);
    let bodies: Vec<&str> = all.iter().map(|e| e.draft.body.as_str()).collect();
    assert_eq!(
        bodies,
        vec![
            "Can you have Sam on Friday? 🙏",
            "Yes, I'll collect at 15:30 & drop him home Sunday.",
            "You never answer. Typical \u{fffd}",
            "His timetable for next term\n[timetable.jpg]",
            "Thanks, got it.",
        ]
    );
    assert_eq!(all[0].draft.occurred_at, "2026-09-12T10:00:00+01:00");
    assert_eq!(all[0].draft.title, "Text from Dana");
    assert_eq!(
        all[1].draft.message.as_ref().unwrap().direction,
        Direction::Sent
    );
    let p = all[3]
        .draft
        .message
        .as_ref()
        .unwrap()
        .import
        .as_ref()
        .unwrap();
    assert_eq!((p.source.as_str(), p.line), ("sms", 7));
    assert_eq!(
        all[4].draft.occurred_at, "2026-09-14T19:20:00+01:00",
        "an MMS date in seconds"
    );
    // Importing again adds nothing.
    let again: Value = serde_json::from_slice(&import_sms(&t.path, &sms_fixture()).stdout).unwrap();
    assert_eq!(
        (
            again["imported"].as_u64(),
            again["skipped_duplicates"].as_u64()
        ),
        (Some(0), Some(5))
    );
    assert!(Journal::open(&t.path, PASS).unwrap().verify().unwrap().ok);
}

#[test]
fn a_broken_or_foreign_backup_is_refused_and_nothing_is_written() {
    let t = TempJournal::new();
    drop(t.create());
    let dir = tempfile::tempdir().unwrap();
    let full = std::fs::read_to_string(sms_fixture()).unwrap();
    let truncated = dir.path().join("cut.xml");
    std::fs::write(&truncated, &full[..full.len() / 2]).unwrap();
    // Cut between two records: well-formed so far, but not the whole backup.
    let between = dir.path().join("between.xml");
    let cut = full
        .find("  <sms protocol=\"0\" address=\"+447700900555\"")
        .unwrap();
    std::fs::write(&between, &full[..cut]).unwrap();
    let html = dir.path().join("page.xml");
    std::fs::write(&html, "<html><body>not a backup</body></html>").unwrap();
    let garbage = dir.path().join("garbage.xml");
    std::fs::write(
        &garbage,
        "<smses><sms date=\"1\" type=\"1\" address=\"+447700900123\" body=\"x\" /><<<",
    )
    .unwrap();
    for (file, expected) in [
        (&truncated, "sms: "),
        (&between, "the file was cut short"),
        (&html, "has no <smses> element"),
        (&garbage, "not well-formed XML"),
    ] {
        let out = import_sms(&t.path, file);
        assert_eq!(out.status.code(), Some(2), "{file:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{file:?}: {err}");
    }
    assert!(messages(&t.path).is_empty());
}

// --- e-mail ---------------------------------------------------------------------------

fn email_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/email")
        .join(name)
}

#[test]
fn email_from_an_mbox_and_an_eml_keeps_only_mail_with_the_other_parent() {
    let t = TempJournal::new();
    drop(t.create());
    let mbox = email_fixture("thread.mbox");
    let eml = email_fixture("half-term.eml");
    let args = [
        "import",
        "email",
        mbox.to_str().unwrap(),
        eml.to_str().unwrap(),
        "--other",
        "Dana.Smith@example.com",
        "--json",
    ];
    let out = cli(&t.path, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summaries: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summaries[0]["imported"], 3, "{summaries}");
    assert_eq!(
        summaries[0]["unreadable"],
        serde_json::json!([4]),
        "the message with no date"
    );
    assert_eq!(summaries[1]["imported"], 1);
    let all = messages(&t.path);
    let titles: Vec<&str> = all.iter().map(|e| e.draft.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Email from Dana Smith: Half term",
            "Email from Dana Smith: Half term – Friday",
            "Email to Dana Smith: Re: Half term",
            "Email from Dana Smith: You never listen",
        ]
    );
    assert_eq!(
        all[0].draft.body,
        // The archive's ">From" escape is undone, as mbox readers do.
        "Can you have Sam on the Friday of half term?\nFrom what I hear the school closes early.\n\n"
    );
    assert_eq!(all[0].draft.occurred_at, "2026-10-13T19:02:11+01:00");
    assert_eq!(
        all[1].draft.body,
        "Can you have Sam on the Friday of half term instead of the Saturday? Work has changed.\r\n\r\nDana\r\n"
    );
    assert_eq!(
        all[2].draft.body.trim(),
        "Yes, Friday works. I will collect him at 15:30."
    );
    assert_eq!(
        all[2].draft.message.as_ref().unwrap().direction,
        Direction::Sent
    );
    let p = all[3]
        .draft
        .message
        .as_ref()
        .unwrap()
        .import
        .as_ref()
        .unwrap();
    assert_eq!(
        (p.source.as_str(), p.line, p.file_name.as_str()),
        ("email", 5, "thread.mbox")
    );
    assert_eq!(p.sender_as_written, "Dana Smith <DANA.SMITH@EXAMPLE.COM>");
    // Again: nothing new.
    let again: Value = serde_json::from_slice(&cli(&t.path, &args).stdout).unwrap();
    assert_eq!(again[0]["imported"], 0);
    assert_eq!(again[0]["skipped_duplicates"], 3);
    assert!(Journal::open(&t.path, PASS).unwrap().verify().unwrap().ok);
}

#[test]
fn what_is_not_mail_or_not_an_address_is_refused_with_nothing_written() {
    let t = TempJournal::new();
    drop(t.create());
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.eml");
    std::fs::write(&notes, "just some words\nno headers at all\n").unwrap();
    let mbox = email_fixture("thread.mbox");
    for (args, expected) in [
        (
            vec![notes.to_str().unwrap(), "--other", "dana@example.com"],
            "notes.eml is not an e-mail message",
        ),
        (
            vec![mbox.to_str().unwrap(), "--other", "Dana"],
            "\"dana\" is not an e-mail address",
        ),
    ] {
        let mut full = vec!["import", "email"];
        full.extend(args);
        let out = cli(&t.path, &full);
        assert_eq!(out.status.code(), Some(2), "{full:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{full:?}: {err}");
    }
    assert!(messages(&t.path).is_empty());
}

#[test]
fn the_people_in_a_backup_or_mailbox_are_listed_for_the_user_to_choose() {
    let sms_file = std::fs::File::open(sms_fixture()).unwrap();
    let backup = evenkeel::import::sms::parse(
        std::io::BufReader::new(sms_file),
        &[],
        chrono_tz::Europe::London,
    )
    .unwrap();
    let people: Vec<(String, Option<String>, u32)> = evenkeel::import::sms::correspondents(&backup)
        .into_iter()
        .map(|c| (c.address, c.name, c.messages))
        .collect();
    assert_eq!(
        people,
        vec![
            ("+447700900123".into(), Some("Dana".into()), 5),
            ("+447700900555".into(), Some("Smile Dental".into()), 1),
        ]
    );
    let mbox = std::fs::read(email_fixture("thread.mbox")).unwrap();
    let mail = evenkeel::import::email::parse_mbox(&mbox[..], &[]).unwrap();
    let people: Vec<(String, u32)> = evenkeel::import::email::correspondents(&mail)
        .into_iter()
        .map(|c| (c.address, c.messages))
        .collect();
    assert_eq!(
        people,
        vec![
            ("dana.smith@example.com".into(), 2),
            ("chris.jones@example.org".into(), 1),
            ("office@oakfield.example.sch.uk".into(), 1),
        ]
    );
    assert_eq!(
        evenkeel::import::sniff_messages(&sms_fixture()).unwrap(),
        "sms"
    );
    assert_eq!(
        evenkeel::import::sniff_messages(&email_fixture("thread.mbox")).unwrap(),
        "email"
    );
}
