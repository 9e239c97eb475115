//! Messages to and from the other parent: drafts kept inside the journal, saving what was sent
//! or received with the checker's reading, and the checker's own settings.

mod common;

use common::{raw_connection, TempJournal, PASS};
use evenkeel::model::{Channel, Direction, EntryKind, Filter, MessageDraft};
use evenkeel::tone::{Sensitivity, ToneSettings, Verdict, MAX_MESSAGE_BYTES};
use evenkeel::{Error, Journal};

fn message(direction: Direction, text: &str) -> MessageDraft {
    MessageDraft {
        direction,
        counterpart: "Alex".into(),
        channel: Some(Channel::Text),
        text: text.into(),
        children: vec!["Sam".into()],
    }
}

#[test]
fn a_sent_message_is_kept_verbatim_with_its_reading_and_shows_in_the_timeline() {
    let t = TempJournal::new();
    let mut j = t.create();
    let text = "You ALWAYS do this!!! Pick Sam up at 5 on Friday.\n";
    j.save_message_draft(&message(Direction::Sent, text))
        .unwrap();
    let id = j
        .save_message(&message(Direction::Sent, text), "2026-03-14T18:00:00+00:00")
        .unwrap();

    let entry = j.get(id).unwrap();
    assert_eq!(entry.draft.kind, EntryKind::Message);
    assert_eq!(entry.draft.body, text, "the text is stored exactly as sent");
    assert_eq!(entry.draft.title, "Message to Alex");
    assert_eq!(entry.draft.channel, Some(Channel::Text));
    assert_eq!(entry.draft.people, vec!["Alex".to_string()]);
    assert_eq!(entry.draft.children, vec!["Sam".to_string()]);
    let info = entry.draft.message.as_ref().unwrap();
    assert_eq!(info.direction, Direction::Sent);
    let tone = info.tone.as_ref().unwrap();
    assert_ne!(
        tone.verdict,
        Verdict::Calm,
        "the reading at the time is kept"
    );
    assert!(!tone.findings.is_empty());

    // Sending discards the draft, and the message is in the record and its hash chain.
    assert_eq!(j.message_draft(Direction::Sent).unwrap(), None);
    let listed = j
        .list(&Filter {
            kind: Some(EntryKind::Message),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert!(j.verify().unwrap().ok);
    let hits = j.search("Friday", 10).unwrap();
    assert_eq!(hits.first().map(|h| h.entry.id), Some(id));
}

#[test]
fn a_received_message_keeps_every_character_and_names_the_sender() {
    let t = TempJournal::new();
    let mut j = t.create();
    let text = "  what is WRONG with you??\n\n\tBring her coat.  ";
    let mut draft = message(Direction::Received, text);
    draft.counterpart = "  ".into();
    let id = j.save_message(&draft, "2026-03-14T18:00:00+01:00").unwrap();
    let entry = t.open().get(id).unwrap();
    assert_eq!(entry.draft.body, text);
    assert_eq!(entry.draft.title, "Message from the other parent");
    assert!(entry.draft.people.is_empty());
    assert_eq!(entry.draft.occurred_at, "2026-03-14T18:00:00+01:00");
}

#[test]
fn drafts_survive_a_restart_one_per_direction_and_stay_encrypted() {
    let t = TempJournal::new();
    let secret = "Draft about the dentist appointment zqxv";
    {
        let mut j = t.create();
        j.save_message_draft(&message(Direction::Sent, "first"))
            .unwrap();
        j.save_message_draft(&message(Direction::Sent, secret))
            .unwrap();
        j.save_message_draft(&message(Direction::Received, "theirs"))
            .unwrap();
    }
    let j = t.open();
    assert_eq!(
        j.message_draft(Direction::Sent).unwrap().unwrap().text,
        secret
    );
    assert_eq!(
        j.message_draft(Direction::Received).unwrap().unwrap().text,
        "theirs"
    );
    // Drafts are not records: they never enter the timeline or the hash chain.
    assert_eq!(j.count().unwrap(), 0);
    assert_eq!(j.verify().unwrap().revisions_checked, 0);
    drop(j);
    let bytes = std::fs::read(&t.path).unwrap();
    assert!(
        !bytes.windows(4).any(|w| w == b"zqxv"),
        "the draft is encrypted on disk"
    );

    let mut j = t.open();
    j.discard_message_draft(Direction::Sent).unwrap();
    assert_eq!(j.message_draft(Direction::Sent).unwrap(), None);
    assert!(j.message_draft(Direction::Received).unwrap().is_some());
}

#[test]
fn a_message_too_large_or_empty_is_refused_and_the_draft_is_kept() {
    let t = TempJournal::new();
    let mut j = t.create();
    let huge = "a".repeat(MAX_MESSAGE_BYTES + 1);
    j.save_message_draft(&message(Direction::Sent, "keep me"))
        .unwrap();
    let err = j
        .save_message(&message(Direction::Sent, &huge), "2026-03-14T18:00:00Z")
        .unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }), "{err}");
    let err = j
        .save_message(&message(Direction::Sent, " \n "), "2026-03-14T18:00:00Z")
        .unwrap_err();
    assert!(err.to_string().starts_with("body:"), "{err}");
    let err = j
        .save_message(&message(Direction::Sent, "Fine."), "Friday at five")
        .unwrap_err();
    assert!(err.to_string().starts_with("occurred_at:"), "{err}");
    assert_eq!(j.count().unwrap(), 0);
    assert_eq!(
        j.message_draft(Direction::Sent).unwrap().unwrap().text,
        "keep me"
    );
}

#[test]
fn a_message_entry_needs_its_details_and_other_kinds_refuse_them() {
    let t = TempJournal::new();
    let mut j = t.create();
    let mut d = common::draft("Texted about Friday");
    d.kind = EntryKind::Message;
    d.body = "See you Friday.".into();
    let err = j.add(d.clone()).unwrap_err();
    assert!(err.to_string().starts_with("message:"), "{err}");

    let id = j
        .save_message(
            &message(Direction::Sent, "See you Friday."),
            "2026-03-14T18:00:00Z",
        )
        .unwrap();
    let mut e = j.get(id).unwrap().draft;
    let info = e.message.clone();
    e.kind = EntryKind::Note;
    e.channel = None;
    let err = j.edit(id, e.clone()).unwrap_err();
    assert!(err.to_string().starts_with("message:"), "{err}");

    // Editing a message (adding a tag, say) keeps its details and the reading.
    e.kind = EntryKind::Message;
    e.tags = vec!["school".into()];
    j.edit(id, e).unwrap();
    assert_eq!(j.get(id).unwrap().draft.message, info);
}

#[test]
fn the_checkers_settings_are_tidied_stored_and_used() {
    let t = TempJournal::new();
    let mut j = t.create();
    assert_eq!(j.tone_settings().unwrap(), ToneSettings::default());
    let stored = j
        .set_tone_settings(&ToneSettings {
            never_flag: vec![" stupid ".into(), "".into(), "STUPID".into()],
            extra_words: vec!["whatever".into()],
            sensitivity: Sensitivity::High,
        })
        .unwrap();
    assert_eq!(stored.never_flag, vec!["stupid".to_string()]);
    drop(j);
    let mut j = t.open();
    assert_eq!(j.tone_settings().unwrap(), stored);

    // The saved reading uses the settings: the never-flag word is not a finding, the extra one is.
    let id = j
        .save_message(
            &message(Direction::Sent, "That stupid form again, whatever."),
            "2026-03-14T18:00:00Z",
        )
        .unwrap();
    let tone = j.get(id).unwrap().draft.message.unwrap().tone.unwrap();
    assert!(tone.findings.iter().all(|f| f.text != "stupid"), "{tone:?}");
    assert!(
        tone.findings.iter().any(|f| f.text == "whatever"),
        "{tone:?}"
    );

    let err = j
        .set_tone_settings(&ToneSettings {
            extra_words: vec!["x".repeat(61)],
            ..ToneSettings::default()
        })
        .unwrap_err();
    assert!(err.to_string().starts_with("extra_words:"), "{err}");
}

#[test]
fn a_journal_from_before_messages_is_upgraded_in_place() {
    let t = TempJournal::new();
    let id = {
        let mut j = t.create();
        j.add(common::draft("Before the upgrade")).unwrap()
    };
    // Turn the file back into a format-1 journal, as the first release wrote it.
    {
        let conn = raw_connection(&t.path);
        conn.execute_batch(
            "DROP TABLE message_drafts; DROP TABLE settings;
             DROP TRIGGER attachments_are_append_only_u; DROP TRIGGER attachments_are_append_only_d;
             DROP TRIGGER entries_are_append_only_u; DROP TRIGGER entries_are_append_only_d;
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let mut j = Journal::open(&t.path, PASS).unwrap();
    assert_eq!(j.get(id).unwrap().draft.title, "Before the upgrade");
    j.save_message_draft(&message(Direction::Sent, "after"))
        .unwrap();
    assert!(j.verify().unwrap().ok);
    drop(j);
    // Format 3 came along too: entry rows are append-only now.
    let err = raw_connection(&t.path)
        .execute("UPDATE entries SET created_at = 'x'", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}
