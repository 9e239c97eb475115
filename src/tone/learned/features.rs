//! The model's featuriser: hashed word 1–3-grams and character 2–5-grams of a span's folded
//! words, the rule findings inside the span, and a few marks of its shape. Training and the
//! checker call this same function, so the weights are always applied to what they learned on.
//!
//! The hash is written out here rather than taken from a crate: a weights file is only valid
//! for the exact hash it was trained with, so it must never change with a dependency update.

use super::super::normalize::Word;
use super::super::report::{Category, Finding, Severity};

/// 2^18 buckets: about 60,000 distinct n-grams occur in the training data, so collisions are
/// rare, and the quantised table stays at 512 KB.
pub const BITS: u32 = 18;
pub const BUCKETS: usize = 1 << BITS;

/// The three groups of features; word and character n-grams are each scaled to unit length on
/// their own (as two TF vectors side by side), rule and shape signals count 1 each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Word,
    Char,
    Signal,
}

/// One span of a message as the model reads it.
pub struct Span<'a> {
    pub text: &'a str,
    pub words: &'a [Word],
    /// Byte range of the span in `text`.
    pub start: usize,
    pub end: usize,
    /// Quotations inside which words are not the sender's own (the school's words, say).
    pub quotes: &'a [(usize, usize)],
    /// The rule findings of the whole text; those inside the span become signals.
    pub findings: &'a [Finding],
}

impl<'a> Span<'a> {
    /// All of `text` as one span, with no quotations or rule findings: for tests.
    #[cfg(test)]
    pub fn whole(text: &'a str, words: &'a [Word]) -> Span<'a> {
        Span {
            text,
            words,
            start: 0,
            end: text.len(),
            quotes: &[],
            findings: &[],
        }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
const SEED_WORD: u64 = 0x9e37_79b9_7f4a_7c15;
const SEED_CHAR: u64 = 0xc2b2_ae3d_27d4_eb4f;
const SEED_SIGNAL: u64 = 0x1656_67b1_9e37_79f9;
/// Stand-ins for the sentence's edges in word n-grams ("whatever." differs from "whatever you").
const EDGE_START: u64 = 0x2545_f491_4f6c_dd1d;
const EDGE_END: u64 = 0x5851_f42d_4c95_7f2d;

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}

/// SplitMix64's finaliser: spreads FNV's low-entropy high bits over the bucket index.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn bucket(seed: u64, h: u64) -> u32 {
    (mix(seed ^ h) & (BUCKETS as u64 - 1)) as u32
}

/// Calls `emit` with every feature of the span. Allocates one small buffer for the joined
/// words; nothing else.
pub fn each(span: &Span, mut emit: impl FnMut(Block, u32)) {
    let in_quote = |w: &Word| {
        span.quotes
            .iter()
            .any(|&(qs, qe)| w.start >= qs && w.end <= qe)
    };
    let words = span
        .words
        .iter()
        .filter(|w| w.start >= span.start && w.start < span.end && !in_quote(w));

    // Word n-grams, with the edges as words of their own.
    let (mut prev2, mut prev1) = (0u64, EDGE_START);
    let mut joined = String::with_capacity(span.end - span.start + 2);
    joined.push(' ');
    let mut count = 0usize;
    for w in words {
        let h = fnv(w.text.as_bytes());
        emit(Block::Word, bucket(SEED_WORD, h));
        emit(
            Block::Word,
            bucket(SEED_WORD ^ 2, prev1.rotate_left(17) ^ h),
        );
        if count >= 1 {
            emit(
                Block::Word,
                bucket(
                    SEED_WORD ^ 3,
                    prev2.rotate_left(34) ^ prev1.rotate_left(17) ^ h,
                ),
            );
        }
        prev2 = prev1;
        prev1 = h;
        count += 1;
        joined.push_str(&w.text);
        joined.push(' ');
    }
    if count == 0 {
        return;
    }
    emit(
        Block::Word,
        bucket(SEED_WORD ^ 2, prev1.rotate_left(17) ^ EDGE_END),
    );

    // Character n-grams of the folded words joined by single spaces, padded with one space.
    // FNV is computed incrementally, so each prefix of a 5-byte window is its own n-gram.
    let b = joined.as_bytes();
    for i in 0..b.len().saturating_sub(1) {
        let mut h = FNV_OFFSET;
        for (n, &byte) in b[i..].iter().take(5).enumerate() {
            h = (h ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
            if n >= 1 {
                emit(Block::Char, bucket(SEED_CHAR, h));
            }
        }
    }

    // The rule engine's own findings in the span, by category and severity.
    for f in span
        .findings
        .iter()
        .filter(|f| f.start >= span.start && f.end <= span.end)
    {
        emit(
            Block::Signal,
            bucket(
                SEED_SIGNAL,
                category_code(f.category) * 8 + f.severity as u64,
            ),
        );
    }

    // Shape: what folding drops but a reader hears.
    let raw = &span.text[span.start..span.end];
    let trimmed = raw.trim_end();
    let marks: [(bool, u64); 4] = [
        (trimmed.ends_with('?'), 1),
        (raw.contains('!'), 2),
        (has_scare_quotes(raw), 3),
        (trimmed.ends_with("..."), 4),
    ];
    for (present, code) in marks {
        if present {
            emit(Block::Signal, bucket(SEED_SIGNAL ^ 0xff, code));
        }
    }
}

/// A short quotation ("forgot", "busy") inside a sentence is more often sarcasm than a quote.
fn has_scare_quotes(s: &str) -> bool {
    let mut parts = s.split(['"', '“', '”']);
    parts.next();
    parts
        .step_by(2)
        .any(|q| !q.trim().is_empty() && q.split_whitespace().count() <= 2)
}

fn category_code(c: Category) -> u64 {
    c as u64 + 1
}

/// Keeps the severities' numbering stable for the hash.
const _: () = {
    assert!(Severity::Low as u64 == 0 && Severity::High as u64 == 2);
};

#[cfg(test)]
mod tests {
    use super::super::super::normalize::words;
    use super::*;

    fn collect(text: &str) -> Vec<(Block, u32)> {
        let ws = words(text);
        let mut out = Vec::new();
        each(&Span::whole(text, &ws), |b, i| out.push((b, i)));
        out
    }

    #[test]
    fn the_hash_never_changes() {
        // A weights file is only valid for this exact featuriser.
        assert_eq!(fnv(b"a"), 0xaf63_dc4c_8601_ec8c); // FNV-1a's published value
        let f = collect("You're a bully.");
        assert_eq!(f, collect("you are a BULLY"));
        assert!(f.iter().all(|&(_, i)| (i as usize) < BUCKETS));
        // 4 words: 4 unigrams, 5 bigrams with the edges, 3 trigrams; " you are a bully " is
        // 17 bytes: 16 + 15 + 14 + 13 character n-grams.
        let words = f.iter().filter(|(b, _)| *b == Block::Word).count();
        let chars = f.iter().filter(|(b, _)| *b == Block::Char).count();
        assert_eq!((words, chars), (12, 58));
    }

    #[test]
    fn quotations_are_not_read_as_the_senders_words() {
        let text = "The school wrote: \"he was rude and disruptive\" today";
        let ws = words(text);
        let q = (text.find('"').unwrap() + 1, text.rfind('"').unwrap());
        let mut n = 0;
        each(
            &Span {
                text,
                words: &ws,
                start: 0,
                end: text.len(),
                quotes: &[q],
                findings: &[],
            },
            |b, _| n += usize::from(b == Block::Word),
        );
        // "the school wrote today": 4 + 5 + 3.
        assert_eq!(n, 12);
    }
}
