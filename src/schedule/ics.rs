//! iCalendar files (RFC 5545), through the `icalendar` crate: planned contact out to any
//! calendar app, and a school's or council's term dates (or any exported calendar) in.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{
    Calendar, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike, EventStatus,
};

use super::occurrences::Occurrence;
use super::outcome::{Outcome, OutcomeKind};
use super::plan::{Parent, Plan};
use crate::error::{Error, Result};

/// A calendar file larger than this is not a term-dates calendar; refused before parsing.
pub const MAX_ICS_BYTES: usize = 20 * 1024 * 1024;

/// The planned contacts as a calendar. Each event's UID is its occurrence id, so importing a
/// later export into the same calendar updates the events rather than adding copies; times are
/// in UTC, which every calendar app shows in its own zone.
pub fn export(
    occurrences: &[Occurrence],
    outcomes: &[Outcome],
    plans: &[Plan],
    stamp: DateTime<Utc>,
) -> String {
    let mut calendar = Calendar::new();
    calendar.name("Parenting time (Evenkeel)");
    for o in occurrences {
        let plan = plans.iter().find(|p| p.id == o.plan);
        let outcome = outcomes.iter().rev().find(|x| x.occurrence == o.id);
        let with = match o.with {
            Parent::Me => "with me",
            Parent::Other => "with the other parent",
        };
        let mut event = Event::with_uid(&format!("{}@evenkeel", o.id));
        event
            .summary(&format!("{} {with}", o.child))
            .timestamp(stamp)
            .starts(o.start.with_timezone(&Utc))
            .ends(o.end.with_timezone(&Utc));
        if let Some(place) = plan.and_then(|p| p.place.as_deref()) {
            event.location(place);
        }
        let mut description = Vec::new();
        if let Some(label) = &o.exception {
            description.push(format!("Changed by: {label}."));
        }
        match outcome.map(|x| &x.kind) {
            None => {}
            Some(kind) => description.push(format!("Logged: {}.", outcome_words(kind))),
        }
        if !description.is_empty() {
            event.description(&description.join(" "));
        }
        let cancelled = matches!(
            outcome.map(|x| &x.kind),
            Some(OutcomeKind::Missed | OutcomeKind::Cancelled { .. })
        );
        event.status(if cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

fn outcome_words(kind: &OutcomeKind) -> String {
    match kind {
        OutcomeKind::Kept => "kept".into(),
        OutcomeKind::Late { minutes } => format!("started {minutes} minutes late"),
        OutcomeKind::Short { minutes } => format!("cut {minutes} minutes short"),
        OutcomeKind::Missed => "missed".into(),
        OutcomeKind::Cancelled { by, reason } => format!(
            "cancelled by {} ({reason})",
            match by {
                Parent::Me => "me",
                Parent::Other => "the other parent",
            }
        ),
        OutcomeKind::Swapped => "swapped for other time".into(),
    }
}

/// One event read from a calendar file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedEvent {
    pub uid: Option<String>,
    pub summary: String,
    pub description: String,
    pub location: Option<String>,
    /// When it starts: a whole day, or a moment.
    pub start: DateTime<FixedOffset>,
    pub all_day: bool,
    /// The first and last local days it covers (an all-day event's DTEND is exclusive).
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// It repeats (RRULE); only its first instance is read.
    pub recurring: bool,
}

/// Reads the events of an iCalendar file. Floating times, and zones that are not IANA names
/// (Outlook writes "GMT Standard Time"), are read in `zone`.
pub fn parse(text: &str, zone: Tz) -> Result<Vec<ImportedEvent>> {
    if text.len() > MAX_ICS_BYTES {
        return Err(Error::TooLarge {
            what: "calendar file".into(),
            actual: text.len() as u64,
            limit: MAX_ICS_BYTES as u64,
        });
    }
    let text = text.trim_start_matches('\u{feff}');
    if !text
        .trim_start()
        .to_ascii_uppercase()
        .starts_with("BEGIN:VCALENDAR")
    {
        return Err(Error::invalid(
            "ics",
            "the file is not an iCalendar file: it does not start with BEGIN:VCALENDAR",
        ));
    }
    // The parser wants CRLF or LF line ends and no trailing junk after END:VCALENDAR.
    let calendar: Calendar = text.parse().map_err(|e: String| {
        let first = e.lines().next().unwrap_or("").trim().to_string();
        Error::invalid("ics", format!("the calendar file cannot be read ({first})"))
    })?;
    let mut events = Vec::new();
    for (n, event) in calendar.events().enumerate() {
        let Some(start) = event.get_start() else {
            return Err(Error::invalid(
                "ics",
                format!("event {} has no start (DTSTART)", n + 1),
            ));
        };
        // A summary becomes an entry's title: one line, and not a page long.
        let summary: String = event
            .get_summary()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "Untitled event".into())
            .chars()
            .take(200)
            .collect();
        let (start_at, all_day, first_day) = moment(&start, zone);
        let end = event.get_end();
        let last_day = match &end {
            // DTEND of an all-day event is the day after it.
            Some(DatePerhapsTime::Date(d)) => (*d - Duration::days(1)).max(first_day),
            Some(dt) => {
                let (at, _, day) = moment(dt, zone);
                // An event ending at midnight ends on the day before.
                if at.time() == chrono::NaiveTime::MIN && day > first_day {
                    day - Duration::days(1)
                } else {
                    day.max(first_day)
                }
            }
            None => first_day,
        };
        events.push(ImportedEvent {
            uid: event.get_uid().map(String::from),
            summary,
            description: event.get_description().unwrap_or("").trim().to_string(),
            location: event
                .get_location()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty()),
            start: start_at,
            all_day,
            first_day,
            last_day,
            recurring: event.property_value("RRULE").is_some(),
        });
    }
    events.sort_by_key(|e| e.start);
    Ok(events)
}

/// The moment a DTSTART or DTEND names, whether it is a whole day, and its local date.
fn moment(value: &DatePerhapsTime, zone: Tz) -> (DateTime<FixedOffset>, bool, NaiveDate) {
    let local = |naive: NaiveDateTime, tz: Tz| -> DateTime<FixedOffset> {
        tz.from_local_datetime(&naive)
            .earliest()
            .unwrap_or_else(|| tz.from_utc_datetime(&naive))
            .fixed_offset()
    };
    match value {
        DatePerhapsTime::Date(d) => (local(d.and_time(chrono::NaiveTime::MIN), zone), true, *d),
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => {
            let at = t.with_timezone(&zone).fixed_offset();
            (at, false, at.date_naive())
        }
        DatePerhapsTime::DateTime(CalendarDateTime::Floating(naive)) => {
            (local(*naive, zone), false, naive.date())
        }
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
            let name = tzid.trim_matches('"').trim_start_matches('/');
            let tz = name
                .parse::<Tz>()
                .ok()
                .or_else(|| windows_zone(name))
                .unwrap_or(zone);
            (local(*date_time, tz), false, date_time.date())
        }
    }
}

/// Outlook and Exchange name zones the Windows way. The common ones, to their IANA zones (from
/// the Unicode CLDR's windowsZones table); any other falls back to the zone the user gave.
fn windows_zone(name: &str) -> Option<Tz> {
    let iana = match name {
        "GMT Standard Time" => "Europe/London",
        "Greenwich Standard Time" => "Atlantic/Reykjavik",
        "W. Europe Standard Time" => "Europe/Berlin",
        "Romance Standard Time" => "Europe/Paris",
        "Central Europe Standard Time" => "Europe/Budapest",
        "Central European Standard Time" => "Europe/Warsaw",
        "E. Europe Standard Time" => "Europe/Chisinau",
        "FLE Standard Time" => "Europe/Kiev",
        "Eastern Standard Time" => "America/New_York",
        "Central Standard Time" => "America/Chicago",
        "Mountain Standard Time" => "America/Denver",
        "Pacific Standard Time" => "America/Los_Angeles",
        "AUS Eastern Standard Time" => "Australia/Sydney",
        "New Zealand Standard Time" => "Pacific/Auckland",
        "India Standard Time" => "Asia/Calcutta",
        "UTC" | "Coordinated Universal Time" => "UTC",
        _ => return None,
    };
    iana.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_day_events_end_the_day_before_their_dtend() {
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\n\
                   DTSTART;VALUE=DATE:20271220\r\nDTEND;VALUE=DATE:20280104\r\nSUMMARY:Christmas holidays\r\n\
                   END:VEVENT\r\nEND:VCALENDAR\r\n";
        let events = parse(ics, chrono_tz::Europe::London).unwrap();
        assert_eq!(events.len(), 1);
        assert!(events[0].all_day);
        assert_eq!(events[0].first_day.to_string(), "2027-12-20");
        assert_eq!(events[0].last_day.to_string(), "2028-01-03");
    }

    proptest::proptest! {
        /// Whatever follows the header (cut-off files, stray bytes, lines from other formats),
        /// reading it returns events or a named error; it never panics.
        #[test]
        fn any_text_after_the_header_is_read_or_refused(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("BEGIN:VEVENT".to_string()),
                    proptest::strategy::Just("END:VEVENT".to_string()),
                    proptest::strategy::Just("END:VCALENDAR".to_string()),
                    "DT(START|END)(;VALUE=DATE|;TZID=[A-Za-z/ ]{0,20})?:[0-9TZ]{0,16}",
                    "SUMMARY:[ -~]{0,30}",
                    "[ -~]{0,40}",
                ],
                0..30,
            )
        ) {
            let text = format!("BEGIN:VCALENDAR\r\n{}", lines.join("\r\n"));
            match parse(&text, chrono_tz::Europe::London) {
                Ok(events) => {
                    for e in events {
                        proptest::prop_assert!(e.first_day <= e.last_day);
                    }
                }
                Err(e) => proptest::prop_assert!(e.to_string().starts_with("ics: ")),
            }
        }
    }

    #[test]
    fn a_file_that_is_not_a_calendar_is_named_as_such() {
        let e = parse("hello", chrono_tz::UTC).unwrap_err();
        assert_eq!(
            e.to_string(),
            "ics: the file is not an iCalendar file: it does not start with BEGIN:VCALENDAR"
        );
    }
}
