//! Parenting-time schedules as pure computation: plans and their templates, the occurrences a
//! plan gives over a date range (with holidays, swaps and cancellations applied), the outcome
//! a parent logs for each, and compliance figures over a range.
//!
//! Nothing here touches the journal: storing plans and outcomes as revisions in the hash chain
//! is the journal's job. Every function is deterministic in its inputs, so the figures a court
//! sees can be recomputed from the record.

pub mod compliance;
pub mod exception;
pub mod handover;
pub mod occurrences;
pub mod outcome;
pub mod plan;
pub mod templates;
mod zone;

pub use compliance::{compliance, Compliance, Deviation, ParentTime};
pub use exception::{Exception, ExceptionKind, HolidayEffect};
pub use handover::Handover;
pub use occurrences::{occurrences, Occurrence};
pub use outcome::{Outcome, OutcomeKind};
pub use plan::{Arrangement, Parent, Plan};
pub use templates::{Template, TemplateName};
