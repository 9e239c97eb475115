//! Compliance over a date range, per child: the planned contact against what the outcomes say
//! happened, in the numbers a parent would say ("14 of 22 kept").

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::occurrences::Occurrence;
use super::outcome::{Outcome, OutcomeKind};
use super::plan::Parent;

/// Planned and actual time with one parent.
#[derive(Serialize, Deserialize, TS, Clone, Debug, Default, PartialEq)]
pub struct ParentTime {
    pub planned_hours: f64,
    pub actual_hours: f64,
    pub planned_overnights: u32,
    pub actual_overnights: u32,
}

/// An occurrence that did not go as planned.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq)]
pub struct Deviation {
    pub occurrence: String,
    #[ts(type = "string")]
    pub date: NaiveDate,
    #[ts(type = "string")]
    pub start: DateTime<FixedOffset>,
    #[serde(flatten)]
    pub outcome: OutcomeKind,
    /// Planned minutes that did not happen (0 for a swap).
    pub minutes_lost: i64,
    pub note: Option<String>,
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq)]
pub struct Compliance {
    pub child: String,
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
    pub planned: u32,
    pub kept: u32,
    pub late: u32,
    pub short: u32,
    pub missed: u32,
    pub cancelled_by_me: u32,
    pub cancelled_by_other: u32,
    pub swapped: u32,
    pub unlogged: u32,
    pub me: ParentTime,
    pub other: ParentTime,
    /// Of the planned time whose outcome is known (logged, and not swapped for other time),
    /// the percentage that happened, to one decimal; `None` when there is none.
    pub percent_happened: Option<f64>,
    pub deviations: Vec<Deviation>,
}

/// Compliance per child (sorted by name) over the occurrences starting on a local date from
/// `from` to `to`. `outcomes` holds each occurrence's current outcome; where one occurrence
/// has several, the last counts (a correction comes after what it corrects).
pub fn compliance(
    occurrences: &[Occurrence],
    outcomes: &[Outcome],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Compliance> {
    let mut latest: FxHashMap<&str, &Outcome> = FxHashMap::default();
    for outcome in outcomes {
        latest.insert(outcome.occurrence.as_str(), outcome);
    }

    let mut per_child: BTreeMap<&str, Tally> = BTreeMap::new();
    for o in occurrences {
        let day = o.start.date_naive();
        if day < from || day > to {
            continue;
        }
        per_child
            .entry(o.child.as_str())
            .or_default()
            .add(o, latest.get(o.id.as_str()).copied());
    }
    per_child
        .into_iter()
        .map(|(child, tally)| tally.finish(child, from, to))
        .collect()
}

#[derive(Default)]
struct Minutes {
    planned: i64,
    actual: i64,
    planned_overnights: u32,
    actual_overnights: u32,
}

#[derive(Default)]
struct Tally {
    counts: Counts,
    me: Minutes,
    other: Minutes,
    known_planned: i64,
    known_actual: i64,
    deviations: Vec<Deviation>,
}

#[derive(Default)]
struct Counts {
    planned: u32,
    kept: u32,
    late: u32,
    short: u32,
    missed: u32,
    cancelled_by_me: u32,
    cancelled_by_other: u32,
    swapped: u32,
    unlogged: u32,
}

impl Tally {
    fn add(&mut self, o: &Occurrence, outcome: Option<&Outcome>) {
        let c = &mut self.counts;
        c.planned += 1;
        let planned = o.minutes();
        let side = match o.with {
            Parent::Me => &mut self.me,
            Parent::Other => &mut self.other,
        };
        side.planned += planned;
        side.planned_overnights += overnights(o.start, o.end);

        let Some(outcome) = outcome else {
            c.unlogged += 1;
            return;
        };
        match &outcome.kind {
            OutcomeKind::Kept => c.kept += 1,
            OutcomeKind::Late { .. } => c.late += 1,
            OutcomeKind::Short { .. } => c.short += 1,
            OutcomeKind::Missed => c.missed += 1,
            OutcomeKind::Cancelled { by: Parent::Me, .. } => c.cancelled_by_me += 1,
            OutcomeKind::Cancelled {
                by: Parent::Other, ..
            } => c.cancelled_by_other += 1,
            OutcomeKind::Swapped => c.swapped += 1,
        }
        let actual = outcome.actual(o).map_or(0, |(start, end)| {
            side.actual_overnights += overnights(start, end);
            (end - start).num_minutes()
        });
        side.actual += actual;
        // A swap moves the time elsewhere: it counts neither for nor against.
        if outcome.kind != OutcomeKind::Swapped {
            self.known_planned += planned;
            self.known_actual += actual;
        }
        if outcome.kind != OutcomeKind::Kept {
            let lost = if outcome.kind == OutcomeKind::Swapped {
                0
            } else {
                planned - actual
            };
            self.deviations.push(Deviation {
                occurrence: o.id.clone(),
                date: o.planned,
                start: o.start,
                outcome: outcome.kind.clone(),
                minutes_lost: lost,
                note: outcome.note.clone(),
            });
        }
    }

    fn finish(mut self, child: &str, from: NaiveDate, to: NaiveDate) -> Compliance {
        let c = self.counts;
        self.deviations.sort_by_key(|a| a.start);
        let percent_happened = (self.known_planned > 0).then(|| {
            (self.known_actual as f64 * 1000.0 / self.known_planned as f64).round() / 10.0
        });
        Compliance {
            child: child.to_string(),
            from,
            to,
            planned: c.planned,
            kept: c.kept,
            late: c.late,
            short: c.short,
            missed: c.missed,
            cancelled_by_me: c.cancelled_by_me,
            cancelled_by_other: c.cancelled_by_other,
            swapped: c.swapped,
            unlogged: c.unlogged,
            me: self.me.into(),
            other: self.other.into(),
            percent_happened,
            deviations: self.deviations,
        }
    }
}

impl From<Minutes> for ParentTime {
    fn from(m: Minutes) -> ParentTime {
        let hours = |minutes: i64| (minutes as f64 / 60.0 * 100.0).round() / 100.0;
        ParentTime {
            planned_hours: hours(m.planned),
            actual_hours: hours(m.actual),
            planned_overnights: m.planned_overnights,
            actual_overnights: m.actual_overnights,
        }
    }
}

/// Local midnights strictly inside the stretch: the nights the child slept there. Each end is
/// read in its own offset, so a stretch across a clock change still counts its nights right.
fn overnights(start: DateTime<FixedOffset>, end: DateTime<FixedOffset>) -> u32 {
    let (start, end) = (start.naive_local(), end.naive_local());
    let mut days = (end.date() - start.date()).num_days();
    if days > 0 && end.time() == NaiveTime::MIN {
        days -= 1; // handed back exactly at midnight: that midnight is not slept through
    }
    u32::try_from(days.max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn overnights_count_the_midnights_slept_through() {
        let nights = |a, b| overnights(at(a), at(b));
        assert_eq!(
            nights("2027-01-08T18:00:00+00:00", "2027-01-10T18:00:00+00:00"),
            2
        );
        assert_eq!(
            nights("2027-01-06T16:00:00+00:00", "2027-01-06T19:00:00+00:00"),
            0
        );
        // Handed back at midnight: the evening is not a night.
        assert_eq!(
            nights("2027-01-06T16:00:00+00:00", "2027-01-07T00:00:00+00:00"),
            0
        );
        // Across the spring clock change, read in each end's own offset.
        assert_eq!(
            nights("2027-03-26T18:00:00+00:00", "2027-03-28T18:00:00+01:00"),
            2
        );
    }
}
