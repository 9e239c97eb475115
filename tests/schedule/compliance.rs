//! Compliance against a hand-worked half year, and outcome checks.

use super::*;
use chrono::Weekday;
use evenkeel::schedule::{compliance, Occurrence, Outcome, OutcomeKind};

fn outcome(o: &Occurrence, kind: OutcomeKind) -> Outcome {
    let out = Outcome {
        occurrence: o.id.clone(),
        kind,
        note: None,
        entries: vec![],
    };
    out.validate(o).unwrap();
    out
}

#[test]
fn compliance_over_a_hand_worked_half_year() {
    // Sam: every weekend with me from Friday 8 Jan to Friday 4 Jun 2027, 22 weekends; the one
    // from 26 March crosses the spring clock change (47 hours), the rest are 48.
    let sam = plan(
        Template::EveryWeekend { handover: at18() },
        "2027-01-04",
        LONDON,
    );
    let weekends = occurrences(&sam, &[], d("2027-01-01"), d("2027-06-06")).unwrap();
    assert_eq!(weekends.len(), 22);
    assert_eq!(weekends[11].planned, d("2027-03-26"));
    assert_eq!(weekends[21].planned, d("2027-06-04"));

    let cancelled = |by| OutcomeKind::Cancelled {
        by,
        reason: "a party".into(),
    };
    let mut outcomes = Vec::new();
    for (i, w) in weekends.iter().enumerate() {
        let kind = match i {
            0..=9 | 11 => OutcomeKind::Kept,
            10 => OutcomeKind::Late { minutes: 30 },
            12 => OutcomeKind::Short { minutes: 120 },
            13 | 14 => OutcomeKind::Missed,
            15..=18 => cancelled(Parent::Other),
            19 => cancelled(Parent::Me),
            20 => OutcomeKind::Swapped,
            _ => continue, // 4 June is not logged yet
        };
        outcomes.push(outcome(w, kind));
    }
    // A correction comes later in the record and wins: 8 January was first logged as missed.
    outcomes.insert(0, outcome(&weekends[0], OutcomeKind::Missed));

    // Alex: Wednesday evenings with the other parent in January 2027: 6, 13, 20, 27.
    let mut alex = plan(
        Template::MidweekEvening {
            weekday: Weekday::Wed,
            handover: Handover::between((16, 0), (19, 0)),
        },
        "2027-01-06",
        LONDON,
    );
    alex.id = "p2".into();
    alex.child = "Alex".into();
    alex.with = Parent::Other;
    alex.arrangement = Arrangement::LivesWith;
    let evenings = occurrences(&alex, &[], d("2027-01-01"), d("2027-01-31")).unwrap();
    assert_eq!(evenings.len(), 4);
    outcomes.push(outcome(&evenings[0], OutcomeKind::Kept));
    outcomes.push(outcome(&evenings[1], OutcomeKind::Missed));

    let all: Vec<Occurrence> = weekends.iter().chain(&evenings).cloned().collect();
    let report = compliance(&all, &outcomes, d("2027-01-01"), d("2027-06-06"));
    assert_eq!(report.len(), 2);

    let a = &report[0];
    assert_eq!(a.child, "Alex");
    assert_eq!((a.planned, a.kept, a.missed, a.unlogged), (4, 1, 1, 2));
    assert_eq!(a.other.planned_hours, 12.0);
    assert_eq!(a.other.actual_hours, 3.0);
    assert_eq!(
        (a.other.planned_overnights, a.other.actual_overnights),
        (0, 0)
    );
    assert_eq!(a.me.planned_hours, 0.0);
    assert_eq!(a.percent_happened, Some(50.0));

    let s = &report[1];
    assert_eq!(s.child, "Sam");
    // "11 of 22 kept; 1 late, 1 short, 2 missed, 4 cancelled by the other parent, 1 by me."
    assert_eq!(s.planned, 22);
    assert_eq!(s.kept, 11);
    assert_eq!(s.late, 1);
    assert_eq!(s.short, 1);
    assert_eq!(s.missed, 2);
    assert_eq!(s.cancelled_by_other, 4);
    assert_eq!(s.cancelled_by_me, 1);
    assert_eq!(s.swapped, 1);
    assert_eq!(s.unlogged, 1);
    // 21 × 48 h + 47 h planned; kept 10 × 48 + 47, late 47.5, short 46.
    assert_eq!(s.me.planned_hours, 1055.0);
    assert_eq!(s.me.actual_hours, 620.5);
    assert_eq!(s.me.planned_overnights, 44);
    assert_eq!(s.me.actual_overnights, 26);
    assert_eq!(s.other, Default::default());
    // Swapped and unlogged weekends count neither way: 620.5 of 19 × 48 + 47 = 959 hours.
    assert_eq!(s.percent_happened, Some(64.7));

    let deviations: Vec<(NaiveDate, &str, i64)> = s
        .deviations
        .iter()
        .map(|d| (d.date, d.outcome.name(), d.minutes_lost))
        .collect();
    assert_eq!(
        deviations,
        [
            (d("2027-03-19"), "late", 30),
            (d("2027-04-02"), "short", 120),
            (d("2027-04-09"), "missed", 2880),
            (d("2027-04-16"), "missed", 2880),
            (d("2027-04-23"), "cancelled", 2880),
            (d("2027-04-30"), "cancelled", 2880),
            (d("2027-05-07"), "cancelled", 2880),
            (d("2027-05-14"), "cancelled", 2880),
            (d("2027-05-21"), "cancelled", 2880),
            (d("2027-05-28"), "swapped", 0),
        ]
    );
}

#[test]
fn outcomes_are_checked_against_their_occurrence() {
    let p = plan(
        Template::EveryWeekend { handover: at18() },
        "2027-01-04",
        LONDON,
    );
    let o = &occurrences(&p, &[], d("2027-01-08"), d("2027-01-08")).unwrap()[0];
    let check = |kind| {
        Outcome {
            occurrence: o.id.clone(),
            kind,
            note: Some("waited at the gate".into()),
            entries: vec![12],
        }
        .validate(o)
        .unwrap_err()
        .to_string()
    };
    assert_eq!(
        check(OutcomeKind::Late { minutes: 2880 }),
        "minutes: 2880 minutes late is not less than the whole 2880 minutes; log it as missed"
    );
    assert_eq!(
        check(OutcomeKind::Short { minutes: 0 }),
        "minutes: say how many minutes short; 0 minutes is kept"
    );
    assert_eq!(
        check(OutcomeKind::Cancelled {
            by: Parent::Other,
            reason: " ".into()
        }),
        "reason: say why it was cancelled, in a few words"
    );
    let json = serde_json::to_value(Outcome {
        occurrence: o.id.clone(),
        kind: OutcomeKind::Cancelled {
            by: Parent::Other,
            reason: "ill".into(),
        },
        note: None,
        entries: vec![],
    })
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({"occurrence": "p1:2027-01-08", "outcome": "cancelled", "by": "other", "reason": "ill", "note": null, "entries": []})
    );
}
