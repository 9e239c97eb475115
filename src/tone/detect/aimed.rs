//! Evaluative words aimed at the reader: "you're a bully", "you are so inconsiderate", "such a
//! hypocrite" in a message to "you". The words come from a broad valence lexicon
//! (`aimed_words.txt`, from VADER), so the rule reaches the judgements nobody wrote into the
//! phrase list; it fires only where the grammar points the word at the reader.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use super::super::normalize::{words, Word};
use super::super::report::{Category, Finding, Severity, ToneSettings};

fn aimed_words() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("aimed_words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Words that may stand between the link and the judgement: "you are a complete …".
const FILLERS: &[&str] = &[
    "a",
    "an",
    "so",
    "such",
    "really",
    "very",
    "just",
    "complete",
    "completely",
    "total",
    "totally",
    "utter",
    "utterly",
    "absolute",
    "absolutely",
    "bloody",
    "fucking",
    "little",
    "big",
    "massive",
    "proper",
    "right",
    "real",
    "the",
    "biggest",
    "most",
    "being",
    "acting",
    "like",
    "incredibly",
    "extremely",
    "truly",
    "pretty",
    "too",
    "and",
    "such",
];
/// Verbs that make what follows a description of their subject.
const LINKS: &[&str] = &[
    "are", "were", "be", "been", "being", "sound", "look", "seem", "act", "acting", "become",
];
/// Words that, just before the judgement, point it at someone: "such a bully", "someone so lazy".
const POINTERS: &[&str] = &["such", "what", "someone", "somebody", "anyone"];

/// Adds an Insult finding for each aimed evaluative word not already covered by a finding,
/// except the words the user asked never to have flagged.
pub(super) fn find(text: &str, ws: &[Word], settings: &ToneSettings, findings: &mut Vec<Finding>) {
    let set = aimed_words();
    let mut found = Vec::new();
    for i in 0..ws.len() {
        if !set.contains(ws[i].text.as_str()) || !aimed_at_reader(ws, i) {
            continue;
        }
        let never = settings
            .never_flag
            .iter()
            .any(|n| words(n).iter().any(|w| w.text == ws[i].text));
        if never {
            continue;
        }
        let (start, end) = (ws[i].start, ws[i].end);
        if findings
            .iter()
            .chain(&found)
            .any(|f: &Finding| f.start < end && f.end > start)
        {
            continue;
        }
        found.push(Finding::new(
            text,
            Category::Insult,
            Severity::Medium,
            (start, end),
            String::new(),
        ));
    }
    findings.extend(found);
}

/// "you (are|sound|…) (a|so|…)* WORD", or "such a WORD" / "someone so WORD" in a sentence that
/// speaks to "you". A "not" anywhere in between ("you are not a liar") turns it away.
fn aimed_at_reader(ws: &[Word], i: usize) -> bool {
    let sentence_start = (0..=i).rev().find(|&k| ws[k].sentence_start).unwrap_or(0);
    let mut j = i;
    let mut filled = false;
    let mut pointer = false;
    while j > sentence_start {
        let w = ws[j - 1].text.as_str();
        if w == "you" {
            // A judgement straight after "you" is a verb as often as a noun ("you hate…").
            return filled;
        }
        if w == "not" || w == "never" {
            return false;
        }
        if LINKS.contains(&w) {
            filled = true;
        } else if POINTERS.contains(&w) {
            pointer = true;
            filled = true;
        } else if FILLERS.contains(&w) {
            filled = true;
        } else if !aimed_words().contains(w) {
            // Another judgement would continue the chain ("a bully and a coward"); else stop.
            break;
        }
        j -= 1;
    }
    // "such a hypocrite" speaks to the reader only when the sentence is about "you".
    pointer
        && ws[sentence_start..]
            .iter()
            .enumerate()
            .take_while(|(k, w)| *k == 0 || !w.sentence_start)
            .any(|(_, w)| matches!(w.text.as_str(), "you" | "your" | "yourself"))
}

#[cfg(test)]
mod tests {
    use super::super::super::normalize::words;
    use super::*;

    fn aimed(text: &str) -> Vec<String> {
        let mut f = Vec::new();
        find(text, &words(text), &ToneSettings::default(), &mut f);
        f.into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn judgements_aimed_at_the_reader_are_found() {
        assert_eq!(aimed("You're a bully and a coward."), ["bully", "coward"]);
        assert_eq!(aimed("you are so inconsiderate"), ["inconsiderate"]);
        assert_eq!(
            aimed("You're such a hypocrite, you know that."),
            ["hypocrite"]
        );
    }

    #[test]
    fn the_same_words_elsewhere_are_not() {
        assert!(aimed("There's a bully in his class.").is_empty());
        assert!(aimed("He was a coward about the injection.").is_empty());
        assert!(aimed("You are not a liar, I know that.").is_empty());
        assert!(aimed("What a disaster the film was.").is_empty());
        assert!(aimed("You sound tired.").is_empty());
    }
}
