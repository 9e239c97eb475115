//! What the checker says about a message: findings with their spans, the model's reading of
//! each sentence, the score and verdict, BIFF and the calmer draft. Every stage of the pipeline
//! uses these types; none of them calls a stage. (`Category::label` and `explanation` are
//! in `explain`, with the rest of the checker's words.)

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Serialize, Deserialize, TS, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Insult,
    Profanity,
    Threat,
    Blame,
    Absolute,
    Sarcasm,
    Shouting,
    Demand,
    Advice,
    Apology,
    ChildMessenger,
    Grievance,
    Venting,
    Contempt,
    /// A word the user asked to have flagged.
    Custom,
    /// A sentence the learned model reads as hostile where no rule names a phrase.
    Hostility,
}

impl Category {
    pub fn from_name(name: &str) -> Option<Category> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }
}

#[derive(Serialize, Deserialize, TS, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn from_name(name: &str) -> Option<Severity> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }

    pub(super) fn weight(self) -> f64 {
        match self {
            Severity::Low => 6.0,
            Severity::Medium => 20.0,
            Severity::High => 40.0,
        }
    }
}

#[derive(Serialize, Deserialize, TS, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Calm,
    Caution,
    Hostile,
}

#[derive(Serialize, Deserialize, TS, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Sensitivity {
    Low,
    #[default]
    Normal,
    High,
}

impl Sensitivity {
    pub(super) fn factor(self) -> f64 {
        match self {
            Sensitivity::Low => 0.6,
            Sensitivity::Normal => 1.0,
            Sensitivity::High => 1.5,
        }
    }
}

/// What the user has told the checker about their own situation.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq, Default)]
#[serde(default)]
pub struct ToneSettings {
    /// Words never to flag (a child's medical words, say).
    pub never_flag: Vec<String>,
    /// Extra words or phrases to flag.
    pub extra_words: Vec<String>,
    pub sensitivity: Sensitivity,
}

/// One phrase worth a second look.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub category: Category,
    /// The category in a few words, for people ("Name-calling").
    pub label: Cow<'static, str>,
    pub severity: Severity,
    /// Byte offsets into the checked text.
    pub start: usize,
    pub end: usize,
    /// The same span in UTF-16 code units, for the UI's text fields.
    pub start_utf16: usize,
    pub end_utf16: usize,
    /// The text as written.
    pub text: String,
    pub explanation: Cow<'static, str>,
    /// Calmer wording to use instead; an empty string means "leave it out".
    pub suggestion: String,
    /// The text that "use this wording" replaces with the suggestion.
    pub fix: Fix,
}

/// A span of the checked text, in bytes and in UTF-16 code units. A finding's fix is its own
/// span, or its whole sentence when nothing worth keeping would be left in it ("You are an
/// idiot." goes as a whole rather than leaving "You are an.").
#[derive(Serialize, Deserialize, TS, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fix {
    pub start: usize,
    pub end: usize,
    pub start_utf16: usize,
    pub end_utf16: usize,
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct BiffCheck {
    pub pass: bool,
    pub reason: String,
}

/// Brief, Informative, Friendly, Firm (Bill Eddy's method for high-conflict messages).
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct Biff {
    pub brief: BiffCheck,
    pub informative: BiffCheck,
    pub friendly: BiffCheck,
    pub firm: BiffCheck,
}

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct ToneReport {
    /// 100 is calm; each finding takes away according to its severity.
    pub score: u8,
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
    pub biff: Biff,
    /// A calmer draft of the whole message that keeps its facts and requests; empty when
    /// nothing in the message is calm enough to send (then `rewrite_note` says so).
    pub rewrite: String,
    /// Why there is no calmer draft, in plain words; `None` when there is one.
    #[serde(default)]
    pub rewrite_note: Option<String>,
    /// The learned model's reading of each sentence, for study and for the UI.
    #[serde(default)]
    pub sentences: Vec<SentenceReading>,
}

/// One sentence of the checked text and how likely the learned model thinks it is to land as
/// hostile (0 to 1). Reports saved before the model existed have none.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq)]
pub struct SentenceReading {
    /// Byte offsets into the checked text.
    pub start: usize,
    pub end: usize,
    /// The same span in UTF-16 code units.
    pub start_utf16: usize,
    pub end_utf16: usize,
    /// Rounded to three decimals, so reports stay readable and stable.
    pub hostility: f32,
}

// The checker only ever stores finite probabilities, so equality is reflexive; saved reports
// sit inside `Eq` records (message entries).
impl Eq for SentenceReading {}

impl Finding {
    /// A finding over `start..end` of `text`, with its category's label and explanation and a
    /// fix that replaces just that span.
    pub(super) fn new(
        text: &str,
        category: Category,
        severity: Severity,
        (start, end): (usize, usize),
        suggestion: String,
    ) -> Finding {
        let (start_utf16, end_utf16) = utf16_span(text, start, end);
        Finding {
            category,
            label: Cow::Borrowed(category.label()),
            severity,
            start,
            end,
            start_utf16,
            end_utf16,
            text: text[start..end].to_string(),
            explanation: Cow::Borrowed(category.explanation()),
            suggestion,
            fix: Fix {
                start,
                end,
                start_utf16,
                end_utf16,
            },
        }
    }
}

/// A byte span as UTF-16 code units.
pub(super) fn utf16_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let start_utf16 = utf16_len(&text[..start]);
    (start_utf16, start_utf16 + utf16_len(&text[start..end]))
}

/// UTF-16 length, with the common all-ASCII case (where it equals the byte length) made cheap.
pub(super) fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    }
}
