//! The calm-message checker on messages co-parents actually send, hard negatives included.

use evenkeel::tone::{check, decode, Category, Severity, ToneSettings, Verdict};
use proptest::prelude::*;

fn flagged(text: &str) -> bool {
    check(text, &ToneSettings::default()).verdict != Verdict::Calm
}

fn categories(text: &str) -> Vec<Category> {
    check(text, &ToneSettings::default())
        .findings
        .into_iter()
        .map(|f| f.category)
        .collect()
}

#[test]
fn co_parenting_fixture_precision_and_recall_are_at_least_0_9() {
    let data = include_str!("fixtures/coparenting.tsv");
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut wrong = Vec::new();
    for line in data.lines().skip(1) {
        let (label, text) = line.split_once('\t').unwrap();
        let expected = label == "1";
        let got = flagged(text);
        match (expected, got) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            _ => {}
        }
        if expected != got {
            wrong.push(format!("{label} {text}"));
        }
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    assert!(
        precision >= 0.9 && recall >= 0.9,
        "precision {precision:.2} recall {recall:.2}; wrong:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn each_category_is_found_in_its_own_words() {
    let cases: &[(&str, Category)] = &[
        ("You are a horrible person.", Category::Insult),
        ("You're such a psycho.", Category::Insult),
        ("That was a fucking disaster.", Category::Profanity),
        ("You'll regret it.", Category::Threat),
        ("See you in court.", Category::Threat),
        ("It's your fault she cried.", Category::Blame),
        ("You always forget her bag.", Category::Absolute),
        ("Every single time, the same thing.", Category::Absolute),
        ("Oh great, late again.", Category::Sarcasm),
        ("Nice of you to finally answer.", Category::Sarcasm),
        ("Answer me NOW.", Category::Shouting),
        ("Where is she???", Category::Shouting),
        ("Bring him back by tonight or else.", Category::Threat),
        ("I'm not asking.", Category::Demand),
        ("You should feed him better.", Category::Advice),
        ("Grow up.", Category::Advice),
        (
            "Tell your mother to stop calling me.",
            Category::ChildMessenger,
        ),
        ("Ask your dad why he is late.", Category::ChildMessenger),
        (
            "When we were married you did the same.",
            Category::Grievance,
        ),
        ("Your new boyfriend is not welcome.", Category::Grievance),
        ("I'm sick and tired of this.", Category::Venting),
        ("What is wrong with you?", Category::Contempt),
        ("Who do you think you are?", Category::Contempt),
    ];
    for (text, category) in cases {
        assert!(
            categories(text).contains(category),
            "{text:?} should show {category:?}, got {:?}",
            categories(text)
        );
    }
    let apologies = check(
        "I'm so sorry. I'm really sorry, it's all my fault.",
        &ToneSettings::default(),
    );
    assert!(
        apologies
            .findings
            .iter()
            .filter(|f| f.category == Category::Apology)
            .count()
            >= 2
    );
    assert!(!apologies.biff.firm.pass);
}

#[test]
fn harmless_uses_pass() {
    for text in [
        "Sam is sick today so I'll keep him home.",
        "She had her booster shots on Monday.",
        "I hate to ask, but could we swap weekends?",
        "We played cards to kill time at the airport.",
        "The court date is 14 March; mediation is on the 2nd.",
        "I'm sorry to hear about your dad.",
        "The school said: \"he was rude and disruptive in class\" so I booked a meeting.",
        "Maya has a headache and a cold.",
        "The covid test was negative.",
        "The traffic was crazy today.",
        "We fed the pigs and the cows at the farm.",
        "Could you please confirm 10am on Saturday? Thanks.",
        "Our GP appointment is at 4pm; the MIAM is next week.",
        "It's a mental health day at school on Friday.",
        "She's got a bloody nose from football but she's fine.",
    ] {
        let r = check(text, &ToneSettings::default());
        assert_eq!(
            r.verdict,
            Verdict::Calm,
            "{text:?} was flagged: {:?}",
            r.findings
        );
    }
}

#[test]
fn evasions_do_not_work() {
    for text in [
        "You are an 1d10t",
        "you're a$$hole",
        "you're stuuuupid",
        "you are s t u p i d",
        "you are an id\u{200B}iot",
        "you are an іdіot", // Cyrillic і
        "YOU ARE AN IDIOT",
        "you're ａｎ ｉｄｉｏｔ",
        "f.u.c.k you",
    ] {
        assert!(flagged(text), "{text:?} slipped through");
    }
}

#[test]
fn offsets_point_at_the_words_in_bytes_and_utf16() {
    let text = "Héllo 👋, you're an idiot!!";
    let r = check(text, &ToneSettings::default());
    let insult = r
        .findings
        .iter()
        .find(|f| f.category == Category::Insult)
        .unwrap();
    assert_eq!(&text[insult.start..insult.end], "idiot");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&utf16[insult.start_utf16..insult.end_utf16]).unwrap(),
        "idiot"
    );
    assert!(r
        .findings
        .iter()
        .any(|f| f.category == Category::Shouting && f.text == "!!"));
}

#[test]
fn settings_silence_and_add_words() {
    let settings = ToneSettings {
        never_flag: vec!["stupid".into()],
        extra_words: vec!["pineapple".into()],
        ..Default::default()
    };
    let r = check("That stupid pineapple.", &settings);
    assert_eq!(
        r.findings.iter().map(|f| f.category).collect::<Vec<_>>(),
        [Category::Custom]
    );
}

#[test]
fn the_rewrite_keeps_facts_and_requests_and_drops_the_heat() {
    let text = "You ALWAYS do this, you idiot. You need to have Sam ready by 6pm on Friday. What is wrong with you?";
    let r = check(text, &ToneSettings::default());
    assert_eq!(r.verdict, Verdict::Hostile);
    assert!(
        r.rewrite.contains("Sam ready by 6pm on Friday"),
        "{}",
        r.rewrite
    );
    assert!(!r.rewrite.to_lowercase().contains("idiot"), "{}", r.rewrite);
    assert!(!r.rewrite.contains("ALWAYS"), "{}", r.rewrite);
    assert!(!r.rewrite.contains("wrong with you"), "{}", r.rewrite);
    let again = check(&r.rewrite, &ToneSettings::default());
    assert!(
        again.findings.iter().all(|f| f.severity == Severity::Low),
        "{:?}",
        again.findings
    );
    assert!(again.biff.friendly.pass, "{:?}", again.biff.friendly);
}

#[test]
fn biff_reads_a_good_message_as_good() {
    let r = check(
        "Hi, could Sam stay with me on Saturday 10am to 4pm? Thanks.",
        &ToneSettings::default(),
    );
    assert_eq!(r.verdict, Verdict::Calm);
    assert!(
        r.biff.brief.pass && r.biff.informative.pass && r.biff.friendly.pass && r.biff.firm.pass,
        "{:?}",
        r.biff
    );
    let long = "word ".repeat(300);
    assert!(!check(&long, &ToneSettings::default()).biff.brief.pass);
}

#[test]
fn decode_pulls_out_requests_dates_and_sets_hostility_aside() {
    let msg = "You're pathetic. Can you have her ready by 5pm on Friday? Bring her PE kit. Everyone knows what you are.";
    let d = decode(msg, &ToneSettings::default());
    assert_eq!(d.requests.len(), 2, "{d:?}");
    assert!(d.requests[0].contains("5pm on Friday"));
    assert!(d.dates.contains(&"5pm".to_string()) && d.dates.contains(&"Friday".to_string()));
    assert!(d.set_aside.iter().any(|s| s.contains("pathetic")), "{d:?}");
    assert!(d.reply.contains("ready by 5pm on Friday"));
    assert!(!d.reply.contains("pathetic"));
}

#[test]
fn a_decoded_reply_never_quotes_the_insults_back() {
    let d = decode(
        "Bring her coat on Friday at 6, you useless idiot. Can you confirm by tonight?",
        &ToneSettings::default(),
    );
    assert_eq!(d.requests[0], "Bring her coat on Friday at 6.");
    assert!(
        !d.reply.contains("idiot") && !d.reply.contains("useless"),
        "{}",
        d.reply
    );
    assert!(
        d.reply.contains("Bring her coat on Friday at 6"),
        "{}",
        d.reply
    );
}

#[test]
fn curt_questions_are_a_caution_and_keep_their_request_in_the_rewrite() {
    // With no softening word anywhere, a question is named with its softer wording and
    // survives in the calmer draft; how pointed it is, the model decides from the whole
    // message.
    for text in [
        "Why did you move Sam's pickup to Saturday without telling me?",
        "You removed my note from the shared calendar. Do you have any explanation for that?",
    ] {
        let r = check(text, &ToneSettings::default());
        assert!(
            r.findings.iter().any(|f| f.category == Category::Contempt
                && f.suggestion.to_lowercase().starts_with("could you")),
            "{text}: {:?}",
            r.findings
        );
        assert!(
            r.rewrite.contains('?'),
            "the question survives: {}",
            r.rewrite
        );
    }
    // Asking the reader to justify themselves after a reproach is a caution.
    let text =
        "You removed my note from the shared calendar. Do you have any explanation for that?";
    assert_eq!(
        check(text, &ToneSettings::default()).verdict,
        Verdict::Caution
    );
    // A plain question after a plain statement: the model reads the message as calm, so the
    // curtness is a mild note with its softer wording, not a caution.
    let text = "I dropped Sam at school this morning with his bag. Where is his PE kit?";
    let r = check(text, &ToneSettings::default());
    assert_eq!(r.verdict, Verdict::Calm, "{text}: {:?}", r.findings);
    assert!(
        r.findings
            .iter()
            .any(|f| f.severity == Severity::Low
                && f.suggestion.starts_with("Could you let me know")),
        "{:?}",
        r.findings
    );
    // Softened, short, or small talk: left alone.
    for text in [
        "Hi, I dropped Sam at school this morning with his bag. Where is his PE kit?",
        "What time is pickup?",
        "How are you?",
        "Thanks for the photos. Could you send the school letter too?",
    ] {
        assert!(!flagged(text), "{text}: {:?}", categories(text));
    }
}

#[test]
fn swearing_run_into_a_word_and_insults_aimed_at_anyone_are_found() {
    assert!(categories("That flat is a shithole.").contains(&Category::Profanity));
    assert!(categories("Total fuckup again.").contains(&Category::Profanity));
    assert!(categories("Your brother is a liar.").contains(&Category::Insult));
    assert!(categories("What an ignorant comment.").contains(&Category::Insult));
    // ... and harmless neighbours are not.
    assert!(!flagged("I was ignorant of the new rota, sorry."));
    assert!(!flagged("Scunthorpe is where the match is on Saturday."));
}

#[test]
fn leaving_out_an_insult_takes_its_sentence_when_nothing_else_is_in_it() {
    let text = "Honestly, you are an idiot.  Bring her coat on Friday, you idiot!";
    let r = check(text, &ToneSettings::default());
    let first = &r.findings[0];
    assert_eq!(first.text, "idiot");
    // Its whole sentence and the spaces after it go, so the next sentence starts cleanly.
    assert_eq!(
        &text[first.fix.start..first.fix.end],
        "Honestly, you are an idiot.  "
    );
    // In a sentence that carries a request, only the insult itself is the fix.
    let second = r.findings.iter().rfind(|f| f.text == "idiot").unwrap();
    assert_eq!(
        (second.fix.start, second.fix.end),
        (second.start, second.end)
    );
}

/// The messages of issue 9's table, which the checker used to call calm: none of them has a word
/// from the old phrase list, and none was trained on.
const UNSEEN: &[&str] = &[
    "You're a bully and a coward, and everyone at school can see it.",
    "One more late drop-off and my solicitor will be writing to you.",
    "Don't bother coming to parents' evening, you've embarrassed her enough.",
    "I hope you're proud of yourself, she cried all night.",
    "Honestly what kind of father forgets his own son's birthday",
];

#[test]
fn hostility_in_words_never_listed_reads_as_hostile() {
    for text in UNSEEN {
        let r = check(text, &ToneSettings::default());
        assert_ne!(r.verdict, Verdict::Calm, "{text}: {:?}", r.findings);
        assert!(
            !r.biff.friendly.pass && !r.biff.informative.pass,
            "{:?}",
            r.biff
        );
        assert_eq!(r.sentences.len(), 1, "{:?}", r.sentences);
    }
}

#[test]
fn the_calmer_draft_never_wraps_or_breaks_a_hostile_sentence() {
    for text in UNSEEN {
        let r = check(text, &ToneSettings::default());
        let body = text.trim_end_matches('.');
        assert!(!r.rewrite.contains(body), "{text} -> {}", r.rewrite);
        assert!(!r.rewrite.contains("Honestly forgets"), "{}", r.rewrite);
        if r.rewrite.is_empty() {
            assert!(r.rewrite_note.as_deref().is_some_and(|n| !n.is_empty()));
        } else {
            let again = check(&r.rewrite, &ToneSettings::default());
            assert!(
                again.findings.iter().all(|f| f.severity == Severity::Low),
                "{text} -> {}: {:?}",
                r.rewrite,
                again.findings
            );
        }
    }
    // The threat becomes the step it threatened, said once as information.
    let r = check(UNSEEN[1], &ToneSettings::default());
    assert!(
        r.rewrite.contains("If there is another late drop-off"),
        "{}",
        r.rewrite
    );
    // With nothing calm left there is no cheerful shell, and the note says why.
    let r = check(UNSEEN[3], &ToneSettings::default());
    assert_eq!(r.rewrite, "");
    assert!(r.rewrite_note.is_some());
}

#[test]
fn each_sentence_has_the_models_reading() {
    let text = "Hi, could you bring her coat on Friday? You're a bully.";
    let r = check(text, &ToneSettings::default());
    assert_eq!(r.sentences.len(), 2);
    assert!(
        r.sentences[0].hostility < r.sentences[1].hostility,
        "{:?}",
        r.sentences
    );
    for s in &r.sentences {
        assert!((0.0..=1.0).contains(&s.hostility));
        assert_eq!(text[..s.start].encode_utf16().count(), s.start_utf16);
    }
}

#[test]
fn a_received_dig_in_no_listed_words_is_set_aside_and_its_request_kept() {
    let d = decode(
        "Take your time, it's only your son. Can you have him ready by 5pm on Friday?",
        &ToneSettings::default(),
    );
    assert_eq!(
        d.set_aside,
        ["Take your time, it's only your son."],
        "{d:?}"
    );
    assert!(d.requests[0].contains("5pm on Friday"), "{d:?}");
    assert!(d.findings.iter().any(|f| f.category == Category::Hostility));
}

/// Dates and clock times as a reader would list them: day and month names, "10am", "14:30".
fn dates(text: &str) -> Vec<String> {
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    text.split(|c: char| !c.is_alphanumeric() && c != ':')
        .map(str::to_lowercase)
        .filter(|w| {
            DAYS.contains(&w.as_str())
                || (w.ends_with("am") || w.ends_with("pm"))
                    && w.len() > 2
                    && w[..w.len() - 2]
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == ':')
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn calmer_drafts_recheck_calm_and_keep_every_date_and_request(parts in proptest::collection::vec(prop_oneof![
        Just("You're a bully and a coward."),
        Just("One more late pickup and my lawyer will hear about it."),
        Just("I hope you're proud of yourself, she cried all night."),
        Just("Could you have her ready at 10am on Saturday?"),
        Just("Bring her coat on Friday at 6pm, you useless idiot."),
        Just("Honestly what kind of father forgets his own son's birthday."),
        Just("Whatever."),
        Just("Don't bother coming on Sunday."),
        Just("The dentist is on Tuesday at 2pm."),
        Just("Must be nice to have every weekend free."),
        Just("Your \"work trip\" was on Monday."),
        Just("Thanks."),
        Just("She has a cold so I'll keep her home on Monday."),
        Just("You ALWAYS do this."),
        Just("Please confirm the swap by Thursday."),
    ], 1..6)) {
        let text = parts.join(" ");
        let r = check(&text, &ToneSettings::default());
        let again = check(&r.rewrite, &ToneSettings::default());
        prop_assert!(
            again.findings.iter().all(|f| f.severity == Severity::Low),
            "{:?} -> {:?}: {:?}", text, r.rewrite, again.findings
        );
        let draft = r.rewrite.to_lowercase();
        for d in dates(&text) {
            prop_assert!(draft.contains(&d), "{:?} lost {:?}: {:?}", text, d, r.rewrite);
        }
        for request in ["Could you have her ready at 10am on Saturday?", "Please confirm the swap by Thursday."] {
            if text.contains(request) {
                prop_assert!(r.rewrite.contains(request), "{:?} lost {:?}: {:?}", text, request, r.rewrite);
            }
        }
        prop_assert_eq!(r.rewrite.is_empty(), r.rewrite_note.is_some());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_and_offsets_are_consistent(text in "\\PC{0,200}") {
        let r = check(&text, &ToneSettings::default());
        prop_assert!(r.score <= 100);
        for f in &r.findings {
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end) && f.start < f.end);
            prop_assert_eq!(&text[f.start..f.end], f.text.as_str());
            prop_assert_eq!(text[..f.start].encode_utf16().count(), f.start_utf16);
            prop_assert_eq!(text[..f.end].encode_utf16().count(), f.end_utf16);
            // The fix covers the finding and is a valid span in both units too.
            let x = f.fix;
            prop_assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
            prop_assert!(x.start <= f.start && x.end >= f.end);
            prop_assert_eq!(text[..x.start].encode_utf16().count(), x.start_utf16);
            prop_assert_eq!(text[..x.end].encode_utf16().count(), x.end_utf16);
        }
    }

    #[test]
    fn rewrites_are_calm(words in proptest::collection::vec(prop_oneof![
        Just("you"), Just("idiot"), Just("ALWAYS"), Just("never"), Just("Friday"), Just("at"), Just("6pm"),
        Just("bring"), Just("Sam"), Just("or else"), Just("!!!"), Just("what is wrong with you?"), Just("please"),
        Just("grow up."), Just("your fault"), Just("f u c k"), Just("oh great,"), Just("the"), Just("school"), Just("."),
    ], 0..25)) {
        let text = words.join(" ");
        let r = check(&text, &ToneSettings::default());
        let again = check(&r.rewrite, &ToneSettings::default());
        prop_assert!(again.findings.iter().all(|f| f.severity == Severity::Low), "{:?} -> {:?}: {:?}", text, r.rewrite, again.findings);
    }
}
