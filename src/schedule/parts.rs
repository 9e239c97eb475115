//! A plan as a parent describes it (the CLI's flags, the plan editor's fields), turned into a
//! checked `Plan`. One place, so the CLI and the desktop build plans the same way.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::handover::Handover;
use super::plan::{Arrangement, Parent, Plan};
use super::templates::{Template, TemplateName};
use crate::error::{Error, Result};

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct PlanParts {
    pub child: String,
    pub template: TemplateName,
    /// YYYY-MM-DD
    pub start: String,
    /// `HH:MM` or `HH:MM-HH:MM`; the template's usual times when empty.
    pub handover: Option<String>,
    /// YYYY-MM-DD, the last day a contact may start on.
    pub until: Option<String>,
    /// Only with the `custom` template: an RFC 5545 rule such as `FREQ=WEEKLY;BYDAY=SA`.
    pub rrule: Option<String>,
    /// IANA zone; this computer's when empty.
    pub zone: Option<String>,
    pub place: Option<String>,
    pub with: Parent,
    pub arrangement: Arrangement,
}

impl PlanParts {
    /// The plan these parts describe, checked; `id` is the stored plan's (empty for a new one).
    pub fn to_plan(&self, id: &str) -> Result<Plan> {
        let start = day("start", &self.start)?;
        let until = match self.until.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(u) => Some(day("until", u)?),
        };
        let handover = match self.handover.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(h) => Some(h.parse::<Handover>()?),
        };
        let rrule = self
            .rrule
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        let template = Template::from_parts(self.template, handover, rrule, start.weekday())?;
        let zone = match self.zone.as_deref().map(str::trim) {
            None | Some("") => system_zone(),
            Some(z) => z.to_string(),
        };
        let plan = Plan {
            id: id.to_string(),
            child: self.child.trim().to_string(),
            with: self.with,
            arrangement: self.arrangement,
            start,
            until,
            place: self
                .place
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from),
            zone,
            template,
        };
        let mut named = plan.clone();
        if named.id.is_empty() {
            named.id = "new".into();
        }
        named.validate()?;
        Ok(plan)
    }

    /// The parts of a stored plan, for editing it.
    pub fn from_plan(plan: &Plan) -> PlanParts {
        PlanParts {
            child: plan.child.clone(),
            template: plan.template.name(),
            start: plan.start.to_string(),
            handover: Some(plan.template.handover_text()),
            until: plan.until.map(|u| u.to_string()),
            rrule: plan.template.rrule().map(String::from),
            zone: Some(plan.zone.clone()),
            place: plan.place.clone(),
            with: plan.with,
            arrangement: plan.arrangement,
        }
    }
}

/// This computer's IANA zone, or UTC when the system does not say (a bare container).
pub fn system_zone() -> String {
    iana_time_zone::get_timezone()
        .ok()
        .filter(|z| z.parse::<chrono_tz::Tz>().is_ok())
        .unwrap_or_else(|| "UTC".to_string())
}

fn day(field: &'static str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, format!("{text:?} is not a date; use YYYY-MM-DD")))
}
