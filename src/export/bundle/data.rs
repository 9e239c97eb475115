//! What goes into a bundle, gathered from the journal and put into the plain shape the
//! template lays out. Every user-written string travels as JSON data, so nothing the parent
//! wrote can act as Typst markup; dates are formatted here, once, so the template only places
//! text.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Serialize;

use super::{BundleOptions, Numbering, Selection};
use crate::error::Result;
use crate::export::parent;
use crate::journal::{Contact, Journal};
use crate::model::{AttachmentInfo, Direction, Entry, EntryKind};
use crate::schedule::OutcomeKind;
use crate::validate;

/// The template's input (`/data.json`).
#[derive(Serialize, Debug, Default)]
pub struct Data {
    pub case: CaseView,
    pub continuous: bool,
    pub sections: Vec<SectionView>,
    pub chronology: Vec<ChronologyRow>,
    pub contact: Option<ContactView>,
    pub messages: Vec<MessageView>,
    pub entries: Vec<EntryView>,
    pub earlier: Vec<EarlierView>,
    pub exhibits: Vec<ExhibitView>,
    pub integrity: IntegrityView,
    /// The document's date (year, month, day), from the selection.
    pub date: [i32; 3],
}

#[derive(Serialize, Debug, Default)]
pub struct CaseView {
    pub case_name: String,
    pub case_number: String,
    pub court: String,
    pub hearing_date: String,
    pub parent_name: String,
    /// "1 March 2026 to 30 November 2026", or what bounds the selection.
    pub period: String,
    /// What was chosen, in words, for the front sheet.
    pub selection: Vec<String>,
}

/// A lettered section, in order.
#[derive(Serialize, Debug, Clone)]
pub struct SectionView {
    pub key: &'static str,
    pub letter: String,
    pub title: &'static str,
}

#[derive(Serialize, Debug)]
pub struct ChronologyRow {
    pub when: String,
    pub what: String,
    /// The label of the page that tells more (`entry-12`, `message-40`), if it is in the bundle.
    pub target: Option<String>,
}

#[derive(Serialize, Debug)]
pub struct ContactView {
    pub period: String,
    pub summaries: Vec<ComplianceView>,
    pub rows: Vec<ContactRow>,
}

#[derive(Serialize, Debug)]
pub struct ComplianceView {
    pub child: String,
    pub figures: Vec<(String, String)>,
}

#[derive(Serialize, Debug)]
pub struct ContactRow {
    pub when: String,
    pub child: String,
    pub with: String,
    pub outcome: String,
    pub note: String,
    pub deviation: bool,
}

#[derive(Serialize, Debug)]
pub struct MessageView {
    pub label: String,
    pub when: String,
    pub heading: String,
    pub text: String,
    pub imported: Option<String>,
}

#[derive(Serialize, Debug)]
pub struct EntryView {
    pub label: String,
    pub heading: String,
    pub kind: String,
    pub occurred: String,
    pub recorded: String,
    pub edited: Option<String>,
    pub body: String,
    pub details: Vec<(String, String)>,
    pub exhibits: Vec<String>,
    pub hash: String,
}

#[derive(Serialize, Debug)]
pub struct EarlierView {
    pub label: String,
    pub heading: String,
    pub versions: Vec<VersionView>,
}

#[derive(Serialize, Debug)]
pub struct VersionView {
    pub caption: String,
    pub title: String,
    pub body: String,
    pub hash: String,
}

#[derive(Serialize, Debug)]
pub struct ExhibitView {
    pub label: String,
    pub number: usize,
    pub name: String,
    pub entry: String,
    pub size: String,
    pub media_type: String,
    pub sha256: String,
    /// The re-encoded picture, for images.
    pub image: Option<ImageView>,
    /// The virtual path of the file to attach to the PDF, for other files.
    pub attach: Option<String>,
}

#[derive(Serialize, Debug)]
pub struct ImageView {
    /// Its virtual path.
    pub path: String,
    /// Its width on the page, in millimetres.
    pub width: f64,
}

#[derive(Serialize, Debug, Default)]
pub struct IntegrityView {
    pub head: String,
    pub revisions: usize,
    pub attachments: usize,
    pub verified: bool,
    pub manifest_name: String,
}

/// A journal entry chosen for the bundle, with its history when it was edited.
pub struct Chosen {
    pub entry: Entry,
    pub history: Vec<crate::model::Revision>,
}

/// Entries the selection takes, earliest first. Deleted entries are not live and so never
/// chosen; mood check-ins and private entries only when asked for.
pub fn choose(journal: &Journal, s: &Selection) -> Result<Vec<Chosen>> {
    let mut out = Vec::new();
    for entry in crate::export::all_entries(journal)? {
        if !selected(&entry, s)? {
            continue;
        }
        let history = journal.history(entry.id)?;
        out.push(Chosen { entry, history });
    }
    Ok(out)
}

fn selected(e: &Entry, s: &Selection) -> Result<bool> {
    let d = &e.draft;
    if d.private && !s.include_private {
        return Ok(false);
    }
    if d.kind == EntryKind::Mood && !s.include_mood && !s.kinds.contains(&EntryKind::Mood) {
        return Ok(false);
    }
    if !s.kinds.is_empty() && !s.kinds.contains(&d.kind) {
        return Ok(false);
    }
    let day = validate::parse_occurred_at(&d.occurred_at)?.date_naive();
    if s.from.is_some_and(|f| day < f) || s.to.is_some_and(|t| day > t) {
        return Ok(false);
    }
    let lower = |v: &[String]| v.iter().map(|x| x.to_lowercase()).collect::<Vec<_>>();
    if !s.children.is_empty() {
        let mine = lower(&d.children);
        if !lower(&s.children).iter().any(|c| mine.contains(c)) {
            return Ok(false);
        }
    }
    if !s.tags.is_empty() {
        let mine = lower(&d.tags);
        if !lower(&s.tags).iter().any(|t| mine.contains(t)) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// "Sat 14 Mar 2026, 17:30 (UTC+01:00)": the time as the parent lived it, with its offset, so
/// a reader in another zone cannot misread it.
pub fn when(at: &DateTime<FixedOffset>) -> String {
    let offset = at.format("%:z").to_string();
    let zone = if offset == "+00:00" {
        "UTC".to_string()
    } else {
        format!("UTC{offset}")
    };
    format!("{} ({zone})", at.format("%a %-d %b %Y, %H:%M"))
}

pub fn day(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn recorded(text: &str) -> String {
    match DateTime::parse_from_rfc3339(text) {
        Ok(t) => when(&t),
        Err(_) => text.to_string(),
    }
}

/// How long after the event the entry was first written: what a judge weighs when deciding
/// how far a note can be relied on.
pub fn delay(occurred: &DateTime<FixedOffset>, recorded_at: &str) -> String {
    let Ok(rec) = DateTime::parse_from_rfc3339(recorded_at) else {
        return String::new();
    };
    let minutes = (rec.with_timezone(&Utc) - occurred.with_timezone(&Utc)).num_minutes();
    if minutes < 0 {
        return "written before the time it describes (a planned event)".into();
    }
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    let span = match minutes {
        0..=59 => return "written within the hour".into(),
        60..=1439 => plural(minutes / 60, "hour"),
        _ => plural(minutes / 1440, "day"),
    };
    format!("written {span} later")
}

pub fn size(bytes: u64) -> String {
    match bytes {
        0..=1023 => format!("{bytes} bytes"),
        1024..=1_048_575 => format!("{:.1} KB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MB", bytes as f64 / 1_048_576.0),
    }
}

/// "Incident: Shouting at the handover"; entries whose titles Evenkeel wrote itself (plans,
/// contacts, missed contacts) already say what they are.
fn heading(kind: EntryKind, title: &str) -> String {
    match kind {
        EntryKind::Plan | EntryKind::Contact | EntryKind::MissedContact => title.to_string(),
        _ => format!("{}: {title}", kind_name(kind)),
    }
}

fn kind_name(k: EntryKind) -> &'static str {
    match k {
        EntryKind::Interaction => "Interaction",
        EntryKind::MissedContact => "Missed contact",
        EntryKind::Incident => "Incident",
        EntryKind::Mood => "Mood check-in",
        EntryKind::ScheduleNote => "Schedule note",
        EntryKind::Legal => "Legal or mediation step",
        EntryKind::Note => "Note",
        EntryKind::Message => "Message",
        EntryKind::Plan => "Parenting plan",
        EntryKind::Contact => "Contact",
    }
}

pub fn entry_label(id: i64) -> String {
    format!("entry-{id}")
}

pub fn message_label(id: i64) -> String {
    format!("message-{id}")
}

/// The sections chosen, lettered in order. The integrity page always closes the bundle.
pub fn sections(o: &BundleOptions, has_earlier: bool) -> Vec<SectionView> {
    let mut keys: Vec<(&'static str, &'static str)> = Vec::new();
    let s = &o.sections;
    if s.chronology {
        keys.push(("chronology", "Chronology"));
    }
    if s.contact {
        keys.push(("contact", "Contact record"));
    }
    if s.messages {
        keys.push(("messages", "Messages"));
    }
    if s.entries {
        keys.push(("entries", "Journal entries"));
    }
    if s.exhibits {
        keys.push(("exhibits", "Exhibits"));
    }
    if s.entries && has_earlier {
        keys.push(("earlier", "Earlier versions of edited entries"));
    }
    keys.push(("integrity", "Integrity of this record"));
    keys.into_iter()
        .enumerate()
        .map(|(i, (key, title))| SectionView {
            key,
            letter: letter(i),
            title,
        })
        .collect()
}

/// A, B, … Z, AA, AB… (no bundle has 27 sections, but nothing breaks if one does).
fn letter(i: usize) -> String {
    let a = (b'A' + (i % 26) as u8) as char;
    if i < 26 {
        a.to_string()
    } else {
        format!("{}{a}", letter(i / 26 - 1))
    }
}

pub fn chronology(chosen: &[Chosen], o: &BundleOptions) -> Vec<ChronologyRow> {
    chosen
        .iter()
        .filter_map(|c| {
            let e = &c.entry;
            let at = validate::parse_occurred_at(&e.draft.occurred_at).ok()?;
            let is_message = e.draft.message.is_some();
            let (what, target) = if let Some(m) = &e.draft.message {
                let who = match m.direction {
                    Direction::Sent => format!("Message sent to {}", m.counterpart),
                    Direction::Received => format!("Message received from {}", m.counterpart),
                };
                (who, o.sections.messages.then(|| message_label(e.id)))
            } else {
                (
                    heading(e.draft.kind, &e.draft.title),
                    o.sections.entries.then(|| entry_label(e.id)),
                )
            };
            // Messages are listed in their own section; the chronology keeps to events unless
            // there is nowhere else to read them.
            if is_message && o.sections.messages && !o.chronology_messages {
                return None;
            }
            Some(ChronologyRow {
                when: when(&at),
                what,
                target,
            })
        })
        .collect()
}

pub fn messages(chosen: &[Chosen]) -> Vec<MessageView> {
    chosen
        .iter()
        .filter_map(|c| {
            let e = &c.entry;
            let m = e.draft.message.as_ref()?;
            let at = validate::parse_occurred_at(&e.draft.occurred_at).ok()?;
            let heading = match m.direction {
                Direction::Sent => format!("Sent to {}", m.counterpart),
                Direction::Received => format!("Received from {}", m.counterpart),
            };
            let imported = m.import.as_ref().map(|p| {
                format!(
                    "Imported from {} ({}, line {}; written there as \u{201c}{}\u{201d})",
                    p.source, p.file_name, p.line, p.sender_as_written
                )
            });
            Some(MessageView {
                label: message_label(e.id),
                when: when(&at),
                heading,
                text: e.draft.body.clone(),
                imported,
            })
        })
        .collect()
}

pub fn entries(chosen: &[Chosen], exhibit_numbers: &[(i64, usize)]) -> Vec<EntryView> {
    chosen
        .iter()
        .filter(|c| c.entry.draft.message.is_none())
        .filter_map(|c| {
            let e = &c.entry;
            let d = &e.draft;
            let at = validate::parse_occurred_at(&d.occurred_at).ok()?;
            let mut details = Vec::new();
            let mut add = |k: &str, v: String| {
                if !v.is_empty() {
                    details.push((k.to_string(), v));
                }
            };
            add("Children", d.children.join(", "));
            add("People", d.people.join(", "));
            add("Where", d.location.clone().unwrap_or_default());
            add("Tags", d.tags.join(", "));
            if let Some(m) = &d.mood {
                add("Own mood", format!("{} of 5", m.parent));
                if let (Some(b), Some(a)) = (m.child_before, m.child_after) {
                    add("Child's mood", format!("{b} of 5 before, {a} of 5 after"));
                }
            }
            if d.private {
                add("Marked", "private (included by choice)".into());
            }
            let edited = (e.revisions > 1).then(|| {
                format!(
                    "Edited later: {} versions, the latest recorded {}. The earlier text is in the appendix of earlier versions.",
                    e.revisions,
                    recorded(e.revised_at.as_deref().unwrap_or(&e.recorded_at))
                )
            });
            Some(EntryView {
                label: entry_label(e.id),
                heading: heading(d.kind, &d.title),
                kind: kind_name(d.kind).into(),
                occurred: when(&at),
                recorded: format!(
                    "{}; {}",
                    recorded(&e.recorded_at),
                    delay(&at, &e.recorded_at)
                ),
                edited,
                body: d.body.clone(),
                details,
                exhibits: e
                    .attachments
                    .iter()
                    .filter_map(|a| {
                        exhibit_numbers
                            .iter()
                            .find(|(id, _)| *id == a.id)
                            .map(|(_, n)| format!("Exhibit {n}: {}", a.name))
                    })
                    .collect(),
                hash: e.hash.clone(),
            })
        })
        .collect()
}

pub fn earlier(chosen: &[Chosen]) -> Vec<EarlierView> {
    chosen
        .iter()
        .filter(|c| c.history.len() > 1 && c.entry.draft.message.is_none())
        .map(|c| EarlierView {
            label: format!("earlier-{}", c.entry.id),
            heading: c.entry.draft.title.clone(),
            versions: c
                .history
                .iter()
                .map(|r| {
                    let (title, body) = r
                        .content
                        .as_ref()
                        .map(|d| (d.title.clone(), d.body.clone()))
                        .unwrap_or_default();
                    VersionView {
                        caption: format!(
                            "Version {} of {}, recorded {}",
                            r.seq,
                            c.history.len(),
                            recorded(&r.recorded_at)
                        ),
                        title,
                        body,
                        hash: r.hash.clone(),
                    }
                })
                .collect(),
        })
        .collect()
}

/// The attachments of the chosen entries, numbered 1, 2… in the order the entries come.
pub fn exhibit_list(chosen: &[Chosen]) -> Vec<(&Entry, &AttachmentInfo)> {
    chosen
        .iter()
        .flat_map(|c| c.entry.attachments.iter().map(move |a| (&c.entry, a)))
        .collect()
}

pub fn contact(journal: &Journal, s: &Selection, today: NaiveDate) -> Result<Option<ContactView>> {
    let plans = journal.plans()?;
    let Some(first) = plans.iter().map(|p| p.start).min() else {
        return Ok(None);
    };
    let from = s.from.map_or(first, |f| f.max(first));
    let to = s.to.map_or(today, |t| t.min(today));
    if from > to {
        return Ok(None);
    }
    let wanted = |child: &str| {
        s.children.is_empty() || s.children.iter().any(|c| c.eq_ignore_ascii_case(child))
    };
    let contacts: Vec<Contact> = journal
        .contacts(from, to, None)?
        .into_iter()
        .filter(|c| wanted(&c.occurrence.child))
        .collect();
    let mut summaries = Vec::new();
    for c in journal.compliance(from, to, None)? {
        if !wanted(&c.child) {
            continue;
        }
        let pct = c
            .percent_happened
            .map_or("no logged contact yet".into(), |p| format!("{p:.1}%"));
        summaries.push(ComplianceView {
            child: c.child.clone(),
            figures: vec![
                ("Contacts planned".into(), c.planned.to_string()),
                ("Kept as planned".into(), c.kept.to_string()),
                ("Late".into(), c.late.to_string()),
                ("Cut short".into(), c.short.to_string()),
                ("Missed".into(), c.missed.to_string()),
                (
                    "Cancelled by me / by the other parent".into(),
                    format!("{} / {}", c.cancelled_by_me, c.cancelled_by_other),
                ),
                ("Swapped by agreement".into(), c.swapped.to_string()),
                ("Not logged".into(), c.unlogged.to_string()),
                ("Planned time that happened".into(), pct),
            ],
        });
    }
    let rows = contacts
        .iter()
        .map(|c| {
            let o = &c.occurrence;
            let (outcome, deviation) = match c.outcome.as_ref().map(|x| &x.kind) {
                None => ("not logged".to_string(), false),
                Some(OutcomeKind::Kept) => ("kept".into(), false),
                Some(OutcomeKind::Late { minutes }) => (format!("late by {minutes} min"), true),
                Some(OutcomeKind::Short { minutes }) => {
                    (format!("cut short by {minutes} min"), true)
                }
                Some(OutcomeKind::Missed) => ("missed".into(), true),
                Some(OutcomeKind::Cancelled { by, reason }) => (
                    format!(
                        "cancelled by {}{}",
                        parent(*by),
                        if reason.is_empty() {
                            String::new()
                        } else {
                            format!(": {reason}")
                        }
                    ),
                    true,
                ),
                Some(OutcomeKind::Swapped) => ("swapped by agreement".into(), false),
            };
            ContactRow {
                when: format!("{} to {}", when(&o.start), o.end.format("%a %-d %b, %H:%M")),
                child: o.child.clone(),
                with: parent(o.with).into(),
                outcome,
                note: c
                    .outcome
                    .as_ref()
                    .and_then(|x| x.note.clone())
                    .unwrap_or_default(),
                deviation,
            }
        })
        .collect();
    Ok(Some(ContactView {
        period: format!("{} to {}", day(from), day(to)),
        summaries,
        rows,
    }))
}

pub fn case_view(o: &BundleOptions, chosen: &[Chosen]) -> CaseView {
    let c = &o.case;
    let s = &o.selection;
    let days: Vec<NaiveDate> = chosen
        .iter()
        .filter_map(|c| validate::parse_occurred_at(&c.entry.draft.occurred_at).ok())
        .map(|t| t.date_naive())
        .collect();
    let from = s.from.or_else(|| days.iter().min().copied());
    let to = s.to.or_else(|| days.iter().max().copied());
    let period = match (from, to) {
        (Some(f), Some(t)) => format!("{} to {}", day(f), day(t)),
        _ => "no entries chosen".into(),
    };
    let mut selection = Vec::new();
    if !s.kinds.is_empty() {
        let names: Vec<&str> = s.kinds.iter().map(|k| kind_name(*k)).collect();
        selection.push(format!("Kinds: {}", names.join(", ")));
    }
    if !s.children.is_empty() {
        selection.push(format!("Children: {}", s.children.join(", ")));
    }
    if !s.tags.is_empty() {
        selection.push(format!("Tags: {}", s.tags.join(", ")));
    }
    selection.push(
        if s.include_private {
            "Entries marked private are included"
        } else {
            "Entries marked private are left out"
        }
        .into(),
    );
    CaseView {
        case_name: c.case_name.clone(),
        case_number: c.case_number.clone(),
        court: c.court.clone(),
        hearing_date: c.hearing_date.map(day).unwrap_or_default(),
        parent_name: c.parent_name.clone(),
        period,
        selection,
    }
}

pub fn is_continuous(o: &BundleOptions) -> bool {
    o.numbering == Numbering::Continuous
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_lettered_in_order_and_integrity_closes() {
        let mut o = BundleOptions::default();
        o.sections.contact = false;
        let s = sections(&o, true);
        let got: Vec<(&str, &str)> = s.iter().map(|x| (x.key, x.letter.as_str())).collect();
        assert_eq!(
            got,
            [
                ("chronology", "A"),
                ("messages", "B"),
                ("entries", "C"),
                ("exhibits", "D"),
                ("earlier", "E"),
                ("integrity", "F")
            ]
        );
        assert_eq!(letter(26), "AA");
    }

    #[test]
    fn delay_reads_as_a_reader_would_say_it() {
        let at = DateTime::parse_from_rfc3339("2026-03-14T17:30:00+01:00").unwrap();
        assert_eq!(
            delay(&at, "2026-03-14T16:50:00Z"),
            "written within the hour"
        );
        assert_eq!(delay(&at, "2026-03-14T19:30:00Z"), "written 3 hours later");
        assert_eq!(delay(&at, "2026-03-16T16:30:00Z"), "written 2 days later");
        assert_eq!(when(&at), "Sat 14 Mar 2026, 17:30 (UTC+01:00)");
    }
}
