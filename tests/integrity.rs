//! `verify` as an adversary would test it: each change is made behind Evenkeel's back, with
//! the passphrase and a plain SQLCipher connection (triggers dropped first, as anyone with a
//! SQLite tool can), and `verify` must name what differs.

mod common;

use common::{draft, raw_connection, TempJournal};
use evenkeel::model::{EntryKind, Mood, VerifyReport};
use evenkeel::{Error, Journal};
use sha2::{Digest, Sha256};

/// A journal with a few kinds of entry, names, tags, an attachment, an edit and a deletion.
fn journal() -> (TempJournal, i64, i64) {
    let t = TempJournal::new();
    let mut j = t.create();
    let mut handover = draft("Handover at the leisure centre");
    handover.body = "Arrived 9:55. Sam ran to the car.".into();
    handover.children = vec!["Sam".into()];
    handover.people = vec!["Alex".into()];
    handover.tags = vec!["handover".into()];
    let first = j.add(handover).unwrap();
    let mut mood = draft("Evening");
    mood.kind = EntryKind::Mood;
    mood.channel = None;
    mood.mood = Some(Mood {
        parent: 2,
        feelings: vec!["tired".into()],
        child: None,
        ..Mood::default()
    });
    mood.private = true;
    j.add(mood).unwrap();
    let photo = j.add(draft("Photo of the note in the school bag")).unwrap();
    j.attach(photo, "note.jpg", b"\xff\xd8\xff\xe0 a small jpeg")
        .unwrap();
    let gone = j.add(draft("Written by mistake")).unwrap();
    j.delete(gone).unwrap();
    let mut edited = j.get(first).unwrap().draft;
    edited.title = "Handover at the leisure centre, 14 Nov".into();
    j.edit(first, edited).unwrap();
    let report = j.verify().unwrap();
    assert!(report.ok, "{report:?}");
    assert_eq!(report.attachments_checked, 1);
    (t, first, photo)
}

fn tamper(t: &TempJournal, sql: &str) -> VerifyReport {
    let conn = raw_connection(&t.path);
    conn.execute_batch(sql).unwrap();
    drop(conn);
    let report = t.open().verify().unwrap();
    assert!(!report.ok, "verify missed: {sql}");
    assert!(
        report.first_bad.is_none(),
        "the chain itself is intact here"
    );
    report
}

/// The one problem `verify` reports for `entry`, in `area`.
fn problem(report: &VerifyReport, entry: i64, area: &str) -> String {
    let found: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.entry_id == Some(entry) && p.area == area)
        .collect();
    assert!(
        !found.is_empty(),
        "no {area} problem for entry {entry}: {report:?}"
    );
    found[0].message.clone()
}

#[test]
fn a_written_time_moved_after_the_event_is_named() {
    let (t, first, _) = journal();
    let report = tamper(
        &t,
        "DROP TRIGGER entries_are_append_only_u;
         UPDATE entries SET created_at = '2026-03-14T17:35:00.000Z' WHERE id = 1;",
    );
    let m = problem(&report, first, "written time");
    assert!(m.contains("2026-03-14T17:35:00.000Z"), "{m}");
    assert!(m.contains("first revision was recorded at"), "{m}");
}

#[test]
fn an_entry_hidden_as_deleted_is_named() {
    let (t, first, _) = journal();
    let report = tamper(&t, "UPDATE current SET deleted = 1 WHERE entry_id = 1;");
    let m = problem(&report, first, "timeline");
    assert!(m.starts_with("deleted is shown as yes"), "{m}");
}

#[test]
fn an_entry_made_private_behind_the_apps_back_is_named() {
    let (t, first, _) = journal();
    let report = tamper(&t, "UPDATE current SET private = 1 WHERE entry_id = 1;");
    assert!(problem(&report, first, "timeline").starts_with("private is shown as yes"));
}

#[test]
fn replaced_attachment_bytes_are_named_even_with_a_matching_hash_column() {
    let (t, _, photo) = journal();
    let other = b"\xff\xd8\xff\xe0 another image";
    let report = tamper(
        &t,
        &format!(
            "DROP TRIGGER attachments_are_append_only_u;
             UPDATE attachments SET data = x'{}', sha256 = '{}', size = {};",
            hex(other),
            hex(&Sha256::digest(other)),
            other.len()
        ),
    );
    let m = problem(&report, photo, "attachment");
    assert!(m.contains("no longer match the SHA-256"), "{m}");
    // And the way back out refuses it too: it checks the hash sealed in the chain, not the row's.
    let j = t.open();
    assert!(matches!(
        j.attachment_data(1),
        Err(Error::AttachmentAltered { id: 1, .. })
    ));
    let out = t.dir.path().join("copy.jpg");
    assert!(matches!(
        j.save_attachment(1, &out, false),
        Err(Error::AttachmentAltered { .. })
    ));
    assert!(!out.exists());
}

#[test]
fn a_removed_attachment_is_named() {
    let (t, _, photo) = journal();
    let report = tamper(
        &t,
        "DROP TRIGGER attachments_are_append_only_d; DELETE FROM attachments;",
    );
    assert!(problem(&report, photo, "attachment").contains("is missing"));
}

#[test]
fn every_field_of_the_timeline_is_checked() {
    for (sql, starts) in [
        (
            "UPDATE current SET kind = 'note' WHERE entry_id = 1;",
            "the kind is shown as note",
        ),
        (
            "UPDATE current SET occurred_utc = occurred_utc + 3600 WHERE entry_id = 1;",
            "the time is shown as",
        ),
        (
            "UPDATE current SET occurred_day = '2026-03-15' WHERE entry_id = 1;",
            "the day is shown as 2026-03-15",
        ),
        (
            "UPDATE current SET revision_id = 1 WHERE entry_id = 1;",
            "the revision is shown as #1",
        ),
    ] {
        let (t, first, _) = journal();
        let report = tamper(&t, sql);
        let m = problem(&report, first, "timeline");
        assert!(m.starts_with(starts), "{sql}: {m}");
    }
    let (t, first, _) = journal();
    let report = tamper(&t, "DELETE FROM current WHERE entry_id = 1;");
    assert!(problem(&report, first, "timeline").contains("missing from the timeline"));
}

#[test]
fn names_and_tags_are_replayed_from_the_chain() {
    let cases = [
        ("UPDATE children SET name = 'Tom';", "children", "[tom]"),
        (
            "DELETE FROM entry_children WHERE entry_id = 1;",
            "children",
            "shown as []",
        ),
        ("UPDATE people SET name = 'Jo';", "people", "[jo]"),
        (
            "INSERT INTO entry_tags (entry_id, tag) VALUES (1, 'violent');",
            "tags",
            "violent",
        ),
    ];
    for (sql, area, needle) in cases {
        let (t, first, _) = journal();
        let report = tamper(&t, sql);
        let m = problem(&report, first, area);
        assert!(m.contains(needle), "{sql}: {m}");
        assert!(m.contains("the chain says"), "{m}");
    }
}

#[test]
fn the_search_index_is_replayed_from_the_chain() {
    // Words taken out of the index: the entry can no longer be found by them.
    let (t, first, _) = journal();
    let conn = raw_connection(&t.path);
    conn.execute_batch(
        "DELETE FROM search WHERE rowid = 1;
         INSERT INTO search (rowid, title, body, extra) VALUES (1, 'Handover', '', '');",
    )
    .unwrap();
    drop(conn);
    let report = t.open().verify().unwrap();
    assert!(!report.ok);
    assert!(problem(&report, first, "search").contains("does not hold the words"));
    assert!(t.open().search("leisure", 10).unwrap().is_empty());

    // A deleted entry put back into search.
    let (t, _, _) = journal();
    let report = tamper(
        &t,
        "INSERT INTO search (rowid, title, body, extra) VALUES (4, 'Written by mistake', '', '');",
    );
    assert!(problem(&report, 4, "search").contains("deleted entry"));
}

#[test]
fn the_record_refuses_rewrites_while_its_triggers_stand() {
    let (t, _, _) = journal();
    let conn = raw_connection(&t.path);
    for sql in [
        "UPDATE attachments SET data = x'00'",
        "DELETE FROM attachments",
        "UPDATE entries SET created_at = 'x'",
        "DELETE FROM entries",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}

/// A clock set back is not tampering, but it is worth knowing: a later revision that says it
/// was written before an earlier one. Here the second revision is re-sealed with an earlier
/// time (as someone rewriting the chain would), which also shows why the head is worth noting.
#[test]
fn a_clock_set_back_is_a_warning_and_changes_the_head() {
    let t = TempJournal::new();
    let mut j = t.create();
    j.add(draft("first")).unwrap();
    j.add(draft("second")).unwrap();
    let original_head = j.verify().unwrap().head;
    drop(j);
    let conn = raw_connection(&t.path);
    let (content, prev): (String, String) = conn
        .query_row(
            "SELECT content, prev_hash FROM revisions WHERE id = 2",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let when = "2020-01-01T00:00:00.000Z";
    let preimage = format!("evenkeel-revision-v1\n2\n1\ncreate\n{when}\n{prev}\n{content}");
    let hash = hex(&Sha256::digest(preimage.as_bytes()));
    conn.execute_batch(&format!(
        "DROP TRIGGER revisions_are_append_only_u; DROP TRIGGER entries_are_append_only_u;
         UPDATE revisions SET recorded_at = '{when}', hash = '{hash}' WHERE id = 2;
         UPDATE entries SET created_at = '{when}' WHERE id = 2;"
    ))
    .unwrap();
    drop(conn);
    let report = Journal::open(&t.path, common::PASS)
        .unwrap()
        .verify()
        .unwrap();
    assert!(report.ok, "{report:?}");
    assert_eq!(report.warnings.len(), 1, "{report:?}");
    assert_eq!(report.warnings[0].chain_index, 2);
    assert!(report.warnings[0].message.contains("clock was set back"));
    assert_ne!(report.head, original_head);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
