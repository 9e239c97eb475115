//! Scoring, the stage after detection: 100 is calm, each finding takes away according to its
//! severity (scaled by the user's sensitivity), and the verdict follows the worst finding. Mild
//! notes alone make a caution only when there are three or more of different kinds: two
//! ("really", a bare "why?") are ordinary in a calm message, and several of one kind are one
//! habit rather than several problems ("HE SCORED HIS FIRST GOAL!!!" is capitals, and joy).

use super::report::{Category, Finding, Sensitivity, Severity, Verdict};

pub fn score(findings: &[Finding], sensitivity: Sensitivity) -> (u8, Verdict) {
    let mut mild_kinds: Vec<Category> = findings
        .iter()
        .filter(|f| f.severity == Severity::Low)
        .map(|f| f.category)
        .collect();
    mild_kinds.sort_unstable();
    mild_kinds.dedup();
    let lost: f64 = (findings
        .iter()
        .filter(|f| f.severity > Severity::Low)
        .map(|f| f.severity.weight())
        .sum::<f64>()
        + mild_kinds.len() as f64 * Severity::Low.weight())
        * sensitivity.factor();
    let score = (100.0 - lost).clamp(0.0, 100.0).round() as u8;
    let worst = findings.iter().map(|f| f.severity).max();
    let verdict = if worst == Some(Severity::High) || score < 50 {
        Verdict::Hostile
    } else if worst == Some(Severity::Medium) || score < 85 {
        Verdict::Caution
    } else {
        Verdict::Calm
    };
    (score, verdict)
}
