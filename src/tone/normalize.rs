//! Turns a message into words the lexicon can match, whatever tricks were used to hide them,
//! while remembering where each word came from in the original text.
//!
//! Folded: case, accents, look-alike letters from other scripts and full-width forms,
//! zero-width characters, leetspeak inside words (`1d10t`, `a$$`), letters stretched three or
//! more times (`stuuupid`), letters spaced or dotted apart (`s t u p i d`, `f.u.c.k`), and
//! contractions (`you're` becomes `you are`, both words pointing at the original span).

use unicode_normalization::char::decompose_compatible;
use unicode_normalization::UnicodeNormalization;

/// One word after folding, with the byte range it came from in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// A sentence boundary (., !, ?, line break) lies between this word and the one before.
    pub sentence_start: bool,
}

/// Characters that are there only to break up a word.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{034F}' | '\u{180E}')
}

/// Letters from other scripts that look like Latin ones.
fn confusable(c: char) -> Option<char> {
    Some(match c {
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'е' | 'ε' | 'ё' => 'e',
        'һ' => 'h',
        'і' | 'ι' | 'ї' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'м' => 'm',
        'н' | 'η' => 'n',
        'о' | 'ο' | 'σ' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'г' => 'r',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' | 'ц' => 'u',
        'ν' => 'v',
        'ѡ' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        'ᴢ' => 'z',
        _ => return None,
    })
}

fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' | '|' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' | '+' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => return None,
    })
}

/// Folds one character to lower-case Latin letters without accents (possibly none or several).
fn fold(c: char, out: &mut String) {
    if is_invisible(c) {
        return;
    }
    if let Some(l) = confusable(c).or_else(|| c.to_lowercase().next().and_then(confusable)) {
        out.push(l);
        return;
    }
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Compatibility decomposition turns full-width and mathematical letters into plain ones
    // and splits accents off, which are then dropped.
    decompose_compatible(c, |d| {
        if !is_combining(d) {
            for l in d.to_lowercase() {
                out.push(l);
            }
        }
    });
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// A raw token: a run of letters, digits and the symbols leetspeak uses, with its byte range.
struct Raw<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    sentence_start: bool,
    /// Followed directly by a single space, dot or hyphen (a spaced-out letter may continue).
    joiner_after: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || is_invisible(c) || matches!(c, '$' | '@' | '*')
}

/// Splits into raw tokens. `!` and `|` only count as letters between other letters (`sh!t`).
fn raw_tokens(text: &str) -> Vec<Raw<'_>> {
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.len());
    chars.extend(text.char_indices());
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    let mut i = 0;
    let mut boundary = true;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let inner_symbol = |j: usize| {
            matches!(chars[j].1, '!' | '|' | '1')
                && j > 0
                && j + 1 < chars.len()
                && chars[j - 1].1.is_alphabetic()
                && chars[j + 1].1.is_alphabetic()
        };
        if !(is_word_char(c) || inner_symbol(i)) {
            if matches!(c, '.' | '!' | '?' | '\n' | ';') {
                boundary = true;
            }
            i += 1;
            continue;
        }
        let start = pos;
        let mut j = i;
        while j < chars.len() && (is_word_char(chars[j].1) || inner_symbol(j)) {
            j += 1;
        }
        let end = if j < chars.len() {
            chars[j].0
        } else {
            text.len()
        };
        let joiner_after = j < chars.len()
            && matches!(chars[j].1, ' ' | '.' | '-' | '_')
            && j + 1 < chars.len()
            && is_word_char(chars[j + 1].1);
        let slice = &text[start..end];
        let word = slice.trim_matches(|c| c == '\'' || c == '’' || c == '*');
        if !word.is_empty() {
            let offset = slice.len() - slice.trim_start_matches(['\'', '’', '*']).len();
            out.push(Raw {
                text: word,
                start: start + offset,
                end: start + offset + word.len(),
                sentence_start: boundary,
                joiner_after,
            });
            boundary = false;
        }
        i = j;
    }
    out
}

/// Folds a token's characters; leetspeak only where the token also has letters and does not
/// read as a time, an ordinal or a quantity (`10am`, `3rd`, `2kg`).
fn fold_token(raw: &str) -> String {
    // Nearly every word is plain letters with no triple run: lower-case it and be done.
    let b = raw.as_bytes();
    if b.iter().all(u8::is_ascii_alphabetic) && !b.windows(3).any(|w| w[0] == w[1] && w[1] == w[2])
    {
        return raw.to_ascii_lowercase();
    }
    let mut folded = String::with_capacity(raw.len());
    if raw.is_ascii() {
        // Most words: nothing to compose, decompose or look up.
        folded.extend(raw.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        for c in raw.nfc() {
            if c == '’' {
                folded.push('\'');
            } else {
                fold(c, &mut folded);
            }
        }
    }
    let has_letter = folded.chars().any(|c| c.is_alphabetic());
    let has_leet = folded.chars().any(|c| leet(c).is_some());
    if has_letter && has_leet && !looks_like_quantity(&folded) {
        folded = folded.chars().map(|c| leet(c).unwrap_or(c)).collect();
    }
    folded.retain(|c| c != '*');
    squeeze_long_runs(folded)
}

fn looks_like_quantity(t: &str) -> bool {
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return false;
    }
    let rest = &t[digits..];
    let rest = rest
        .trim_start_matches([':', '.'])
        .trim_start_matches(|c: char| c.is_ascii_digit());
    matches!(
        rest,
        "" | "am"
            | "pm"
            | "st"
            | "nd"
            | "rd"
            | "th"
            | "s"
            | "k"
            | "kg"
            | "g"
            | "h"
            | "hr"
            | "hrs"
            | "min"
            | "mins"
            | "m"
            | "km"
            | "mph"
            | "yo"
            | "ish"
            | "x"
    )
}

/// "stuuupid" -> "stupid": three or more of the same letter become one. Doubles stay ("cool").
fn squeeze_long_runs(t: String) -> String {
    let b = t.as_bytes();
    if !b.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]) {
        return t;
    }
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && chars[j] == chars[i] {
            j += 1;
        }
        let run = j - i;
        let keep = if run >= 3 && chars[i].is_alphabetic() {
            1
        } else {
            run
        };
        for _ in 0..keep {
            out.push(chars[i]);
        }
        i = j;
    }
    out
}

const CONTRACTIONS: &[(&str, &[&str])] = &[
    ("you're", &["you", "are"]),
    ("youre", &["you", "are"]),
    ("ur", &["your"]),
    ("u", &["you"]),
    ("ya", &["you"]),
    ("r", &["are"]),
    ("i'm", &["i", "am"]),
    ("im", &["i", "am"]),
    ("i've", &["i", "have"]),
    ("ive", &["i", "have"]),
    ("i'll", &["i", "will"]),
    ("ill", &["i", "will"]),
    ("i'd", &["i", "would"]),
    ("you'll", &["you", "will"]),
    ("youll", &["you", "will"]),
    ("you've", &["you", "have"]),
    ("youve", &["you", "have"]),
    ("you'd", &["you", "would"]),
    ("we're", &["we", "are"]),
    ("they're", &["they", "are"]),
    ("it's", &["it", "is"]),
    ("that's", &["that", "is"]),
    ("what's", &["what", "is"]),
    ("whats", &["what", "is"]),
    ("who's", &["who", "is"]),
    ("there's", &["there", "is"]),
    ("don't", &["do", "not"]),
    ("dont", &["do", "not"]),
    ("doesn't", &["does", "not"]),
    ("doesnt", &["does", "not"]),
    ("didn't", &["did", "not"]),
    ("didnt", &["did", "not"]),
    ("can't", &["can", "not"]),
    ("cant", &["can", "not"]),
    ("cannot", &["can", "not"]),
    ("won't", &["will", "not"]),
    ("wont", &["will", "not"]),
    ("isn't", &["is", "not"]),
    ("aren't", &["are", "not"]),
    ("wasn't", &["was", "not"]),
    ("weren't", &["were", "not"]),
    ("haven't", &["have", "not"]),
    ("hasn't", &["has", "not"]),
    ("hadn't", &["had", "not"]),
    ("wouldn't", &["would", "not"]),
    ("shouldn't", &["should", "not"]),
    ("couldn't", &["could", "not"]),
    ("let's", &["let", "us"]),
    ("mom's", &["mom", "is"]),
    ("mum's", &["mum", "is"]),
    ("dad's", &["dad", "is"]),
];

fn contraction(word: &str) -> Option<&'static [&'static str]> {
    static TABLE: std::sync::OnceLock<
        rustc_hash::FxHashMap<&'static str, &'static [&'static str]>,
    > = std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| CONTRACTIONS.iter().copied().collect())
        .get(word)
        .copied()
}

/// The folded words of a text, in order, with their original byte ranges.
pub fn words(text: &str) -> Vec<Word> {
    let raws = raw_tokens(text);
    let mut out: Vec<Word> = Vec::with_capacity(raws.len());
    let mut i = 0;
    while i < raws.len() {
        // Letters spaced or dotted apart: three or more single characters in a row.
        let mut j = i;
        while j < raws.len()
            && raws[j].text.chars().count() == 1
            && (j == i || raws[j - 1].joiner_after)
        {
            j += 1;
        }
        if j - i >= 3 {
            let joined: String = raws[i..j].iter().map(|r| r.text).collect();
            out.push(Word {
                text: fold_token(&joined),
                start: raws[i].start,
                end: raws[j - 1].end,
                sentence_start: raws[i].sentence_start,
            });
            i = j;
            continue;
        }
        let r = &raws[i];
        let folded = fold_token(r.text);
        match contraction(&folded) {
            Some(parts) => {
                for (k, p) in parts.iter().enumerate() {
                    out.push(Word {
                        text: (*p).to_string(),
                        start: r.start,
                        end: r.end,
                        sentence_start: r.sentence_start && k == 0,
                    });
                }
            }
            None => {
                let text = if folded.contains('\'') {
                    folded.trim_end_matches("'s").trim_matches('\'').to_string()
                } else {
                    folded
                };
                if !text.is_empty() {
                    out.push(Word {
                        text,
                        start: r.start,
                        end: r.end,
                        sentence_start: r.sentence_start,
                    });
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn evasions_fold_back_to_plain_words() {
        assert_eq!(texts("You're an 1d10t"), ["you", "are", "an", "idiot"]);
        assert_eq!(texts("a$$"), ["ass"]);
        assert_eq!(texts("stuuuupid"), ["stupid"]);
        assert_eq!(texts("s t u p i d"), ["stupid"]);
        assert_eq!(texts("f.u.c.k off"), ["fuck", "off"]);
        assert_eq!(texts("id\u{200B}iot"), ["idiot"]);
        assert_eq!(texts("іdіot"), ["idiot"]); // Cyrillic і
        assert_eq!(texts("ＩＤＩＯＴ"), ["idiot"]);
        assert_eq!(texts("stüpid"), ["stupid"]);
        assert_eq!(texts("sh!t"), ["shit"]);
    }

    #[test]
    fn ordinary_numbers_and_words_are_left_alone() {
        assert_eq!(
            texts("at 10am on the 3rd, 2 kids"),
            ["at", "10am", "on", "the", "3rd", "2", "kids"]
        );
        assert_eq!(texts("Hi! I'm cool"), ["hi", "i", "am", "cool"]);
        assert_eq!(texts("a b"), ["a", "b"]);
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "Oh, you're SO stuuupid!";
        for w in words(text) {
            assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
        }
        let w = words(text);
        assert_eq!(&text[w[1].start..w[1].end], "you're");
        assert_eq!(&text[w[4].start..w[4].end], "stuuupid");
        assert!(w[0].sentence_start && !w[1].sentence_start);
    }
}
