//! The schedule core against calendars worked out by hand: every expected date in these
//! tests was counted on a calendar, not computed.

mod compliance;
mod exceptions;
mod templates;
mod zones;

use chrono::NaiveDate;
use evenkeel::schedule::{occurrences, Arrangement, Exception, Handover, Parent, Plan, Template};

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn plan(template: Template, start: &str, zone: &str) -> Plan {
    Plan {
        id: "p1".into(),
        child: "Sam".into(),
        with: Parent::Me,
        arrangement: Arrangement::SpendsTimeWith,
        start: d(start),
        until: None,
        place: Some("the library car park".into()),
        zone: zone.into(),
        template,
    }
}

pub fn at18() -> Handover {
    Handover::at(18, 0)
}

/// (start, end) as RFC 3339 with offset, the form the CLI prints.
pub fn spans(p: &Plan, ex: &[Exception], from: &str, to: &str) -> Vec<(String, String)> {
    occurrences(p, ex, d(from), d(to))
        .unwrap()
        .iter()
        .map(|o| (o.start.to_rfc3339(), o.end.to_rfc3339()))
        .collect()
}

pub fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

pub const LONDON: &str = "Europe/London";
