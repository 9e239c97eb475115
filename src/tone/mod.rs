//! The calm-message checker: reads a draft the way a family mediator would and says, phrase by
//! phrase, what is likely to escalate and what to write instead. Pure, offline, deterministic:
//! the word lists are data compiled in (`lexicon.txt`), nothing is downloaded.
//!
//! normalise (`normalize`) → find phrases (`detect`) → score → BIFF (`biff`) → calmer draft
//! (`rewrite`); `decode` reads a received message for its facts and requests.

mod biff;
mod decode;
mod detect;
pub mod eval;
mod explain;
mod lexicon;
pub mod normalize;
mod questions;
mod rewrite;
mod shouting;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

pub use decode::{decode, Decoded};

/// The largest message the checker reads: far beyond any message worth sending.
pub const MAX_MESSAGE_BYTES: usize = 100 * 1024;

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
}

impl Category {
    pub fn from_name(name: &str) -> Option<Category> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }

    pub fn label(self) -> &'static str {
        explain::label(self)
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

    fn weight(self) -> f64 {
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
    fn factor(self) -> f64 {
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
    /// A calmer draft of the whole message that keeps its facts and requests.
    pub rewrite: String,
}

/// Reads a draft. Never fails: an empty message is calm and says so in its BIFF checks.
pub fn check(text: &str, settings: &ToneSettings) -> ToneReport {
    let mut findings = find(text, settings);
    rewrite::widen_fixes(text, &mut findings);
    let (score, verdict) = score(&findings, settings.sensitivity);
    let biff = biff::assess(text, &findings);
    let rewrite = rewrite::rewrite(text, &findings, settings);
    ToneReport {
        score,
        verdict,
        findings,
        biff,
        rewrite,
    }
}

/// Checks a message the parent means to send, refusing one too large to be a message.
pub fn check_message(text: &str, settings: &ToneSettings) -> Result<ToneReport> {
    within_limit(text)?;
    Ok(check(text, settings))
}

/// Reads a received message, refusing one too large to be a message.
pub fn decode_message(text: &str, settings: &ToneSettings) -> Result<Decoded> {
    within_limit(text)?;
    Ok(decode(text, settings))
}

fn within_limit(text: &str) -> Result<()> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(Error::TooLarge {
            what: "the message".into(),
            actual: text.len() as u64,
            limit: MAX_MESSAGE_BYTES as u64,
        });
    }
    Ok(())
}

/// Only the verdict, for evaluation over many messages: skips the BIFF checks and the rewrite.
pub fn verdict_only(text: &str, settings: &ToneSettings) -> Verdict {
    score(&find(text, settings), settings.sensitivity).1
}

/// Only the findings, for callers that do not need the rest (the rewrite's own checks).
pub fn find(text: &str, settings: &ToneSettings) -> Vec<Finding> {
    detect::detect(text, settings)
}

fn score(findings: &[Finding], sensitivity: Sensitivity) -> (u8, Verdict) {
    let lost: f64 =
        findings.iter().map(|f| f.severity.weight()).sum::<f64>() * sensitivity.factor();
    let score = (100.0 - lost).clamp(0.0, 100.0).round() as u8;
    let worst = findings.iter().map(|f| f.severity).max();
    let verdict = if worst == Some(Severity::High) || score < 50 {
        Verdict::Hostile
    } else if worst == Some(Severity::Medium) || score < 90 {
        Verdict::Caution
    } else {
        Verdict::Calm
    };
    (score, verdict)
}
