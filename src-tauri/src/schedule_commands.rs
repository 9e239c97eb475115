//! Thin commands for the parenting-time schedule and mood trends: parse the dates, call the
//! core, map the error.

use evenkeel::journal::{Contact, MoodTrends};
use evenkeel::model::Entry;
use evenkeel::schedule::{self, Compliance, Exception, Occurrence, Outcome, Plan, PlanParts};
use evenkeel::validate::parse_day;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn schedule_plans(state: State<'_, AppState>) -> CommandResult<Vec<Plan>> {
    state.with(|j| j.plans())
}

/// The plan editor's fields for an existing plan.
#[tauri::command(async)]
pub fn schedule_plan_parts(state: State<'_, AppState>, id: String) -> CommandResult<PlanParts> {
    state.with(|j| Ok(PlanParts::from_plan(&j.plan(&id)?)))
}

/// The zone a new plan gets unless the parent picks another.
#[tauri::command(async)]
pub fn schedule_default_zone() -> String {
    schedule::system_zone()
}

/// The occurrences a plan would give, before it is saved; nothing is written.
#[tauri::command(async)]
pub fn schedule_preview(
    parts: PlanParts,
    from: String,
    to: String,
) -> CommandResult<Vec<Occurrence>> {
    let plan = parts.to_plan("new")?;
    Ok(schedule::occurrences(
        &plan,
        &[],
        parse_day("from", &from)?,
        parse_day("to", &to)?,
    )?)
}

#[tauri::command(async)]
pub fn schedule_add_plan(
    state: State<'_, AppState>,
    parts: PlanParts,
    note: String,
) -> CommandResult<Plan> {
    state.with(|j| j.add_plan(parts.to_plan("")?, &note))
}

#[tauri::command(async)]
pub fn schedule_edit_plan(
    state: State<'_, AppState>,
    id: String,
    parts: PlanParts,
) -> CommandResult<Plan> {
    state.with(|j| {
        j.edit_plan(parts.to_plan(&id)?)?;
        j.plan(&id)
    })
}

#[tauri::command(async)]
pub fn schedule_exceptions(state: State<'_, AppState>) -> CommandResult<Vec<Exception>> {
    state.with(|j| j.exceptions())
}

#[tauri::command(async)]
pub fn schedule_add_exception(
    state: State<'_, AppState>,
    exception: Exception,
    note: String,
) -> CommandResult<Entry> {
    state.with(|j| {
        let id = j.add_exception(exception, &note)?;
        j.get(id)
    })
}

#[tauri::command(async)]
pub fn schedule_contacts(
    state: State<'_, AppState>,
    from: String,
    to: String,
    child: Option<String>,
) -> CommandResult<Vec<Contact>> {
    state.with(|j| {
        j.contacts(
            parse_day("from", &from)?,
            parse_day("to", &to)?,
            child.as_deref(),
        )
    })
}

/// Logs or corrects an outcome; returns the entry that records it (for a missed or cancelled
/// contact, the missed-contact entry in the timeline).
#[tauri::command(async)]
pub fn schedule_log(state: State<'_, AppState>, outcome: Outcome) -> CommandResult<Entry> {
    state.with(|j| {
        let id = j.log_outcome(outcome)?;
        j.get(id)
    })
}

#[tauri::command(async)]
pub fn schedule_compliance(
    state: State<'_, AppState>,
    from: String,
    to: String,
    child: Option<String>,
) -> CommandResult<Vec<Compliance>> {
    state.with(|j| {
        j.compliance(
            parse_day("from", &from)?,
            parse_day("to", &to)?,
            child.as_deref(),
        )
    })
}

#[tauri::command(async)]
pub fn mood_trends(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> CommandResult<MoodTrends> {
    state.with(|j| j.mood_trends(parse_day("from", &from)?, parse_day("to", &to)?))
}
