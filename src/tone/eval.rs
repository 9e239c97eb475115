//! Measuring the checker on labelled messages: precision, recall and F1 for "not calm", and
//! character-level span F1 against annotated toxic words (SemEval-2021 Task 5's measure).

use serde::Serialize;

use super::{check, ToneSettings, Verdict};

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
}

/// Scores `label<TAB>text` rows (1 = should be reconsidered). A message counts as flagged when
/// its verdict is not calm.
pub fn score_labels<'a>(
    rows: impl IntoIterator<Item = (bool, &'a str)>,
    settings: &ToneSettings,
) -> LabelScores {
    let mut s = LabelScores::default();
    for (label, text) in rows {
        let flagged = check_verdict(text, settings) != Verdict::Calm;
        s.messages += 1;
        s.positives += usize::from(label);
        match (label, flagged) {
            (true, true) => s.true_positives += 1,
            (false, true) => s.false_positives += 1,
            (true, false) => s.false_negatives += 1,
            (false, false) => {}
        }
    }
    let tp = s.true_positives as f64;
    s.precision = ratio(tp, tp + s.false_positives as f64);
    s.recall = ratio(tp, tp + s.false_negatives as f64);
    s.f1 = ratio(2.0 * s.precision * s.recall, s.precision + s.recall);
    s
}

fn check_verdict(text: &str, settings: &ToneSettings) -> Verdict {
    super::verdict_only(text, settings)
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
        // Annotators marked the hostile words themselves, not mild cues or shouting marks.
        for f in report.findings.iter().filter(|f| {
            f.severity > super::Severity::Low && f.category != super::Category::Shouting
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
            (true, "You idiot."),
            (true, "Fine."),
            (false, "Hi, 10am works. Thanks."),
            (false, "You moron"),
        ];
        let s = score_labels(rows, &ToneSettings::default());
        assert_eq!(
            (s.true_positives, s.false_negatives, s.false_positives),
            (1, 1, 1)
        );
        assert!((s.f1 - 0.5).abs() < 1e-9);
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
