//! The calm-message checker: reads a draft the way a family mediator would and says, phrase by
//! phrase and sentence by sentence, what is likely to escalate and what to write instead. Pure,
//! offline, deterministic: the word lists and the model's weights are compiled in.
//!
//! One-way pipeline, each stage calling only the ones before it:
//!
//! normalise (`normalize`) → sentences (`sentences`) → detect (`detect`: rules, then the learned
//! model of `learned`) → score (`score`) → BIFF (`biff`) → calmer draft (`rewrite`).
//!
//! `report` holds the types every stage shares; `explain`, `suggest` and `facts` are the words
//! they use. `decode` reads a received message with the same stages; `eval` measures.

mod biff;
mod decode;
mod detect;
pub mod eval;
mod explain;
mod facts;
pub mod learned;
pub mod normalize;
mod report;
mod rewrite;
mod score;
mod sentences;
mod suggest;

use crate::error::{Error, Result};

pub use decode::{decode, Decoded};
pub use learned::{Audience, Model};
pub use report::{
    Biff, BiffCheck, Category, Finding, Fix, Sensitivity, SentenceReading, Severity, ToneReport,
    ToneSettings, Verdict,
};

/// The largest message the checker reads: far beyond any message worth sending.
pub const MAX_MESSAGE_BYTES: usize = 100 * 1024;

/// Reads a draft. Never fails: an empty message is calm and says so in its BIFF checks.
pub fn check(text: &str, settings: &ToneSettings) -> ToneReport {
    check_with(text, settings, Model::builtin())
}

/// `check` with another model (or none): for cross-validation and for comparing rules alone.
pub fn check_with(text: &str, settings: &ToneSettings, model: Option<&Model>) -> ToneReport {
    let detection = detect::detect(text, settings, model);
    let mut findings = detection.findings;
    rewrite::widen_fixes(text, &mut findings);
    let (score, verdict) = score::score(&findings, settings.sensitivity);
    let biff = biff::assess(text, &findings);
    let draft = rewrite::rewrite(text, &findings, settings, model);
    ToneReport {
        score,
        verdict,
        findings,
        biff,
        rewrite: draft.text,
        rewrite_note: draft.note,
        sentences: detection.sentences,
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
    verdict_with(text, settings, Model::builtin())
}

/// `verdict_only` with another model (or none).
pub fn verdict_with(text: &str, settings: &ToneSettings, model: Option<&Model>) -> Verdict {
    let findings = detect::detect(text, settings, model).findings;
    score::score(&findings, settings.sensitivity).1
}

/// Only the findings, rules and model, for callers that need nothing else.
pub fn find(text: &str, settings: &ToneSettings) -> Vec<Finding> {
    detect::detect(text, settings, Model::builtin()).findings
}

/// Whose messages a collection is, decided on all of it: co-parenting messages when the model's
/// domain reader finds them so on average. A message alone can be too short to tell ("Oh
/// please."); a file of them is not. Without a model, co-parents, which is what Evenkeel reads.
pub fn audience_of<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    settings: &ToneSettings,
) -> (Audience, Option<f32>) {
    let Some(model) = Model::builtin() else {
        return (Audience::CoParents, None);
    };
    let (mut sum, mut n) = (0f64, 0usize);
    for text in texts {
        sum += f64::from(detect::kind(text, settings, model));
        n += 1;
    }
    let mean = if n == 0 { 1.0 } else { (sum / n as f64) as f32 };
    let audience = if mean >= 0.5 {
        Audience::CoParents
    } else {
        Audience::Anyone
    };
    (audience, Some(mean))
}
