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
pub mod ics;
pub mod occurrences;
pub mod outcome;
pub mod parts;
pub mod plan;
pub mod templates;
mod zone;

pub use compliance::{compliance, Compliance, Deviation, ParentTime};
pub use exception::{Exception, ExceptionKind, HolidayEffect};
pub use handover::Handover;
pub use occurrences::{occurrences, Occurrence};
pub use outcome::{Outcome, OutcomeKind};
pub use parts::{system_zone, PlanParts};
pub use plan::{Arrangement, Parent, Plan};
pub use templates::{Template, TemplateName};

/// The TypeScript declarations of the schedule's types, part of `model::typescript_bindings`.
pub fn typescript_bindings() -> Vec<String> {
    use ts_rs::TS;
    let cfg = ts_rs::Config::new().with_large_int("number");
    vec![
        Parent::decl(&cfg),
        Arrangement::decl(&cfg),
        Handover::decl(&cfg),
        TemplateName::decl(&cfg),
        Template::decl(&cfg),
        Plan::decl(&cfg),
        PlanParts::decl(&cfg),
        HolidayEffect::decl(&cfg),
        ExceptionKind::decl(&cfg),
        Exception::decl(&cfg),
        Occurrence::decl(&cfg),
        OutcomeKind::decl(&cfg),
        Outcome::decl(&cfg),
        ParentTime::decl(&cfg),
        Deviation::decl(&cfg),
        Compliance::decl(&cfg),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_type_has_a_typescript_declaration() {
        let decls = super::typescript_bindings();
        let all = decls.join("\n");
        assert!(all.contains("with: Parent, arrangement: Arrangement, start: string"));
        assert!(all.contains("{ \"template\": \"2-2-5-5\", handover: Handover, }"));
        assert!(all.contains("\"outcome\": \"cancelled\", by: Parent, reason: string"));
    }
}
