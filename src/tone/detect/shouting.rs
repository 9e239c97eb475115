//! Shouting: capitalised words that are not acronyms, and runs of "!" or "?".

use super::super::report::{Category, Finding, Severity};

/// Adds the shouting findings, outside quotations.
pub(super) fn find(text: &str, quotes: &[(usize, usize)], findings: &mut Vec<Finding>) {
    // Someone who writes everything in capitals is not raising their voice at one word: the
    // capitals get one low note, and only repeated "!!" / "??" count beside it.
    let all_caps = !text.chars().any(|c| c.is_lowercase());
    let mut noted_caps = false;
    for (start, end, severity, suggestion) in shouting(text) {
        let is_word = suggestion != "." && suggestion != "?";
        if all_caps && is_word {
            if !noted_caps {
                noted_caps = true;
                findings.push(Finding::new(
                    text,
                    Category::Shouting,
                    Severity::Low,
                    (start, end),
                    suggestion,
                ));
            }
            continue;
        }
        if !quotes.iter().any(|&(qs, qe)| start >= qs && end <= qe) {
            findings.push(Finding::new(
                text,
                Category::Shouting,
                severity,
                (start, end),
                suggestion,
            ));
        }
    }
}

/// Short capitalised words that are shouting, not acronyms.
const SHOUTED_SHORT: &[&str] = &[
    "NO", "NOT", "NOW", "YOU", "WHY", "HOW", "THE", "AND", "ARE", "YES", "GET", "OUT", "OFF",
    "ALL", "CAN", "DID", "HER", "HIS", "SHE", "HIM", "BUT", "FOR", "ME", "MY", "IS", "IT", "DO",
    "GO", "WE", "OUR", "WAS", "BE", "SO", "TO", "AT", "ON", "IN", "OF", "OR", "IF", "HE", "AM",
    "ANY", "NEVER", "WHAT", "STOP", "DONT", "CANT", "WONT", "JUST", "THIS", "THAT", "WHEN",
    "WHERE", "HAVE", "WILL", "YOUR", "LATE", "EVER", "NEED", "MUST", "HELP", "NOW",
];
/// Capitalised words that are names of things, not shouting.
const ACRONYMS: &[&str] = &[
    "MIAM", "CAFCASS", "ASAP", "NHS", "ADHD", "GCSE", "SENCO", "HMRC", "RSVP", "FYI", "PTSD",
    "OCD", "SATS", "COVID", "BTW", "DBS", "CAMHS", "EHCP", "OFSTED", "NSPCC", "ASD", "MMR", "UTC",
    "GMT", "BST", "EST", "PST", "CEST", "HTML", "PDF", "USB", "LGBT", "LGBTQ", "UNICEF", "NASA",
    "FAQ", "IOU", "AKA",
];

/// Shouted words (merged when several run together) and runs of "!" or "?".
fn shouting(text: &str) -> Vec<(usize, usize, Severity, String)> {
    let mut out: Vec<(usize, usize, Severity, String)> = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let flush = |run: &mut Option<(usize, usize)>,
                 out: &mut Vec<(usize, usize, Severity, String)>| {
        if let Some((s, e)) = run.take() {
            out.push((s, e, Severity::Medium, text[s..e].to_lowercase()));
        }
    };
    let mut word_start: Option<usize> = None;
    let bytes_end = text.len();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_alphabetic() {
            word_start.get_or_insert(i);
        }
        let next_is_letter = iter.peek().is_some_and(|&(_, n)| n.is_alphabetic());
        if let (Some(s), false) = (word_start, next_is_letter) {
            let end = iter.peek().map_or(bytes_end, |&(j, _)| j);
            let word = &text[s..end];
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let caps =
                word.chars().all(|c| !c.is_lowercase()) && word.chars().any(|c| c.is_uppercase());
            let vowels = word.chars().filter(|c| "AEIOUY".contains(*c)).count();
            // NRHP, USGS, NPOV: few vowels in a short capitalised word mark an acronym.
            let wordlike = letters >= 6 || vowels * 10 >= letters * 3;
            let shouted = caps
                && letters >= 2
                && !ACRONYMS.contains(&word)
                && (SHOUTED_SHORT.contains(&word) || (letters >= 4 && wordlike));
            if shouted {
                // Join with the previous shouted word when only spaces lie between.
                match run {
                    Some((rs, re)) if text[re..s].chars().all(|c| c == ' ' || c == ',') => {
                        run = Some((rs, end))
                    }
                    _ => {
                        flush(&mut run, &mut out);
                        run = Some((s, end));
                    }
                }
            } else if letters > 0 {
                flush(&mut run, &mut out);
            }
            word_start = None;
        }
    }
    flush(&mut run, &mut out);

    // Runs of two or more "!" / "?".
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        if matches!(chars[k].1, '!' | '?') {
            let mut m = k;
            while m < chars.len() && matches!(chars[m].1, '!' | '?') {
                m += 1;
            }
            if m - k >= 2 {
                let s = chars[k].0;
                let e = if m < chars.len() {
                    chars[m].0
                } else {
                    text.len()
                };
                let mark = if text[s..e].contains('?') { "?" } else { "." };
                out.push((s, e, Severity::Low, mark.to_string()));
            }
            k = m;
        } else {
            k += 1;
        }
    }
    out
}
