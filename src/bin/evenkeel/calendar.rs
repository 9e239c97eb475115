//! `evenkeel ics …`: the planned contacts out to any calendar app, term dates or other events in.

use std::path::{Path, PathBuf};

use chrono::{Duration, Local};
use clap::Subcommand;
use evenkeel::schedule::{self, HolidayEffect};
use evenkeel::validate::parse_day;
use evenkeel::{Error, Journal};

use crate::print_json;

#[derive(Subcommand)]
pub(crate) enum IcsCommand {
    /// Write the planned contacts to an .ics file for any calendar app
    Export {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// First day [default: the earliest plan's start]
        #[arg(long)]
        from: Option<String>,
        /// Last day [default: a year from today]
        #[arg(long)]
        to: Option<String>,
        /// Replace FILE if it exists
        #[arg(long)]
        force: bool,
    },
    /// Read a calendar file's events into the journal
    Import {
        file: PathBuf,
        /// exceptions (each event pauses the plans) or notes (schedule notes)
        #[arg(long = "as", default_value = "exceptions")]
        as_: String,
        /// With --as exceptions: the event's days go to the other parent instead of pausing
        #[arg(long)]
        swap: bool,
        /// With --as exceptions: only this plan (all plans otherwise)
        #[arg(long)]
        plan: Option<String>,
        /// Zone for times the file does not place [default: this computer's]
        #[arg(long)]
        tz: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn ics(journal: &mut Journal, command: IcsCommand) -> Result<(), Error> {
    match command {
        IcsCommand::Export {
            out,
            from,
            to,
            force,
        } => {
            let plans = journal.plans()?;
            let from =
                match from {
                    Some(f) => parse_day("from", &f)?,
                    None => plans.iter().map(|p| p.start).min().ok_or_else(|| {
                        Error::invalid("plan", "there are no plans to export yet")
                    })?,
                };
            let to = match to {
                Some(t) => parse_day("to", &t)?,
                None => Local::now().date_naive() + Duration::days(365),
            };
            let text = journal.export_ics(from, to)?;
            evenkeel::files::write_file(&out, text.as_bytes(), force)?;
            let events = text.matches("BEGIN:VEVENT").count();
            println!(
                "Wrote {events} planned contacts from {from} to {to} to {}.",
                out.display()
            );
        }
        IcsCommand::Import {
            file,
            as_,
            swap,
            plan,
            tz,
            json,
        } => {
            let as_exceptions = match as_.trim() {
                "exceptions" => Some((
                    plan,
                    if swap {
                        HolidayEffect::Swap
                    } else {
                        HolidayEffect::Suspend
                    },
                )),
                "notes" => None,
                other => {
                    return Err(Error::invalid(
                        "as",
                        format!("{other:?} is not a way to import; use exceptions or notes"),
                    ))
                }
            };
            let zone = tz.unwrap_or_else(schedule::system_zone);
            let zone: chrono_tz::Tz = zone
                .parse()
                .map_err(|_| Error::invalid("tz", format!("{zone:?} is not a known time zone")))?;
            let text = read_calendar(&file)?;
            let events = schedule::ics::parse(&text, zone)?;
            let ids = journal.import_ics(&events, as_exceptions.clone())?;
            if json {
                print_json(&ids);
            } else {
                let recurring = events.iter().filter(|e| e.recurring).count();
                println!(
                    "Imported {} events from {} as {}.",
                    ids.len(),
                    file.display(),
                    if as_exceptions.is_some() {
                        "exceptions to the plans"
                    } else {
                        "schedule notes"
                    }
                );
                if recurring > 0 {
                    println!("{recurring} of them repeat; only their first date was imported.");
                }
            }
        }
    }
    Ok(())
}

fn read_calendar(path: &Path) -> Result<String, Error> {
    let file = |e| Error::File {
        path: path.to_path_buf(),
        source: e,
    };
    let size = std::fs::metadata(path).map_err(file)?.len();
    if size > schedule::ics::MAX_ICS_BYTES as u64 {
        return Err(Error::TooLarge {
            what: "calendar file".into(),
            actual: size,
            limit: schedule::ics::MAX_ICS_BYTES as u64,
        });
    }
    let bytes = std::fs::read(path).map_err(file)?;
    String::from_utf8(bytes).map_err(|_| {
        Error::invalid(
            "ics",
            format!("{} is not a text calendar file (not UTF-8)", path.display()),
        )
    })
}
