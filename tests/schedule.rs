//! The schedule core against calendars worked out by hand: every expected date below was
//! counted on a calendar, not computed.

use chrono::{NaiveDate, Weekday};
use evenkeel::schedule::{
    compliance, occurrences, Arrangement, Exception, ExceptionKind, Handover, HolidayEffect,
    Occurrence, Outcome, OutcomeKind, Parent, Plan, Template, TemplateName,
};
use evenkeel::Error;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn plan(template: Template, start: &str, zone: &str) -> Plan {
    Plan {
        id: "p1".into(),
        child: "Sam".into(),
        with: Parent::Me,
        arrangement: Arrangement::SpendsTimeWith,
        start: d(start),
        until: None,
        place: Some("the library car park".into()),
        zone: zone.into(),
        template,
    }
}

fn at18() -> Handover {
    Handover::at(18, 0)
}

/// (start, end) as RFC 3339 with offset, the form the CLI prints.
fn spans(p: &Plan, ex: &[Exception], from: &str, to: &str) -> Vec<(String, String)> {
    occurrences(p, ex, d(from), d(to))
        .unwrap()
        .iter()
        .map(|o| (o.start.to_rfc3339(), o.end.to_rfc3339()))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

const LONDON: &str = "Europe/London";

#[test]
fn alternate_weekends_in_january() {
    // 4 Jan 2027 is a Monday; the weekend of that week is the first.
    let p = plan(
        Template::AlternateWeekends { handover: at18() },
        "2027-01-04",
        LONDON,
    );
    assert_eq!(
        spans(&p, &[], "2027-01-01", "2027-02-14"),
        pairs(&[
            ("2027-01-08T18:00:00+00:00", "2027-01-10T18:00:00+00:00"),
            ("2027-01-22T18:00:00+00:00", "2027-01-24T18:00:00+00:00"),
            ("2027-02-05T18:00:00+00:00", "2027-02-07T18:00:00+00:00"),
        ])
    );
}

#[test]
fn every_weekend_in_january() {
    let p = plan(
        Template::EveryWeekend { handover: at18() },
        "2027-01-04",
        LONDON,
    );
    assert_eq!(
        spans(&p, &[], "2027-01-04", "2027-01-24"),
        pairs(&[
            ("2027-01-08T18:00:00+00:00", "2027-01-10T18:00:00+00:00"),
            ("2027-01-15T18:00:00+00:00", "2027-01-17T18:00:00+00:00"),
            ("2027-01-22T18:00:00+00:00", "2027-01-24T18:00:00+00:00"),
        ])
    );
}

#[test]
fn midweek_evening_takes_the_start_dates_weekday() {
    let t = Template::from_parts(TemplateName::MidweekEvening, None, None, Weekday::Wed).unwrap();
    let p = plan(t, "2027-01-06", LONDON);
    assert_eq!(
        spans(&p, &[], "2027-01-01", "2027-01-20"),
        pairs(&[
            ("2027-01-06T16:00:00+00:00", "2027-01-06T19:00:00+00:00"),
            ("2027-01-13T16:00:00+00:00", "2027-01-13T19:00:00+00:00"),
            ("2027-01-20T16:00:00+00:00", "2027-01-20T19:00:00+00:00"),
        ])
    );
}

#[test]
fn alternate_weekends_with_a_midweek_evening() {
    let t = Template::AlternateWeekendsMidweek {
        weekend: Handover::between((17, 30), (17, 0)),
        weekday: Weekday::Wed,
        midweek: Handover::between((15, 30), (18, 30)),
    };
    let p = plan(t, "2027-01-04", LONDON);
    assert_eq!(
        spans(&p, &[], "2027-01-04", "2027-01-24"),
        pairs(&[
            ("2027-01-06T15:30:00+00:00", "2027-01-06T18:30:00+00:00"),
            ("2027-01-08T17:30:00+00:00", "2027-01-10T17:00:00+00:00"),
            ("2027-01-13T15:30:00+00:00", "2027-01-13T18:30:00+00:00"),
            ("2027-01-20T15:30:00+00:00", "2027-01-20T18:30:00+00:00"),
            ("2027-01-22T17:30:00+00:00", "2027-01-24T17:00:00+00:00"),
        ])
    );
}

#[test]
fn week_on_week_off() {
    // 1 Jan 2027 is a Friday.
    let p = plan(
        Template::WeekOnWeekOff { handover: at18() },
        "2027-01-01",
        LONDON,
    );
    assert_eq!(
        spans(&p, &[], "2027-01-01", "2027-02-10"),
        pairs(&[
            ("2027-01-01T18:00:00+00:00", "2027-01-08T18:00:00+00:00"),
            ("2027-01-15T18:00:00+00:00", "2027-01-22T18:00:00+00:00"),
            ("2027-01-29T18:00:00+00:00", "2027-02-05T18:00:00+00:00"),
        ])
    );
}

#[test]
fn two_two_three() {
    // Mon–Tue, Fri–Sun, then Wed–Thu of the second week.
    let p = plan(
        Template::TwoTwoThree { handover: at18() },
        "2027-01-04",
        LONDON,
    );
    assert_eq!(
        spans(&p, &[], "2027-01-04", "2027-01-31"),
        pairs(&[
            ("2027-01-04T18:00:00+00:00", "2027-01-06T18:00:00+00:00"),
            ("2027-01-08T18:00:00+00:00", "2027-01-11T18:00:00+00:00"),
            ("2027-01-13T18:00:00+00:00", "2027-01-15T18:00:00+00:00"),
            ("2027-01-18T18:00:00+00:00", "2027-01-20T18:00:00+00:00"),
            ("2027-01-22T18:00:00+00:00", "2027-01-25T18:00:00+00:00"),
            ("2027-01-27T18:00:00+00:00", "2027-01-29T18:00:00+00:00"),
        ])
    );
}

#[test]
fn two_two_five_five() {
    let p = plan(
        Template::TwoTwoFiveFive { handover: at18() },
        "2027-01-04",
        LONDON,
    );
    assert_eq!(
        spans(&p, &[], "2027-01-04", "2027-01-31"),
        pairs(&[
            ("2027-01-04T18:00:00+00:00", "2027-01-06T18:00:00+00:00"),
            ("2027-01-08T18:00:00+00:00", "2027-01-13T18:00:00+00:00"),
            ("2027-01-18T18:00:00+00:00", "2027-01-20T18:00:00+00:00"),
            ("2027-01-22T18:00:00+00:00", "2027-01-27T18:00:00+00:00"),
        ])
    );
}

#[test]
fn three_four_four_three() {
    let p = plan(
        Template::ThreeFourFourThree { handover: at18() },
        "2027-01-04",
        LONDON,
    );
    assert_eq!(
        spans(&p, &[], "2027-01-04", "2027-01-31"),
        pairs(&[
            ("2027-01-04T18:00:00+00:00", "2027-01-07T18:00:00+00:00"),
            ("2027-01-11T18:00:00+00:00", "2027-01-15T18:00:00+00:00"),
            ("2027-01-18T18:00:00+00:00", "2027-01-21T18:00:00+00:00"),
            ("2027-01-25T18:00:00+00:00", "2027-01-29T18:00:00+00:00"),
        ])
    );
}

#[test]
fn custom_rule_first_saturday_of_the_month() {
    let t = Template::from_parts(
        TemplateName::Custom,
        Some(Handover::between((10, 0), (16, 0))),
        Some("RRULE:FREQ=MONTHLY;BYDAY=1SA"),
        Weekday::Fri,
    )
    .unwrap();
    let p = plan(t, "2027-01-01", LONDON);
    assert_eq!(
        spans(&p, &[], "2027-01-01", "2027-03-31"),
        pairs(&[
            ("2027-01-02T10:00:00+00:00", "2027-01-02T16:00:00+00:00"),
            ("2027-02-06T10:00:00+00:00", "2027-02-06T16:00:00+00:00"),
            ("2027-03-06T10:00:00+00:00", "2027-03-06T16:00:00+00:00"),
        ])
    );
}

#[test]
fn london_weekends_across_the_clock_changes_end_at_the_agreed_local_time() {
    // Clocks go forward on Sunday 28 March 2027 and back on Sunday 31 October 2027.
    let p = plan(
        Template::EveryWeekend { handover: at18() },
        "2027-03-22",
        LONDON,
    );
    let spring = occurrences(&p, &[], d("2027-03-26"), d("2027-03-26")).unwrap();
    assert_eq!(spring[0].start.to_rfc3339(), "2027-03-26T18:00:00+00:00");
    assert_eq!(spring[0].end.to_rfc3339(), "2027-03-28T18:00:00+01:00");
    assert_eq!(spring[0].minutes(), 47 * 60);
    let autumn = occurrences(&p, &[], d("2027-10-29"), d("2027-10-29")).unwrap();
    assert_eq!(autumn[0].start.to_rfc3339(), "2027-10-29T18:00:00+01:00");
    assert_eq!(autumn[0].end.to_rfc3339(), "2027-10-31T18:00:00+00:00");
    assert_eq!(autumn[0].minutes(), 49 * 60);

    // An overnight from Saturday to Sunday is 23 hours, then 25.
    let t = Template::Custom {
        rrule: "FREQ=WEEKLY;BYDAY=SA".into(),
        handover: at18(),
        days: 1,
    };
    let p = plan(t, "2027-03-01", LONDON);
    let nights = occurrences(&p, &[], d("2027-03-27"), d("2027-03-27")).unwrap();
    assert_eq!(nights[0].minutes(), 23 * 60);
    let nights = occurrences(&p, &[], d("2027-10-30"), d("2027-10-30")).unwrap();
    assert_eq!(nights[0].minutes(), 25 * 60);
}

#[test]
fn new_york_weekends_across_the_clock_changes() {
    // Clocks go forward on Sunday 14 March 2027 and back on Sunday 7 November 2027.
    let p = plan(
        Template::EveryWeekend { handover: at18() },
        "2027-03-08",
        "America/New_York",
    );
    assert_eq!(
        spans(&p, &[], "2027-03-12", "2027-03-12"),
        pairs(&[("2027-03-12T18:00:00-05:00", "2027-03-14T18:00:00-04:00")])
    );
    assert_eq!(
        spans(&p, &[], "2027-11-05", "2027-11-05"),
        pairs(&[("2027-11-05T18:00:00-04:00", "2027-11-07T18:00:00-05:00")])
    );
    // A 02:30 handover on the morning the clocks jump from 02:00 to 03:00 happens at 03:30.
    let t = Template::Custom {
        rrule: "FREQ=WEEKLY;BYDAY=SU".into(),
        handover: Handover::between((2, 30), (12, 0)),
        days: 0,
    };
    let p = plan(t, "2027-03-01", "America/New_York");
    assert_eq!(
        spans(&p, &[], "2027-03-14", "2027-03-14"),
        pairs(&[("2027-03-14T03:30:00-04:00", "2027-03-14T12:00:00-04:00")])
    );
}

#[test]
fn the_29th_of_february_2028() {
    // 25 Feb 2028 is a Friday; the week runs through the 29th.
    let p = plan(
        Template::WeekOnWeekOff { handover: at18() },
        "2028-02-25",
        LONDON,
    );
    assert_eq!(
        spans(&p, &[], "2028-02-01", "2028-03-12"),
        pairs(&[
            ("2028-02-25T18:00:00+00:00", "2028-03-03T18:00:00+00:00"),
            ("2028-03-10T18:00:00+00:00", "2028-03-17T18:00:00+00:00"),
        ])
    );
    let t = Template::Custom {
        rrule: "FREQ=MONTHLY;BYMONTHDAY=29".into(),
        handover: Handover::between((10, 0), (15, 0)),
        days: 0,
    };
    let p = plan(t, "2028-01-01", LONDON);
    let ids: Vec<String> = occurrences(&p, &[], d("2028-01-01"), d("2028-03-31"))
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect();
    assert_eq!(ids, ["p1:2028-01-29", "p1:2028-02-29", "p1:2028-03-29"]);
}

#[test]
fn a_plan_that_ends() {
    let mut p = plan(
        Template::AlternateWeekends { handover: at18() },
        "2027-01-04",
        LONDON,
    );
    p.until = Some(d("2027-02-05"));
    let starts = |p: &Plan| -> Vec<NaiveDate> {
        occurrences(p, &[], d("2027-01-01"), d("2027-03-31"))
            .unwrap()
            .into_iter()
            .map(|o| o.planned)
            .collect()
    };
    // The last day an occurrence may start on is included.
    assert_eq!(
        starts(&p),
        [d("2027-01-08"), d("2027-01-22"), d("2027-02-05")]
    );
    p.until = Some(d("2027-02-04"));
    assert_eq!(starts(&p), [d("2027-01-08"), d("2027-01-22")]);
}

fn exception(plan: Option<&str>, label: &str, kind: ExceptionKind) -> Exception {
    Exception {
        plan: plan.map(str::to_string),
        label: label.into(),
        kind,
    }
}

#[test]
fn exceptions_over_planned_weekends() {
    // Planned: 8 Jan, 22 Jan, 5 Feb, 19 Feb, 5 Mar, 19 Mar.
    let p = plan(
        Template::AlternateWeekends { handover: at18() },
        "2027-01-04",
        LONDON,
    );
    let exceptions = [
        exception(
            Some("p1"),
            "half term abroad",
            ExceptionKind::Holiday {
                from: d("2027-01-20"),
                to: d("2027-01-24"),
                effect: HolidayEffect::Suspend,
            },
        ),
        exception(
            Some("p1"),
            "Dad's wedding",
            ExceptionKind::Swap {
                date: d("2027-02-05"),
                to: d("2027-02-12"),
            },
        ),
        exception(
            None,
            "school trip",
            ExceptionKind::Cancel {
                date: d("2027-02-19"),
            },
        ),
        exception(
            Some("p1"),
            "Easter with Mum",
            ExceptionKind::Holiday {
                from: d("2027-03-01"),
                to: d("2027-03-07"),
                effect: HolidayEffect::Swap,
            },
        ),
        exception(
            Some("another plan"),
            "not ours",
            ExceptionKind::Cancel {
                date: d("2027-01-08"),
            },
        ),
    ];
    let got = occurrences(&p, &exceptions, d("2027-01-01"), d("2027-03-31")).unwrap();
    let summary: Vec<(&str, String, Parent, Option<&str>)> = got
        .iter()
        .map(|o| {
            (
                o.id.as_str(),
                o.start.to_rfc3339(),
                o.with,
                o.exception.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "p1:2027-01-08",
                "2027-01-08T18:00:00+00:00".to_string(),
                Parent::Me,
                None
            ),
            (
                "p1:2027-02-05",
                "2027-02-12T18:00:00+00:00".to_string(),
                Parent::Me,
                Some("Dad's wedding")
            ),
            (
                "p1:2027-03-05",
                "2027-03-05T18:00:00+00:00".to_string(),
                Parent::Other,
                Some("Easter with Mum")
            ),
            (
                "p1:2027-03-19",
                "2027-03-19T18:00:00+00:00".to_string(),
                Parent::Me,
                None
            ),
        ]
    );
    assert_eq!(got[1].end.to_rfc3339(), "2027-02-14T18:00:00+00:00");

    // A swap brings a weekend planned outside the range into it.
    let moved = occurrences(&p, &exceptions, d("2027-02-10"), d("2027-02-14")).unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].id, "p1:2027-02-05");
}

fn invalid_field(err: Error) -> &'static str {
    match err {
        Error::Invalid { field, .. } => field,
        other => panic!("expected an invalid-input error, got {other}"),
    }
}

#[test]
fn bad_input_is_one_sentence_naming_the_problem() {
    let err = "every-other-tuesday".parse::<TemplateName>().unwrap_err();
    assert!(err.to_string().starts_with(
        "template: unknown template \"every-other-tuesday\"; expected one of alternate-weekends"
    ));

    let mut p = plan(
        Template::EveryWeekend { handover: at18() },
        "2027-03-01",
        LONDON,
    );
    p.until = Some(d("2027-02-01"));
    let err = occurrences(&p, &[], d("2027-01-01"), d("2027-12-31")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "until: the plan ends on 2027-02-01, before it starts on 2027-03-01"
    );

    let mut p = plan(
        Template::EveryWeekend { handover: at18() },
        "2027-03-01",
        "Europe/Lonodn",
    );
    assert_eq!(invalid_field(p.validate().unwrap_err()), "zone");
    p.zone = LONDON.into();
    p.template = Template::Custom {
        rrule: "FREQ=WEEKLY;BYDAY=XX".into(),
        handover: at18(),
        days: 1,
    };
    let err = occurrences(&p, &[], d("2027-01-01"), d("2027-12-31")).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("rrule: \"FREQ=WEEKLY;BYDAY=XX\" is not a valid RFC 5545 rule ("),
        "{err}"
    );

    let p = plan(
        Template::EveryWeekend { handover: at18() },
        "2027-03-01",
        LONDON,
    );
    let err = occurrences(&p, &[], d("2027-12-31"), d("2027-01-01")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "to: the range ends on 2027-01-01, before it starts on 2027-12-31"
    );
    let holiday = exception(
        None,
        "summer",
        ExceptionKind::Holiday {
            from: d("2027-08-31"),
            to: d("2027-07-20"),
            effect: HolidayEffect::Suspend,
        },
    );
    let err = occurrences(&p, &[holiday], d("2027-01-01"), d("2027-12-31")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "holiday: the holiday ends on 2027-07-20, before it starts on 2027-08-31"
    );
}

fn outcome(o: &Occurrence, kind: OutcomeKind) -> Outcome {
    let out = Outcome {
        occurrence: o.id.clone(),
        kind,
        note: None,
        entries: vec![],
    };
    out.validate(o).unwrap();
    out
}

#[test]
fn compliance_over_a_hand_worked_half_year() {
    // Sam: every weekend with me from Friday 8 Jan to Friday 4 Jun 2027, 22 weekends; the one
    // from 26 March crosses the spring clock change (47 hours), the rest are 48.
    let sam = plan(
        Template::EveryWeekend { handover: at18() },
        "2027-01-04",
        LONDON,
    );
    let weekends = occurrences(&sam, &[], d("2027-01-01"), d("2027-06-06")).unwrap();
    assert_eq!(weekends.len(), 22);
    assert_eq!(weekends[11].planned, d("2027-03-26"));
    assert_eq!(weekends[21].planned, d("2027-06-04"));

    let cancelled = |by| OutcomeKind::Cancelled {
        by,
        reason: "a party".into(),
    };
    let mut outcomes = Vec::new();
    for (i, w) in weekends.iter().enumerate() {
        let kind = match i {
            0..=9 | 11 => OutcomeKind::Kept,
            10 => OutcomeKind::Late { minutes: 30 },
            12 => OutcomeKind::Short { minutes: 120 },
            13 | 14 => OutcomeKind::Missed,
            15..=18 => cancelled(Parent::Other),
            19 => cancelled(Parent::Me),
            20 => OutcomeKind::Swapped,
            _ => continue, // 4 June is not logged yet
        };
        outcomes.push(outcome(w, kind));
    }
    // A correction comes later in the record and wins: 8 January was first logged as missed.
    outcomes.insert(0, outcome(&weekends[0], OutcomeKind::Missed));

    // Alex: Wednesday evenings with the other parent in January 2027: 6, 13, 20, 27.
    let mut alex = plan(
        Template::MidweekEvening {
            weekday: Weekday::Wed,
            handover: Handover::between((16, 0), (19, 0)),
        },
        "2027-01-06",
        LONDON,
    );
    alex.id = "p2".into();
    alex.child = "Alex".into();
    alex.with = Parent::Other;
    alex.arrangement = Arrangement::LivesWith;
    let evenings = occurrences(&alex, &[], d("2027-01-01"), d("2027-01-31")).unwrap();
    assert_eq!(evenings.len(), 4);
    outcomes.push(outcome(&evenings[0], OutcomeKind::Kept));
    outcomes.push(outcome(&evenings[1], OutcomeKind::Missed));

    let all: Vec<Occurrence> = weekends.iter().chain(&evenings).cloned().collect();
    let report = compliance(&all, &outcomes, d("2027-01-01"), d("2027-06-06"));
    assert_eq!(report.len(), 2);

    let a = &report[0];
    assert_eq!(a.child, "Alex");
    assert_eq!((a.planned, a.kept, a.missed, a.unlogged), (4, 1, 1, 2));
    assert_eq!(a.other.planned_hours, 12.0);
    assert_eq!(a.other.actual_hours, 3.0);
    assert_eq!(
        (a.other.planned_overnights, a.other.actual_overnights),
        (0, 0)
    );
    assert_eq!(a.me.planned_hours, 0.0);
    assert_eq!(a.percent_happened, Some(50.0));

    let s = &report[1];
    assert_eq!(s.child, "Sam");
    // "11 of 22 kept; 1 late, 1 short, 2 missed, 4 cancelled by the other parent, 1 by me."
    assert_eq!(s.planned, 22);
    assert_eq!(s.kept, 11);
    assert_eq!(s.late, 1);
    assert_eq!(s.short, 1);
    assert_eq!(s.missed, 2);
    assert_eq!(s.cancelled_by_other, 4);
    assert_eq!(s.cancelled_by_me, 1);
    assert_eq!(s.swapped, 1);
    assert_eq!(s.unlogged, 1);
    // 21 × 48 h + 47 h planned; kept 10 × 48 + 47, late 47.5, short 46.
    assert_eq!(s.me.planned_hours, 1055.0);
    assert_eq!(s.me.actual_hours, 620.5);
    assert_eq!(s.me.planned_overnights, 44);
    assert_eq!(s.me.actual_overnights, 26);
    assert_eq!(s.other, Default::default());
    // Swapped and unlogged weekends count neither way: 620.5 of 19 × 48 + 47 = 959 hours.
    assert_eq!(s.percent_happened, Some(64.7));

    let deviations: Vec<(NaiveDate, &str, i64)> = s
        .deviations
        .iter()
        .map(|d| (d.date, d.outcome.name(), d.minutes_lost))
        .collect();
    assert_eq!(
        deviations,
        [
            (d("2027-03-19"), "late", 30),
            (d("2027-04-02"), "short", 120),
            (d("2027-04-09"), "missed", 2880),
            (d("2027-04-16"), "missed", 2880),
            (d("2027-04-23"), "cancelled", 2880),
            (d("2027-04-30"), "cancelled", 2880),
            (d("2027-05-07"), "cancelled", 2880),
            (d("2027-05-14"), "cancelled", 2880),
            (d("2027-05-21"), "cancelled", 2880),
            (d("2027-05-28"), "swapped", 0),
        ]
    );
}

#[test]
fn outcomes_are_checked_against_their_occurrence() {
    let p = plan(
        Template::EveryWeekend { handover: at18() },
        "2027-01-04",
        LONDON,
    );
    let o = &occurrences(&p, &[], d("2027-01-08"), d("2027-01-08")).unwrap()[0];
    let check = |kind| {
        Outcome {
            occurrence: o.id.clone(),
            kind,
            note: Some("waited at the gate".into()),
            entries: vec![12],
        }
        .validate(o)
        .unwrap_err()
        .to_string()
    };
    assert_eq!(
        check(OutcomeKind::Late { minutes: 2880 }),
        "minutes: 2880 minutes late is not less than the whole 2880 minutes; log it as missed"
    );
    assert_eq!(
        check(OutcomeKind::Short { minutes: 0 }),
        "minutes: say how many minutes short; 0 minutes is kept"
    );
    assert_eq!(
        check(OutcomeKind::Cancelled {
            by: Parent::Other,
            reason: " ".into()
        }),
        "reason: say why it was cancelled, in a few words"
    );
    let json = serde_json::to_value(Outcome {
        occurrence: o.id.clone(),
        kind: OutcomeKind::Cancelled {
            by: Parent::Other,
            reason: "ill".into(),
        },
        note: None,
        entries: vec![],
    })
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({"occurrence": "p1:2027-01-08", "outcome": "cancelled", "by": "other", "reason": "ill", "note": null, "entries": []})
    );
}
