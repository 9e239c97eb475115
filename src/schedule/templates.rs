//! The schedule templates parents' orders use, each turned into blocks: a recurrence of start
//! dates (an RFC 5545 rule, run by the `rrule` crate) and the local handover times at each end.

use std::fmt;
use std::str::FromStr;

use chrono::Weekday;
use rrule::{RRule, Unvalidated};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::handover::Handover;
use crate::error::{Error, Result};

/// The names the CLI and the plan editor offer.
#[derive(Serialize, Deserialize, TS, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TemplateName {
    #[serde(rename = "alternate-weekends")]
    AlternateWeekends,
    #[serde(rename = "every-weekend")]
    EveryWeekend,
    #[serde(rename = "midweek-evening")]
    MidweekEvening,
    #[serde(rename = "alternate-weekends-midweek")]
    AlternateWeekendsMidweek,
    #[serde(rename = "week-on-week-off")]
    WeekOnWeekOff,
    #[serde(rename = "2-2-3")]
    TwoTwoThree,
    #[serde(rename = "2-2-5-5")]
    TwoTwoFiveFive,
    #[serde(rename = "3-4-4-3")]
    ThreeFourFourThree,
    #[serde(rename = "custom")]
    Custom,
}

impl TemplateName {
    pub const ALL: &'static [TemplateName] = &[
        TemplateName::AlternateWeekends,
        TemplateName::EveryWeekend,
        TemplateName::MidweekEvening,
        TemplateName::AlternateWeekendsMidweek,
        TemplateName::WeekOnWeekOff,
        TemplateName::TwoTwoThree,
        TemplateName::TwoTwoFiveFive,
        TemplateName::ThreeFourFourThree,
        TemplateName::Custom,
    ];

    /// The template in words, for titles: "alternate weekends".
    pub fn describe(self) -> &'static str {
        match self {
            TemplateName::AlternateWeekends => "alternate weekends",
            TemplateName::EveryWeekend => "every weekend",
            TemplateName::MidweekEvening => "a midweek evening",
            TemplateName::AlternateWeekendsMidweek => "alternate weekends and a midweek evening",
            TemplateName::WeekOnWeekOff => "week on, week off",
            TemplateName::TwoTwoThree => "a 2-2-3 rotation",
            TemplateName::TwoTwoFiveFive => "a 2-2-5-5 rotation",
            TemplateName::ThreeFourFourThree => "a 3-4-4-3 rotation",
            TemplateName::Custom => "a custom rule",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TemplateName::AlternateWeekends => "alternate-weekends",
            TemplateName::EveryWeekend => "every-weekend",
            TemplateName::MidweekEvening => "midweek-evening",
            TemplateName::AlternateWeekendsMidweek => "alternate-weekends-midweek",
            TemplateName::WeekOnWeekOff => "week-on-week-off",
            TemplateName::TwoTwoThree => "2-2-3",
            TemplateName::TwoTwoFiveFive => "2-2-5-5",
            TemplateName::ThreeFourFourThree => "3-4-4-3",
            TemplateName::Custom => "custom",
        }
    }
}

impl fmt::Display for TemplateName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TemplateName {
    type Err = Error;
    fn from_str(s: &str) -> Result<TemplateName> {
        let wanted = s.trim().to_ascii_lowercase();
        TemplateName::ALL
            .iter()
            .copied()
            .find(|t| t.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = TemplateName::ALL.iter().map(|t| t.as_str()).collect();
                Error::invalid(
                    "template",
                    format!(
                        "unknown template {s:?}; expected one of {}",
                        names.join(", ")
                    ),
                )
            })
    }
}

/// A plan's recurrence. Weekend templates count their fortnights from the week (Monday to
/// Sunday) of the plan's start date; rotations count their 14-day cycle from the start date,
/// which is the first day of this parent's first turn.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "template")]
pub enum Template {
    /// Friday → Sunday every other week.
    #[serde(rename = "alternate-weekends")]
    AlternateWeekends { handover: Handover },
    /// Friday → Sunday every week.
    #[serde(rename = "every-weekend")]
    EveryWeekend { handover: Handover },
    /// One evening a week, handed back the same day.
    #[serde(rename = "midweek-evening")]
    MidweekEvening {
        #[ts(type = "string")]
        weekday: Weekday,
        handover: Handover,
    },
    /// Alternate weekends plus an evening every week.
    #[serde(rename = "alternate-weekends-midweek")]
    AlternateWeekendsMidweek {
        weekend: Handover,
        #[ts(type = "string")]
        weekday: Weekday,
        midweek: Handover,
    },
    /// Seven days with each parent in turn.
    #[serde(rename = "week-on-week-off")]
    WeekOnWeekOff { handover: Handover },
    /// 2 days, 2 with the other parent, 3; then the same the other way round.
    #[serde(rename = "2-2-3")]
    TwoTwoThree { handover: Handover },
    /// 2 days, 2 with the other parent, 5, 5 with the other parent.
    #[serde(rename = "2-2-5-5")]
    TwoTwoFiveFive { handover: Handover },
    /// 3 days, 4 with the other parent, 4, 3 with the other parent.
    #[serde(rename = "3-4-4-3")]
    ThreeFourFourThree { handover: Handover },
    /// Any RFC 5545 rule (`FREQ=…`); each occurrence ends `days` days after it starts.
    #[serde(rename = "custom")]
    Custom {
        rrule: String,
        handover: Handover,
        days: u32,
    },
}

/// One recurring stretch of time: its start dates are `rule` counted from the plan's start
/// plus `offset` days; it ends `days` days after each start, at the local time `handover.to`.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub rule: RRule<Unvalidated>,
    pub offset: i64,
    pub days: i64,
    pub handover: Handover,
}

impl Template {
    /// Builds a template from the CLI's words: a name, an optional handover (the template's
    /// default otherwise), and for `custom` the rule. The weekday of a midweek evening is the
    /// start date's.
    pub fn from_parts(
        name: TemplateName,
        handover: Option<Handover>,
        rrule: Option<&str>,
        start_weekday: Weekday,
    ) -> Result<Template> {
        let handover = handover.unwrap_or_else(|| Handover::default_for(name));
        if rrule.is_some() && name != TemplateName::Custom {
            return Err(Error::invalid(
                "rrule",
                format!("a rule can only be given with the custom template, not {name}"),
            ));
        }
        let template = match name {
            TemplateName::AlternateWeekends => Template::AlternateWeekends { handover },
            TemplateName::EveryWeekend => Template::EveryWeekend { handover },
            TemplateName::MidweekEvening => Template::MidweekEvening {
                weekday: start_weekday,
                handover,
            },
            TemplateName::AlternateWeekendsMidweek => Template::AlternateWeekendsMidweek {
                weekend: handover,
                weekday: Weekday::Wed,
                midweek: Handover::default_for(TemplateName::MidweekEvening),
            },
            TemplateName::WeekOnWeekOff => Template::WeekOnWeekOff { handover },
            TemplateName::TwoTwoThree => Template::TwoTwoThree { handover },
            TemplateName::TwoTwoFiveFive => Template::TwoTwoFiveFive { handover },
            TemplateName::ThreeFourFourThree => Template::ThreeFourFourThree { handover },
            TemplateName::Custom => {
                let rule = rrule.ok_or_else(|| {
                    Error::invalid(
                        "rrule",
                        "the custom template needs a rule, e.g. FREQ=WEEKLY;BYDAY=SA",
                    )
                })?;
                // A rule handed back on the same day needs its times in order; otherwise the
                // child stays overnight.
                let days = u32::from(handover.to <= handover.from);
                Template::Custom {
                    rrule: rule.to_string(),
                    handover,
                    days,
                }
            }
        };
        template.blocks()?;
        Ok(template)
    }

    /// The handover a parent would name for the plan (the weekend's, for weekends plus a midweek
    /// evening), in the form `HH:MM[-HH:MM]`.
    pub fn handover_text(&self) -> String {
        match self {
            Template::AlternateWeekends { handover }
            | Template::EveryWeekend { handover }
            | Template::MidweekEvening { handover, .. }
            | Template::WeekOnWeekOff { handover }
            | Template::TwoTwoThree { handover }
            | Template::TwoTwoFiveFive { handover }
            | Template::ThreeFourFourThree { handover }
            | Template::Custom { handover, .. } => handover.to_string(),
            Template::AlternateWeekendsMidweek { weekend, .. } => weekend.to_string(),
        }
    }

    pub fn rrule(&self) -> Option<&str> {
        match self {
            Template::Custom { rrule, .. } => Some(rrule),
            _ => None,
        }
    }

    pub fn name(&self) -> TemplateName {
        match self {
            Template::AlternateWeekends { .. } => TemplateName::AlternateWeekends,
            Template::EveryWeekend { .. } => TemplateName::EveryWeekend,
            Template::MidweekEvening { .. } => TemplateName::MidweekEvening,
            Template::AlternateWeekendsMidweek { .. } => TemplateName::AlternateWeekendsMidweek,
            Template::WeekOnWeekOff { .. } => TemplateName::WeekOnWeekOff,
            Template::TwoTwoThree { .. } => TemplateName::TwoTwoThree,
            Template::TwoTwoFiveFive { .. } => TemplateName::TwoTwoFiveFive,
            Template::ThreeFourFourThree { .. } => TemplateName::ThreeFourFourThree,
            Template::Custom { .. } => TemplateName::Custom,
        }
    }

    /// The template's blocks, checked: times in order, a rule that parses.
    pub(crate) fn blocks(&self) -> Result<Vec<Block>> {
        let weekend = |interval: u16, handover: Handover| Block {
            rule: rule(&format!("FREQ=WEEKLY;INTERVAL={interval};BYDAY=FR")),
            offset: 0,
            days: 2,
            handover,
        };
        // A rotation is a 14-day cycle; `turns` are (first day, length) of this parent's turns.
        let rotation = |turns: &[(i64, i64)], handover: Handover| -> Vec<Block> {
            turns
                .iter()
                .map(|&(offset, days)| Block {
                    rule: rule("FREQ=DAILY;INTERVAL=14"),
                    offset,
                    days,
                    handover,
                })
                .collect()
        };
        Ok(match self {
            Template::AlternateWeekends { handover } => vec![weekend(2, *handover)],
            Template::EveryWeekend { handover } => vec![weekend(1, *handover)],
            Template::MidweekEvening { weekday, handover } => vec![midweek(*weekday, *handover)?],
            Template::AlternateWeekendsMidweek {
                weekend: at_weekend,
                weekday,
                midweek: evening,
            } => {
                if matches!(weekday, Weekday::Fri | Weekday::Sat | Weekday::Sun) {
                    return Err(Error::invalid(
                        "weekday",
                        format!("the midweek evening falls on {weekday}, inside the weekend; choose Monday to Thursday"),
                    ));
                }
                vec![weekend(2, *at_weekend), midweek(*weekday, *evening)?]
            }
            Template::WeekOnWeekOff { handover } => rotation(&[(0, 7)], *handover),
            Template::TwoTwoThree { handover } => rotation(&[(0, 2), (4, 3), (9, 2)], *handover),
            Template::TwoTwoFiveFive { handover } => rotation(&[(0, 2), (4, 5)], *handover),
            Template::ThreeFourFourThree { handover } => rotation(&[(0, 3), (7, 4)], *handover),
            Template::Custom {
                rrule,
                handover,
                days,
            } => {
                if *days == 0 && handover.to <= handover.from {
                    return Err(Error::invalid(
                        "handover",
                        format!(
                            "the handover back ({}) is not after the start ({}) on the same day",
                            handover.to.format("%H:%M"),
                            handover.from.format("%H:%M")
                        ),
                    ));
                }
                vec![Block {
                    rule: parse_custom(rrule)?,
                    offset: 0,
                    days: i64::from(*days),
                    handover: *handover,
                }]
            }
        })
    }
}

fn midweek(weekday: Weekday, handover: Handover) -> Result<Block> {
    if handover.to <= handover.from {
        return Err(Error::invalid(
            "handover",
            format!(
                "a midweek evening must end after it starts; {}-{} does not",
                handover.from.format("%H:%M"),
                handover.to.format("%H:%M")
            ),
        ));
    }
    Ok(Block {
        rule: rule(&format!("FREQ=WEEKLY;BYDAY={}", byday(weekday))),
        offset: 0,
        days: 0,
        handover,
    })
}

fn byday(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// The built-in rules are constants of this file, so a failure is a bug here, not bad input.
fn rule(text: &str) -> RRule<Unvalidated> {
    text.parse().expect("a built-in rule parses")
}

/// A user's rule, with or without the `RRULE:` prefix a calendar file carries.
pub(crate) fn parse_custom(text: &str) -> Result<RRule<Unvalidated>> {
    let trimmed = text.trim();
    let body = trimmed.strip_prefix("RRULE:").unwrap_or(trimmed);
    body.parse::<RRule<Unvalidated>>().map_err(|e| {
        Error::invalid(
            "rrule",
            format!(
                "{text:?} is not a valid RFC 5545 rule ({})",
                e.to_string().trim_end_matches('.')
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_template_lists_the_known_ones() {
        let err = "fortnightly"
            .parse::<TemplateName>()
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "template: unknown template \"fortnightly\"; expected one of alternate-weekends, every-weekend, \
             midweek-evening, alternate-weekends-midweek, week-on-week-off, 2-2-3, 2-2-5-5, 3-4-4-3, custom"
        );
        for name in TemplateName::ALL {
            assert_eq!(name.as_str().parse::<TemplateName>().unwrap(), *name);
        }
    }

    #[test]
    fn a_malformed_rule_is_refused() {
        let err = Template::from_parts(
            TemplateName::Custom,
            None,
            Some("FREQ=FORTNIGHTLY"),
            Weekday::Sat,
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::Invalid { field: "rrule", .. }),
            "{err}"
        );
        assert!(err
            .to_string()
            .starts_with("rrule: \"FREQ=FORTNIGHTLY\" is not a valid RFC 5545 rule ("));
    }

    #[test]
    fn a_rule_with_another_template_is_refused() {
        let err = Template::from_parts(
            TemplateName::EveryWeekend,
            None,
            Some("FREQ=DAILY"),
            Weekday::Fri,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "rrule: a rule can only be given with the custom template, not every-weekend"
        );
    }

    #[test]
    fn a_midweek_evening_must_end_after_it_starts() {
        let err = Template::from_parts(
            TemplateName::MidweekEvening,
            Some(Handover::between((19, 0), (16, 0))),
            None,
            Weekday::Wed,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "handover: a midweek evening must end after it starts; 19:00-16:00 does not"
        );
    }

    #[test]
    fn the_template_serialises_with_its_name() {
        let t = Template::TwoTwoFiveFive {
            handover: Handover::at(18, 0),
        };
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"{"template":"2-2-5-5","handover":{"from":"18:00:00","to":"18:00:00"}}"#
        );
        assert_eq!(serde_json::from_str::<Template>(&json).unwrap(), t);
    }
}
