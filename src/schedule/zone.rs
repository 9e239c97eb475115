//! Wall-clock times in an IANA zone: handovers are agreed in local time, so they are resolved
//! here, once, including the hour that does not exist in spring and the one that happens twice
//! in autumn.

use chrono::LocalResult;
use chrono::{
    DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone,
};
use chrono_tz::Tz;

use crate::error::{Error, Result};

pub(crate) const NOON: NaiveTime = match NaiveTime::from_hms_opt(12, 0, 0) {
    Some(noon) => noon,
    None => panic!("noon is a time of day"),
};

/// A date and time in UTC, as `rrule` wants it. Recurrences run on dates alone, counted at noon
/// UTC so a clock change can never move one; handovers are resolved in the plan's zone after.
pub(crate) fn day_in_utc(date: NaiveDate, time: NaiveTime) -> DateTime<rrule::Tz> {
    rrule::Tz::UTC.from_utc_datetime(&date.and_time(time))
}

/// Parses an IANA zone name such as `Europe/London`.
pub(crate) fn parse_zone(name: &str) -> Result<Tz> {
    name.trim().parse::<Tz>().map_err(|_| {
        Error::invalid(
            "zone",
            format!("{name:?} is not a known time zone; use an IANA name such as Europe/London"),
        )
    })
}

/// The instant a local date and time names in `tz`.
///
/// A time that happens twice (clocks go back) is the first of the two, the one a parent reading
/// the clock would reach first. A time that does not exist (clocks go forward) moves forward by
/// the length of the gap, so 01:30 on the UK's spring-forward night is 02:30 BST: the same
/// instant as 01:30 on the clock before it changed.
pub(crate) fn resolve(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<FixedOffset> {
    let local = NaiveDateTime::new(date, time);
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => at.fixed_offset(),
        LocalResult::Ambiguous(first, _) => first.fixed_offset(),
        LocalResult::None => {
            // Gaps are at most a few hours; the offset in force a day earlier is the one the
            // clock showed before it jumped.
            let before = tz
                .offset_from_utc_datetime(&(local - Duration::days(1)))
                .fix();
            let utc = local - Duration::seconds(i64::from(before.local_minus_utc()));
            tz.from_utc_datetime(&utc).fixed_offset()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn the_missing_hour_moves_forward_and_the_repeated_hour_takes_the_first() {
        let london = parse_zone("Europe/London").unwrap();
        // 2027-03-28: clocks go from 01:00 GMT to 02:00 BST.
        assert_eq!(
            resolve(london, d(2027, 3, 28), t(1, 30)).to_rfc3339(),
            "2027-03-28T02:30:00+01:00"
        );
        // 2027-10-31: 01:30 happens in BST, then again in GMT.
        assert_eq!(
            resolve(london, d(2027, 10, 31), t(1, 30)).to_rfc3339(),
            "2027-10-31T01:30:00+01:00"
        );
    }

    #[test]
    fn an_unknown_zone_is_one_sentence() {
        let err = parse_zone("Europe/Atlantis").unwrap_err().to_string();
        assert_eq!(
            err,
            "zone: \"Europe/Atlantis\" is not a known time zone; use an IANA name such as Europe/London"
        );
    }
}
