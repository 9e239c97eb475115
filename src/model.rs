//! What a journal holds, as it crosses into JSON, the CLI and the desktop UI.
//!
//! Every type here derives `ts_rs::TS`, so the UI's TypeScript types are generated from
//! these definitions (see `tests/bindings.rs`, which fails when `ui/src/bindings` is stale).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;

use crate::error::Error;
use crate::schedule::{Exception, Outcome, Plan};
use crate::tone::{
    Biff, BiffCheck, Category, Decoded, Finding, Fix, Sensitivity, SentenceReading, Severity,
    ToneReport, ToneSettings, Verdict,
};

/// Declares a closed set of kebab-case names with `as_str`, `ALL`, `Display` and `FromStr`,
/// so the CLI, the database and the UI all spell them the same way.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Serialize, Deserialize, TS, Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
                $name::ALL.iter().copied().find(|v| v.as_str() == wanted).ok_or_else(|| {
                    let names: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    Error::invalid($field, format!("unknown value {s:?}; expected one of {}", names.join(", ")))
                })
            }
        }
    };
}

named_enum!(
    /// What kind of record an entry is.
    EntryKind, "kind" {
        Interaction => "interaction",
        MissedContact => "missed-contact",
        Incident => "incident",
        Mood => "mood",
        ScheduleNote => "schedule-note",
        Legal => "legal",
        Note => "note",
        Message => "message",
        Plan => "plan",
        Contact => "contact",
    }
);

named_enum!(
    /// Whether a message went to the other parent or came from them.
    Direction, "direction" {
        Sent => "sent",
        Received => "received",
    }
);

/// What a `message` entry adds to its text (kept verbatim in the body): who it was to or from,
/// and how the checker read it at the time, so the record shows what was said and how it read.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct MessageInfo {
    pub direction: Direction,
    /// Who it went to (sent) or came from (received); empty for "the other parent".
    #[serde(default)]
    pub counterpart: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub tone: Option<ToneReport>,
    /// Where an imported message came from; `None` for one written or pasted in Evenkeel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub import: Option<Provenance>,
}

/// Where an imported message came from, kept inside the hashed revision so that anyone can
/// tell "written at the time" from "imported later" and find the line in the original file.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    /// `whatsapp`, `sms` or `email`.
    pub source: String,
    pub file_name: String,
    /// SHA-256 of the whole original file, as imported.
    pub file_sha256: String,
    /// The line (or record) number in that file.
    pub line: u64,
    /// The sender exactly as the file writes it.
    pub sender_as_written: String,
    /// How the file's dates were read, e.g. "dmy: a first number above 12 (25/12/24)".
    pub date_reading: String,
    /// Neither the user nor the other parent: someone else in the conversation.
    #[serde(default)]
    pub third_party: bool,
}

/// A message being written or pasted, autosaved inside the journal until it is sent or saved.
/// There is one per direction: the draft being composed and the received message being read.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct MessageDraft {
    pub direction: Direction,
    #[serde(default)]
    pub counterpart: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub channel: Option<Channel>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub children: Vec<String>,
}

named_enum!(
    /// How an interaction happened.
    Channel, "channel" {
        Call => "call",
        Text => "text",
        Email => "email",
        InPerson => "in-person",
        Video => "video",
        Handover => "handover",
        Other => "other",
    }
);

named_enum!(
    /// A step on the legal or mediation path.
    LegalStep, "legal step" {
        Miam => "miam",
        Mediation => "mediation",
        Application => "application",
        Hearing => "hearing",
        Order => "order",
        Breach => "breach",
        Letter => "letter",
    }
);

/// The parent's own mood (1 = very low, 5 = good), feeling words, and the child's mood as observed.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq, Default)]
pub struct Mood {
    pub parent: u8,
    #[serde(default)]
    pub feelings: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub child: Option<String>,
    /// The child's mood (1–5) as observed before and after a handover, in a check-in linked to
    /// that planned contact (`occurrence`, e.g. `12:2027-01-08`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub child_before: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub child_after: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub occurrence: Option<String>,
}

/// What a schedule entry records, beside its title and note: a `plan` entry holds its plan, a
/// `schedule-note` may hold an exception to the plans, and a `contact` or `missed-contact`
/// entry holds the outcome of one planned contact. Kept in the entry so that every plan, change
/// and outcome is a revision in the one hash chain.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ScheduleRecord {
    /// The plan's id is its entry's id, so it is stored empty and filled in when read.
    Plan(Plan),
    Exception(Exception),
    /// The outcome's note is the entry's body, so it is stored empty and filled in when read.
    Outcome(Outcome),
}

/// What the user writes: the content of one revision of an entry.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct EntryDraft {
    pub kind: EntryKind,
    /// When it happened: RFC 3339 with the user's UTC offset.
    pub occurred_at: String,
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub channel: Option<Channel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub legal_step: Option<LegalStep>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub mood: Option<Mood>,
    /// Only on a `message` entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub message: Option<MessageInfo>,
    /// Only on `plan`, `contact`, `missed-contact` and `schedule-note` entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub schedule: Option<ScheduleRecord>,
    #[serde(default)]
    pub children: Vec<String>,
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub location: Option<String>,
    /// Kept out of exports unless the user chooses otherwise.
    #[serde(default)]
    pub private: bool,
}

impl EntryDraft {
    /// A draft with only its kind, time and title; the rest empty, to be filled in.
    pub fn new(kind: EntryKind, occurred_at: impl Into<String>, title: impl Into<String>) -> Self {
        EntryDraft {
            kind,
            occurred_at: occurred_at.into(),
            title: title.into(),
            body: String::new(),
            channel: None,
            legal_step: None,
            mood: None,
            message: None,
            schedule: None,
            children: Vec::new(),
            people: Vec::new(),
            tags: Vec::new(),
            location: None,
            private: false,
        }
    }
}

/// A file kept inside the encrypted journal, named in the entry's revision by its hash.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct AttachmentInfo {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size: u64,
    pub sha256: String,
}

/// The content a revision records: the draft plus the attachments it carries.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct RevisionContent {
    #[serde(flatten)]
    pub draft: EntryDraft,
    #[serde(default)]
    pub attachments: Vec<AttachmentInfo>,
}

/// An entry as it stands now (its newest revision).
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    pub draft: EntryDraft,
    pub attachments: Vec<AttachmentInfo>,
    /// When the entry was first written (set by the core, UTC).
    pub recorded_at: String,
    /// When the newest revision was written, if the entry was changed after that.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub revised_at: Option<String>,
    /// How many revisions the entry has (1 = never edited).
    pub revisions: u32,
    /// SHA-256 of the newest revision, as in the hash chain.
    pub hash: String,
}

named_enum!(
    /// What a revision did to its entry.
    RevisionAction, "action" {
        Create => "create",
        Edit => "edit",
        Attach => "attach",
        Delete => "delete",
    }
);

/// One link of the hash chain.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct Revision {
    /// Position in the journal-wide chain (1 = first revision ever written).
    #[ts(type = "number")]
    pub chain_index: i64,
    #[ts(type = "number")]
    pub entry_id: i64,
    /// 1 for the first revision of this entry, then 2, 3…
    pub seq: u32,
    pub action: RevisionAction,
    pub recorded_at: String,
    /// The entry as this revision left it (for a deletion, what was deleted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub content: Option<EntryDraft>,
    #[serde(default)]
    pub attachments: Vec<AttachmentInfo>,
    /// The canonical JSON exactly as it was hashed, so anyone can recompute `hash` with any
    /// SHA-256 tool (see the README).
    pub canonical_content: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Which entries a timeline shows. Dates are whole days in the user's own offset, inclusive.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq, Default)]
#[serde(default)]
pub struct Filter {
    #[ts(optional)]
    pub kind: Option<EntryKind>,
    #[ts(optional)]
    pub child: Option<String>,
    #[ts(optional)]
    pub tag: Option<String>,
    /// YYYY-MM-DD
    #[ts(optional)]
    pub from: Option<String>,
    /// YYYY-MM-DD
    #[ts(optional)]
    pub to: Option<String>,
    #[ts(optional)]
    pub include_private: Option<bool>,
    #[ts(optional)]
    pub limit: Option<u32>,
    #[ts(optional)]
    pub offset: Option<u32>,
}

/// A piece of a search snippet; `hit` marks the words that matched.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    pub entry: Entry,
    pub snippet: Vec<SnippetPart>,
}

/// A name used in the journal with how many current entries use it, for filters and pickers.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct NameCount {
    pub name: String,
    #[ts(type = "number")]
    pub count: i64,
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct Vocabulary {
    pub children: Vec<NameCount>,
    pub people: Vec<NameCount>,
    pub tags: Vec<NameCount>,
}

/// The result of recomputing the hash chain and checking everything shown against it.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct VerifyReport {
    /// True when the chain is whole and everything the app shows matches it.
    pub ok: bool,
    #[ts(type = "number")]
    pub revisions_checked: i64,
    #[ts(type = "number")]
    pub attachments_checked: i64,
    /// SHA-256 of the newest revision: write it down or give it to someone, and any later
    /// rewrite of the past will no longer reach it.
    pub head: String,
    /// The first revision that breaks the chain, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub first_bad: Option<BrokenLink>,
    /// What the app would show that the chain does not say (derived tables, written times,
    /// attachments' bytes), entry by entry.
    #[serde(default)]
    pub problems: Vec<VerifyProblem>,
    /// Things worth knowing that do not break the record (a clock set back).
    #[serde(default)]
    pub warnings: Vec<VerifyWarning>,
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct BrokenLink {
    #[ts(type = "number")]
    pub chain_index: i64,
    #[ts(type = "number")]
    pub entry_id: i64,
    pub seq: u32,
    pub reason: String,
}

/// One place where what the app shows differs from the chain.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct VerifyProblem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub entry_id: Option<i64>,
    /// What differs: "written time", "timeline", "children", "people", "tags", "search",
    /// "attachment".
    pub area: String,
    pub message: String,
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct VerifyWarning {
    #[ts(type = "number")]
    pub chain_index: i64,
    #[ts(type = "number")]
    pub entry_id: i64,
    pub message: String,
}

/// An entry with its full revision history, for the detail view.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct EntryDetail {
    pub entry: Entry,
    pub history: Vec<Revision>,
}

/// Whether a journal exists at the app's path and whether it is unlocked.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct JournalStatus {
    pub path: String,
    pub exists: bool,
    pub unlocked: bool,
    #[ts(type = "number")]
    pub entries: i64,
}

/// An error as the UI receives it: a stable `kind` to branch on and a sentence to show.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct ErrorInfo {
    pub kind: String,
    pub message: String,
}

impl From<&Error> for ErrorInfo {
    fn from(e: &Error) -> Self {
        ErrorInfo {
            kind: e.kind().to_string(),
            message: e.to_string(),
        }
    }
}

/// The TypeScript declarations of every type that crosses the IPC boundary, in one module.
pub fn typescript_bindings() -> String {
    let cfg = ts_rs::Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types in src/model.rs by `make bindings`. Do not edit.\n\n",
    );
    for decl in [
        EntryKind::decl(&cfg),
        Channel::decl(&cfg),
        LegalStep::decl(&cfg),
        Mood::decl(&cfg),
        Direction::decl(&cfg),
        Provenance::decl(&cfg),
        MessageInfo::decl(&cfg),
        MessageDraft::decl(&cfg),
        ScheduleRecord::decl(&cfg),
        EntryDraft::decl(&cfg),
        AttachmentInfo::decl(&cfg),
        Entry::decl(&cfg),
        RevisionAction::decl(&cfg),
        Revision::decl(&cfg),
        Filter::decl(&cfg),
        SnippetPart::decl(&cfg),
        SearchHit::decl(&cfg),
        NameCount::decl(&cfg),
        Vocabulary::decl(&cfg),
        VerifyReport::decl(&cfg),
        BrokenLink::decl(&cfg),
        VerifyProblem::decl(&cfg),
        VerifyWarning::decl(&cfg),
        EntryDetail::decl(&cfg),
        JournalStatus::decl(&cfg),
        ErrorInfo::decl(&cfg),
        Category::decl(&cfg),
        Severity::decl(&cfg),
        Verdict::decl(&cfg),
        Sensitivity::decl(&cfg),
        ToneSettings::decl(&cfg),
        Fix::decl(&cfg),
        Finding::decl(&cfg),
        BiffCheck::decl(&cfg),
        Biff::decl(&cfg),
        SentenceReading::decl(&cfg),
        ToneReport::decl(&cfg),
        Decoded::decl(&cfg),
        crate::journal::Contact::decl(&cfg),
        crate::import::DateOrder::decl(&cfg),
        crate::import::DateReading::decl(&cfg),
        crate::import::ChatKind::decl(&cfg),
        crate::import::ChatMessage::decl(&cfg),
        crate::import::DateQuestion::decl(&cfg),
        crate::import::ChatPreview::decl(&cfg),
        crate::import::SourceFile::decl(&cfg),
        crate::import::ChatFile::decl(&cfg),
        crate::import::Correspondent::decl(&cfg),
        crate::import::MessagesFile::decl(&cfg),
        crate::journal::ImportSummary::decl(&cfg),
        crate::journal::MoodWeek::decl(&cfg),
        crate::journal::MoodAround::decl(&cfg),
        crate::journal::MoodTrends::decl(&cfg),
    ]
    .into_iter()
    .chain(crate::schedule::typescript_bindings())
    .chain(crate::export::bundle::typescript_bindings())
    {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
