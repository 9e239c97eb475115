//! BIFF: is the draft Brief, Informative, Friendly and Firm? Each check gives its reason.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::facts::is_time_word;
use super::report::{Biff, BiffCheck, Category, Finding, Severity};
use super::sentences::sentences;

const BRIEF_WORDS: usize = 120;
const FRIENDLY: &[&str] = &[
    "hi",
    "hello",
    "dear",
    "thanks",
    "thank you",
    "please",
    "hope",
    "appreciate",
    "best",
    "regards",
    "take care",
    "cheers",
    "good morning",
    "good afternoon",
    "good evening",
    "glad",
    "happy to",
];
const REQUEST: &[&str] = &[
    "could you",
    "can you",
    "would you",
    "please",
    "let me know",
    "are you able",
    "would it be",
    "is it ok",
    "does that work",
    "can we",
    "could we",
    "shall we",
    "i will",
    "i'll",
    "i can",
    "i propose",
    "i suggest",
    "please confirm",
    "confirm",
];

/// Which of the FRIENDLY and REQUEST phrases occur in a lower-cased text, in one pass.
struct Cues {
    friendly: bool,
    request: bool,
}

fn cues(lower: &str) -> Cues {
    static MATCHER: OnceLock<AhoCorasick> = OnceLock::new();
    let ac = MATCHER.get_or_init(|| {
        AhoCorasick::new(FRIENDLY.iter().chain(REQUEST))
            .expect("the cue phrases are valid patterns")
    });
    let mut found = Cues {
        friendly: false,
        request: false,
    };
    for m in ac.find_overlapping_iter(lower) {
        if m.pattern().as_usize() < FRIENDLY.len() {
            found.friendly = true;
        } else {
            found.request = true;
        }
        if found.friendly && found.request {
            break;
        }
    }
    found
}

fn check(pass: bool, reason: impl Into<String>) -> BiffCheck {
    BiffCheck {
        pass,
        reason: reason.into(),
    }
}

pub fn assess(text: &str, findings: &[Finding]) -> Biff {
    let lower = text.to_lowercase();
    let words = text.split_whitespace().count();
    let paragraphs = text.split("\n\n").filter(|p| !p.trim().is_empty()).count();
    // The labels of the findings above low severity in `cats`, for the reasons.
    let found_in = |cats: &[Category]| -> Vec<&'static str> {
        let mut labels: Vec<&'static str> = findings
            .iter()
            .filter(|f| cats.contains(&f.category) && f.severity > Severity::Low)
            .map(|f| f.category.label())
            .collect();
        labels.sort_unstable();
        labels.dedup();
        labels
    };
    let has = |cats: &[Category]| !found_in(cats).is_empty();

    let brief = if words == 0 {
        check(false, "The message is empty.")
    } else if words > BRIEF_WORDS || paragraphs > 2 {
        check(false, format!("{words} words in {paragraphs} paragraph(s): a paragraph or two is usually enough, and there is less to argue with."))
    } else {
        check(true, format!("{words} words: short enough to read calmly."))
    };

    let facts = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| is_time_word(w) || w.chars().any(|c| c.is_ascii_digit()));
    let found = cues(&lower);
    let request = found.request || text.contains('?');
    let opinion = found_in(&[
        Category::Blame,
        Category::Sarcasm,
        Category::Venting,
        Category::Grievance,
        Category::Contempt,
        Category::Insult,
        Category::Absolute,
        Category::Threat,
        Category::ChildMessenger,
        Category::Hostility,
    ]);
    let informative = match (facts || request, opinion.is_empty()) {
        (_, false) => check(
            false,
            format!(
                "Parts of it are argument rather than information ({}); keep to facts, dates and requests.",
                opinion.join(", ").to_lowercase()
            ),
        ),
        (false, true) => check(false, "Say the facts the reader needs: what, when, where."),
        (true, true) => check(true, "It sticks to facts and requests."),
    };

    let warm = found.friendly;
    let hostile = found_in(&[
        Category::Insult,
        Category::Profanity,
        Category::Contempt,
        Category::Threat,
        Category::Sarcasm,
        Category::Shouting,
        Category::Blame,
        Category::ChildMessenger,
        Category::Hostility,
    ]);
    let friendly = match (warm, !hostile.is_empty()) {
        (_, true) => check(
            false,
            format!(
                "Some of it is likely to land as hostile ({}); a friendly opening or close is hard to hear through that.",
                hostile.join(", ").to_lowercase()
            ),
        ),
        (false, false) => check(
            false,
            "Add a short friendly opening or close, such as \"Hi,\" and \"Thanks.\"",
        ),
        (true, false) => check(true, "It has a friendly opening or close."),
    };

    let last = sentences(text)
        .last()
        .map(|&(s, e)| text[s..e].to_lowercase())
        .unwrap_or_default();
    let closes = last.contains('?') || facts || cues(&last).request;
    let pressure = has(&[Category::Demand, Category::Threat]);
    let grovel = findings
        .iter()
        .filter(|f| f.category == Category::Apology)
        .count()
        >= 2;
    let firm = if pressure {
        check(false, "Ultimatums and threats are pressure, not firmness; offer a clear request or a limited choice.")
    } else if grovel {
        check(
            false,
            "Several apologies weaken the request; one is enough.",
        )
    } else if closes {
        check(true, "It ends with a clear request, choice or plan.")
    } else {
        check(
            false,
            "End with a clear request or a choice, e.g. \"Saturday 10am or Sunday 2pm?\"",
        )
    };

    Biff {
        brief,
        informative,
        friendly,
        firm,
    }
}
