//! The occurrences a plan gives over a range of dates, with its exceptions applied.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::exception::{Exception, ExceptionKind, HolidayEffect};
use super::plan::{Compiled, Parent, Plan};
use super::zone::{day_in_utc, resolve, NOON};
use crate::error::{Error, Result};

/// One planned stretch of time with a parent.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// `PLAN:YYYY-MM-DD`, from the plan id and the local date it was planned to start on.
    /// Stable across re-computation and edits to other dates, so outcomes can refer to it.
    pub id: String,
    pub plan: String,
    pub child: String,
    /// The parent the time is with (a holiday swap may have turned it round).
    pub with: Parent,
    /// RFC 3339 with the zone's offset at that moment.
    #[ts(type = "string")]
    pub start: DateTime<FixedOffset>,
    #[ts(type = "string")]
    pub end: DateTime<FixedOffset>,
    /// The local date it was planned to start on (the date in its id).
    #[ts(type = "string")]
    pub planned: NaiveDate,
    /// The label of the exception that changed it, if one did.
    pub exception: Option<String>,
}

impl Occurrence {
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }

    /// The id of the occurrence `plan` planned to start on `date`.
    pub fn id_for(plan: &str, date: NaiveDate) -> String {
        format!("{plan}:{date}")
    }

    /// Splits an occurrence id into its plan id and planned local date, for a command that
    /// is handed one (`evenkeel schedule log ID`).
    pub fn parse_id(id: &str) -> Result<(String, NaiveDate)> {
        let bad = || {
            Error::invalid(
                "occurrence",
                format!("{id:?} is not an occurrence id; they look like PLAN:YYYY-MM-DD"),
            )
        };
        let (plan, date) = id.trim().rsplit_once(':').ok_or_else(bad)?;
        let date = date.parse::<NaiveDate>().map_err(|_| bad())?;
        if plan.is_empty() {
            return Err(bad());
        }
        Ok((plan.to_string(), date))
    }
}

/// The longest range one call covers; a guard against a typo'd year, not a real limit.
const MAX_RANGE_DAYS: i64 = 366 * 100;

/// The occurrences of `plan` that start (in local time) on a date from `from` to `to`, both
/// included, sorted by start. `exceptions` may hold other plans' exceptions; those are ignored.
pub fn occurrences(
    plan: &Plan,
    exceptions: &[Exception],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Occurrence>> {
    if to < from {
        return Err(Error::invalid(
            "to",
            format!("the range ends on {to}, before it starts on {from}"),
        ));
    }
    if (to - from).num_days() > MAX_RANGE_DAYS {
        return Err(Error::invalid(
            "to",
            format!("the range {from} to {to} is longer than a hundred years"),
        ));
    }
    let compiled = plan.compile()?;
    let exceptions: Vec<&Exception> = exceptions
        .iter()
        .filter(|e| e.applies_to(&plan.id))
        .collect();
    for e in &exceptions {
        e.validate()?;
    }

    let mut planned = planned_between(plan, &compiled, from, to)?;
    // A swap can bring an occurrence planned outside the range into it.
    for e in &exceptions {
        if let ExceptionKind::Swap { date, to: moved } = e.kind {
            if (date < from || date > to) && moved >= from && moved <= to {
                planned.extend(planned_between(plan, &compiled, date, date)?);
            }
        }
    }

    let mut out: Vec<Occurrence> = planned
        .into_iter()
        .filter_map(|o| apply(o, &exceptions, &compiled))
        .filter(|o| {
            let day = o.start.date_naive();
            day >= from && day <= to
        })
        .collect();
    out.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

/// The plan's occurrences planned to start from `from` to `to`, before exceptions.
fn planned_between(
    plan: &Plan,
    compiled: &Compiled,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Occurrence>> {
    let from = from.max(plan.start);
    let to = plan.until.map_or(to, |until| to.min(until));
    let mut out = Vec::new();
    if to < from {
        return Ok(out);
    }
    for block in &compiled.rules {
        let result = rrule::RRuleSet::new(block.dt_start)
            .rrule(block.rule.clone())
            .after(day_in_utc(from, NaiveTime::MIN))
            .before(day_in_utc(to, NOON))
            .all(u16::MAX);
        if result.limited && result.dates.len() == usize::from(u16::MAX) {
            return Err(Error::invalid(
                "to",
                "the range holds more occurrences than one call can list; ask for a shorter range",
            ));
        }
        for at in result.dates {
            let date = at.date_naive();
            let end_date = date + Duration::days(block.days);
            out.push(Occurrence {
                id: Occurrence::id_for(&plan.id, date),
                plan: plan.id.clone(),
                child: plan.child.clone(),
                with: plan.with,
                start: resolve(compiled.tz, date, block.handover.from),
                end: resolve(compiled.tz, end_date, block.handover.to),
                planned: date,
                exception: None,
            });
        }
    }
    // A custom rule may name a date twice (e.g. BYHOUR); one handover a day.
    out.sort_by_key(|a| a.planned);
    out.dedup_by(|a, b| a.planned == b.planned);
    Ok(out)
}

/// Applies the exceptions to one planned occurrence; `None` when it no longer takes place.
fn apply(mut o: Occurrence, exceptions: &[&Exception], compiled: &Compiled) -> Option<Occurrence> {
    for e in exceptions {
        match e.kind {
            ExceptionKind::Cancel { date } if date == o.planned => return None,
            ExceptionKind::Holiday { from, to, effect } if o.planned >= from && o.planned <= to => {
                match effect {
                    HolidayEffect::Suspend => return None,
                    HolidayEffect::Swap => {
                        o.with = o.with.other();
                        o.exception = Some(e.label.clone());
                    }
                }
            }
            ExceptionKind::Swap { date, to } if date == o.planned => {
                let shift = to - date;
                let tz = compiled.tz;
                let local = |at: DateTime<FixedOffset>| at.with_timezone(&tz).naive_local();
                let (start, end) = (local(o.start) + shift, local(o.end) + shift);
                o.start = resolve(tz, start.date(), start.time());
                o.end = resolve(tz, end.date(), end.time());
                o.exception = Some(e.label.clone());
            }
            _ => {}
        }
    }
    Some(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_occurrence_id_splits_back_into_plan_and_date() {
        let date = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        let id = Occurrence::id_for("42", date);
        assert_eq!(id, "42:2028-02-29");
        assert_eq!(Occurrence::parse_id(&id).unwrap(), ("42".to_string(), date));
        // A plan id may itself hold a colon; the date is always the last part.
        assert_eq!(
            Occurrence::parse_id("a:b:2028-02-29").unwrap(),
            ("a:b".to_string(), date)
        );
        for bad in ["42", "42:2028-02-30", ":2028-02-29"] {
            assert_eq!(
                Occurrence::parse_id(bad).unwrap_err().to_string(),
                format!(
                    "occurrence: {bad:?} is not an occurrence id; they look like PLAN:YYYY-MM-DD"
                )
            );
        }
    }
}
