//! Detection, the pipeline's third stage: the rules find what they can name (lexicon phrases,
//! questions, shouting, speech acts, judgements aimed at the reader), then the learned model reads each sentence and flags what no rule
//! explains. Everything here reads the normalised words; nothing calls a later stage.

mod acts;
mod aimed;
mod lexicon;
mod model;
mod phrases;
mod questions;
mod shouting;

pub use model::sentence_sums;

use super::learned::features::Span;
use super::learned::Model;
use super::normalize::{words, Word};
use super::report::{Finding, SentenceReading, Severity, ToneSettings};

/// What the rules found, with the words and quotations they read, for the model to reuse.
pub struct Rules {
    pub words: Vec<Word>,
    pub quotes: Vec<(usize, usize)>,
    pub findings: Vec<Finding>,
}

impl Rules {
    /// What the model reads of the sentence at `start..end` of `text`: one constructor for the
    /// checker and the training command, so both featurise exactly the same thing.
    pub fn span<'a>(&'a self, text: &'a str, start: usize, end: usize) -> Span<'a> {
        Span {
            text,
            words: &self.words,
            start,
            end,
            quotes: &self.quotes,
            findings: &self.findings,
        }
    }
}

/// Rules and model together.
pub struct Detection {
    pub findings: Vec<Finding>,
    pub sentences: Vec<SentenceReading>,
}

/// The rule findings only, in text order.
pub fn rules(text: &str, settings: &ToneSettings) -> Rules {
    let words = words(text);
    let quotes = quoted_regions(text);
    let mut findings = phrases::find(text, &words, &quotes, settings);
    questions::find(text, &words, &mut findings);
    shouting::find(text, &quotes, &mut findings);
    acts::find(text, &words, &mut findings);
    aimed::find(text, &words, settings, &mut findings);
    // Nothing inside a real quotation is the sender's own tone.
    findings.retain(|f| !quotes.iter().any(|&(qs, qe)| f.start >= qs && f.end <= qe));
    findings.sort_by_key(|f| (f.start, f.end));
    Rules {
        words,
        quotes,
        findings,
    }
}

/// Rules, then the model (when there is one) on each sentence.
pub fn detect(text: &str, settings: &ToneSettings, model: Option<&Model>) -> Detection {
    let rules = rules(text, settings);
    let Some(model) = model else {
        return Detection {
            findings: rules.findings,
            sentences: Vec::new(),
        };
    };
    let reading = model::read(text, &rules, model);
    let mut findings = rules.findings;
    for &i in &reading.calm_context {
        findings[i].severity = Severity::Low;
    }
    for &i in &reading.hostile_context {
        findings[i].severity = Severity::High;
    }
    if !reading.findings.is_empty() {
        findings.extend(reading.findings);
        findings.sort_by_key(|f| (f.start, f.end));
    }
    Detection {
        findings,
        sentences: reading.sentences,
    }
}

/// How likely `text` is to be a message between separated parents, as the model reads it.
pub fn kind(text: &str, settings: &ToneSettings, model: &Model) -> f32 {
    model::kind(text, &rules(text, settings), model)
}

/// Byte ranges inside quotation marks that hold a real quotation (three words or more), so
/// quoting the school or the other parent is not read as the sender's own tone. A single
/// word in quotes is more often scare quotes, and stays checked.
fn quoted_regions(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '"' | '“' | '«') => open = Some((i + c.len_utf8(), c)),
            (Some((s, o)), '"' | '”' | '»') if (o == '"') == (c == '"') => {
                if text[s..i].split_whitespace().count() >= 3 {
                    out.push((s, i));
                }
                open = None;
            }
            (Some(_), '\n') => open = None,
            _ => {}
        }
    }
    out
}
