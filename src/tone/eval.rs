//! Measuring the checker on labelled messages: precision, recall and F1 for "not calm", and
//! character-level span F1 against annotated toxic words (SemEval-2021 Task 5's measure).

use serde::Serialize;

use super::check;
use super::learned::{Audience, Model};
use super::report::{Category, Severity, ToneSettings, Verdict};

#[derive(Serialize, Debug, Clone, Default, PartialEq)]
pub struct LabelScores {
    pub messages: usize,
    pub positives: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// For files with a category column: how many of each category were flagged (for a
    /// hostile category that is its recall; for `calm` and `hard-negative`, false alarms).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryCount>,
    /// The share of `hard-negative` rows left calm, when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hard_negatives_calm: Option<f64>,
}

#[derive(Serialize, Debug, Clone, Default, PartialEq)]
pub struct CategoryCount {
    pub category: String,
    pub messages: usize,
    pub flagged: usize,
}

/// Counts outcomes one message at a time; `scores` turns them into the figures.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    scores: LabelScores,
    categories: std::collections::BTreeMap<String, (usize, usize)>,
}

impl Tally {
    pub fn add(&mut self, label: bool, category: Option<&str>, flagged: bool) {
        let s = &mut self.scores;
        s.messages += 1;
        s.positives += usize::from(label);
        match (label, flagged) {
            (true, true) => s.true_positives += 1,
            (false, true) => s.false_positives += 1,
            (true, false) => s.false_negatives += 1,
            (false, false) => {}
        }
        if let Some(c) = category {
            let e = self.categories.entry(c.to_string()).or_default();
            e.0 += 1;
            e.1 += usize::from(flagged);
        }
    }

    pub fn scores(&self) -> LabelScores {
        let mut s = self.scores.clone();
        let tp = s.true_positives as f64;
        s.precision = ratio(tp, tp + s.false_positives as f64);
        s.recall = ratio(tp, tp + s.false_negatives as f64);
        s.f1 = ratio(2.0 * s.precision * s.recall, s.precision + s.recall);
        s.categories = self
            .categories
            .iter()
            .map(|(c, &(messages, flagged))| CategoryCount {
                category: c.clone(),
                messages,
                flagged,
            })
            .collect();
        s.hard_negatives_calm = self
            .categories
            .get("hard-negative")
            .map(|&(n, flagged)| ratio((n - flagged) as f64, n as f64));
        s
    }
}

/// Scores labelled rows (1 = should be reconsidered), each with its category if the file has
/// one. A message counts as flagged when its verdict is not calm.
pub fn score_labels<'a>(
    rows: impl IntoIterator<Item = (bool, Option<&'a str>, &'a str)>,
    settings: &ToneSettings,
    audience: Audience,
) -> LabelScores {
    let model = Model::builtin().map(|m| m.for_audience(audience));
    let mut t = Tally::default();
    for (label, category, text) in rows {
        t.add(
            label,
            category,
            super::verdict_with(text, settings, model.as_ref()) != Verdict::Calm,
        );
    }
    t.scores()
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

#[derive(Serialize, Debug, Clone, Default, PartialEq)]
pub struct SpanScores {
    pub messages: usize,
    /// Mean over messages of the F1 between flagged and annotated characters.
    pub span_f1: f64,
}

/// Scores `spans<TAB>text` rows, spans as `start-end` code-point ranges (end exclusive).
pub fn score_spans<'a>(
    rows: impl IntoIterator<Item = (&'a str, &'a str)>,
    settings: &ToneSettings,
) -> SpanScores {
    let mut total = 0.0;
    let mut n = 0;
    for (spans, text) in rows {
        let gold = parse_spans(spans);
        let mut predicted = std::collections::BTreeSet::new();
        let report = check(text, settings);
        // Annotators marked the hostile words themselves, not mild cues, shouting marks or the
        // model's whole sentences.
        for f in report.findings.iter().filter(|f| {
            f.severity > Severity::Low
                && !matches!(f.category, Category::Shouting | Category::Hostility)
        }) {
            // Byte offsets to code-point indices, skipping spaces as the annotations do.
            let start = text[..f.start].chars().count();
            for (k, c) in text[f.start..f.end].chars().enumerate() {
                if !c.is_whitespace() {
                    predicted.insert(start + k);
                }
            }
        }
        total += f1_sets(&predicted, &gold);
        n += 1;
    }
    SpanScores {
        messages: n,
        span_f1: ratio(total, n as f64),
    }
}

fn parse_spans(spans: &str) -> std::collections::BTreeSet<usize> {
    let mut out = std::collections::BTreeSet::new();
    for range in spans.split(',').map(str::trim).filter(|r| !r.is_empty()) {
        if let Some((a, b)) = range.split_once('-') {
            if let (Ok(a), Ok(b)) = (a.trim().parse::<usize>(), b.trim().parse::<usize>()) {
                out.extend(a..b);
            }
        }
    }
    out
}

fn f1_sets(p: &std::collections::BTreeSet<usize>, g: &std::collections::BTreeSet<usize>) -> f64 {
    if p.is_empty() && g.is_empty() {
        return 1.0;
    }
    if p.is_empty() || g.is_empty() {
        return 0.0;
    }
    let inter = p.intersection(g).count() as f64;
    ratio(2.0 * inter, (p.len() + g.len()) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_scores_count_each_outcome() {
        let rows = [
            (true, None, "You idiot."),
            (true, None, "Hi, 10am on Saturday works. Thanks."),
            (false, Some("hard-negative"), "Hi, 10am works. Thanks."),
            (false, Some("hard-negative"), "You moron"),
        ];
        let s = score_labels(rows, &ToneSettings::default(), Audience::CoParents);
        assert_eq!(
            (s.true_positives, s.false_negatives, s.false_positives),
            (1, 1, 1)
        );
        assert!((s.f1 - 0.5).abs() < 1e-9);
        assert_eq!(s.hard_negatives_calm, Some(0.5));
    }

    #[test]
    fn span_scores_compare_characters() {
        let s = score_spans(
            [("4-9", "You idiot"), ("", "Hello there")],
            &ToneSettings::default(),
        );
        assert_eq!(s.messages, 2);
        assert!((s.span_f1 - 1.0).abs() < 1e-9, "{s:?}");
    }
}
