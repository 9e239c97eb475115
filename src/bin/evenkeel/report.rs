//! `evenkeel report compliance`: planned contact against what happened, as a parent would say it.

use chrono::NaiveDate;
use clap::Subcommand;
use evenkeel::schedule::{self, Compliance, OutcomeKind, Parent};
use evenkeel::validate::parse_day;
use evenkeel::{Error, Journal};

use crate::print_json;

#[derive(Subcommand)]
pub(crate) enum ReportCommand {
    /// Planned contact against what happened: kept, late, short, missed, cancelled by each side
    Compliance {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        child: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn report(journal: &Journal, command: ReportCommand) -> Result<(), Error> {
    let ReportCommand::Compliance {
        from,
        to,
        child,
        json,
    } = command;
    let (from, to) = (parse_day("from", &from)?, parse_day("to", &to)?);
    let per_child = journal.compliance(from, to, child.as_deref())?;
    let total = journal.compliance_total(from, to, child.as_deref())?;
    if json {
        // One object a script can read the figures from, with each child's beside them.
        let mut value = serde_json::to_value(total.unwrap_or_else(|| empty(from, to)))
            .expect("figures serialise");
        value["children"] = serde_json::to_value(&per_child).expect("figures serialise");
        print_json(&value);
        return Ok(());
    }
    if per_child.is_empty() {
        println!("No contact was planned from {from} to {to}.");
    }
    for c in &per_child {
        print_compliance(c);
    }
    Ok(())
}

/// The figures as a parent would say them: "Sam, 1 Sep 2026 to 23 Nov 2026: 14 of 22 planned
/// contacts kept; 6 cancelled by the other parent, 2 by me."
fn print_compliance(c: &Compliance) {
    let mut parts = vec![format!("{} of {} planned contacts kept", c.kept, c.planned)];
    for (n, what) in [
        (c.late, "started late"),
        (c.short, "cut short"),
        (c.missed, "missed"),
        (c.swapped, "swapped"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    if c.cancelled_by_other + c.cancelled_by_me > 0 {
        parts.push(format!(
            "{} cancelled by the other parent, {} by me",
            c.cancelled_by_other, c.cancelled_by_me
        ));
    }
    if c.unlogged > 0 {
        parts.push(format!("{} not logged yet", c.unlogged));
    }
    println!(
        "{}, {} to {}: {}.",
        c.child,
        c.from.format("%-d %b %Y"),
        c.to.format("%-d %b %Y"),
        parts.join("; ")
    );
    if let Some(p) = c.percent_happened {
        println!("  {p}% of the planned time that was logged happened.");
    }
    for (who, t) in [("me", &c.me), ("the other parent", &c.other)] {
        if t.planned_hours > 0.0 {
            let nights = if t.planned_overnights > 0 {
                format!(
                    ", {} of {} planned overnights",
                    t.actual_overnights, t.planned_overnights
                )
            } else {
                String::new()
            };
            println!(
                "  With {who}: {:.1} of {:.1} planned hours{nights}.",
                t.actual_hours, t.planned_hours
            );
        }
    }
    if !c.deviations.is_empty() {
        println!("  Not as planned:");
    }
    for d in &c.deviations {
        let what = match &d.outcome {
            OutcomeKind::Cancelled { by, reason } => format!(
                "cancelled by {} ({reason})",
                if *by == Parent::Me {
                    "me"
                } else {
                    "the other parent"
                }
            ),
            OutcomeKind::Late { minutes } => format!("started {minutes} min late"),
            OutcomeKind::Short { minutes } => format!("cut {minutes} min short"),
            other => other.name().to_string(),
        };
        let lost = match d.minutes_lost {
            0 => String::new(),
            m if m % 60 == 0 => format!(", {} h lost", m / 60),
            m => format!(", {} h {} min lost", m / 60, m % 60),
        };
        let note = d
            .note
            .as_deref()
            .map(|n| format!(": {n}"))
            .unwrap_or_default();
        println!("    {} {what}{lost}{note}", d.date.format("%a %-d %b %Y"));
    }
}

fn empty(from: NaiveDate, to: NaiveDate) -> Compliance {
    schedule::compliance(&[], &[], from, to)
        .into_iter()
        .next()
        .unwrap_or(Compliance {
            child: String::new(),
            from,
            to,
            planned: 0,
            kept: 0,
            late: 0,
            short: 0,
            missed: 0,
            cancelled_by_me: 0,
            cancelled_by_other: 0,
            swapped: 0,
            unlogged: 0,
            me: Default::default(),
            other: Default::default(),
            percent_happened: None,
            deviations: vec![],
        })
}
