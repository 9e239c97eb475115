//! Reading a received message: the requests, questions, dates and times in it, the hostile
//! parts set aside, and a skeleton BIFF reply that answers only the facts.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::facts::date_mentions;
use super::report::{Category, Finding, Severity, ToneSettings};
use super::rewrite::tidy;
use super::sentences::sentences;

#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// Things the sender asks you to do or answer.
    pub requests: Vec<String>,
    /// Other sentences that carry information (dates, times, places, plans).
    pub facts: Vec<String>,
    /// The dates and times mentioned, as written.
    pub dates: Vec<String>,
    /// Sentences that are only hostility, set aside so they need no answer.
    pub set_aside: Vec<String>,
    /// A short, neutral reply that answers only the requests.
    pub reply: String,
    pub findings: Vec<Finding>,
}

const ASKING: &[&str] = &[
    "can you",
    "could you",
    "will you",
    "would you",
    "please",
    "i need you to",
    "you need to",
    "you must",
    "you have to",
    "let me know",
    "i want you to",
    "make sure",
    "bring",
    "send",
    "confirm",
];

pub fn decode(text: &str, settings: &ToneSettings) -> Decoded {
    let findings = super::find(text, settings);
    let mut out = Decoded {
        requests: vec![],
        facts: vec![],
        dates: vec![],
        set_aside: vec![],
        reply: String::new(),
        findings: vec![],
    };
    for (s, e) in sentences(text) {
        let sentence = text[s..e].trim().to_string();
        let lower = sentence.to_lowercase();
        let heat: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.start >= s && f.end <= e && f.severity > Severity::Low)
            .collect();
        let dates = date_mentions(&sentence);
        let asking = sentence.ends_with('?') || ASKING.iter().any(|a| lower.contains(a));
        out.dates.extend(dates.iter().cloned());
        if asking && (heat.is_empty() || !dates.is_empty() || has_task(&lower)) {
            // The request without its insults and ultimatums, so the reply never quotes them back.
            let calm = if heat.is_empty() {
                sentence
            } else {
                without_insults(text, s, e, &heat)
            };
            out.requests.push(calm);
        } else if !heat.is_empty() && dates.is_empty() {
            out.set_aside.push(sentence);
        } else if !sentence.is_empty() {
            out.facts.push(sentence);
        }
    }
    out.reply = reply(&out.requests);
    out.findings = findings;
    out
}

/// The sentence with its name-calling and swearing taken out; the rest of the request, even an
/// ultimatum, is kept as written, since it may carry the time being asked for.
fn without_insults(text: &str, s: usize, e: usize, heat: &[&Finding]) -> String {
    let mut out = String::new();
    let mut cursor = s;
    for f in heat
        .iter()
        .filter(|f| matches!(f.category, Category::Insult | Category::Profanity))
    {
        if f.start >= cursor {
            out.push_str(&text[cursor..f.start]);
            cursor = f.end;
        }
    }
    out.push_str(&text[cursor..e]);
    tidy(&out)
}

fn has_task(lower: &str) -> bool {
    [
        "bring", "send", "pick", "collect", "drop", "pay", "sign", "book", "call", "return",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

fn reply(requests: &[String]) -> String {
    let mut out = String::from("Hi,\n\nThanks for your message.");
    if requests.is_empty() {
        out.push_str(" I have noted it.");
    }
    for r in requests {
        out.push_str(&format!(
            "\n\nAbout \"{}\": [your answer: yes / no / an alternative time]",
            r.trim_end_matches(['?', '.', '!'])
        ));
    }
    out.push_str("\n\nThanks.");
    out
}
