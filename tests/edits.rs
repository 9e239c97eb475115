//! An edit changes exactly what the user changed: every other field of every kind comes back
//! byte for byte, and a message's reading follows its text.

mod common;

use common::{draft, TempJournal};
use evenkeel::model::{
    Channel, Direction, EntryDraft, EntryKind, LegalStep, MessageDraft, MessageInfo, Mood,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

fn any_time() -> impl Strategy<Value = String> {
    (
        2020i32..2030,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
        -48i32..=56,
    )
        .prop_map(|(y, mo, d, h, mi, s, quarter_hours)| {
            let minutes = quarter_hours * 15;
            let sign = if minutes < 0 { '-' } else { '+' };
            let m = minutes.abs();
            format!(
                "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{sign}{:02}:{:02}",
                m / 60,
                m % 60
            )
        })
}

fn names() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?", 0..4)
}

fn any_draft() -> impl Strategy<Value = EntryDraft> {
    (
        // Plans and contacts hold schedule records, written through the schedule's own calls.
        prop::sample::select(
            EntryKind::ALL
                .iter()
                .copied()
                .filter(|k| !matches!(k, EntryKind::Plan | EntryKind::Contact))
                .collect::<Vec<_>>(),
        ),
        any_time(),
        "[A-Za-z][A-Za-z ,.'-]{0,40}",
        "[A-Za-z0-9][A-Za-z0-9 ,.!?'\n-]{0,200}",
        names(),
        names(),
        prop::collection::vec("[a-z]{2,10}", 0..4),
        prop::option::of("[A-Z][a-z]{2,12} (Road|School|Park)"),
        any::<bool>(),
        (
            prop::sample::select(Channel::ALL.to_vec()),
            prop::sample::select(LegalStep::ALL.to_vec()),
            1u8..=5,
            prop::option::of("[a-z]{3,10}"),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(kind, at, title, body, children, people, tags, location, private, extra)| {
                let (channel, step, mood, child_mood, sent) = extra;
                EntryDraft {
                    kind,
                    occurred_at: at,
                    title,
                    body,
                    channel: matches!(kind, EntryKind::Interaction | EntryKind::Message)
                        .then_some(channel),
                    legal_step: (kind == EntryKind::Legal).then_some(step),
                    mood: (kind == EntryKind::Mood).then(|| Mood {
                        parent: mood,
                        feelings: vec!["tired".into(), "hopeful".into()],
                        child: child_mood,
                        ..Mood::default()
                    }),
                    message: (kind == EntryKind::Message).then(|| MessageInfo {
                        direction: if sent {
                            Direction::Sent
                        } else {
                            Direction::Received
                        },
                        counterpart: "Alex".into(),
                        tone: None,
                        import: None,
                    }),
                    schedule: None,
                    children,
                    people,
                    tags,
                    location,
                    private,
                }
            },
        )
}

/// The stored content of an entry's revision, as hashed, without its title.
fn content_without_title(j: &evenkeel::Journal, id: i64, seq: usize) -> Value {
    let history = j.history(id).unwrap();
    let mut v: Value = serde_json::from_str(&history[seq - 1].canonical_content).unwrap();
    v.as_object_mut().unwrap().remove("title");
    v
}

#[test]
fn changing_the_title_keeps_every_other_field_of_every_kind() {
    let t = TempJournal::new();
    // The runner's closure may not borrow mutably: one journal for every case, behind a RefCell.
    let journal = std::cell::RefCell::new(t.create());
    let mut runner = TestRunner::new(Config {
        cases: 300,
        ..Config::default()
    });
    runner
        .run(&any_draft(), |d| {
            let mut j = journal.borrow_mut();
            let id = j.add(d).unwrap();
            let before = j.get(id).unwrap();
            let mut changed = before.draft.clone();
            changed.title = format!("{} (typo fixed)", changed.title);
            j.edit(id, changed).unwrap();
            let after = j.get(id).unwrap();
            prop_assert_eq!(after.revisions, 2);
            prop_assert_eq!(&after.draft.occurred_at, &before.draft.occurred_at);
            prop_assert_eq!(
                content_without_title(&j, id, 1),
                content_without_title(&j, id, 2)
            );
            Ok(())
        })
        .unwrap();
    assert!(journal.borrow().verify().unwrap().ok);
}

#[test]
fn a_message_keeps_its_channel_and_reading_and_is_read_again_when_its_text_changes() {
    let t = TempJournal::new();
    let mut j = t.create();
    let id = j
        .save_message(
            &MessageDraft {
                direction: Direction::Received,
                counterpart: "Alex".into(),
                channel: Some(Channel::Email),
                text: "You are a useless idiot. Pick her up at 5.".into(),
                children: vec!["Mia".into()],
            },
            "2026-07-14T10:02:30+01:00",
        )
        .unwrap();
    let before = j.get(id).unwrap();
    let reading = before.draft.message.clone().unwrap().tone.unwrap();
    assert_ne!(reading.verdict, evenkeel::tone::Verdict::Calm);

    // A title edit that even tries to slip in another reading keeps the core's own.
    let mut d = before.draft.clone();
    d.title = "Message from Alex about Friday".into();
    d.message.as_mut().unwrap().tone = None;
    j.edit(id, d).unwrap();
    let after = j.get(id).unwrap();
    assert_eq!(after.draft.channel, Some(Channel::Email));
    assert_eq!(after.draft.message, before.draft.message);
    assert_eq!(after.draft.occurred_at, "2026-07-14T10:02:30+01:00");

    // Correcting the text takes a fresh reading of the new text.
    let mut d = after.draft.clone();
    d.body = "Could you pick her up at 5 on Friday? Thanks.".into();
    j.edit(id, d).unwrap();
    let fresh = j.get(id).unwrap().draft.message.unwrap().tone.unwrap();
    assert_eq!(fresh.verdict, evenkeel::tone::Verdict::Calm);
    assert_eq!(j.get(id).unwrap().draft.channel, Some(Channel::Email));
}

#[test]
fn an_unchanged_save_adds_no_revision() {
    let t = TempJournal::new();
    let mut j = t.create();
    let mut d = draft("Handover");
    d.occurred_at = "2026-07-14T10:02:30+00:00".into();
    let id = j.add(d).unwrap();
    let same = j.get(id).unwrap().draft;
    j.edit(id, same).unwrap();
    assert_eq!(j.get(id).unwrap().revisions, 1);
}
