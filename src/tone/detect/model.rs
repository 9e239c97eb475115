//! The learned model as a detector: each sentence gets a probability, and a sentence it reads as
//! hostile gets a finding of its own when no rule already explains it.

use super::super::learned::{Model, Sums};
use super::super::report::{utf16_span, Category, Finding, SentenceReading, Severity};
use super::super::sentences::sentences;
use super::Rules;

/// Rule findings that depend on context: a word or turn of phrase that is hostile in one
/// message and harmless in the next ("damn", "as usual", "you should", "why…?", capitals that
/// are joy rather than anger: "HE SCORED HIS FIRST GOAL!!!"). Threats and the user's own words
/// always count.
fn contextual(f: &Finding) -> bool {
    f.severity == Severity::Medium
        && !matches!(
            f.category,
            Category::Threat | Category::Custom | Category::Hostility
        )
}

/// What the model makes of a message.
pub(super) struct Reading {
    pub sentences: Vec<SentenceReading>,
    /// Findings for the sentences it reads as hostile that no rule explains.
    pub findings: Vec<Finding>,
    /// Indices of context-dependent rule findings whose sentence, or whole message, reads calm
    /// to the model: mild notes only.
    pub calm_context: Vec<usize>,
    /// Indices of moderate rule findings whose sentence the model reads as strongly hostile:
    /// the words are not an accident of phrasing there ("You're a bully and a coward, and
    /// everyone at school can see it."), so they count as serious.
    pub hostile_context: Vec<usize>,
}

/// The model's reading of every sentence, the findings for those no rule explains, and the rule
/// findings its reading turns down.
///
/// A message of several sentences is judged whole: its sentences' features added up, so a dig
/// that only lands in context ("She waited by the door. All afternoon. Again.") is read as the
/// reader hears it, and one sentence on its own takes a strong reading to be flagged, since a
/// short sentence out of context says little. The finding goes on the sentence that reads most
/// hostile.
pub(super) fn read(text: &str, rules: &Rules, model: &Model) -> Reading {
    let ranges = sentences(text);
    let explained = |s: usize, e: usize| {
        rules
            .findings
            .iter()
            .any(|f| f.start < e && f.end > s && f.severity > Severity::Low)
    };
    let sentence_flag = if ranges.len() > 1 {
        model.strong.max(model.flag)
    } else {
        model.flag
    };
    let (sums, whole) = sentence_sums(text, &ranges, rules, model);
    // What kind of message this is is decided once, on all of it: a sentence is read in the
    // message it belongs to.
    let domain = model.domain(&whole);
    let mut readings = Vec::with_capacity(ranges.len());
    let mut findings = Vec::new();
    for (&(s, e), sums) in ranges.iter().zip(&sums) {
        let p = model.probability_in(sums, domain);
        let (start_utf16, end_utf16) = utf16_span(text, s, e);
        readings.push(SentenceReading {
            start: s,
            end: e,
            start_utf16,
            end_utf16,
            hostility: (p * 1000.0).round() / 1000.0,
        });
        if p >= sentence_flag && !explained(s, e) {
            findings.push(learned_finding(text, s, e, p >= model.strong));
        }
    }
    let whole_p = model.probability_in(&whole, domain);
    if findings.is_empty() && ranges.len() > 1 && !explained(0, text.len()) {
        let most = readings
            .iter()
            .max_by(|a, b| a.hostility.total_cmp(&b.hostility));
        if let (true, Some(r)) = (whole_p >= model.flag, most) {
            findings.push(learned_finding(
                text,
                r.start,
                r.end,
                whole_p >= model.strong,
            ));
        }
    }
    let calm_context = rules
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| contextual(f))
        .filter(|(_, f)| {
            whole_p < model.gate
                || readings
                    .iter()
                    .filter(|r| f.start < r.end && f.end > r.start)
                    .all(|r| r.hostility < model.gate)
        })
        .map(|(i, _)| i)
        .collect();
    let hostile_context = rules
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.severity == Severity::Medium)
        .filter(|(_, f)| {
            readings
                .iter()
                .any(|r| f.start < r.end && f.end > r.start && r.hostility >= model.strong)
        })
        .map(|(i, _)| i)
        .collect();
    Reading {
        sentences: readings,
        findings,
        calm_context,
        hostile_context,
    }
}

/// How likely the domain head finds it that `text` is a message between separated parents.
pub(super) fn kind(text: &str, rules: &Rules, model: &Model) -> f32 {
    model.kind(&sentence_sums(text, &sentences(text), rules, model).1)
}

/// The model's sums for each of the sentences `ranges` of `text`, and for the whole message.
pub fn sentence_sums(
    text: &str,
    ranges: &[(usize, usize)],
    rules: &Rules,
    model: &Model,
) -> (Vec<Sums>, Sums) {
    let sums: Vec<Sums> = ranges
        .iter()
        .map(|&(s, e)| model.sums(&rules.span(text, s, e)))
        .collect();
    let mut whole = Sums::default();
    for &s in &sums {
        whole += s;
    }
    (sums, whole)
}

/// A finding over the sentence `s..e` without its surrounding spaces.
fn learned_finding(text: &str, s: usize, e: usize, strong: bool) -> Finding {
    let sentence = &text[s..e];
    let start = s + (sentence.len() - sentence.trim_start().len());
    let end = s + sentence.trim_end().len();
    let severity = if strong {
        Severity::High
    } else {
        Severity::Medium
    };
    // An empty suggestion means "leave it out"; the calmer draft keeps any date or request in it.
    Finding::new(
        text,
        Category::Hostility,
        severity,
        (start, end),
        String::new(),
    )
}
