//! Clock changes in London and New York, and 29 February 2028.

use super::*;
use evenkeel::schedule::Handover;

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
