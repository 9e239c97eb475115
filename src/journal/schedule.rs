//! The schedule's records in the journal: plans, exceptions and outcomes are entries, so every
//! plan, change and outcome is a revision in the one hash chain, and `verify` covers them.
//! The figures (occurrences, compliance) are recomputed from those records on every call.

use chrono::{Duration, NaiveDate, NaiveTime, SecondsFormat};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::write::parse_content;
use super::Journal;
use crate::error::{Error, Result};
use crate::model::{EntryDraft, EntryKind, ScheduleRecord};
use crate::schedule::ics::ImportedEvent;
use crate::schedule::{
    self, Arrangement, Compliance, Exception, ExceptionKind, HolidayEffect, Occurrence, Outcome,
    OutcomeKind, Parent, Plan,
};

/// One planned contact as the calendar shows it: when, with whom, and what was logged.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq)]
pub struct Contact {
    #[serde(flatten)]
    pub occurrence: Occurrence,
    pub outcome: Option<Outcome>,
    /// The entry that records the outcome.
    #[ts(type = "number | null")]
    pub entry: Option<i64>,
}

/// A swap can move an occurrence this far from its planned date and still be found by its id.
const SWAP_REACH_DAYS: i64 = 366;

/// Everything the schedule needs, read once.
struct Records {
    plans: Vec<Plan>,
    exceptions: Vec<Exception>,
    /// Outcomes with their entry ids, oldest entry first.
    outcomes: Vec<(i64, Outcome)>,
}

impl Journal {
    /// Stores a new plan and returns it with its id (its entry's id).
    pub fn add_plan(&mut self, mut plan: Plan, note: &str) -> Result<Plan> {
        let id = self.add(plan_entry(&plan, note.to_string(), Vec::new())?)?;
        plan.id = id.to_string();
        Ok(plan)
    }

    /// Records a changed plan as a new revision of its entry; the note and tags stay.
    pub fn edit_plan(&mut self, plan: Plan) -> Result<()> {
        let id = plan_entry_id(&plan.id)?;
        let old = self.get(id)?;
        if old.draft.kind != EntryKind::Plan {
            return Err(not_a_plan(&plan.id));
        }
        let draft = plan_entry(&plan, old.draft.body, old.draft.tags)?;
        self.edit(id, draft)
    }

    /// Ends a plan: no occurrence starts after `on`.
    pub fn end_plan(&mut self, id: &str, on: NaiveDate) -> Result<()> {
        let mut plan = self.plan(id)?;
        plan.until = Some(on);
        self.edit_plan(plan)
    }

    pub fn plan(&self, id: &str) -> Result<Plan> {
        let entry = plan_entry_id(id)?;
        self.plans()?
            .into_iter()
            .find(|p| p.id == entry.to_string())
            .ok_or_else(|| not_a_plan(id))
    }

    /// Every plan that has not been deleted, oldest first.
    pub fn plans(&self) -> Result<Vec<Plan>> {
        Ok(self.records()?.plans)
    }

    pub fn exceptions(&self) -> Result<Vec<Exception>> {
        Ok(self.records()?.exceptions)
    }

    /// Records an exception to the plans (a holiday, a swap, a cancelled date) as a schedule
    /// note; returns its entry id.
    pub fn add_exception(&mut self, exception: Exception, note: &str) -> Result<i64> {
        if let Some(plan) = &exception.plan {
            self.plan(plan)?;
        }
        let (first, _) = exception_dates(&exception.kind);
        let occurred_at = format!("{first}T00:00:00Z");
        self.add(
            EntryDraft {
                title: exception_title(&exception),
                body: note.to_string(),
                ..blank(EntryKind::ScheduleNote, occurred_at)
            }
            .with_schedule(ScheduleRecord::Exception(exception)),
        )
    }

    /// Logs (or corrects) what happened at one planned contact. A missed or cancelled contact
    /// becomes a `missed-contact` entry in the timeline; any other outcome a `contact` entry.
    /// A correction is a new revision of the same entry. Returns the entry id.
    pub fn log_outcome(&mut self, mut outcome: Outcome) -> Result<i64> {
        let records = self.records()?;
        let occurrence = find_occurrence(&records, &outcome.occurrence)?;
        outcome.validate(&occurrence)?;
        for id in &outcome.entries {
            self.get(*id)?;
        }
        let note = outcome.note.take().unwrap_or_default();
        let kind = match outcome.kind {
            OutcomeKind::Missed | OutcomeKind::Cancelled { .. } => EntryKind::MissedContact,
            _ => EntryKind::Contact,
        };
        let draft = EntryDraft {
            title: outcome_title(&occurrence, &outcome.kind),
            body: note,
            children: vec![occurrence.child.clone()],
            ..blank(
                kind,
                occurrence.start.to_rfc3339_opts(SecondsFormat::Secs, false),
            )
        }
        .with_schedule(ScheduleRecord::Outcome(outcome));
        let existing = records
            .outcomes
            .iter()
            .rev()
            .find(|(_, o)| o.occurrence == occurrence.id)
            .map(|(id, _)| *id);
        match existing {
            Some(id) => {
                let old = self.get(id)?.draft;
                self.edit(
                    id,
                    EntryDraft {
                        tags: old.tags,
                        people: old.people,
                        location: old.location,
                        private: old.private,
                        ..draft
                    },
                )?;
                Ok(id)
            }
            None => self.add(draft),
        }
    }

    /// The planned contacts starting on a local date from `from` to `to`, with what was logged,
    /// sorted by start; for one child when `child` is given.
    pub fn contacts(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        child: Option<&str>,
    ) -> Result<Vec<Contact>> {
        let records = self.records()?;
        let mut out = Vec::new();
        for plan in records.plans.iter().filter(|p| for_child(&p.child, child)) {
            for occurrence in schedule::occurrences(plan, &records.exceptions, from, to)? {
                let logged = records
                    .outcomes
                    .iter()
                    .rev()
                    .find(|(_, o)| o.occurrence == occurrence.id);
                out.push(Contact {
                    outcome: logged.map(|(_, o)| o.clone()),
                    entry: logged.map(|(id, _)| *id),
                    occurrence,
                });
            }
        }
        out.sort_by(|a, b| {
            (a.occurrence.start, &a.occurrence.id).cmp(&(b.occurrence.start, &b.occurrence.id))
        });
        Ok(out)
    }

    /// Compliance per child over the contacts planned from `from` to `to`.
    pub fn compliance(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        child: Option<&str>,
    ) -> Result<Vec<Compliance>> {
        let contacts = self.contacts(from, to, child)?;
        let outcomes: Vec<Outcome> = contacts.iter().filter_map(|c| c.outcome.clone()).collect();
        let occurrences: Vec<Occurrence> = contacts.into_iter().map(|c| c.occurrence).collect();
        Ok(schedule::compliance(&occurrences, &outcomes, from, to))
    }

    /// Compliance over every child together (`child` "all children" when there are several),
    /// beside each child's own figures.
    pub fn compliance_total(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        child: Option<&str>,
    ) -> Result<Option<Compliance>> {
        let contacts = self.contacts(from, to, child)?;
        let several = contacts
            .iter()
            .any(|c| c.occurrence.child != contacts[0].occurrence.child);
        let outcomes: Vec<Outcome> = contacts.iter().filter_map(|c| c.outcome.clone()).collect();
        let occurrences: Vec<Occurrence> = contacts
            .into_iter()
            .map(|mut c| {
                if several {
                    c.occurrence.child = "all children".into();
                }
                c.occurrence
            })
            .collect();
        Ok(schedule::compliance(&occurrences, &outcomes, from, to)
            .into_iter()
            .next())
    }

    /// The planned contacts from `from` to `to` as an iCalendar file (see `schedule::ics`).
    pub fn export_ics(&self, from: NaiveDate, to: NaiveDate) -> Result<String> {
        let contacts = self.contacts(from, to, None)?;
        let plans = self.plans()?;
        let outcomes: Vec<Outcome> = contacts.iter().filter_map(|c| c.outcome.clone()).collect();
        let occurrences: Vec<Occurrence> = contacts.into_iter().map(|c| c.occurrence).collect();
        Ok(schedule::ics::export(
            &occurrences,
            &outcomes,
            &plans,
            chrono::Utc::now(),
        ))
    }

    /// Imports a calendar's events in one transaction: as exceptions to the plans (each event's
    /// days pause the plans, or swap them with `HolidayEffect::Swap`), or as schedule notes.
    /// Returns the entry ids, in the order of the events.
    pub fn import_ics(
        &mut self,
        events: &[ImportedEvent],
        as_exceptions: Option<(Option<String>, HolidayEffect)>,
    ) -> Result<Vec<i64>> {
        if events.is_empty() {
            return Err(Error::invalid("ics", "the calendar file has no events"));
        }
        if let Some((Some(plan), _)) = &as_exceptions {
            self.plan(plan)?;
        }
        let drafts: Vec<EntryDraft> = events
            .iter()
            .map(|e| {
                let at = e.start.to_rfc3339_opts(SecondsFormat::Secs, false);
                match &as_exceptions {
                    Some((plan, effect)) => {
                        let exception = Exception {
                            plan: plan.clone(),
                            label: e.summary.clone(),
                            kind: ExceptionKind::Holiday {
                                from: e.first_day,
                                to: e.last_day,
                                effect: *effect,
                            },
                        };
                        EntryDraft {
                            title: exception_title(&exception),
                            body: e.description.clone(),
                            location: e.location.clone(),
                            tags: vec!["imported".into()],
                            ..blank(EntryKind::ScheduleNote, at)
                        }
                        .with_schedule(ScheduleRecord::Exception(exception))
                    }
                    None => EntryDraft {
                        title: e.summary.clone(),
                        body: e.description.clone(),
                        location: e.location.clone(),
                        tags: vec!["imported".into()],
                        ..blank(EntryKind::ScheduleNote, at)
                    },
                }
            })
            .collect();
        self.add_many(drafts)
    }

    fn records(&self) -> Result<Records> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.entry_id, r.content FROM current c JOIN revisions r ON r.id = c.revision_id
             WHERE c.deleted = 0 AND c.kind IN ('plan', 'schedule-note', 'contact', 'missed-contact')
             ORDER BY c.entry_id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut records = Records {
            plans: Vec::new(),
            exceptions: Vec::new(),
            outcomes: Vec::new(),
        };
        for row in rows {
            let (id, content) = row?;
            let draft = parse_content(&content)?.draft;
            match draft.schedule {
                Some(ScheduleRecord::Plan(mut plan)) => {
                    plan.id = id.to_string();
                    records.plans.push(plan);
                }
                Some(ScheduleRecord::Exception(e)) => records.exceptions.push(e),
                Some(ScheduleRecord::Outcome(mut o)) => {
                    o.note = Some(draft.body).filter(|b| !b.trim().is_empty());
                    records.outcomes.push((id, o));
                }
                None => {}
            }
        }
        Ok(records)
    }

    /// Keeps an entry's schedule record when an editor that does not show it saves the entry.
    pub(super) fn keep_schedule(draft: &mut EntryDraft, old: &EntryDraft) {
        if draft.schedule.is_none() {
            draft.schedule = old.schedule.clone();
        }
    }
}

impl EntryDraft {
    fn with_schedule(mut self, record: ScheduleRecord) -> EntryDraft {
        self.schedule = Some(record);
        self
    }
}

fn blank(kind: EntryKind, occurred_at: String) -> EntryDraft {
    EntryDraft::new(kind, occurred_at, "")
}

fn plan_entry(plan: &Plan, note: String, tags: Vec<String>) -> Result<EntryDraft> {
    let mut named = plan.clone();
    named.id = "plan".into();
    named.validate()?;
    // The plan starts at the start of its first day, where it was agreed.
    let tz: chrono_tz::Tz = plan
        .zone
        .parse()
        .map_err(|_| Error::invalid("zone", format!("{:?} is not a known time zone", plan.zone)))?;
    let start = plan
        .start
        .and_time(NaiveTime::MIN)
        .and_local_timezone(tz)
        .earliest()
        .map(|t| t.fixed_offset().to_rfc3339_opts(SecondsFormat::Secs, false))
        .unwrap_or_else(|| format!("{}T00:00:00Z", plan.start));
    let mut stored = plan.clone();
    stored.id = String::new();
    Ok(EntryDraft {
        title: plan_title(plan),
        body: note,
        tags,
        children: vec![plan.child.clone()],
        location: plan.place.clone(),
        ..blank(EntryKind::Plan, start)
    }
    .with_schedule(ScheduleRecord::Plan(stored)))
}

/// "Plan: Sam spends alternate weekends with me, from 8 January 2027"
pub fn plan_title(plan: &Plan) -> String {
    let parent = match plan.with {
        Parent::Me => "me",
        Parent::Other => "the other parent",
    };
    let verb = match plan.arrangement {
        Arrangement::LivesWith => "lives with",
        Arrangement::SpendsTimeWith => "spends time with",
    };
    let mut title = format!(
        "Plan: {} {verb} {parent}, {}, from {}",
        plan.child.trim(),
        plan.template.name().describe(),
        long_date(plan.start)
    );
    if let Some(until) = plan.until {
        title.push_str(&format!(" until {}", long_date(until)));
    }
    title
}

fn exception_title(e: &Exception) -> String {
    let what = match &e.kind {
        ExceptionKind::Holiday { from, to, effect } => format!(
            "{} {} to {}",
            match effect {
                HolidayEffect::Suspend => "plans paused",
                HolidayEffect::Swap => "plans swapped",
            },
            long_date(*from),
            long_date(*to)
        ),
        ExceptionKind::Swap { date, to } => {
            format!("{} moved to {}", long_date(*date), long_date(*to))
        }
        ExceptionKind::Cancel { date } => format!("{} cancelled", long_date(*date)),
    };
    format!("{}: {what}", e.label.trim())
}

fn exception_dates(kind: &ExceptionKind) -> (NaiveDate, NaiveDate) {
    match *kind {
        ExceptionKind::Holiday { from, to, .. } => (from, to),
        ExceptionKind::Swap { date, to } => (date.min(to), date.max(to)),
        ExceptionKind::Cancel { date } => (date, date),
    }
}

/// "Missed contact: Sam, Friday 8 January 2027 at 18:00"
fn outcome_title(o: &Occurrence, kind: &OutcomeKind) -> String {
    let what = match kind {
        OutcomeKind::Kept => "Contact kept".to_string(),
        OutcomeKind::Late { minutes } => format!("Contact started {minutes} min late"),
        OutcomeKind::Short { minutes } => format!("Contact cut {minutes} min short"),
        OutcomeKind::Missed => "Missed contact".to_string(),
        OutcomeKind::Cancelled { by: Parent::Me, .. } => "Contact cancelled by me".to_string(),
        OutcomeKind::Cancelled {
            by: Parent::Other, ..
        } => "Contact cancelled by the other parent".to_string(),
        OutcomeKind::Swapped => "Contact swapped".to_string(),
    };
    format!(
        "{what}: {}, {} at {}",
        o.child,
        o.start.format("%A %-d %B %Y"),
        o.start.format("%H:%M")
    )
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn for_child(name: &str, wanted: Option<&str>) -> bool {
    wanted.is_none_or(|w| w.trim().eq_ignore_ascii_case(name.trim()))
}

fn plan_entry_id(id: &str) -> Result<i64> {
    id.trim().parse::<i64>().map_err(|_| not_a_plan(id))
}

fn not_a_plan(id: &str) -> Error {
    Error::invalid(
        "plan",
        format!("there is no plan {id:?}; `evenkeel schedule list` shows the plans"),
    )
}

fn find_occurrence(records: &Records, id: &str) -> Result<Occurrence> {
    let (plan_id, date) = Occurrence::parse_id(id)?;
    let plan = records
        .plans
        .iter()
        .find(|p| p.id == plan_id)
        .ok_or_else(|| not_a_plan(&plan_id))?;
    let reach = Duration::days(SWAP_REACH_DAYS);
    schedule::occurrences(plan, &records.exceptions, date - reach, date + reach)?
        .into_iter()
        .find(|o| o.id == id)
        .ok_or_else(|| {
            Error::invalid(
                "occurrence",
                format!(
                    "plan {plan_id} has no contact planned on {date}; `evenkeel schedule show` lists them"
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_say_what_happened_in_words() {
        let o = Occurrence {
            id: "3:2027-01-08".into(),
            plan: "3".into(),
            child: "Sam".into(),
            with: Parent::Me,
            start: "2027-01-08T18:00:00+00:00".parse().unwrap(),
            end: "2027-01-10T18:00:00+00:00".parse().unwrap(),
            planned: NaiveDate::from_ymd_opt(2027, 1, 8).unwrap(),
            exception: None,
        };
        assert_eq!(
            outcome_title(&o, &OutcomeKind::Missed),
            "Missed contact: Sam, Friday 8 January 2027 at 18:00"
        );
        assert_eq!(
            outcome_title(
                &o,
                &OutcomeKind::Cancelled {
                    by: Parent::Other,
                    reason: "ill".into()
                }
            ),
            "Contact cancelled by the other parent: Sam, Friday 8 January 2027 at 18:00"
        );
    }
}
