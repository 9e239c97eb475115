//! Each template against January 2027 (1 January is a Friday) and a custom rule.

use super::*;
use chrono::Weekday;
use evenkeel::schedule::TemplateName;

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

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Each rotation gives this parent exactly 7 of every 14 days, in turns that never overlap,
    /// whatever day it starts on.
    #[test]
    fn rotations_share_the_fortnight_evenly(offset in 0i64..3000, which in 0usize..4) {
        let start = d("2026-01-01") + chrono::Duration::days(offset);
        let template = [
            Template::WeekOnWeekOff { handover: at18() },
            Template::TwoTwoThree { handover: at18() },
            Template::TwoTwoFiveFive { handover: at18() },
            Template::ThreeFourFourThree { handover: at18() },
        ][which].clone();
        let p = plan(template, &start.to_string(), LONDON);
        // Eight whole cycles.
        let last = start + chrono::Duration::days(8 * 14 - 1);
        let got = occurrences(&p, &[], start, last).unwrap();
        let days: i64 = got.iter().map(|o| (o.end.date_naive() - o.start.date_naive()).num_days()).sum();
        proptest::prop_assert_eq!(days, 8 * 7);
        for pair in got.windows(2) {
            proptest::prop_assert!(pair[0].end < pair[1].start, "{} overlaps {}", pair[0].id, pair[1].id);
        }
    }
}
