//! The calmer draft, the pipeline's last stage: escalating words removed or softened, sentences
//! that held nothing but heat dropped, facts and requests kept, a friendly opening and close
//! added. Every edited sentence is re-read by the rules and the model, and one that still reads
//! above low severity does not stay; when nothing calm is left, the draft is empty and a note
//! says why, rather than a greeting wrapped round nothing.

use super::detect::detect;
use super::facts::{firm_dates, is_time_word};
use super::learned::Model;
use super::report::{utf16_span, Category, Finding, Fix, Severity, ToneSettings};
use super::sentences::sentences;

/// The calmer draft, or why there is none.
pub struct Draft {
    pub text: String,
    pub note: Option<String>,
}

const NOTHING_LEFT: &str = "There is no calmer version of this draft to send: once the parts likely to land as hostile are taken out, no arrangement, date or request is left. If there is something you need, write it as one plain request with a day or time. What you feel belongs in your journal, where it counts too.";

/// Categories whose sentence carries nothing worth keeping once the phrase is gone.
fn sentence_is_heat(c: Category) -> bool {
    matches!(
        c,
        Category::Insult
            | Category::Threat
            | Category::Sarcasm
            | Category::Venting
            | Category::Contempt
            | Category::Grievance
            | Category::Blame
            | Category::ChildMessenger
            | Category::Hostility
    )
}

pub fn rewrite(
    text: &str,
    findings: &[Finding],
    settings: &ToneSettings,
    model: Option<&Model>,
) -> Draft {
    // A sentence written twice is edited the same way twice: its reading is remembered.
    let mut read: std::collections::HashMap<String, Vec<Finding>> = Default::default();
    let mut above_low = |draft: &str| -> Vec<Finding> {
        if draft.trim().is_empty() {
            return Vec::new();
        }
        read.entry(draft.to_string())
            .or_insert_with(|| {
                detect(draft, settings, model)
                    .findings
                    .into_iter()
                    .filter(|f| f.severity > Severity::Low)
                    .collect()
            })
            .clone()
    };
    if !findings.iter().any(is_acted_on) {
        // Nothing to change; but a greeting and a close change how the model reads the whole,
        // so the framed message is read again, and sent unframed if only that reads calm.
        let framed = frame(text.trim());
        if above_low(&framed).is_empty() {
            return Draft {
                text: framed,
                note: None,
            };
        }
        if above_low(text.trim()).is_empty() {
            return Draft {
                text: text.trim().to_string(),
                note: None,
            };
        }
    }
    // Sentence by sentence: only an edited sentence needs re-reading, since phrases never run
    // across a sentence boundary. Untouched sentences are kept as they were written.
    let mut kept: Vec<String> = Vec::new();
    for (s, e) in sentences(text) {
        let inside = acted_on(findings, s, e);
        let mut draft = apply_sentence(text, s, e, &inside).unwrap_or_default();
        if !inside.is_empty() && !draft.is_empty() {
            // The edits can leave new problems in the joins; re-read and repair a few times.
            let mut left = above_low(&draft);
            for _ in 0..3 {
                if left.is_empty() {
                    break;
                }
                draft = apply(&draft, &left);
                left = above_low(&draft);
            }
            // Anything still above low severity is dropped with its sentence.
            if !left.is_empty() {
                draft = sentences(&draft)
                    .into_iter()
                    .filter(|(s, e)| !left.iter().any(|f| f.start < *e && f.end > *s))
                    .map(|(s, e)| draft[s..e].trim().to_string())
                    .collect::<Vec<_>>()
                    .join(" ");
            }
        }
        // A sentence that had to go still leaves its dates and times behind, as a question.
        let dates = firm_dates(&text[s..e]);
        let lower = draft.to_lowercase();
        if dates.iter().any(|d| !lower.contains(&d.to_lowercase())) {
            draft = format!(
                "Could we confirm the arrangements for {}?",
                dates.join(", ")
            );
        }
        if !draft.trim().is_empty() {
            kept.push(draft);
        }
    }
    // The model reads a message whole, so the draft is re-read whole as well: a sentence that
    // reads calm on its own can carry the edge of the message around it ("Grow up." after an
    // outburst). What still reads above low severity goes, leaving its dates behind.
    // A sentence said twice says nothing new, and repetition is read as pressure.
    let mut seen = std::collections::HashSet::new();
    kept.retain(|k| seen.insert(k.to_lowercase()));
    let mut framed_ok = true;
    for _ in 0..3 {
        if kept.is_empty() {
            break;
        }
        let body = kept.join(" ");
        let framed = frame(&body);
        let left = above_low(&framed);
        if left.is_empty() {
            break;
        }
        let start = framed.find(&body).unwrap_or(0);
        // Read whole, a message can put its edge on the greeting: then the body goes out
        // unframed, if that reads calm.
        let on_frame = |f: &Finding| f.end <= start || f.start >= start + body.len();
        if left.iter().all(on_frame) && above_low(&body).is_empty() {
            framed_ok = false;
            break;
        }
        let mut pos = start;
        let mut next = Vec::with_capacity(kept.len());
        for piece in kept.iter() {
            let (s, e) = (pos, pos + piece.len());
            pos = e + 1;
            if !left.iter().any(|f| f.start < e && f.end > s) {
                next.push(piece.clone());
                continue;
            }
            let dates = firm_dates(piece);
            if !dates.is_empty() && !piece.starts_with("Could we confirm the arrangements") {
                next.push(format!(
                    "Could we confirm the arrangements for {}?",
                    dates.join(", ")
                ));
            }
        }
        if next == kept {
            break;
        }
        kept = next;
    }
    if kept.is_empty() {
        return Draft {
            text: String::new(),
            note: Some(NOTHING_LEFT.to_string()),
        };
    }
    let body = kept.join(" ");
    Draft {
        text: if framed_ok { frame(body.trim()) } else { body },
        note: None,
    }
}

/// Whether the calmer draft acts on a finding: low ones ("really", a bare question) are left as
/// written, except shouting marks.
fn is_acted_on(f: &Finding) -> bool {
    f.severity > Severity::Low || f.category == Category::Shouting
}

/// The findings the calmer draft acts on inside sentence `s..e`.
fn acted_on(findings: &[Finding], s: usize, e: usize) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.start >= s && f.end <= e && is_acted_on(f))
        .collect()
}

/// True when the sentence `s..e` holds nothing but heat once its hot phrases are gone.
fn only_heat(text: &str, inside: &[&Finding], s: usize, e: usize) -> bool {
    let heat = |f: &&&Finding| sentence_is_heat(f.category) && f.suggestion.is_empty();
    inside.iter().any(|f| heat(&f))
        && (!has_substance(&text[s..e], inside, s)
            || inside.iter().filter(heat).any(|f| !detachable(text, e, f)))
}

/// Whether a phrase can leave its sentence without breaking it: it closes the sentence or a
/// clause ("Bring her coat on Friday, you idiot."). Taken from the front or the middle of a
/// clause ("Honestly what kind of father forgets…", "Must be nice to have…") it would leave a
/// fragment, so the sentence goes instead.
fn detachable(text: &str, e: usize, f: &Finding) -> bool {
    let after = text[f.end..e].trim_start();
    after.is_empty() || after.starts_with([',', ';', ':', '-', '–', '—', '.', '!', '?'])
}

/// Gives a "leave it out" finding its whole sentence as its fix when nothing worth keeping
/// would be left, with the spaces after it, so one click does not leave "You are an."
pub fn widen_fixes(text: &str, findings: &mut [Finding]) {
    for (s, e) in sentences(text) {
        if !only_heat(text, &acted_on(findings, s, e), s, e) {
            continue;
        }
        let start = s + (text[s..e].len() - text[s..e].trim_start().len());
        let end = e + (text[e..].len() - text[e..].trim_start_matches([' ', '\t']).len());
        let (start_utf16, end_utf16) = utf16_span(text, start, end);
        for f in findings.iter_mut().filter(|f| {
            f.start >= s && f.end <= e && sentence_is_heat(f.category) && f.suggestion.is_empty()
        }) {
            f.fix = Fix {
                start,
                end,
                start_utf16,
                end_utf16,
            };
        }
    }
}

/// Applies the findings' suggestions and drops sentences that were only heat.
fn apply(text: &str, findings: &[Finding]) -> String {
    sentences(text)
        .into_iter()
        .filter_map(|(s, e)| apply_sentence(text, s, e, &acted_on(findings, s, e)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One sentence with the suggestions of the findings inside it applied, or `None` if it was
/// only heat.
fn apply_sentence(text: &str, s: usize, e: usize, inside: &[&Finding]) -> Option<String> {
    if only_heat(text, inside, s, e) {
        return None;
    }
    let sentence = &text[s..e];
    // Replace from the end so earlier offsets stay valid; skip overlapping findings.
    let mut out = sentence.to_string();
    let mut last_start = usize::MAX;
    for f in inside.iter().rev() {
        if f.end - s > last_start {
            continue;
        }
        let (a, b) = (f.start - s, f.end - s);
        let replacement = match f.category {
            Category::Demand if ends_clause(&f.text) => {
                // "... or else" / "or I will …": the ultimatum runs to the end of the sentence.
                out.truncate(a);
                last_start = a;
                continue;
            }
            _ => f.suggestion.clone(),
        };
        out.replace_range(a..b, &replacement);
        last_start = a;
    }
    let tidy = tidy(&out);
    tidy.chars().any(|c| c.is_alphanumeric()).then_some(tidy)
}

fn ends_clause(text: &str) -> bool {
    let t = text.to_lowercase();
    t.starts_with("or ") || t.starts_with("by tonight or") || t.starts_with("by tomorrow or")
}

/// A sentence worth keeping has a fact or a request left outside its hot phrases:
/// a number, a day or time word, or enough ordinary words.
fn has_substance(sentence: &str, inside: &[&Finding], offset: usize) -> bool {
    let mut rest = String::with_capacity(sentence.len());
    let mut cursor = 0;
    for f in inside {
        let (a, b) = (f.start - offset, f.end - offset);
        if a >= cursor {
            rest.push_str(&sentence[cursor..a]);
            rest.push(' ');
            cursor = b;
        }
    }
    rest.push_str(&sentence[cursor..]);
    let lower = rest.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let content = words.iter().filter(|w| !FILLER.contains(w)).count();
    let facts = words
        .iter()
        .any(|w| w.chars().any(|c| c.is_ascii_digit()) || is_time_word(w));
    // A date with barely a word round it ("On Sunday.") is a fragment, not a sentence.
    (facts && content >= 3) || content >= 4
}

const FILLER: &[&str] = &[
    "you", "your", "are", "is", "a", "an", "the", "i", "am", "and", "so", "to", "it", "that",
    "this", "of", "me", "my", "just", "again", "oh", "well", "do", "not", "be", "was", "were",
    "have", "has", "with", "for", "at", "on", "in", "what", "why", "how", "really", "very", "such",
    "all", "too", "as", "but", "or", "if", "no", "yes", "ever",
];

/// Collapses the spaces and stray commas that removals leave, and capitalises the start.
pub(super) fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 1);
    for word in s.split_whitespace() {
        let word = if word == "i" { "I" } else { word };
        let punct = word.starts_with([',', '.', '!', '?', ';', ':']);
        // A comma left dangling before other punctuation, or doubled, goes.
        if punct && out.ends_with(',') {
            out.pop();
        }
        if !out.is_empty() && !punct {
            out.push(' ');
        }
        out.push_str(
            if punct && word.starts_with(',') && out.ends_with(['.', '!', '?']) {
                &word[1..]
            } else {
                word
            },
        );
    }
    let mut trimmed = out
        .trim_start_matches([',', ';', ':', ' ', '-', '.'])
        .trim_end_matches([',', ';', ' ', '-']);
    // "Bring her coat, you." once the insult after "you" is gone: the bare "you" goes too.
    let end = trimmed.trim_end_matches(['.', '!', '?']).len();
    if let Some(body) = trimmed[..end].strip_suffix(", you") {
        trimmed = &trimmed[..body.len()];
    }
    let mut chars = trimmed.chars();
    let mut out = match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    };
    if !out.is_empty() && !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

const GREETINGS: &[&str] = &[
    "hi",
    "hello",
    "dear",
    "hey",
    "good morning",
    "good afternoon",
    "good evening",
];
const CLOSINGS: &[&str] = &[
    "thanks",
    "thank you",
    "regards",
    "best",
    "cheers",
    "take care",
    "many thanks",
    "kind regards",
];

/// Adds a friendly opening and close if the draft has none.
fn frame(body: &str) -> String {
    if body.is_empty() {
        return String::new();
    }
    let lower = body.to_lowercase();
    let mut out = String::new();
    if !GREETINGS.iter().any(|g| lower.starts_with(g)) {
        out.push_str("Hi,\n\n");
    }
    out.push_str(body);
    let tail: String = lower
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if !CLOSINGS.iter().any(|c| tail.contains(c)) {
        out.push_str("\n\nThanks.");
    }
    out
}
