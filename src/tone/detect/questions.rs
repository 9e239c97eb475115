//! Questions: a bare "why…?" is a low note; a pointed or curt one, in a message with no
//! greeting, thanks or softening word anywhere, is a caution, asked in the calmer draft as a
//! request instead of dropped.

use std::borrow::Cow;

use super::super::normalize::Word;
use super::super::report::{Category, Finding, Severity};

/// Adds the question findings, leaving alone a question a contempt phrase already covers.
pub(super) fn find(text: &str, ws: &[Word], findings: &mut Vec<Finding>) {
    // A pointed question ("why did you…", "do you have any explanation?") in a message with no
    // greeting, thanks or softening word anywhere reads as cross-examination, not a question.
    let questions = bare_questions(text, ws);
    let curt = !questions.is_empty() && !ws.iter().any(|w| SOFTENERS.contains(&w.text.as_str()));
    for (start, end, pointed) in questions {
        if !findings
            .iter()
            .any(|f| f.start < end && f.end > start && f.category == Category::Contempt)
        {
            // After a statement, in a message with no softening anywhere, even a plain question
            // reads as curt; a lone short one ("how are you?", "what time is pickup?") does not.
            let after_statement = start > 0 && ws.len() >= LONG_CURT_WORDS;
            let (severity, why) = if curt && pointed {
                (Severity::Medium, POINTED_QUESTION)
            } else if curt && after_statement {
                (Severity::Medium, CURT_QUESTION)
            } else {
                (Severity::Low, BARE_QUESTION)
            };
            // A curt question is kept, not dropped: it usually carries the request.
            let suggestion = if severity == Severity::Medium {
                soften_question(&text[start..end])
            } else {
                String::new()
            };
            let mut f = Finding::new(text, Category::Contempt, severity, (start, end), suggestion);
            f.explanation = Cow::Borrowed(why);
            findings.push(f);
        }
    }
}

const BARE_QUESTION: &str = "A bare question can read as an interrogation. A word of context, or \"could you\", makes it easier to answer.";
const LONG_CURT_WORDS: usize = 8;
const CURT_QUESTION: &str = "A question with no greeting, thanks or softening word anywhere in the message can read as curt. \"Could you let me know…\" makes it easier to answer.";
const POINTED_QUESTION: &str = "A pointed question with no greeting or softening word reads as cross-examination. Say what you need to know and why, and it is easier to answer.";
const QUESTION_OPENERS: &[&str] = &[
    "why", "what", "how", "where", "who", "when", "did", "do", "does", "are", "is", "was", "were",
    "have", "has", "am", "you", "so", "and", "but", "then", "well", "which", "isn", "aren", "don",
    "didn",
];
const SOFTENERS: &[&str] = &[
    "please",
    "thanks",
    "thank",
    "could",
    "would",
    "may",
    "might",
    "kindly",
    "sorry",
    "mind",
    "wonder",
    "perhaps",
    "maybe",
    "possible",
    "hi",
    "hello",
    "hope",
    "happy",
    "ok",
    "okay",
    "appreciate",
    "appreciated",
    "grateful",
    "great",
    "nice",
    "glad",
    "wondering",
    "apologies",
    "cheers",
    "hey",
    "welcome",
    "suggest",
    "interested",
];

/// "Why did you move it" -> "Could you let me know: why did you move it": the question asked
/// as a request, with the softening word that makes it easier to answer.
fn soften_question(question: &str) -> String {
    let mut chars = question.chars();
    let first = chars.next().map(|c| c.to_lowercase().collect::<String>());
    format!(
        "Could you let me know: {}{}",
        first.unwrap_or_default(),
        chars.as_str()
    )
}

/// Questions that open with a bare "why", "what", "did you"… and carry no softening word,
/// each with whether it is pointed at the reader ("why…", or "you" in it).
fn bare_questions(text: &str, ws: &[Word]) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let mut j = i + 1;
        while j < ws.len() && !ws[j].sentence_start {
            j += 1;
        }
        let (start, end) = (ws[i].start, ws[j - 1].end);
        let asks = text[end..]
            .trim_start_matches(['"', '\'', ')'])
            .starts_with('?');
        if asks
            && QUESTION_OPENERS.contains(&ws[i].text.as_str())
            && !ws[i..j]
                .iter()
                .any(|w| SOFTENERS.contains(&w.text.as_str()))
        {
            // Short questions ("how are you?", "why?") are small talk or plain asking.
            let n = j - i;
            let opens_pointedly = matches!(
                ws[i].text.as_str(),
                "why" | "so" | "and" | "but" | "then" | "well"
            );
            let pointed = (opens_pointedly && n >= 4)
                || (n >= 8
                    && ws[i..j]
                        .iter()
                        .any(|w| matches!(w.text.as_str(), "you" | "your" | "yourself")));
            out.push((start, end, pointed));
        }
        i = j;
    }
    out
}
