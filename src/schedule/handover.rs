//! Handover times: the local wall-clock times at which a child is handed over.

use std::str::FromStr;

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::templates::TemplateName;
use crate::error::{Error, Result};

/// The local wall-clock times of the handover that starts a block and the one that ends it.
#[derive(Serialize, Deserialize, TS, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handover {
    #[ts(type = "string")]
    pub from: NaiveTime,
    #[ts(type = "string")]
    pub to: NaiveTime,
}

impl Handover {
    pub fn at(h: u32, m: u32) -> Handover {
        let time = NaiveTime::from_hms_opt(h, m, 0).expect("a valid time of day");
        Handover {
            from: time,
            to: time,
        }
    }

    pub fn between(from: (u32, u32), to: (u32, u32)) -> Handover {
        let time = |(h, m)| NaiveTime::from_hms_opt(h, m, 0).expect("a valid time of day");
        Handover {
            from: time(from),
            to: time(to),
        }
    }

    /// The default handover of a template: 18:00 for weekends and rotations (the issue's
    /// "Fri 18:00 → Sun 18:00"), 16:00–19:00 for a midweek evening.
    pub fn default_for(name: TemplateName) -> Handover {
        match name {
            TemplateName::MidweekEvening => Handover::between((16, 0), (19, 0)),
            _ => Handover::at(18, 0),
        }
    }
}

impl std::fmt::Display for Handover {
    /// The form `FromStr` reads: `18:00`, or `16:00-19:00` when the two ends differ.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from.format("%H:%M"))
        } else {
            write!(
                f,
                "{}-{}",
                self.from.format("%H:%M"),
                self.to.format("%H:%M")
            )
        }
    }
}

impl FromStr for Handover {
    type Err = Error;
    /// `HH:MM` (the same time at both ends) or `HH:MM-HH:MM`.
    fn from_str(s: &str) -> Result<Handover> {
        let time = |part: &str| {
            NaiveTime::parse_from_str(part.trim(), "%H:%M").map_err(|_| {
                Error::invalid(
                    "handover",
                    format!("{s:?} is not a handover time; write HH:MM or HH:MM-HH:MM, e.g. 18:00 or 16:00-19:00"),
                )
            })
        };
        match s.split_once('-') {
            Some((from, to)) => Ok(Handover {
                from: time(from)?,
                to: time(to)?,
            }),
            None => {
                let at = time(s)?;
                Ok(Handover { from: at, to: at })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handover_parses_one_or_two_times_and_names_a_bad_one() {
        assert_eq!("18:00".parse::<Handover>().unwrap(), Handover::at(18, 0));
        assert_eq!(
            "16:00-19:30".parse::<Handover>().unwrap(),
            Handover::between((16, 0), (19, 30))
        );
        let err = "6pm".parse::<Handover>().unwrap_err().to_string();
        assert_eq!(
            err,
            "handover: \"6pm\" is not a handover time; write HH:MM or HH:MM-HH:MM, e.g. 18:00 or 16:00-19:00"
        );
    }
}
