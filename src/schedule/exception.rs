//! Agreed changes to a plan: holiday periods, one-off swaps and cancelled dates. These change
//! what was *planned*; what then happened is an outcome.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// What a holiday period does to the regular occurrences that start inside it.
#[derive(Serialize, Deserialize, TS, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum HolidayEffect {
    /// No regular contact in the period (e.g. a holiday abroad agreed by both).
    Suspend,
    /// The occurrences go to the other parent (e.g. Christmas alternating by year).
    Swap,
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ExceptionKind {
    /// Occurrences planned to start from `from` to `to`, both included.
    Holiday {
        #[ts(type = "string")]
        from: NaiveDate,
        #[ts(type = "string")]
        to: NaiveDate,
        effect: HolidayEffect,
    },
    /// The occurrence planned to start on `date` starts on `to` instead, at the same times
    /// and for the same number of days; it keeps its id.
    Swap {
        #[ts(type = "string")]
        date: NaiveDate,
        #[ts(type = "string")]
        to: NaiveDate,
    },
    /// The occurrence planned to start on `date` was called off in advance by agreement.
    Cancel {
        #[ts(type = "string")]
        date: NaiveDate,
    },
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct Exception {
    /// The plan it changes; `None` applies to every plan (school term dates, for instance).
    pub plan: Option<String>,
    /// What the parents called it: "Christmas 2027", "Dad's wedding".
    pub label: String,
    #[serde(flatten)]
    pub kind: ExceptionKind,
}

impl Exception {
    pub fn validate(&self) -> Result<()> {
        if self.label.trim().is_empty() {
            return Err(Error::invalid(
                "label",
                "say what the exception is, e.g. \"Christmas 2027\"",
            ));
        }
        if let ExceptionKind::Holiday { from, to, .. } = self.kind {
            if to < from {
                return Err(Error::invalid(
                    "holiday",
                    format!("the holiday ends on {to}, before it starts on {from}"),
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn applies_to(&self, plan: &str) -> bool {
        self.plan.as_deref().is_none_or(|p| p == plan)
    }
}
