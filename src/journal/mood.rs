//! Mood over time, from the mood entries: a weekly average, and mood around planned contact
//! (what the parent and the child felt around contact that happened, against contact that did
//! not). Pure arithmetic over the record; nothing is stored.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::schedule::Contact;
use super::Journal;
use crate::error::Result;
use crate::model::{EntryKind, Filter, Mood};
use crate::schedule::OutcomeKind;
use crate::validate;

/// One week (Monday to Sunday) of the parent's mood.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq)]
pub struct MoodWeek {
    /// The Monday, YYYY-MM-DD.
    #[ts(type = "string")]
    pub week: NaiveDate,
    /// Mean of the parent's mood (1–5), to one decimal.
    pub average: f64,
    pub entries: u32,
}

/// Mood in the check-ins about planned contacts with one kind of outcome.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq)]
pub struct MoodAround {
    /// `happened` (kept, late or short), `did-not-happen` (missed or cancelled) or `not-logged`.
    pub contact: String,
    pub entries: u32,
    pub parent_average: Option<f64>,
    pub child_before_average: Option<f64>,
    pub child_after_average: Option<f64>,
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq)]
pub struct MoodTrends {
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
    pub weeks: Vec<MoodWeek>,
    pub around_contact: Vec<MoodAround>,
}

/// A check-in counts for a contact when it names it, or when it was written from a day before
/// the contact started to two days after (a parent checks in once the child is back).
const BEFORE: i64 = 1;
const AFTER: i64 = 2;

impl Journal {
    /// Mood over the days `from` to `to`, private entries included: the trends are for the
    /// parent, and mood entries are private by default.
    pub fn mood_trends(&self, from: NaiveDate, to: NaiveDate) -> Result<MoodTrends> {
        let entries = self.list(&Filter {
            kind: Some(EntryKind::Mood),
            from: Some(from.to_string()),
            to: Some(to.to_string()),
            include_private: Some(true),
            limit: Some(u32::MAX),
            ..Filter::default()
        })?;
        let mut moods = Vec::new();
        for e in entries {
            if let Some(m) = e.draft.mood {
                let at = validate::parse_occurred_at(&e.draft.occurred_at)?;
                moods.push((at.date_naive(), m));
            }
        }
        let contacts = self.contacts(
            from - Duration::days(AFTER),
            to + Duration::days(BEFORE),
            None,
        )?;
        Ok(trends(from, to, &moods, &contacts))
    }
}

/// The trends of `moods` (each with the local day it was written) against `contacts`.
pub fn trends(
    from: NaiveDate,
    to: NaiveDate,
    moods: &[(NaiveDate, Mood)],
    contacts: &[Contact],
) -> MoodTrends {
    let mut weeks: BTreeMap<NaiveDate, (u32, u32)> = BTreeMap::new();
    for (day, m) in moods {
        let monday = *day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        let w = weeks.entry(monday).or_default();
        w.0 += u32::from(m.parent);
        w.1 += 1;
    }
    let weeks = weeks
        .into_iter()
        .map(|(week, (sum, n))| MoodWeek {
            week,
            average: round1(f64::from(sum) / f64::from(n)),
            entries: n,
        })
        .collect();

    let mut groups: BTreeMap<&'static str, Vec<&Mood>> = BTreeMap::new();
    for (day, m) in moods {
        let contact = match &m.occurrence {
            Some(id) => contacts.iter().find(|c| &c.occurrence.id == id),
            None => contacts.iter().find(|c| {
                let start = c.occurrence.start.date_naive();
                *day >= start - Duration::days(BEFORE) && *day <= start + Duration::days(AFTER)
            }),
        };
        let Some(contact) = contact else { continue };
        let group = match contact.outcome.as_ref().map(|o| &o.kind) {
            None => "not-logged",
            Some(OutcomeKind::Missed | OutcomeKind::Cancelled { .. }) => "did-not-happen",
            Some(OutcomeKind::Swapped) => continue, // other time was given instead
            Some(_) => "happened",
        };
        groups.entry(group).or_default().push(m);
    }
    let around_contact = ["happened", "did-not-happen", "not-logged"]
        .into_iter()
        .filter_map(|name| {
            let ms = groups.get(name)?;
            let mean = |f: &dyn Fn(&Mood) -> Option<u8>| {
                let values: Vec<f64> = ms.iter().filter_map(|m| f(m)).map(f64::from).collect();
                (!values.is_empty())
                    .then(|| round1(values.iter().sum::<f64>() / values.len() as f64))
            };
            Some(MoodAround {
                contact: name.to_string(),
                entries: ms.len() as u32,
                parent_average: mean(&|m| Some(m.parent)),
                child_before_average: mean(&|m| m.child_before),
                child_after_average: mean(&|m| m.child_after),
            })
        })
        .collect();
    MoodTrends {
        from,
        to,
        weeks,
        around_contact,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{Occurrence, Outcome, Parent};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, d).unwrap()
    }

    fn mood(parent: u8, before: Option<u8>, after: Option<u8>) -> Mood {
        Mood {
            parent,
            child_before: before,
            child_after: after,
            ..Mood::default()
        }
    }

    fn contact(d: u32, outcome: Option<OutcomeKind>) -> Contact {
        let id = format!("1:{}", day(d));
        Contact {
            occurrence: Occurrence {
                id: id.clone(),
                plan: "1".into(),
                child: "Sam".into(),
                with: Parent::Me,
                start: format!("{}T18:00:00+00:00", day(d)).parse().unwrap(),
                end: format!("{}T18:00:00+00:00", day(d + 2)).parse().unwrap(),
                planned: day(d),
                exception: None,
            },
            outcome: outcome.map(|kind| Outcome {
                occurrence: id,
                kind,
                note: None,
                entries: vec![],
            }),
            entry: None,
        }
    }

    /// Worked by hand: March 2027 starts on a Monday. Weekends of the 5th (kept) and the 19th
    /// (missed); check-ins on the 1st (no contact near), 6th and 7th (around the kept one),
    /// 20th (around the missed one) and one naming the missed contact from the 25th.
    #[test]
    fn weekly_means_and_mood_around_kept_and_missed_contact() {
        let moods = vec![
            (day(1), mood(3, None, None)),
            (day(6), mood(4, Some(3), Some(5))),
            (day(7), mood(5, None, Some(4))),
            (day(20), mood(1, Some(4), Some(2))),
            (
                day(25),
                Mood {
                    occurrence: Some(format!("1:{}", day(19))),
                    ..mood(2, None, None)
                },
            ),
        ];
        let contacts = vec![
            contact(5, Some(OutcomeKind::Kept)),
            contact(19, Some(OutcomeKind::Missed)),
        ];
        let t = trends(day(1), day(31), &moods, &contacts);
        let weeks: Vec<(String, f64, u32)> = t
            .weeks
            .iter()
            .map(|w| (w.week.to_string(), w.average, w.entries))
            .collect();
        assert_eq!(
            weeks,
            vec![
                ("2027-03-01".into(), 4.0, 3), // (3 + 4 + 5) / 3
                ("2027-03-15".into(), 1.0, 1),
                ("2027-03-22".into(), 2.0, 1),
            ]
        );
        assert_eq!(
            t.around_contact,
            vec![
                MoodAround {
                    contact: "happened".into(),
                    entries: 2,
                    parent_average: Some(4.5),
                    child_before_average: Some(3.0),
                    child_after_average: Some(4.5),
                },
                MoodAround {
                    contact: "did-not-happen".into(),
                    entries: 2,
                    parent_average: Some(1.5),
                    child_before_average: Some(4.0),
                    child_after_average: Some(2.0),
                },
            ]
        );
    }
}
