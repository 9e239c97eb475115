//! Calmer words for a matched phrase, used by the rules when they make a finding and by the
//! calmer draft when it applies it.

use super::report::Category;

/// Calmer words for a matched phrase; `None` means the phrase is best left out.
pub fn replacement(category: Category, words: &[&str]) -> Option<String> {
    let phrase = words.join(" ");
    let soft = match (category, phrase.as_str()) {
        (Category::Absolute, "you always") => "you often",
        (Category::Absolute, "you never") => "you rarely",
        (Category::Absolute, "you are always") => "you are often",
        (Category::Absolute, "you are never") => "you are rarely",
        (Category::Absolute, "you have never") => "you have not yet",
        (Category::Absolute, "you have always") => "you have often",
        (Category::Absolute, "you constantly") => "you often",
        (Category::Absolute, "you keep") => "you have been",
        (Category::Absolute, "every single time" | "every time you" | "each time you") => {
            "several times"
        }
        (
            Category::Demand,
            "you have to" | "you must" | "i expect you to" | "i insist" | "i demand",
        ) => "could you please",
        (Category::Demand, "you will bring") => "could you please bring",
        (Category::Demand, "you will have") => "could you please have",
        (Category::Demand, "you will do") => "could you please do",
        (Category::Demand, "you better" | "you had better" | "you would better") => "please",
        (Category::Demand, "right now" | "immediately") => "as soon as you can",
        (Category::Advice, "you need to" | "you should" | "you ought to" | "you could try") => {
            "could you"
        }
        (Category::Advice, "you should not") => "could you avoid",
        // The question stays (it often carries the request); the accusation goes.
        (Category::Contempt, "why did you" | "why would you") => "could you explain the reason to",
        (Category::Contempt, "why have you") => "could you explain why you have",
        (Category::Contempt, "why were you") => "could you explain why you were",
        (Category::Contempt, "how come you" | "why is it that you") => "could you explain why you",
        (
            Category::Threat,
            "see you in court"
            | "i will see you in court"
            | "i will take you to court"
            | "i will take you back to court"
            | "i will drag you to court",
        ) => "if we cannot agree, I will ask the court to decide",
        _ => return None,
    };
    Some(soft.to_string())
}
