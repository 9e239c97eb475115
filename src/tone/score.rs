//! Scoring, the stage after detection: 100 is calm, each finding takes away according to its
//! severity (scaled by the user's sensitivity), and the verdict follows the worst finding. Mild
//! notes alone make a caution only when there are three or more: two ("really", a bare "why?")
//! are ordinary in a calm message.

use super::report::{Finding, Sensitivity, Severity, Verdict};

pub fn score(findings: &[Finding], sensitivity: Sensitivity) -> (u8, Verdict) {
    let lost: f64 =
        findings.iter().map(|f| f.severity.weight()).sum::<f64>() * sensitivity.factor();
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
