//! Which way round a chat export writes its dates. WhatsApp writes the phone's locale: 03/04/2024
//! is 3 April in the UK and 4 March in the US, and the file does not say which. The order is decided
//! once over the whole file, from evidence, and when the evidence cannot decide, the user is asked.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

#[derive(Serialize, Deserialize, TS, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    Dmy,
    Mdy,
    Ymd,
}

impl DateOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
            DateOrder::Ymd => "ymd",
        }
    }

    /// The date three numbers name in this order; two-digit years are this century's.
    pub fn date(self, [a, b, c]: [u32; 3]) -> Option<NaiveDate> {
        let (y, m, d) = match self {
            DateOrder::Dmy => (c, b, a),
            DateOrder::Mdy => (c, a, b),
            DateOrder::Ymd => (a, b, c),
        };
        let y = if y < 100 { 2000 + y } else { y };
        NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
    }
}

impl fmt::Display for DateOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DateOrder {
    type Err = Error;
    fn from_str(s: &str) -> Result<DateOrder> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dmy" => Ok(DateOrder::Dmy),
            "mdy" => Ok(DateOrder::Mdy),
            "ymd" => Ok(DateOrder::Ymd),
            other => Err(Error::invalid(
                "date-order",
                format!("{other:?} is not a date order; use dmy, mdy or ymd"),
            )),
        }
    }
}

/// How the order was decided, for the record and for the user.
#[derive(Serialize, Deserialize, TS, Clone, Debug, PartialEq, Eq)]
pub struct DateReading {
    pub order: DateOrder,
    /// Why: "a first number above 12 (25/12/2024)", "chosen by the user", …
    pub reason: String,
}

/// Decides the order of the dates in `dates` (each as its three numbers, in file order).
/// `ambiguous` names the file for the question asked when nothing decides.
pub fn infer(dates: &[[u32; 3]], file: &str) -> Result<DateReading> {
    let Some(first) = dates.first() else {
        return Err(Error::invalid(
            "file",
            format!("{file} has no dated messages"),
        ));
    };
    let show = |d: &[u32; 3]| format!("{}/{}/{}", d[0], d[1], d[2]);
    if first[0] >= 1000 {
        return Ok(DateReading {
            order: DateOrder::Ymd,
            reason: format!("the year comes first ({})", show(first)),
        });
    }
    let day_first = dates.iter().find(|d| d[0] > 12);
    let month_first = dates.iter().find(|d| d[1] > 12);
    match (day_first, month_first) {
        (Some(a), Some(b)) => {
            return Err(Error::invalid(
                "date-order",
                format!(
                    "the dates in {file} disagree ({} reads only day-first, {} only month-first); say which with --date-order dmy or --date-order mdy",
                    show(a),
                    show(b)
                ),
            ))
        }
        (Some(a), None) => {
            return Ok(DateReading {
                order: DateOrder::Dmy,
                reason: format!("a first number above 12 ({})", show(a)),
            })
        }
        (None, Some(b)) => {
            return Ok(DateReading {
                order: DateOrder::Mdy,
                reason: format!("a second number above 12 ({})", show(b)),
            })
        }
        (None, None) => {}
    }
    // Every number is 12 or less. In a chat read in order, the day changes more often than
    // the month, and within one year the month never goes down.
    let (mut first_changes, mut second_changes) = (0u32, 0u32);
    let (mut first_down, mut second_down) = (false, false);
    for pair in dates.windows(2) {
        let (p, q) = (pair[0], pair[1]);
        if p == q {
            continue;
        }
        if p[0] != q[0] {
            first_changes += 1;
        }
        if p[1] != q[1] {
            second_changes += 1;
        }
        if p[2] == q[2] {
            // Within a year: the field that went down cannot be the month... unless the other
            // went up with it (a new month, the day back to 1).
            if q[0] < p[0] && q[1] == p[1] {
                first_down = true;
            }
            if q[1] < p[1] && q[0] == p[0] {
                second_down = true;
            }
        }
    }
    let decided = match (first_down, second_down) {
        (true, false) => Some((
            DateOrder::Dmy,
            "the second number never goes down within a year",
        )),
        (false, true) => Some((
            DateOrder::Mdy,
            "the first number never goes down within a year",
        )),
        _ if first_changes >= 3 && first_changes >= 2 * second_changes.max(1) => Some((
            DateOrder::Dmy,
            "the first number changes far more often, as days do",
        )),
        _ if second_changes >= 3 && second_changes >= 2 * first_changes.max(1) => Some((
            DateOrder::Mdy,
            "the second number changes far more often, as days do",
        )),
        _ => None,
    };
    match decided {
        Some((order, reason)) => Ok(DateReading {
            order,
            reason: reason.to_string(),
        }),
        None => Err(Error::invalid(
            "date-order",
            format!(
                "the dates in {file} can be read day-first or month-first ({} could be {} or {}); say which with --date-order dmy or --date-order mdy",
                show(first),
                DateOrder::Dmy
                    .date(*first)
                    .map(|d| d.format("%-d %B %Y").to_string())
                    .unwrap_or_default(),
                DateOrder::Mdy
                    .date(*first)
                    .map(|d| d.format("%-d %B %Y").to_string())
                    .unwrap_or_default(),
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_above_twelve_decides() {
        let r = infer(&[[3, 4, 24], [25, 12, 24]], "chat.txt").unwrap();
        assert_eq!(r.order, DateOrder::Dmy);
        assert_eq!(r.reason, "a first number above 12 (25/12/24)");
        assert_eq!(
            infer(&[[3, 4, 24], [12, 25, 24]], "chat.txt")
                .unwrap()
                .order,
            DateOrder::Mdy
        );
        assert_eq!(
            infer(&[[2024, 3, 4]], "chat.txt").unwrap().order,
            DateOrder::Ymd
        );
    }

    #[test]
    fn days_change_more_often_than_months() {
        // 1–9 March, day-first: only the first number moves.
        let dates: Vec<[u32; 3]> = (1..=9).map(|d| [d, 3, 24]).collect();
        assert_eq!(infer(&dates, "c").unwrap().order, DateOrder::Dmy);
        let dates: Vec<[u32; 3]> = (1..=9).map(|d| [3, d, 24]).collect();
        assert_eq!(infer(&dates, "c").unwrap().order, DateOrder::Mdy);
    }

    #[test]
    fn too_little_evidence_asks_with_both_readings() {
        let e = infer(&[[3, 4, 24], [3, 4, 24]], "chat.txt").unwrap_err();
        assert_eq!(
            e.to_string(),
            "date-order: the dates in chat.txt can be read day-first or month-first (3/4/24 could be 3 April 2024 or 4 March 2024); say which with --date-order dmy or --date-order mdy"
        );
    }

    #[test]
    fn contradictory_dates_are_refused() {
        let e = infer(&[[25, 1, 24], [1, 25, 24]], "chat.txt").unwrap_err();
        assert!(e.to_string().contains("disagree"), "{e}");
    }
}
