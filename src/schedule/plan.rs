//! A plan: whose time it is, with which child, from when, and on which template.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use rrule::{RRule, Unvalidated};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::handover::Handover;
use super::templates::{Block, Template};
use super::zone::{day_in_utc, parse_zone, NOON};
use crate::error::{Error, Result};

/// Which parent a stretch of time is with. From the journal's point of view: the user is `me`.
#[derive(Serialize, Deserialize, TS, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Parent {
    Me,
    Other,
}

impl Parent {
    pub fn other(self) -> Parent {
        match self {
            Parent::Me => Parent::Other,
            Parent::Other => Parent::Me,
        }
    }
}

/// The words of a UK child arrangements order: the child "lives with" one parent and
/// "spends time with" the other. Kept as the order says it, whichever parent it names.
#[derive(Serialize, Deserialize, TS, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Arrangement {
    LivesWith,
    SpendsTimeWith,
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Stable and chosen by whoever stores the plan (the journal uses its entry id); part of
    /// every occurrence id, so it must not change when the plan is edited.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub child: String,
    /// The parent the plan's time is with.
    pub with: Parent,
    pub arrangement: Arrangement,
    #[ts(type = "string")]
    pub start: NaiveDate,
    /// The last day an occurrence may start on; `None` while the plan runs on.
    #[ts(type = "string | null")]
    pub until: Option<NaiveDate>,
    pub place: Option<String>,
    /// IANA zone the handover times are agreed in, e.g. `Europe/London`.
    pub zone: String,
    #[serde(flatten)]
    pub template: Template,
}

/// A plan whose zone and rules have been checked, ready to produce occurrences.
pub(crate) struct Compiled {
    pub tz: Tz,
    pub rules: Vec<Rule>,
}

/// One block's rule, validated against its first date.
pub(crate) struct Rule {
    pub dt_start: DateTime<rrule::Tz>,
    pub rule: RRule,
    pub days: i64,
    pub handover: Handover,
}

impl Plan {
    /// Checks everything a parent could have got wrong, one sentence per problem.
    pub fn validate(&self) -> Result<()> {
        self.compile().map(|_| ())
    }

    pub(crate) fn compile(&self) -> Result<Compiled> {
        if self.id.trim().is_empty() {
            return Err(Error::invalid("plan", "a plan needs an id"));
        }
        if self.child.trim().is_empty() {
            return Err(Error::invalid("child", "say which child the plan is for"));
        }
        if let Some(until) = self.until {
            if until < self.start {
                return Err(Error::invalid(
                    "until",
                    format!(
                        "the plan ends on {until}, before it starts on {}",
                        self.start
                    ),
                ));
            }
        }
        let tz = parse_zone(&self.zone)?;
        let rules = self
            .template
            .blocks()?
            .into_iter()
            .map(|block: Block| {
                let dt_start = day_in_utc(self.start + Duration::days(block.offset), NOON);
                let rule = until_as_last_date(block.rule, tz, block.handover.from);
                let rule = rule.validate(dt_start).map_err(|e| {
                    Error::invalid(
                        "rrule",
                        format!(
                            "the rule does not fit a plan starting on {} ({})",
                            self.start,
                            e.to_string().trim_end_matches('.')
                        ),
                    )
                })?;
                Ok(Rule {
                    dt_start,
                    rule,
                    days: block.days,
                    handover: block.handover,
                })
            })
            .collect::<Result<Vec<Rule>>>()?;
        Ok(Compiled { tz, rules })
    }
}

/// Rules run on dates at noon UTC (see `zone::day_in_utc`), so a rule's UNTIL becomes the
/// last date it includes: the occurrence on a date is in when its handover, at the plan's local
/// time, is not after UNTIL. A floating or date-only UNTIL (`20270116`, common in calendar files)
/// is read as the plan's wall-clock time; `rrule` parsed it in the machine's zone, whose wall
/// time is the one written.
fn until_as_last_date(rule: RRule<Unvalidated>, tz: Tz, handover: NaiveTime) -> RRule<Unvalidated> {
    let Some(until) = rule.get_until().copied() else {
        return rule;
    };
    let local = if until.timezone().is_local() {
        until.naive_local()
    } else {
        until.with_timezone(&tz).naive_local()
    };
    let last = if local.time() >= handover {
        local.date()
    } else {
        local.date() - Duration::days(1)
    };
    let end_of_day = NaiveTime::from_hms_opt(23, 59, 59).expect("a time of day");
    rule.until(day_in_utc(last, end_of_day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        Plan {
            id: "7".into(),
            child: "Sam".into(),
            with: Parent::Me,
            arrangement: Arrangement::SpendsTimeWith,
            start: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
            until: None,
            place: Some("school gate".into()),
            zone: "Europe/London".into(),
            template: Template::AlternateWeekends {
                handover: Handover::at(18, 0),
            },
        }
    }

    #[test]
    fn an_end_before_the_start_is_refused() {
        let mut p = plan();
        p.until = NaiveDate::from_ymd_opt(2026, 12, 31);
        assert_eq!(
            p.validate().unwrap_err().to_string(),
            "until: the plan ends on 2026-12-31, before it starts on 2027-01-04"
        );
    }

    #[test]
    fn an_unknown_zone_is_refused() {
        let mut p = plan();
        p.zone = "Mars/Olympus".into();
        assert_eq!(
            p.validate().unwrap_err().to_string(),
            "zone: \"Mars/Olympus\" is not a known time zone; use an IANA name such as Europe/London"
        );
    }

    #[test]
    fn a_plan_round_trips_through_json_with_both_words() {
        let mut p = plan();
        p.validate().unwrap();
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["arrangement"], "spends-time-with");
        assert_eq!(json["template"], "alternate-weekends");
        assert_eq!(json["with"], "me");
        assert_eq!(serde_json::from_value::<Plan>(json).unwrap(), p);
        p.arrangement = Arrangement::LivesWith;
        assert_eq!(
            serde_json::to_value(&p).unwrap()["arrangement"],
            "lives-with"
        );
    }
}
