//! A plan that ends, holidays, swaps and cancellations, and the bad inputs.

use super::*;
use evenkeel::schedule::{ExceptionKind, HolidayEffect, TemplateName};
use evenkeel::Error;

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

#[test]
fn a_custom_rule_can_end_itself() {
    let custom = |rule: &str| {
        let mut p = plan(
            Template::Custom {
                rrule: rule.into(),
                handover: Handover::between((10, 0), (16, 0)),
                days: 0,
            },
            "2027-01-01",
            LONDON,
        );
        p.id = "c".into();
        p
    };
    let dates = |p: &Plan| -> Vec<String> {
        occurrences(p, &[], d("2027-01-01"), d("2027-12-31"))
            .unwrap()
            .into_iter()
            .map(|o| o.planned.to_string())
            .collect()
    };
    // Saturdays: 2, 9, 16 January 2027.
    assert_eq!(
        dates(&custom("FREQ=WEEKLY;BYDAY=SA;COUNT=3")),
        ["2027-01-02", "2027-01-09", "2027-01-16"]
    );
    assert_eq!(
        dates(&custom("FREQ=WEEKLY;BYDAY=SA;UNTIL=20270116T235959Z")),
        ["2027-01-02", "2027-01-09", "2027-01-16"]
    );
    // A date-only UNTIL (midnight, before the 10:00 handover) ends the day before; a
    // floating time is the plan's wall clock; a UTC one is converted to it first.
    assert_eq!(
        dates(&custom("FREQ=WEEKLY;BYDAY=SA;UNTIL=20270116")),
        ["2027-01-02", "2027-01-09"]
    );
    assert_eq!(
        dates(&custom("FREQ=WEEKLY;BYDAY=SA;UNTIL=20270116T100000")),
        ["2027-01-02", "2027-01-09", "2027-01-16"]
    );
    assert_eq!(
        dates(&custom("FREQ=WEEKLY;BYDAY=SA;UNTIL=20270116T095959Z")),
        ["2027-01-02", "2027-01-09"]
    );
    // In summer, 10:00 in London is 09:00 UTC.
    let mut p = custom("FREQ=WEEKLY;BYDAY=SA;UNTIL=20270717T090000Z");
    p.start = d("2027-07-01");
    assert_eq!(dates(&p), ["2027-07-03", "2027-07-10", "2027-07-17"]);
}
