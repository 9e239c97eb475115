//! Finds the lexicon's phrases on the folded words, then drops harmless uses, quotations and
//! the user's own exceptions.

use super::super::normalize::{words, Word};
use super::super::report::{Category, Finding, Severity, ToneSettings};
use super::super::suggest;
use super::lexicon::{Lexicon, Phrase};

/// Words that may stand between "you are" and the word they point at ("you are so very selfish").
const INTENSIFIERS: &[&str] = &[
    "so",
    "a",
    "an",
    "the",
    "really",
    "very",
    "just",
    "completely",
    "totally",
    "utterly",
    "absolutely",
    "most",
    "fucking",
    "bloody",
    "damn",
    "incredibly",
    "extremely",
    "truly",
    "little",
    "quite",
    "pretty",
    "too",
    "such",
    "being",
    "not",
    "only",
    "always",
    "still",
    "acting",
    "an",
    "utter",
    "complete",
    "total",
    "big",
    "selfish",
    "lazy",
    "stupid",
];
/// Verbs that link "you" to a description ("you are", "you sound", "you have been").
const LINKS: &[&str] = &[
    "are", "were", "be", "been", "being", "seem", "sound", "look", "act", "get", "getting",
    "become",
];

/// A match in word positions: words `from..to`.
#[derive(Debug, Clone, Copy)]
struct Hit {
    from: usize,
    to: usize,
    category: Category,
    severity: Severity,
}

pub(super) fn find(
    text: &str,
    ws: &[Word],
    quotes: &[(usize, usize)],
    settings: &ToneSettings,
) -> Vec<Finding> {
    let lex = Lexicon::builtin();
    let custom = custom_lexicon(settings);
    let ignored = ignored_words(ws, lex);

    let mut hits: Vec<Hit> = Vec::new();
    for i in 0..ws.len() {
        let next = ws.get(i + 1).map(|w| w.text.as_str());
        let candidates = lex
            .candidates(&ws[i].text, next)
            .chain(custom.candidates(&ws[i].text, next));
        for phrase in candidates {
            let Some(to) = match_at(ws, i, phrase) else {
                continue;
            };
            if ignored[i..to].iter().all(|&x| x) {
                continue;
            }
            if phrase.directed && !is_directed(ws, i) {
                continue;
            }
            hits.push(Hit {
                from: i,
                to,
                category: phrase.category,
                severity: phrase.severity,
            });
            break;
        }
        if hits.last().is_none_or(|h| h.from != i) {
            if let Some(hit) = inflected_hit(ws, i, lex) {
                hits.push(hit);
            }
        }
    }
    let hits = drop_nested(hits);

    let never: Vec<Vec<String>> = settings
        .never_flag
        .iter()
        .map(|w| words(w).into_iter().map(|w| w.text).collect::<Vec<_>>())
        .filter(|w: &Vec<String>| !w.is_empty())
        .collect();

    let mut findings: Vec<Finding> = Vec::new();
    for h in hits {
        let matched: Vec<&str> = ws[h.from..h.to].iter().map(|w| w.text.as_str()).collect();
        if never.iter().any(|n| contains_seq(&matched, n)) {
            continue;
        }
        let (start, end) = (ws[h.from].start, ws[h.to - 1].end);
        if quotes.iter().any(|&(qs, qe)| start >= qs && end <= qe) {
            continue;
        }
        let suggestion = suggest::replacement(h.category, &matched).unwrap_or_default();
        findings.push(Finding::new(
            text,
            h.category,
            h.severity,
            (start, end),
            suggestion,
        ));
    }
    findings
}

/// Where a phrase matches at word `i`, the end of the match. `*` matches any one word; a match
/// does not run across a sentence boundary.
fn match_at(ws: &[Word], i: usize, phrase: &Phrase) -> Option<usize> {
    let to = i + phrase.words.len();
    if to > ws.len() {
        return None;
    }
    for (k, pw) in phrase.words.iter().enumerate() {
        let w = &ws[i + k];
        if k > 0 && w.sentence_start {
            return None;
        }
        if pw != "*" && *pw != w.text {
            return None;
        }
    }
    Some(to)
}

/// Swear words distinctive enough that a word starting with one is that swear word.
const PROFANE_STEMS: &[&str] = &[
    "fuck", "shit", "cunt", "bitch", "whore", "wank", "twat", "bastard",
];

/// Plurals and dropped g's of single insulting or profane words: "idiots", "fuckin".
fn inflected_hit(ws: &[Word], i: usize, lex: &Lexicon) -> Option<Hit> {
    let w = ws[i].text.as_str();
    let dropped_g;
    let stems: [Option<&str>; 3] = [
        w.strip_suffix("es"),
        w.strip_suffix('s'),
        match w.strip_suffix("in") {
            Some(s) if s.len() >= 3 => {
                dropped_g = format!("{s}ing");
                Some(dropped_g.as_str())
            }
            _ => None,
        },
    ];
    // Profanity run into another word: "shithole", "fuckedup", "shite".
    if let Some(stem) = PROFANE_STEMS
        .iter()
        .find(|s| w.len() > s.len() && w.starts_with(*s))
    {
        if let Some(p) = lex.by_first.get(*stem).into_iter().flatten().next() {
            return Some(Hit {
                from: i,
                to: i + 1,
                category: p.category,
                severity: p.severity,
            });
        }
    }
    for stem in stems.into_iter().flatten().filter(|s| s.len() >= 3) {
        for p in lex.by_first.get(stem).into_iter().flatten() {
            let fits =
                p.words.len() == 1 && matches!(p.category, Category::Insult | Category::Profanity);
            if fits && (!p.directed || is_directed(ws, i)) {
                return Some(Hit {
                    from: i,
                    to: i + 1,
                    category: p.category,
                    severity: p.severity,
                });
            }
        }
    }
    None
}

/// Whether the word at `i` describes the reader: "you are (so) X", "you X", "such a X", "what a X".
fn is_directed(ws: &[Word], i: usize) -> bool {
    let mut j = i;
    while j > 0 && !ws[j].sentence_start {
        let prev = ws[j - 1].text.as_str();
        match prev {
            "you" | "yourself" | "such" | "what" | "how" => return true,
            p if LINKS.contains(&p) => {
                // "you are X", "you have been X", "you are being X"
                let mut k = j - 1;
                while k > 0 && !ws[k].sentence_start {
                    let t = ws[k - 1].text.as_str();
                    if t == "you" {
                        return true;
                    }
                    if !(LINKS.contains(&t)
                        || t == "have"
                        || t == "so"
                        || t == "really"
                        || t == "just")
                    {
                        return false;
                    }
                    k -= 1;
                }
                return false;
            }
            p if INTENSIFIERS.contains(&p) => j -= 1,
            _ => return false,
        }
    }
    false
}

/// Marks the words that lie inside a harmless phrase ("kill time", "sorry to hear").
fn ignored_words(ws: &[Word], lex: &Lexicon) -> Vec<bool> {
    let mut out = vec![false; ws.len()];
    for i in 0..ws.len() {
        if let Some(list) = lex.ignore.get(&ws[i].text) {
            for phrase in list {
                let to = i + phrase.len();
                if to <= ws.len()
                    && ws[i..to]
                        .iter()
                        .zip(phrase)
                        .all(|(w, p)| p == "*" || w.text == *p)
                {
                    out[i..to].iter_mut().for_each(|x| *x = true);
                }
            }
        }
    }
    out
}

/// Keeps a match only if no other match contains it; the outer one says more.
fn drop_nested(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by_key(|h| (h.from, std::cmp::Reverse(h.to)));
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        if let Some(last) = out.last() {
            if h.from >= last.from && h.to <= last.to {
                continue;
            }
        }
        out.push(h);
    }
    out
}

fn contains_seq(haystack: &[&str], needle: &[String]) -> bool {
    needle.len() <= haystack.len()
        && haystack
            .windows(needle.len())
            .any(|w| w.iter().zip(needle).all(|(a, b)| a == b))
}

fn custom_lexicon(settings: &ToneSettings) -> Lexicon {
    let mut lex = Lexicon::default();
    for w in &settings.extra_words {
        let words: Vec<String> = words(w).into_iter().map(|w| w.text).collect();
        if !words.is_empty() {
            lex.add(Phrase {
                words,
                category: Category::Custom,
                severity: Severity::Medium,
                directed: false,
            });
        }
    }
    lex.index();
    lex
}
