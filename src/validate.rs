//! Checks and tidies a draft before it is written, naming the field that is wrong.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone};

use crate::error::{Error, Result};
use crate::model::{EntryDraft, EntryKind, ScheduleRecord};
use crate::schedule::OutcomeKind;

pub const MAX_TITLE_CHARS: usize = 300;
/// One megabyte of text is several hundred pages; anything larger belongs in an attachment.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_NAMES: usize = 50;

/// Parses when something happened. RFC 3339 is the documented form; a local
/// "YYYY-MM-DD HH:MM" (or with a T) is accepted too and given this machine's offset.
pub fn parse_occurred_at(text: &str) -> Result<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t);
    }
    for fmt in [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, fmt) {
            if let Some(local) = Local.from_local_datetime(&naive).earliest() {
                return Ok(local.fixed_offset());
            }
        }
    }
    Err(Error::invalid(
        "occurred_at",
        format!("{text:?} is not a date and time; use RFC 3339, e.g. 2026-03-14T17:30:00+00:00"),
    ))
}

/// Parses a whole day for filters.
pub fn parse_day(field: &'static str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, format!("{text:?} is not a date; use YYYY-MM-DD")))
}

/// When the core writes something: UTC, milliseconds, unambiguous.
pub fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A draft after checking: the tidied draft plus the derived values the index needs.
pub struct Checked {
    pub draft: EntryDraft,
    pub occurred_utc: i64,
    pub occurred_day: String,
}

pub fn check(mut d: EntryDraft) -> Result<Checked> {
    let at = parse_occurred_at(&d.occurred_at)?;
    d.occurred_at = at.to_rfc3339_opts(SecondsFormat::Secs, false);

    d.title = d.title.trim().to_string();
    if d.title.is_empty() {
        return Err(Error::invalid(
            "title",
            "a title is needed, even a short one",
        ));
    }
    if d.title.chars().count() > MAX_TITLE_CHARS {
        return Err(Error::invalid(
            "title",
            format!(
                "keep the title under {MAX_TITLE_CHARS} characters and put the rest in the body"
            ),
        ));
    }
    if d.title.contains(['\n', '\r']) {
        return Err(Error::invalid("title", "the title must be a single line"));
    }
    if d.body.len() > MAX_BODY_BYTES {
        return Err(Error::TooLarge {
            what: "body".into(),
            actual: d.body.len() as u64,
            limit: MAX_BODY_BYTES as u64,
        });
    }

    d.children = tidy_names("children", d.children)?;
    d.people = tidy_names("people", d.people)?;
    d.tags = tidy_names("tags", d.tags)?
        .into_iter()
        .map(|t| t.to_lowercase())
        .collect();
    d.tags.dedup();
    d.location = d
        .location
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());

    if d.channel.is_some() && !matches!(d.kind, EntryKind::Interaction | EntryKind::Message) {
        return Err(Error::invalid(
            "channel",
            "only an interaction or a message has a channel",
        ));
    }
    match (&mut d.message, d.kind) {
        (None, EntryKind::Message) => {
            return Err(Error::invalid(
                "message",
                "a message entry needs to say whether it was sent or received, and to or from whom",
            ))
        }
        (Some(m), EntryKind::Message) => {
            m.counterpart = tidy_names("counterpart", vec![std::mem::take(&mut m.counterpart)])?
                .pop()
                .unwrap_or_default();
            if d.body.trim().is_empty() {
                return Err(Error::invalid(
                    "body",
                    "a message entry needs the message's text",
                ));
            }
        }
        (Some(_), _) => {
            return Err(Error::invalid(
                "message",
                "only a message entry has message details",
            ))
        }
        (None, _) => {}
    }
    if d.kind == EntryKind::Legal && d.legal_step.is_none() {
        return Err(Error::invalid(
            "legal_step",
            "a legal entry needs its step (miam, mediation, application, hearing, order, breach or letter)",
        ));
    }
    if d.legal_step.is_some() && d.kind != EntryKind::Legal {
        return Err(Error::invalid(
            "legal_step",
            "only a legal entry has a legal step",
        ));
    }
    match (&mut d.mood, d.kind) {
        (None, EntryKind::Mood) => {
            return Err(Error::invalid(
                "mood",
                "a mood entry needs the parent's mood from 1 to 5",
            ))
        }
        (Some(m), EntryKind::Mood) => {
            if !(1..=5).contains(&m.parent) {
                return Err(Error::invalid(
                    "mood",
                    format!("{} is not a mood from 1 to 5", m.parent),
                ));
            }
            for (field, value) in [
                ("child_before", m.child_before),
                ("child_after", m.child_after),
            ] {
                if value.is_some_and(|v| !(1..=5).contains(&v)) {
                    return Err(Error::invalid(
                        field,
                        format!("{} is not a mood from 1 to 5", value.unwrap_or_default()),
                    ));
                }
            }
            if let Some(o) = &m.occurrence {
                crate::schedule::Occurrence::parse_id(o)?;
            }
            m.feelings = tidy_names("feelings", std::mem::take(&mut m.feelings))?;
            m.child = m
                .child
                .take()
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty());
        }
        (Some(_), _) => return Err(Error::invalid("mood", "only a mood entry has a mood")),
        (None, _) => {}
    }

    check_schedule(&mut d)?;

    let (occurred_utc, occurred_day) = occurred_keys(&at);
    Ok(Checked {
        occurred_utc,
        occurred_day,
        draft: d,
    })
}

/// A schedule record belongs to one kind of entry, and each of those kinds holds its own.
/// The plan's id and the outcome's note live in the entry (its id, its body), not twice.
fn check_schedule(d: &mut EntryDraft) -> Result<()> {
    let wrong = |what: &str| {
        Error::invalid(
            "schedule",
            format!("a {} entry cannot hold {what}", d.kind.as_str()),
        )
    };
    match (&mut d.schedule, d.kind) {
        (None, EntryKind::Plan) => Err(Error::invalid(
            "schedule",
            "a plan entry needs its plan: the child, the template and the start date",
        )),
        (None, EntryKind::Contact) => Err(Error::invalid(
            "schedule",
            "a contact entry needs the outcome of a planned contact",
        )),
        (Some(ScheduleRecord::Plan(plan)), EntryKind::Plan) => {
            plan.id = String::new();
            let mut named = plan.clone();
            named.id = "plan".into(); // any id: the entry gives the real one
            named.validate()
        }
        (Some(ScheduleRecord::Exception(e)), EntryKind::ScheduleNote) => {
            e.label = e.label.trim().to_string();
            e.validate()
        }
        (Some(ScheduleRecord::Outcome(o)), EntryKind::Contact | EntryKind::MissedContact) => {
            o.note = None;
            let missed = matches!(o.kind, OutcomeKind::Missed | OutcomeKind::Cancelled { .. });
            match (missed, d.kind) {
                (true, EntryKind::Contact) => Err(Error::invalid(
                    "schedule",
                    "a missed or cancelled contact is recorded as a missed-contact entry",
                )),
                (false, EntryKind::MissedContact) => Err(Error::invalid(
                    "schedule",
                    format!(
                        "contact that was {} is recorded as a contact entry",
                        o.kind.name()
                    ),
                )),
                _ => Ok(()),
            }
        }
        (Some(ScheduleRecord::Plan(_)), _) => Err(wrong("a plan")),
        (Some(ScheduleRecord::Exception(_)), _) => Err(wrong("an exception to the plans")),
        (Some(ScheduleRecord::Outcome(_)), _) => Err(wrong("the outcome of a planned contact")),
        (None, _) => Ok(()),
    }
}

/// The timeline's sort key (UTC seconds) and day (in the entry's own offset).
pub fn occurred_keys(at: &DateTime<FixedOffset>) -> (i64, String) {
    (
        at.timestamp(),
        at.date_naive().format("%Y-%m-%d").to_string(),
    )
}

/// Trims names, drops empty ones and exact repeats (ignoring case), keeps the user's order.
fn tidy_names(field: &'static str, names: Vec<String>) -> Result<Vec<String>> {
    tidy_list(field, names, MAX_NAME_CHARS, MAX_NAMES, "per entry")
}

/// Trims a list the user typed, drops empty items and repeats (ignoring case, as the database's
/// NOCASE does), keeps the user's order, and refuses an item or a list that is too long.
pub(crate) fn tidy_list(
    field: &'static str,
    items: impl IntoIterator<Item = String>,
    max_chars: usize,
    max_items: usize,
    unit: &str,
) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for n in items {
        let n = n.trim().to_string();
        if n.is_empty() {
            continue;
        }
        if n.chars().count() > max_chars {
            return Err(Error::invalid(
                field,
                format!("{n:?} is longer than {max_chars} characters"),
            ));
        }
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&n)) {
            out.push(n);
        }
    }
    if out.len() > max_items {
        return Err(Error::invalid(field, format!("at most {max_items} {unit}")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Mood;

    fn draft(kind: EntryKind) -> EntryDraft {
        EntryDraft {
            kind,
            occurred_at: "2026-03-14T17:30:00+01:00".into(),
            title: "  Handover at school  ".into(),
            body: String::new(),
            channel: None,
            legal_step: None,
            mood: None,
            message: None,
            schedule: None,
            children: vec!["Sam".into(), " sam ".into(), "".into()],
            people: vec![],
            tags: vec!["School".into(), "school".into()],
            location: Some("   ".into()),
            private: false,
        }
    }

    #[test]
    fn tidies_names_and_keeps_the_users_offset() {
        let c = check(draft(EntryKind::Note)).unwrap();
        assert_eq!(c.draft.title, "Handover at school");
        assert_eq!(c.draft.children, vec!["Sam"]);
        assert_eq!(c.draft.tags, vec!["school"]);
        assert_eq!(c.draft.location, None);
        assert_eq!(c.draft.occurred_at, "2026-03-14T17:30:00+01:00");
        assert_eq!(c.occurred_day, "2026-03-14");
        assert_eq!(c.occurred_utc, 1773505800);
    }

    #[test]
    fn malformed_dates_name_the_field() {
        for bad in [
            "yesterday",
            "2026-13-01T10:00:00Z",
            "2026-02-30T10:00:00Z",
            "",
        ] {
            let mut d = draft(EntryKind::Note);
            d.occurred_at = bad.into();
            match check(d) {
                Err(Error::Invalid { field, .. }) => assert_eq!(field, "occurred_at"),
                other => panic!("{bad:?} gave {:?}", other.err()),
            }
        }
        assert!(parse_day("from", "2026-1-1x").is_err());
    }

    #[test]
    fn kind_specific_fields_are_checked() {
        let mut d = draft(EntryKind::Note);
        d.channel = Some(crate::model::Channel::Call);
        assert!(matches!(
            check(d),
            Err(Error::Invalid {
                field: "channel",
                ..
            })
        ));

        assert!(matches!(
            check(draft(EntryKind::Legal)),
            Err(Error::Invalid {
                field: "legal_step",
                ..
            })
        ));

        let mut d = draft(EntryKind::Mood);
        d.mood = Some(Mood {
            parent: 7,
            feelings: vec![],
            child: None,
            ..Mood::default()
        });
        assert!(matches!(
            check(d),
            Err(Error::Invalid { field: "mood", .. })
        ));
    }

    #[test]
    fn a_body_over_one_megabyte_is_refused() {
        let mut d = draft(EntryKind::Note);
        d.body = "x".repeat(MAX_BODY_BYTES + 1);
        assert!(matches!(check(d), Err(Error::TooLarge { .. })));
    }
}
