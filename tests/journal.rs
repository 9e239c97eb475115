//! The journal's promises, end to end on real encrypted files.

mod common;

use common::{draft, raw_connection, TempJournal, PASS};
use evenkeel::model::{EntryKind, Filter, LegalStep, Mood, RevisionAction};
use evenkeel::{Error, Journal};

#[test]
fn the_file_is_encrypted_and_holds_no_plaintext() {
    let t = TempJournal::new();
    let mut j = t.create();
    let mut d = draft("Handover at the leisure centre");
    d.body = "Sam said the word pineapple-lantern".into();
    j.add(d).unwrap();
    drop(j);
    let bytes = std::fs::read(&t.path).unwrap();
    assert_ne!(&bytes[..16], b"SQLite format 3\0");
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("pineapple-lantern"));
    assert!(!text.contains("leisure centre"));
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let t = TempJournal::new();
    let mut j = t.create();
    j.add(draft("one")).unwrap();
    drop(j);
    let before = std::fs::read(&t.path).unwrap();
    let err = Journal::open(&t.path, "not the passphrase").unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase(_)), "{err}");
    assert!(err.to_string().contains("passphrase is wrong"));
    assert_eq!(std::fs::read(&t.path).unwrap(), before);
    let mut wal = t.path.clone().into_os_string();
    wal.push("-wal");
    assert!(!std::path::Path::new(&wal).exists() || std::fs::metadata(&wal).unwrap().len() == 0);
    assert_eq!(t.open().count().unwrap(), 1);
}

#[test]
fn files_that_are_not_journals_are_named_as_such() {
    let t = TempJournal::new();
    std::fs::write(
        &t.path,
        b"hello, this is a shopping list and not a journal at all",
    )
    .unwrap();
    assert!(matches!(
        Journal::open(&t.path, PASS),
        Err(Error::WrongPassphrase(_))
    ));

    let plain = t.dir.path().join("plain.sqlite");
    rusqlite::Connection::open(&plain)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert!(matches!(
        Journal::open(&plain, PASS),
        Err(Error::NotAJournal(_))
    ));

    let empty = t.dir.path().join("empty");
    std::fs::write(&empty, b"").unwrap();
    assert!(matches!(
        Journal::open(&empty, PASS),
        Err(Error::NotAJournal(_))
    ));

    assert!(matches!(
        Journal::open(&t.dir.path().join("missing"), PASS),
        Err(Error::NoJournal(_))
    ));
}

#[test]
fn create_refuses_to_overwrite_and_short_passphrases() {
    let t = TempJournal::new();
    assert!(matches!(
        Journal::create(&t.path, "short"),
        Err(Error::Invalid {
            field: "passphrase",
            ..
        })
    ));
    assert!(!t.path.exists());
    t.create();
    assert!(matches!(
        Journal::create(&t.path, PASS),
        Err(Error::JournalExists(_))
    ));
}

#[test]
fn edits_and_deletes_add_revisions_and_keep_the_old_ones() {
    let t = TempJournal::new();
    let mut j = t.create();
    let id = j.add(draft("Call about Saturday")).unwrap();
    let mut d = j.get(id).unwrap().draft;
    d.title = "Call about Saturday (rearranged)".into();
    j.edit(id, d.clone()).unwrap();
    // An edit that changes nothing adds nothing.
    j.edit(id, d).unwrap();
    assert_eq!(j.get(id).unwrap().revisions, 2);
    assert!(j.get(id).unwrap().revised_at.is_some());

    j.delete(id).unwrap();
    assert!(matches!(j.get(id), Err(Error::Deleted(_))));
    assert!(matches!(j.edit(id, draft("x")), Err(Error::Deleted(_))));
    assert!(j.list(&Filter::default()).unwrap().is_empty());

    let history = j.history(id).unwrap();
    let actions: Vec<_> = history.iter().map(|r| r.action).collect();
    assert_eq!(
        actions,
        [
            RevisionAction::Create,
            RevisionAction::Edit,
            RevisionAction::Delete
        ]
    );
    assert_eq!(
        history[0].content.as_ref().unwrap().title,
        "Call about Saturday"
    );
    assert_eq!(history[1].prev_hash, history[0].hash);
    assert!(j.verify().unwrap().ok);
    assert!(matches!(j.get(999), Err(Error::NotFound(999))));
}

#[test]
fn the_database_refuses_to_rewrite_history() {
    let t = TempJournal::new();
    let mut j = t.create();
    j.add(draft("one")).unwrap();
    drop(j);
    let conn = raw_connection(&t.path);
    assert!(conn
        .execute("UPDATE revisions SET content = '{}'", [])
        .is_err());
    assert!(conn.execute("DELETE FROM revisions", []).is_err());
}

#[test]
fn verify_names_the_first_altered_revision() {
    let t = TempJournal::new();
    let mut j = t.create();
    for i in 0..5 {
        j.add(draft(&format!("entry {i}"))).unwrap();
    }
    let head = j.verify().unwrap();
    assert!(head.ok);
    assert_eq!(head.revisions_checked, 5);
    drop(j);

    // Someone with the passphrase and a SQLite tool rewrites entry 3's title behind the app's back.
    let conn = raw_connection(&t.path);
    conn.execute_batch(
        "DROP TRIGGER revisions_are_append_only_u;
         UPDATE revisions SET content = replace(content, 'entry 2', 'entry two') WHERE entry_id = 3;",
    )
    .unwrap();
    drop(conn);

    let report = t.open().verify().unwrap();
    assert!(!report.ok);
    let bad = report.first_bad.unwrap();
    assert_eq!((bad.chain_index, bad.entry_id, bad.seq), (3, 3, 1));
    assert!(bad.reason.contains("altered"));
    assert_eq!(report.revisions_checked, 2);
}

#[test]
fn verify_notices_a_removed_revision() {
    let t = TempJournal::new();
    let mut j = t.create();
    for i in 0..3 {
        j.add(draft(&format!("entry {i}"))).unwrap();
    }
    drop(j);
    let conn = raw_connection(&t.path);
    conn.execute_batch("PRAGMA foreign_keys = OFF; DROP TRIGGER revisions_are_append_only_d; DELETE FROM revisions WHERE id = 2;").unwrap();
    drop(conn);
    let bad = t.open().verify().unwrap().first_bad.unwrap();
    assert_eq!(bad.chain_index, 3);
    assert!(bad.reason.contains("does not follow"));
}

#[test]
fn timelines_filter_by_kind_child_tag_and_day() {
    let t = TempJournal::new();
    let mut j = t.create();
    let mut a = draft("Call");
    a.tags = vec!["School".into()];
    a.occurred_at = "2026-03-01T23:30:00-05:00".into(); // 2 March in UTC, 1 March for the user
    let mut b = draft("Mediation cancelled");
    b.kind = EntryKind::Legal;
    b.channel = None;
    b.legal_step = Some(LegalStep::Mediation);
    b.children = vec!["Alex".into()];
    b.occurred_at = "2026-03-05T10:00:00+00:00".into();
    let mut c = draft("Feeling low");
    c.kind = EntryKind::Mood;
    c.channel = None;
    c.mood = Some(Mood {
        parent: 2,
        feelings: vec!["tired".into()],
        child: None,
        ..Mood::default()
    });
    c.private = true;
    c.occurred_at = "2026-03-10T21:00:00+00:00".into();
    j.add_many([a, b, c]).unwrap();

    let titles = |f: Filter| -> Vec<String> {
        j.list(&f)
            .unwrap()
            .into_iter()
            .map(|e| e.draft.title)
            .collect()
    };
    assert_eq!(
        titles(Filter::default()),
        ["Feeling low", "Mediation cancelled", "Call"]
    );
    assert_eq!(
        titles(Filter {
            kind: Some(EntryKind::Legal),
            ..Default::default()
        }),
        ["Mediation cancelled"]
    );
    assert_eq!(
        titles(Filter {
            child: Some("alex".into()),
            ..Default::default()
        }),
        ["Mediation cancelled"]
    );
    assert_eq!(
        titles(Filter {
            tag: Some("school".into()),
            ..Default::default()
        }),
        ["Call"]
    );
    assert_eq!(
        titles(Filter {
            to: Some("2026-03-01".into()),
            ..Default::default()
        }),
        ["Call"]
    );
    assert_eq!(
        titles(Filter {
            from: Some("2026-03-02".into()),
            to: Some("2026-03-09".into()),
            ..Default::default()
        }),
        ["Mediation cancelled"]
    );
    assert_eq!(
        titles(Filter {
            include_private: Some(false),
            ..Default::default()
        }),
        ["Mediation cancelled", "Call"]
    );
    assert_eq!(
        titles(Filter {
            limit: Some(1),
            offset: Some(1),
            ..Default::default()
        }),
        ["Mediation cancelled"]
    );
    assert!(matches!(
        j.list(&Filter {
            from: Some("01/03/2026".into()),
            ..Default::default()
        }),
        Err(Error::Invalid { field: "from", .. })
    ));

    let v = j.vocabulary().unwrap();
    assert_eq!(
        v.children
            .iter()
            .map(|n| (n.name.as_str(), n.count))
            .collect::<Vec<_>>(),
        [("Sam", 2), ("Alex", 1)]
    );
}

#[test]
fn a_batch_with_one_bad_entry_writes_nothing() {
    let t = TempJournal::new();
    let mut j = t.create();
    let mut bad = draft("bad date");
    bad.occurred_at = "14/03/2026".into();
    let err = j.add_many([draft("fine"), bad]).unwrap_err();
    assert!(matches!(
        err,
        Error::Invalid {
            field: "occurred_at",
            ..
        }
    ));
    assert_eq!(j.count().unwrap(), 0);
    assert!(j.verify().unwrap().ok);
}

#[test]
fn search_ranks_title_matches_first_and_marks_words() {
    let t = TempJournal::new();
    let mut j = t.create();
    let mut a = draft("Phone call");
    a.body = "Sam mentioned the dentist appointment on Friday".into();
    let mut b = draft("Dentist appointment moved");
    b.body = "The other parent moved it without asking".into();
    let mut c = draft("Unrelated");
    c.body = "Nothing about teeth".into();
    j.add_many([a, b, c]).unwrap();

    let hits = j.search("dentist", 10).unwrap();
    assert_eq!(
        hits.iter()
            .map(|h| h.entry.draft.title.as_str())
            .collect::<Vec<_>>(),
        ["Dentist appointment moved", "Phone call"]
    );
    let marked: Vec<_> = hits[1]
        .snippet
        .iter()
        .filter(|p| p.hit)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(marked, ["dentist"]);
    // Prefixes, names and punctuation all behave.
    assert_eq!(j.search("appoint", 10).unwrap().len(), 2);
    assert_eq!(j.search("sam", 10).unwrap().len(), 3);
    assert!(j.search("\"unbalanced (", 10).is_ok());
    assert!(j.search("   ", 10).unwrap().is_empty());

    let id = hits[0].entry.id;
    j.delete(id).unwrap();
    assert_eq!(j.search("moved", 10).unwrap().len(), 0);
}

#[test]
fn attachments_are_stored_with_their_hash_and_recorded_in_the_chain() {
    let t = TempJournal::new();
    let mut j = t.create();
    let id = j.add(draft("Screenshot of the message")).unwrap();
    let file = t.dir.path().join("screenshot.png");
    std::fs::write(&file, b"\x89PNG\r\n\x1a\nnot really an image").unwrap();
    let info = j.attach_file(id, &file).unwrap();
    assert_eq!(info.media_type, "image/png");
    assert_eq!(info.size, std::fs::metadata(&file).unwrap().len());
    assert_eq!(info.sha256.len(), 64);
    let (stored, bytes) = j.attachment_data(info.id).unwrap();
    assert_eq!(stored, info);
    assert_eq!(bytes, std::fs::read(&file).unwrap());
    let e = j.get(id).unwrap();
    assert_eq!(e.attachments, vec![info]);
    assert_eq!(
        j.history(id).unwrap().last().unwrap().action,
        RevisionAction::Attach
    );
    assert!(j.verify().unwrap().ok);
    // A later edit keeps the attachment.
    let mut d = e.draft;
    d.body = "added context".into();
    j.edit(id, d).unwrap();
    assert_eq!(j.get(id).unwrap().attachments.len(), 1);

    assert!(matches!(
        j.attach(999, "x.txt", b"x"),
        Err(Error::NotFound(999))
    ));
    assert!(matches!(
        j.attach_file(id, &t.dir.path().join("missing.jpg")),
        Err(Error::File { .. })
    ));
}

#[test]
fn an_attachment_over_fifty_megabytes_is_refused_before_it_is_read() {
    let t = TempJournal::new();
    let mut j = t.create();
    let id = j.add(draft("Voice note")).unwrap();
    let big = t.dir.path().join("long.wav");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(evenkeel::journal::MAX_ATTACHMENT_BYTES + 1)
        .unwrap(); // sparse: costs no disk
    let err = j.attach_file(id, &big).unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("50000000"));
    assert!(j.get(id).unwrap().attachments.is_empty());
}

#[test]
fn a_body_over_one_megabyte_is_refused_and_nothing_is_written() {
    let t = TempJournal::new();
    let mut j = t.create();
    let mut d = draft("Long");
    d.body = "word ".repeat(220_000);
    assert!(matches!(j.add(d), Err(Error::TooLarge { .. })));
    assert_eq!(j.count().unwrap(), 0);
}

#[test]
fn changing_the_passphrase_keeps_every_entry() {
    let t = TempJournal::new();
    let mut j = t.create();
    for i in 0..20 {
        j.add(draft(&format!("entry {i}"))).unwrap();
    }
    let id = j.add(draft("with attachment")).unwrap();
    j.attach(id, "note.txt", b"hello").unwrap();
    let head = j.verify().unwrap().head;
    drop(j);

    let j = t
        .open()
        .change_passphrase("a whole new passphrase")
        .unwrap();
    assert_eq!(j.count().unwrap(), 21);
    drop(j);
    assert!(matches!(
        Journal::open(&t.path, PASS),
        Err(Error::WrongPassphrase(_))
    ));
    let j = Journal::open(&t.path, "a whole new passphrase").unwrap();
    let report = j.verify().unwrap();
    assert!(report.ok);
    assert_eq!(report.head, head);
    assert_eq!(j.search("attachment", 5).unwrap().len(), 1);
    assert_eq!(j.attachment_data(1).unwrap().1, b"hello");
    let leftovers: Vec<_> = std::fs::read_dir(t.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        leftovers
            .iter()
            .all(|n| !n.to_string_lossy().contains("rekey")),
        "{leftovers:?}"
    );
}

#[test]
fn search_follows_edits_and_common_words_still_fill_the_page() {
    let t = TempJournal::new();
    let mut j = t.create();
    let drafts = (0..1100).map(|i| {
        let mut d = draft(&format!("entry {i}"));
        d.body = if i == 0 {
            "the zebra crossing".into()
        } else {
            format!("common words number {i}")
        };
        d
    });
    j.add_many(drafts).unwrap();
    let mut d = j.get(1).unwrap().draft;
    d.body = "the giraffe enclosure".into();
    j.edit(1, d).unwrap();
    assert!(
        j.search("zebra", 10).unwrap().is_empty(),
        "old words must leave the index"
    );
    assert_eq!(j.search("giraffe", 10).unwrap()[0].entry.id, 1);
    // More matches than are ranked at once: the page is still full and every hit matches.
    let hits = j.search("common", 50).unwrap();
    assert_eq!(hits.len(), 50);
    assert!(hits.iter().all(|h| h.entry.draft.body.contains("common")));
}
