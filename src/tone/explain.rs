//! What each kind of finding means, in respectful words, and what to write instead.

use super::report::Category;

impl Category {
    /// The category in a few words, for people ("Name-calling").
    pub fn label(self) -> &'static str {
        match self {
            Category::Insult => "Name-calling",
            Category::Profanity => "Swearing",
            Category::Threat => "Threat",
            Category::Blame => "Blame",
            Category::Absolute => "Always / never",
            Category::Sarcasm => "Sarcasm",
            Category::Shouting => "Shouting",
            Category::Demand => "Demand or ultimatum",
            Category::Advice => "Advice or lecturing",
            Category::Apology => "Over-apologising",
            Category::ChildMessenger => "Child as messenger",
            Category::Grievance => "Old relationship",
            Category::Venting => "Venting",
            Category::Contempt => "Contempt",
            Category::Custom => "Your own list",
            Category::Hostility => "May land badly",
        }
    }

    /// What may land badly, and what to do instead, in respectful words.
    pub fn explanation(self) -> &'static str {
        match self {
        Category::Insult => "Name-calling puts the reader on the defensive, and it can be quoted back to a court. Describe what happened and its effect on the children instead.",
        Category::Profanity => "Swearing makes the message about your anger rather than the arrangement, and it reads worse in print than it felt to write.",
        Category::Threat => "This can read as a threat. Threats escalate and can count against you. If you mean to take a step, such as asking a court to decide, say so once, calmly, as information.",
        Category::Blame => "Blame invites a defence, not a solution. Say what happened and what you need next.",
        Category::Absolute => "'Always' and 'never' are easy to dispute and start an argument about the past. Keep to the specific occasion.",
        Category::Sarcasm => "Sarcasm is read as contempt, and written down it looks harsher than it was meant.",
        Category::Shouting => "Capitals and repeated punctuation read as shouting.",
        Category::Demand => "Orders and ultimatums invite refusal. A clear request with a time usually gets a better answer.",
        Category::Advice => "Telling the other parent what they should do reads as a lecture (BIFF: no advice, no admonishments). Ask for what you need instead.",
        Category::Apology => "One short acknowledgement is enough. Repeated apologies invite blame and weaken your request.",
        Category::ChildMessenger => "Children should not carry messages or questions between parents. Send it to the other parent directly, and keep the children out of it.",
        Category::Grievance => "The old relationship and new partners are off the topic of the children, and will pull the exchange away from it.",
        Category::Venting => "This shows how hard things are, which is real, but gives the reader nothing to act on. Your journal is a better place for it.",
        Category::Contempt => "Rhetorical questions and put-downs read as contempt. Ask a real question, or state the fact.",
        Category::Custom => "You asked to be told about this word.",
        Category::Hostility => "No single word here is the problem, but read as a whole this sentence is likely to land as a dig, a threat or a reproach, and the reader will answer that rather than the arrangement. Say what happened and what you need, plainly, or leave it out.",
    }
    }
}
