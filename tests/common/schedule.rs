//! Plans and outcomes ready-made for the contact-record tests. Dates were counted on a calendar:
//! 8 January 2027 is a Friday.

use chrono::NaiveDate;
use evenkeel::schedule::{Arrangement, Outcome, OutcomeKind, Parent, PlanParts, TemplateName};
use evenkeel::Journal;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn weekends(start: &str) -> PlanParts {
    PlanParts {
        child: "Sam".into(),
        template: TemplateName::AlternateWeekends,
        start: start.into(),
        handover: Some("18:00".into()),
        until: None,
        rrule: None,
        zone: Some("Europe/London".into()),
        place: Some("the library car park".into()),
        with: Parent::Me,
        arrangement: Arrangement::SpendsTimeWith,
    }
}

pub fn outcome(occurrence: &str, kind: OutcomeKind, note: Option<&str>) -> Outcome {
    Outcome {
        occurrence: occurrence.into(),
        kind,
        note: note.map(String::from),
        entries: vec![],
    }
}

pub fn ids(j: &Journal, from: &str, to: &str) -> Vec<String> {
    j.contacts(d(from), d(to), None)
        .unwrap()
        .into_iter()
        .map(|c| c.occurrence.id)
        .collect()
}
