//! The contact record in the journal: plans, outcomes and exceptions are revisions in the hash
//! chain; a missed contact is a timeline entry; corrections keep the earlier version; tampering
//! behind the app's back is caught. The CLI and calendar files are in `contact_cli.rs`.

mod common;

use common::raw_connection;
use common::schedule::{d, ids, outcome, weekends};
use common::TempJournal;
use evenkeel::model::{EntryKind, Filter, RevisionAction};
use evenkeel::schedule::{Exception, ExceptionKind, HolidayEffect, OutcomeKind, Parent};

#[test]
fn a_missed_contact_is_a_timeline_entry_and_a_correction_keeps_the_first_account() {
    let t = TempJournal::new();
    let mut j = t.create();
    let plan = j
        .add_plan(
            weekends("2027-01-08").to_plan("").unwrap(),
            "Order of 4 Dec 2026",
        )
        .unwrap();
    let p = &plan.id;
    assert_eq!(
        ids(&j, "2027-01-01", "2027-02-28"),
        ["2027-01-08", "2027-01-22", "2027-02-05", "2027-02-19"].map(|x| format!("{p}:{x}"))
    );

    let missed = j
        .log_outcome(outcome(
            &format!("{p}:2027-01-22"),
            OutcomeKind::Missed,
            Some("Nobody at the door at 18:00; waited 40 minutes."),
        ))
        .unwrap();
    let entry = j.get(missed).unwrap();
    assert_eq!(entry.draft.kind, EntryKind::MissedContact);
    assert_eq!(
        entry.draft.title,
        "Missed contact: Sam, Friday 22 January 2027 at 18:00"
    );
    assert_eq!(entry.draft.occurred_at, "2027-01-22T18:00:00+00:00");
    assert_eq!(
        entry.draft.body,
        "Nobody at the door at 18:00; waited 40 minutes."
    );
    let timeline = j
        .list(&Filter {
            kind: Some(EntryKind::MissedContact),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(
        timeline.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![missed]
    );

    j.log_outcome(outcome(&format!("{p}:2027-01-08"), OutcomeKind::Kept, None))
        .unwrap();
    // The other parent later says they had cancelled by text: the same entry, corrected.
    let corrected = j
        .log_outcome(outcome(
            &format!("{p}:2027-01-22"),
            OutcomeKind::Cancelled {
                by: Parent::Other,
                reason: "Said by text at 17:55 that Sam was ill".into(),
            },
            Some("Text arrived at 17:55, after I had set off."),
        ))
        .unwrap();
    assert_eq!(corrected, missed);
    let history = j.history(missed).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].action, RevisionAction::Edit);
    assert!(history[0]
        .canonical_content
        .contains("\"outcome\":\"missed\""));
    assert!(history[1]
        .canonical_content
        .contains("\"outcome\":\"cancelled\""));

    let figures = j
        .compliance(d("2027-01-01"), d("2027-02-28"), None)
        .unwrap();
    assert_eq!(figures.len(), 1);
    let c = &figures[0];
    assert_eq!(
        (
            c.planned,
            c.kept,
            c.missed,
            c.cancelled_by_other,
            c.unlogged
        ),
        (4, 1, 0, 1, 2)
    );
    let contacts = j
        .contacts(d("2027-01-20"), d("2027-01-25"), Some("sam"))
        .unwrap();
    assert_eq!(contacts[0].entry, Some(missed));
    assert_eq!(
        contacts[0].outcome.as_ref().unwrap().note.as_deref(),
        Some("Text arrived at 17:55, after I had set off.")
    );

    let report = j.verify().unwrap();
    assert!(report.ok, "{report:?}");
}

#[test]
fn changing_a_plan_adds_a_revision_and_keeps_its_id_and_outcomes() {
    let t = TempJournal::new();
    let mut j = t.create();
    let plan = j
        .add_plan(weekends("2027-01-08").to_plan("").unwrap(), "")
        .unwrap();
    let first = format!("{}:2027-01-08", plan.id);
    j.log_outcome(outcome(&first, OutcomeKind::Kept, None))
        .unwrap();

    let mut later = weekends("2027-01-08");
    later.handover = Some("17:00".into());
    j.edit_plan(later.to_plan(&plan.id).unwrap()).unwrap();
    let contacts = j.contacts(d("2027-01-01"), d("2027-01-31"), None).unwrap();
    assert_eq!(
        contacts[0].occurrence.start.to_rfc3339(),
        "2027-01-08T17:00:00+00:00"
    );
    assert_eq!(contacts[0].occurrence.id, first);
    assert!(contacts[0].outcome.is_some(), "the outcome stays with it");

    j.end_plan(&plan.id, d("2027-01-31")).unwrap();
    assert_eq!(ids(&j, "2027-01-01", "2027-03-31").len(), 2);
    let entry_id: i64 = plan.id.parse().unwrap();
    let history = j.history(entry_id).unwrap();
    assert_eq!(history.len(), 3, "added, handover changed, ended");
    assert!(history[0].canonical_content.contains("18:00"));
    assert!(j
        .get(entry_id)
        .unwrap()
        .draft
        .title
        .ends_with("until 31 January 2027"));
    assert!(j.verify().unwrap().ok);
}

#[test]
fn a_holiday_pauses_the_plan_and_is_itself_a_record() {
    let t = TempJournal::new();
    let mut j = t.create();
    let plan = j
        .add_plan(weekends("2027-01-08").to_plan("").unwrap(), "")
        .unwrap();
    let entry = j
        .add_exception(
            Exception {
                plan: Some(plan.id.clone()),
                label: "Spring half term".into(),
                kind: ExceptionKind::Holiday {
                    from: d("2027-02-13"),
                    to: d("2027-02-21"),
                    effect: HolidayEffect::Suspend,
                },
            },
            "Agreed by email on 2 February.",
        )
        .unwrap();
    assert_eq!(
        ids(&j, "2027-02-01", "2027-02-28"),
        vec![format!("{}:2027-02-05", plan.id)]
    );
    assert_eq!(
        j.get(entry).unwrap().draft.title,
        "Spring half term: plans paused 13 February 2027 to 21 February 2027"
    );
    assert_eq!(j.exceptions().unwrap().len(), 1);
}

#[test]
fn outcomes_that_do_not_fit_are_refused_and_nothing_is_written() {
    let t = TempJournal::new();
    let mut j = t.create();
    let plan = j
        .add_plan(weekends("2027-01-08").to_plan("").unwrap(), "")
        .unwrap();
    let before = j.count().unwrap();
    let off_week = j
        .log_outcome(outcome(
            &format!("{}:2027-01-15", plan.id),
            OutcomeKind::Missed,
            None,
        ))
        .unwrap_err();
    assert_eq!(
        off_week.to_string(),
        format!(
            "occurrence: plan {} has no contact planned on 2027-01-15; `evenkeel schedule show` lists them",
            plan.id
        )
    );
    let too_late = j
        .log_outcome(outcome(
            &format!("{}:2027-01-08", plan.id),
            OutcomeKind::Late { minutes: 5000 },
            None,
        ))
        .unwrap_err();
    assert!(
        too_late.to_string().contains("log it as missed"),
        "{too_late}"
    );
    let no_plan = j
        .log_outcome(outcome("999:2027-01-08", OutcomeKind::Kept, None))
        .unwrap_err();
    assert!(no_plan
        .to_string()
        .starts_with("plan: there is no plan \"999\""));
    assert_eq!(j.count().unwrap(), before);
}

/// Behind the app's back, with the passphrase: the stored plan's handover is moved an hour.
/// The contact record would then show every weekend at the new time; verify must say so.
#[test]
fn a_plan_rewritten_behind_the_apps_back_fails_verification() {
    let t = TempJournal::new();
    let mut j = t.create();
    let plan = j
        .add_plan(weekends("2027-01-08").to_plan("").unwrap(), "")
        .unwrap();
    drop(j);
    let conn = raw_connection(&t.path);
    conn.execute_batch(
        "DROP TRIGGER revisions_are_append_only_u;
         UPDATE revisions SET content = replace(content, '18:00:00', '19:00:00');",
    )
    .unwrap();
    drop(conn);
    let j = t.open();
    let moved = j.contacts(d("2027-01-08"), d("2027-01-08"), None).unwrap();
    assert_eq!(moved[0].occurrence.id, format!("{}:2027-01-08", plan.id));
    let report = j.verify().unwrap();
    assert!(!report.ok);
    let bad = report.first_bad.expect("the altered revision is named");
    assert_eq!(bad.entry_id.to_string(), plan.id);
}
