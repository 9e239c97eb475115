//! `evenkeel schedule …`: the parenting-time plans, their exceptions, and what happened at each
//! planned contact.

use clap::{Args, Subcommand};
use evenkeel::schedule::{
    Arrangement, Exception, ExceptionKind, HolidayEffect, Outcome, OutcomeKind, Parent, Plan,
    PlanParts, TemplateName,
};
use evenkeel::validate::parse_day;
use evenkeel::{Error, Journal};

use crate::print_json;

#[derive(Subcommand)]
pub(crate) enum ScheduleCommand {
    /// Add a parenting-time plan and print its id
    Add {
        #[command(flatten)]
        plan: PlanArgs,
        /// A note kept with the plan (the order or agreement it comes from)
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List the plans
    List {
        #[arg(long)]
        json: bool,
    },
    /// Change a plan; the earlier version stays in its history
    Edit {
        plan: String,
        #[command(flatten)]
        changes: PlanChanges,
    },
    /// End a plan: no contact is planned after this day
    End {
        plan: String,
        /// The last day a contact may start on, YYYY-MM-DD
        #[arg(long)]
        on: String,
    },
    /// The planned contacts in a range, with what was logged
    Show {
        /// First day, YYYY-MM-DD
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD
        #[arg(long)]
        to: String,
        #[arg(long)]
        child: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Log (or correct) what happened at a planned contact
    Log {
        /// The contact's id, as `schedule show` prints it (PLAN:YYYY-MM-DD)
        occurrence: String,
        /// kept, late, short, missed, cancelled or swapped
        #[arg(long)]
        outcome: String,
        /// Who cancelled: me or other (cancelled)
        #[arg(long)]
        by: Option<String>,
        /// Minutes late (late) or lost (short)
        #[arg(long)]
        minutes: Option<u32>,
        /// Why it was cancelled (cancelled; the note is used when this is not given)
        #[arg(long)]
        reason: Option<String>,
        /// What happened, in a sentence or two (the entry's text)
        #[arg(long)]
        note: Option<String>,
        /// A journal entry that tells more (repeatable)
        #[arg(long = "entry")]
        entries: Vec<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Pause (or swap) the plans over a holiday
    Holiday {
        /// What the parents call it: "Christmas 2027"
        #[arg(long)]
        label: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// The time goes to the other parent instead of pausing
        #[arg(long)]
        swap: bool,
        /// Only this plan (all plans otherwise)
        #[arg(long)]
        plan: Option<String>,
    },
    /// Move one planned contact to another day, as both parents agreed
    Swap {
        /// The day it was planned for, YYYY-MM-DD
        date: String,
        /// The day it moves to, YYYY-MM-DD
        #[arg(long = "to")]
        to: String,
        #[arg(long)]
        label: String,
        #[arg(long)]
        plan: Option<String>,
    },
    /// Cancel the contact planned on one day, as both parents agreed
    Cancel {
        date: String,
        #[arg(long)]
        label: String,
        #[arg(long)]
        plan: Option<String>,
    },
}

/// A new plan's fields.
#[derive(Args)]
pub(crate) struct PlanArgs {
    #[arg(long)]
    child: String,
    /// alternate-weekends, every-weekend, midweek-evening, alternate-weekends-midweek,
    /// week-on-week-off, 2-2-3, 2-2-5-5, 3-4-4-3 or custom
    #[arg(long)]
    template: String,
    /// The first day, YYYY-MM-DD
    #[arg(long)]
    start: String,
    /// HH:MM, or HH:MM-HH:MM when the two handovers differ [default: the template's]
    #[arg(long)]
    handover: Option<String>,
    /// The last day a contact may start on, YYYY-MM-DD
    #[arg(long)]
    until: Option<String>,
    /// An RFC 5545 rule for the custom template, e.g. FREQ=WEEKLY;BYDAY=SA
    #[arg(long)]
    rrule: Option<String>,
    /// IANA time zone of the handover times [default: this computer's]
    #[arg(long)]
    tz: Option<String>,
    #[arg(long)]
    place: Option<String>,
    /// Whose time the plan is: me or other
    #[arg(long, default_value = "me")]
    with: String,
    /// How the order words it: spends-time-with or lives-with
    #[arg(long, default_value = "spends-time-with")]
    arrangement: String,
}

/// A plan's fields to change; the rest stay as they are.
#[derive(Args)]
pub(crate) struct PlanChanges {
    #[arg(long)]
    child: Option<String>,
    #[arg(long)]
    template: Option<String>,
    #[arg(long)]
    start: Option<String>,
    #[arg(long)]
    handover: Option<String>,
    #[arg(long)]
    until: Option<String>,
    #[arg(long)]
    rrule: Option<String>,
    #[arg(long)]
    tz: Option<String>,
    #[arg(long)]
    place: Option<String>,
    #[arg(long)]
    with: Option<String>,
    #[arg(long)]
    arrangement: Option<String>,
}

pub(crate) fn schedule(journal: &mut Journal, command: ScheduleCommand) -> Result<(), Error> {
    match command {
        ScheduleCommand::Add { plan, note, json } => {
            let parts = PlanParts {
                child: plan.child,
                template: template_name(&plan.template)?,
                start: plan.start,
                handover: plan.handover,
                until: plan.until,
                rrule: plan.rrule,
                zone: plan.tz,
                place: plan.place,
                with: parent(&plan.with)?,
                arrangement: arrangement(&plan.arrangement)?,
            };
            let plan = journal.add_plan(parts.to_plan("")?, note.as_deref().unwrap_or(""))?;
            if json {
                print_json(&plan);
            } else {
                println!("{}", plan.id);
            }
        }
        ScheduleCommand::List { json } => {
            let plans = journal.plans()?;
            if json {
                print_json(&plans);
            } else if plans.is_empty() {
                println!("No plans yet. Add one with `evenkeel schedule add`.");
            } else {
                for p in &plans {
                    println!("{:>5}  {}", p.id, describe(p));
                }
            }
        }
        ScheduleCommand::Edit { plan, changes } => {
            let old = journal.plan(&plan)?;
            let mut parts = PlanParts::from_plan(&old);
            let c = changes;
            if let Some(v) = c.template {
                parts.template = template_name(&v)?;
                // Another template's times and rule do not carry over unless given again.
                parts.handover = None;
                parts.rrule = None;
            }
            set(&mut parts.child, c.child);
            set(&mut parts.start, c.start);
            parts.handover = c.handover.or(parts.handover);
            parts.until = c.until.or(parts.until);
            parts.rrule = c.rrule.or(parts.rrule);
            parts.zone = c.tz.or(parts.zone);
            parts.place = c.place.or(parts.place);
            if let Some(v) = c.with {
                parts.with = parent(&v)?;
            }
            if let Some(v) = c.arrangement {
                parts.arrangement = arrangement(&v)?;
            }
            let new = parts.to_plan(&old.id)?;
            if new == old {
                println!("Plan {} is unchanged.", old.id);
            } else {
                journal.edit_plan(new)?;
                println!(
                    "Changed plan {}; the earlier version is in its history.",
                    old.id
                );
            }
        }
        ScheduleCommand::End { plan, on } => {
            journal.end_plan(&plan, parse_day("on", &on)?)?;
            println!("Plan {plan} ends on {on}.");
        }
        ScheduleCommand::Show {
            from,
            to,
            child,
            json,
        } => {
            let contacts = journal.contacts(
                parse_day("from", &from)?,
                parse_day("to", &to)?,
                child.as_deref(),
            )?;
            if json {
                print_json(&contacts);
            } else if contacts.is_empty() {
                println!("No contact planned from {from} to {to}.");
            } else {
                for c in &contacts {
                    let o = &c.occurrence;
                    let with = match o.with {
                        Parent::Me => "with me",
                        Parent::Other => "with the other parent",
                    };
                    let logged = c
                        .outcome
                        .as_ref()
                        .map(|x| x.kind.name())
                        .unwrap_or("not logged");
                    let changed = o
                        .exception
                        .as_deref()
                        .map(|l| format!(" ({l})"))
                        .unwrap_or_default();
                    println!(
                        "{:<16} {} to {}  {} {with}{changed}: {logged}",
                        o.id,
                        o.start.format("%a %d %b %Y %H:%M"),
                        o.end.format("%a %d %b %H:%M"),
                        o.child
                    );
                }
            }
        }
        ScheduleCommand::Log {
            occurrence,
            outcome,
            by,
            minutes,
            reason,
            note,
            entries,
            json,
        } => {
            let kind = outcome_kind(&outcome, by, minutes, reason.or_else(|| note.clone()))?;
            let id = journal.log_outcome(Outcome {
                occurrence,
                kind,
                note,
                entries,
            })?;
            let entry = journal.get(id)?;
            if json {
                print_json(&entry);
            } else {
                println!("Logged in entry {id}: {}", entry.draft.title);
            }
        }
        ScheduleCommand::Holiday {
            label,
            from,
            to,
            swap,
            plan,
        } => {
            let effect = if swap {
                HolidayEffect::Swap
            } else {
                HolidayEffect::Suspend
            };
            let kind = ExceptionKind::Holiday {
                from: parse_day("from", &from)?,
                to: parse_day("to", &to)?,
                effect,
            };
            add_exception(journal, plan, label, kind)?;
        }
        ScheduleCommand::Swap {
            date,
            to,
            label,
            plan,
        } => {
            let kind = ExceptionKind::Swap {
                date: parse_day("date", &date)?,
                to: parse_day("to", &to)?,
            };
            add_exception(journal, plan, label, kind)?;
        }
        ScheduleCommand::Cancel { date, label, plan } => {
            let kind = ExceptionKind::Cancel {
                date: parse_day("date", &date)?,
            };
            add_exception(journal, plan, label, kind)?;
        }
    }
    Ok(())
}

fn add_exception(
    journal: &mut Journal,
    plan: Option<String>,
    label: String,
    kind: ExceptionKind,
) -> Result<(), Error> {
    let id = journal.add_exception(Exception { plan, label, kind }, "")?;
    println!("Recorded in entry {id}: {}", journal.get(id)?.draft.title);
    Ok(())
}

fn describe(p: &Plan) -> String {
    let mut s = evenkeel::journal::plan_title(p)
        .trim_start_matches("Plan: ")
        .to_string();
    s.push_str(&format!(
        "; handover {} ({})",
        p.template.handover_text(),
        p.zone
    ));
    if let Some(place) = &p.place {
        s.push_str(&format!(" at {place}"));
    }
    s
}

fn set(field: &mut String, value: Option<String>) {
    if let Some(v) = value {
        *field = v;
    }
}

fn template_name(s: &str) -> Result<TemplateName, Error> {
    s.parse()
}

fn parent(s: &str) -> Result<Parent, Error> {
    match s.trim() {
        "me" => Ok(Parent::Me),
        "other" => Ok(Parent::Other),
        other => Err(Error::invalid(
            "with",
            format!("{other:?} is not a parent; use me or other"),
        )),
    }
}

fn arrangement(s: &str) -> Result<Arrangement, Error> {
    match s.trim() {
        "lives-with" => Ok(Arrangement::LivesWith),
        "spends-time-with" => Ok(Arrangement::SpendsTimeWith),
        other => Err(Error::invalid(
            "arrangement",
            format!("{other:?} is not an arrangement; use lives-with or spends-time-with"),
        )),
    }
}

fn outcome_kind(
    name: &str,
    by: Option<String>,
    minutes: Option<u32>,
    reason: Option<String>,
) -> Result<OutcomeKind, Error> {
    let need_minutes = |word: &str| {
        minutes.ok_or_else(|| {
            Error::invalid(
                "minutes",
                format!("say how many minutes {word} with --minutes"),
            )
        })
    };
    Ok(match name.trim() {
        "kept" => OutcomeKind::Kept,
        "late" => OutcomeKind::Late {
            minutes: need_minutes("late")?,
        },
        "short" => OutcomeKind::Short {
            minutes: need_minutes("short")?,
        },
        "missed" => OutcomeKind::Missed,
        "cancelled" => OutcomeKind::Cancelled {
            by: parent(by.as_deref().ok_or_else(|| {
                Error::invalid("by", "say who cancelled with --by me or --by other")
            })?)?,
            reason: reason.unwrap_or_default(),
        },
        "swapped" => OutcomeKind::Swapped,
        other => {
            return Err(Error::invalid(
                "outcome",
                format!(
                "{other:?} is not an outcome; use kept, late, short, missed, cancelled or swapped"
            ),
            ))
        }
    })
}
