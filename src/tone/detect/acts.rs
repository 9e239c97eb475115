//! Speech acts whose hostility lies in their shape rather than their words: conditional threats
//! ("One more late drop-off and my solicitor will be writing to you", "Keep ignoring me and see
//! how that looks"), a curt "Whatever.", sarcastic scare quotes (your "work trip") and guilt laid
//! through the child ("she cried all night, I hope you're happy"). The fixed phrases of the same
//! kinds ("don't bother replying", "funny how", "must be nice to") are in the lexicon.

use super::super::normalize::Word;
use super::super::report::{Category, Finding, Severity};

/// How a conditional threat opens: the behaviour to stop ("keep…", "one more…", "try that…").
const THREAT_OPENERS: &[&[&str]] = &[
    &["one", "more"],
    &["another"],
    &["any", "more"],
    &["once", "more"],
    &["keep"],
    &["carry", "on"],
    &["try"],
    &["miss"],
    &["cancel"],
    &["push"],
    &["ignore"],
    &["be", "late"],
    &["do", "that"],
    &["do", "this"],
    &["say"],
    &["test"],
    &["mess"],
    &["pull"],
    &["cross"],
    &["bring"],
    &["take"],
    &["turn", "up"],
    &["let"],
    &["if", "you"],
];
/// What a conditional threat promises.
const CONSEQUENCES: &[&str] = &[
    "solicitor",
    "solicitors",
    "lawyer",
    "lawyers",
    "attorney",
    "court",
    "courts",
    "judge",
    "magistrate",
    "magistrates",
    "police",
    "cafcass",
    "regret",
    "forget",
    "hearing",
    "sorry",
    "consequences",
    "social",
    "custody",
    "never",
];
/// Consequences that are a legal step: the suggestion says it as information instead.
const LEGAL: &[&str] = &[
    "solicitor",
    "solicitors",
    "lawyer",
    "lawyers",
    "attorney",
    "court",
    "courts",
    "judge",
    "magistrate",
    "magistrates",
    "cafcass",
    "custody",
];
/// A legal step said once, calmly, as information: what the Threat explanation advises.
const LEGAL_STEP: &str = "I will ask a mediator or the court to help us settle it.";

/// A conditional threat: whether its consequence is a legal step, and for "one more X and…"
/// the X, so the suggestion can name it.
struct Threat {
    legal: bool,
    another: Option<(usize, usize)>,
}

/// Words that show a child's distress.
const DISTRESS: &[&str] = &[
    "cried",
    "crying",
    "tears",
    "sobbed",
    "sobbing",
    "heartbroken",
    "devastated",
];
/// Words that make a sentence a request or a kindness rather than a reproach.
const ASKING: &[&str] = &[
    "could", "can", "please", "sorry", "thank", "thanks", "would",
];

pub(super) fn find(text: &str, ws: &[Word], findings: &mut Vec<Finding>) {
    let mut found = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let mut j = i + 1;
        while j < ws.len() && !ws[j].sentence_start {
            j += 1;
        }
        let sentence = &ws[i..j];
        let span = sentence_span(text, sentence);
        let covered = |fs: &[Finding]| {
            fs.iter()
                .any(|f| f.start < span.1 && f.end > span.0 && f.severity > Severity::Low)
        };
        if !covered(findings) {
            if let Some(threat) = conditional_threat(sentence) {
                let suggestion = match threat {
                    Threat { legal: false, .. } => String::new(),
                    Threat {
                        another: Some((a, b)),
                        ..
                    } => format!("If there is another {}, {LEGAL_STEP}", text[a..b].trim()),
                    Threat { another: None, .. } => {
                        format!("If this keeps happening, {LEGAL_STEP}")
                    }
                };
                found.push(Finding::new(
                    text,
                    Category::Threat,
                    Severity::High,
                    span,
                    suggestion,
                ));
            } else if is_bare_whatever(sentence) {
                found.push(Finding::new(
                    text,
                    Category::Contempt,
                    Severity::Medium,
                    span,
                    String::new(),
                ));
            } else if guilt_through_child(text, sentence, span) {
                found.push(Finding::new(
                    text,
                    Category::Blame,
                    Severity::Medium,
                    span,
                    String::new(),
                ));
            }
        }
        i = j;
    }
    scare_quotes(text, ws, findings, &mut found);
    findings.extend(found);
}

/// The sentence's words' span, with any closing punctuation after the last word.
fn sentence_span(text: &str, sentence: &[Word]) -> (usize, usize) {
    let start = sentence[0].start;
    let last = sentence.iter().map(|w| w.end).max().unwrap_or(start);
    let tail = text[last..]
        .char_indices()
        .take_while(|&(_, c)| matches!(c, '.' | '!' | '?' | '"' | '\'' | '”' | ')'))
        .last()
        .map_or(0, |(k, c)| k + c.len_utf8());
    (start, last + tail)
}

/// "One more … and my solicitor…", "Keep … and see…": a behaviour, "and", then a promised
/// consequence.
fn conditional_threat(sentence: &[Word]) -> Option<Threat> {
    let t: Vec<&str> = sentence.iter().map(|w| w.text.as_str()).collect();
    // Leading softeners do not change the shape: "Honestly, one more…", "So keep…".
    let skip = t
        .iter()
        .take_while(|w| {
            matches!(
                **w,
                "honestly" | "so" | "just" | "seriously" | "right" | "ok" | "okay"
            )
        })
        .count();
    let t = &t[skip..];
    let opener = THREAT_OPENERS.iter().find(|o| t.starts_with(o))?;
    let and = t.iter().skip(2).position(|w| *w == "and")? + 2;
    let after = &t[and + 1..];
    // The consequence is the speaker's or falls on the reader: "and I'll…", "and you'll…",
    // "and my solicitor…", "and see…".
    let aimed = after.first().is_some_and(|w| {
        matches!(
            *w,
            "i" | "my" | "you" | "we" | "the" | "see" | "watch" | "that"
        )
    });
    // "see" alone is often a plan ("and see how she feels"); the threat's forms are fixed.
    let see = after.windows(3).any(|w| {
        matches!(
            w,
            ["see", "what", "happens"]
                | ["see", "how", "that"]
                | ["see", "how", "it"]
                | ["see", "where", _]
                | ["see", "what", "the"]
                | ["watch", "what", "happens"]
        )
    });
    let consequence = see || after.iter().take(8).any(|w| CONSEQUENCES.contains(w));
    if !(aimed && consequence) {
        return None;
    }
    let counted = matches!(opener[0], "one" | "another" | "any" | "once");
    let behaviour = skip + opener.len()..skip + and;
    Some(Threat {
        legal: after.iter().any(|w| LEGAL.contains(w)),
        another: (counted && !behaviour.is_empty()).then(|| {
            (
                sentence[behaviour.start].start,
                sentence[behaviour.end - 1].end,
            )
        }),
    })
}

/// "Whatever." on its own, or "Whatever, …" opening a short sentence.
fn is_bare_whatever(sentence: &[Word]) -> bool {
    sentence.first().is_some_and(|w| w.text == "whatever") && sentence.len() <= 3
}

/// A child's distress laid at the reader's door: "she cried all night because you didn't
/// call", "I hope you're proud of yourself, she cried all night". Not a request ("she was in
/// tears, could you call her?") and not a kindness.
fn guilt_through_child(text: &str, sentence: &[Word], span: (usize, usize)) -> bool {
    let has = |set: &[&str]| sentence.iter().any(|w| set.contains(&w.text.as_str()));
    let at_you = sentence
        .windows(2)
        .any(|p| p[1].text == "you" && p[0].text != "thank")
        || sentence.iter().any(|w| w.text == "your");
    has(DISTRESS) && at_you && !has(ASKING) && !text[span.0..span.1].contains('?')
}

/// One or two words in quotation marks, in a sentence about "you": 'your "work trip"', 'the
/// list of things you "forgot"'. Longer quotations are quotes, and are left alone.
fn scare_quotes(text: &str, ws: &[Word], findings: &[Finding], found: &mut Vec<Finding>) {
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '"' | '“') => open = Some(i),
            (Some(s), '"' | '”') => {
                open = None;
                let end = i + c.len_utf8();
                // Past the opening mark, which may be a multi-byte curly quote.
                let inner_start = s + text[s..].chars().next().map_or(1, char::len_utf8);
                let inner = &text[inner_start..i];
                let n = inner.split_whitespace().count();
                if n == 0 || n > 2 || !about_you(text, ws, s) {
                    continue;
                }
                if findings
                    .iter()
                    .chain(found.iter())
                    .any(|f| f.start < end && f.end > s)
                {
                    continue;
                }
                found.push(Finding::new(
                    text,
                    Category::Sarcasm,
                    Severity::Medium,
                    (s, end),
                    inner.trim().to_string(),
                ));
            }
            (Some(_), '\n') => open = None,
            _ => {}
        }
    }
}

/// Whether the sentence around byte `at` speaks of "you" or "your".
fn about_you(text: &str, ws: &[Word], at: usize) -> bool {
    let before = text[..at].rfind(['.', '!', '?', '\n']).map_or(0, |k| k + 1);
    let after = text[at..]
        .find(['.', '!', '?', '\n'])
        .map_or(text.len(), |k| at + k);
    ws.iter()
        .filter(|w| w.start >= before && w.end <= after)
        .any(|w| matches!(w.text.as_str(), "you" | "your"))
}

#[cfg(test)]
mod tests {
    use super::super::super::normalize::words;
    use super::*;

    fn acts(text: &str) -> Vec<(Category, String)> {
        let mut f = Vec::new();
        find(text, &words(text), &mut f);
        f.into_iter().map(|f| (f.category, f.text)).collect()
    }

    #[test]
    fn conditional_threats_are_found_by_their_shape() {
        let text = "One more late drop-off and my solicitor will be writing to you.";
        assert_eq!(acts(text), [(Category::Threat, text.to_string())]);
        assert_eq!(
            acts("Keep ignoring my texts and see how that looks.")[0].0,
            Category::Threat
        );
        // The same shape without a consequence is just a plan.
        assert!(acts("One more thing and then I'll let you go.").is_empty());
        assert!(acts("Keep the receipts and I'll pay half.").is_empty());
    }

    #[test]
    fn guilt_whatever_and_scare_quotes() {
        assert_eq!(
            acts("She cried all night because of what you said.")[0].0,
            Category::Blame
        );
        assert!(acts("She was in tears, could you call her tonight?").is_empty());
        assert!(acts("He cried a bit at drop-off but settled.").is_empty());
        assert_eq!(acts("Whatever.")[0].0, Category::Contempt);
        assert_eq!(
            acts("Enjoy your \"busy\" weekend.")[0],
            (Category::Sarcasm, "\"busy\"".to_string())
        );
        assert!(acts("She read \"The Gruffalo\" at bedtime.").is_empty());
    }
}
