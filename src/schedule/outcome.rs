//! What happened at an occurrence, as the parent logs it.

use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::occurrences::Occurrence;
use super::plan::Parent;
use crate::error::{Error, Result};

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum OutcomeKind {
    Kept,
    /// The handover at the start happened this many minutes late.
    Late {
        minutes: u32,
    },
    /// The time ended this many minutes early.
    Short {
        minutes: u32,
    },
    /// A no-show.
    Missed,
    /// Called off beforehand, by which parent and why.
    Cancelled {
        by: Parent,
        reason: String,
    },
    /// Exchanged for other time by agreement.
    Swapped,
}

impl OutcomeKind {
    pub fn name(&self) -> &'static str {
        match self {
            OutcomeKind::Kept => "kept",
            OutcomeKind::Late { .. } => "late",
            OutcomeKind::Short { .. } => "short",
            OutcomeKind::Missed => "missed",
            OutcomeKind::Cancelled { .. } => "cancelled",
            OutcomeKind::Swapped => "swapped",
        }
    }
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The occurrence's id (`PLAN:YYYY-MM-DD`).
    pub occurrence: String,
    #[serde(flatten)]
    pub kind: OutcomeKind,
    pub note: Option<String>,
    /// Journal entries that tell more (the missed-contact entry, messages about it).
    #[serde(default)]
    pub entries: Vec<i64>,
}

impl Outcome {
    /// Checks the outcome against the occurrence it is logged for.
    pub fn validate(&self, occurrence: &Occurrence) -> Result<()> {
        if self.occurrence != occurrence.id {
            return Err(Error::invalid(
                "occurrence",
                format!(
                    "the outcome is for {}, not {}",
                    self.occurrence, occurrence.id
                ),
            ));
        }
        let length = occurrence.minutes();
        match &self.kind {
            OutcomeKind::Late { minutes } | OutcomeKind::Short { minutes } => {
                let word = self.kind.name();
                if *minutes == 0 {
                    return Err(Error::invalid(
                        "minutes",
                        format!("say how many minutes {word}; 0 minutes is kept"),
                    ));
                }
                if i64::from(*minutes) >= length {
                    return Err(Error::invalid(
                        "minutes",
                        format!(
                            "{minutes} minutes {word} is not less than the whole {length} minutes; log it as missed"
                        ),
                    ));
                }
            }
            OutcomeKind::Cancelled { reason, .. } if reason.trim().is_empty() => {
                return Err(Error::invalid(
                    "reason",
                    "say why it was cancelled, in a few words",
                ));
            }
            _ => {}
        }
        Ok(())
    }

    /// The part of the occurrence that took place; `None` when none did, or when it was
    /// swapped for time this occurrence does not record.
    pub fn actual(
        &self,
        occurrence: &Occurrence,
    ) -> Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)> {
        let (start, end) = (occurrence.start, occurrence.end);
        let minutes = |m: &u32| Duration::minutes(i64::from(*m));
        match &self.kind {
            OutcomeKind::Kept => Some((start, end)),
            OutcomeKind::Late { minutes: m } => Some(((start + minutes(m)).min(end), end)),
            OutcomeKind::Short { minutes: m } => Some((start, (end - minutes(m)).max(start))),
            OutcomeKind::Missed | OutcomeKind::Cancelled { .. } | OutcomeKind::Swapped => None,
        }
    }
}
