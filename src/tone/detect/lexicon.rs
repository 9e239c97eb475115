//! The phrase lists in `lexicon.txt`, compiled into the binary and parsed once.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use super::super::report::{Category, Severity};

/// One phrase to look for: its words, what it means, and whether it must be aimed at the reader.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub words: Vec<String>,
    pub category: Category,
    pub severity: Severity,
    pub directed: bool,
}

#[derive(Debug, Default)]
pub struct Lexicon {
    /// Phrases by their first word, longest first. Fx hashing: short trusted keys, hot path.
    pub by_first: HashMap<String, Vec<Phrase>>,
    /// The same phrases of two words or more, by their first two words, so a common first
    /// word ("you", "i") does not mean trying every phrase that starts with it.
    pub by_pair: HashMap<String, HashMap<String, Vec<Phrase>>>,
    /// Phrases of one word, or whose second word is "*", by their first word.
    pub short: HashMap<String, Vec<Phrase>>,
    /// Harmless phrases: a match that lies inside one of these is dropped.
    pub ignore: HashMap<String, Vec<Vec<String>>>,
}

impl Lexicon {
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse(include_str!("lexicon.txt")))
    }

    pub fn parse(text: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        let mut section: Option<(Category, Severity, bool)> = None;
        let mut ignoring = false;
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(head) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let parts: Vec<&str> = head.split_whitespace().collect();
                ignoring = parts == ["ignore"];
                section = if ignoring {
                    None
                } else {
                    let category = Category::from_name(parts[0])
                        .unwrap_or_else(|| panic!("unknown category {head}"));
                    let severity = Severity::from_name(parts[1])
                        .unwrap_or_else(|| panic!("unknown severity {head}"));
                    Some((category, severity, parts.get(2) == Some(&"directed")))
                };
                continue;
            }
            let words: Vec<String> = super::super::normalize::words(line)
                .into_iter()
                .map(|w| w.text)
                .collect();
            if words.is_empty() {
                continue;
            }
            if ignoring {
                lex.ignore.entry(words[0].clone()).or_default().push(words);
            } else if let Some((category, severity, directed)) = section {
                lex.add(Phrase {
                    words,
                    category,
                    severity,
                    directed,
                });
            }
        }
        lex.index();
        lex
    }

    /// Sorts longest first and builds the two-word index; call after the last `add`.
    pub fn index(&mut self) {
        let longest_first = |a: &Phrase, b: &Phrase| {
            b.words
                .len()
                .cmp(&a.words.len())
                .then(b.severity.cmp(&a.severity))
        };
        self.by_pair.clear();
        self.short.clear();
        for list in self.by_first.values_mut() {
            list.sort_by(longest_first);
            for p in list
                .iter()
                .filter(|p| p.words.len() == 1 || p.words[1] == "*")
            {
                self.short
                    .entry(p.words[0].clone())
                    .or_default()
                    .push(p.clone());
            }
            for p in list
                .iter()
                .filter(|p| p.words.len() >= 2 && p.words[1] != "*")
            {
                self.by_pair
                    .entry(p.words[0].clone())
                    .or_default()
                    .entry(p.words[1].clone())
                    .or_default()
                    .push(p.clone());
            }
        }
    }

    /// Phrases that may match at a word followed by `next`: two-word-indexed ones first.
    pub fn candidates<'a>(
        &'a self,
        word: &str,
        next: Option<&str>,
    ) -> impl Iterator<Item = &'a Phrase> {
        let pairs = next
            .and_then(|n| self.by_pair.get(word)?.get(n))
            .into_iter()
            .flatten();
        let rest = self.short.get(word).into_iter().flatten();
        pairs.chain(rest)
    }

    pub fn add(&mut self, phrase: Phrase) {
        let list = self.by_first.entry(phrase.words[0].clone()).or_default();
        // The first listing of a phrase wins, so the file reads top to bottom.
        if !list.iter().any(|p| p.words == phrase.words) {
            list.push(phrase);
        }
    }
}
