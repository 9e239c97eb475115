//! Facts in a message: days, dates, times and the routine events they attach to. The calmer
//! draft must keep every one of them, and a sentence holding one is never dropped whole.

/// Whether a lower-case word names a day, a time of day or a routine event: a fact marker.
pub fn is_time_word(word: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| TIME_WORDS.iter().copied().collect())
        .contains(word)
}

pub const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "tomorrow",
    "tonight",
    "yesterday",
    "weekend",
    "morning",
    "afternoon",
    "evening",
    "noon",
    "midday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "am",
    "pm",
    "week",
    "pickup",
    "pick",
    "drop",
    "collect",
    "handover",
    "school",
    "holiday",
    "holidays",
    "appointment",
    "doctor",
    "dentist",
    "birthday",
];

/// Dates and times as written: weekday and month names, "3pm", "10:30", "14/03", "tomorrow".
pub fn date_mentions(sentence: &str) -> Vec<String> {
    let tokens: Vec<&str> = sentence
        .split(|c: char| c.is_whitespace() || c == ',' || c == '?' || c == '!')
        .filter(|t| !t.is_empty())
        .collect();
    let mut out = Vec::new();
    for t in tokens {
        let clean = t.trim_matches(|c: char| !c.is_alphanumeric() && c != ':' && c != '/');
        let lower = clean.to_lowercase();
        let is_time = lower.ends_with("am")
            && lower[..lower.len() - 2]
                .chars()
                .all(|c| c.is_ascii_digit() || c == ':')
            && lower.len() > 2
            || lower.ends_with("pm")
                && lower[..lower.len() - 2]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ':')
                && lower.len() > 2
            || (lower.contains(':') || lower.contains('/'))
                && lower
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ':' || c == '/')
                && lower.chars().any(|c| c.is_ascii_digit());
        let is_day = TIME_WORDS[..29].contains(&lower.as_str()) && lower != "may";
        if is_time || is_day {
            out.push(clean.to_string());
        }
    }
    out
}

/// The dates and times in a sentence that pin down an arrangement (days, months, clock times,
/// "tomorrow"), leaving out the vaguer parts of a day ("evening", "weekend").
pub fn firm_dates(sentence: &str) -> Vec<String> {
    let mut out = date_mentions(sentence);
    out.retain(|d| {
        !matches!(
            d.to_lowercase().as_str(),
            "morning" | "afternoon" | "evening" | "noon" | "midday" | "weekend" | "yesterday"
        )
    });
    out
}
