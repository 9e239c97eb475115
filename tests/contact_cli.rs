//! The contact record through the command line and calendar files: plans, logging, the
//! compliance report, bad input, .ics out and in, mood check-ins linked to contacts. Run in a
//! foreign zone (Asia/Kolkata): nothing may lean on the machine's.

mod common;

use std::path::Path;
use std::process::Output;

use common::schedule::{d, ids, outcome, weekends};
use common::{TempJournal, PASS};
use evenkeel::schedule::{ExceptionKind, OutcomeKind};
use evenkeel::Journal;
use serde_json::Value;

fn cli(journal: &Path, args: &[&str]) -> Output {
    common::evenkeel_cli(journal, args, "Asia/Kolkata")
}
fn ok(journal: &Path, args: &[&str]) -> String {
    let out = cli(journal, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn refused(journal: &Path, args: &[&str]) -> String {
    let out = cli(journal, args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn the_cli_plans_logs_and_reports_as_documented() {
    let t = TempJournal::new();
    drop(t.create());
    let j = t.path.as_path();
    let id = ok(
        j,
        &[
            "schedule",
            "add",
            "--child",
            "Sam",
            "--template",
            "alternate-weekends",
            "--start",
            "2027-01-08",
            "--handover",
            "18:00",
            "--tz",
            "Europe/London",
            "--place",
            "the library car park",
        ],
    )
    .trim()
    .to_string();
    assert!(id.parse::<i64>().is_ok(), "prints the plan id: {id}");
    let list = ok(j, &["schedule", "list"]);
    assert!(
        list.contains("Sam spends time with me, alternate weekends, from 8 January 2027"),
        "{list}"
    );

    let shown: Value = serde_json::from_str(&ok(
        j,
        &[
            "schedule",
            "show",
            "--from",
            "2027-01-01",
            "--to",
            "2027-01-31",
            "--json",
        ],
    ))
    .unwrap();
    let first = &shown[0];
    assert_eq!(first["id"], format!("{id}:2027-01-08"));
    assert_eq!(first["plan"], id);
    assert_eq!(first["child"], "Sam");
    assert_eq!(first["start"], "2027-01-08T18:00:00Z");
    assert_eq!(first["end"], "2027-01-10T18:00:00Z");
    assert_eq!(first["outcome"], Value::Null);

    let logged = ok(
        j,
        &[
            "schedule",
            "log",
            &format!("{id}:2027-01-22"),
            "--outcome",
            "missed",
            "--note",
            "No answer at the door",
        ],
    );
    assert!(
        logged.contains("Missed contact: Sam, Friday 22 January 2027 at 18:00"),
        "{logged}"
    );
    ok(
        j,
        &[
            "schedule",
            "log",
            &format!("{id}:2027-01-08"),
            "--outcome",
            "late",
            "--minutes",
            "30",
        ],
    );
    let missed: Value =
        serde_json::from_str(&ok(j, &["list", "--kind", "missed-contact", "--json"])).unwrap();
    assert_eq!(missed.as_array().unwrap().len(), 1);

    let report: Value = serde_json::from_str(&ok(
        j,
        &[
            "report",
            "compliance",
            "--from",
            "2027-01-01",
            "--to",
            "2027-01-31",
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(report["planned"], 2);
    assert_eq!(report["late"], 1);
    assert_eq!(report["missed"], 1);
    assert_eq!(report["cancelled_by_me"], 0);
    assert_eq!(report["cancelled_by_other"], 0);
    assert_eq!(report["unlogged"], 0);
    // 48 planned hours each weekend; the late start lost half an hour, the missed one all.
    assert_eq!(report["me"]["planned_hours"], 96.0);
    assert_eq!(report["me"]["actual_hours"], 47.5);
    assert_eq!(report["me"]["planned_overnights"], 4);
    assert_eq!(report["children"][0]["child"], "Sam");

    ok(j, &["schedule", "end", &id, "--on", "2027-01-31"]);
    let later: Value = serde_json::from_str(&ok(
        j,
        &[
            "schedule",
            "show",
            "--from",
            "2027-02-01",
            "--to",
            "2027-03-31",
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(later, Value::Array(vec![]));
    assert!(ok(j, &["verify"]).starts_with("OK"));
}

#[test]
fn bad_plans_exit_2_name_the_problem_and_write_nothing() {
    let t = TempJournal::new();
    drop(t.create());
    let j = t.path.as_path();
    let base = ["schedule", "add", "--child", "Sam", "--start", "2027-01-08"];
    let with = |extra: &[&str]| -> Vec<String> {
        base.iter().chain(extra).map(|s| s.to_string()).collect()
    };
    let cases: [(&[&str], &str); 5] = [
        (&["--template", "fortnightly"], "template"),
        (
            &["--template", "alternate-weekends", "--until", "2026-12-31"],
            "until: the plan ends on 2026-12-31, before it starts on 2027-01-08",
        ),
        (
            &["--template", "custom", "--rrule", "FREQ=SOMETIMES"],
            "rrule:",
        ),
        (
            &[
                "--template",
                "alternate-weekends",
                "--tz",
                "Europe/Atlantis",
            ],
            "zone: \"Europe/Atlantis\" is not a known time zone",
        ),
        (
            &["--template", "alternate-weekends", "--handover", "25:00"],
            "handover:",
        ),
    ];
    for (extra, expected) in cases {
        let args = with(extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = refused(j, &args);
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "one sentence: {err}");
    }
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ics");
    std::fs::write(&broken, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:no end").unwrap();
    let err = refused(j, &["ics", "import", broken.to_str().unwrap()]);
    assert!(err.starts_with("evenkeel: ics: "), "{err}");
    let photo = dir.path().join("photo.ics");
    std::fs::write(&photo, [0xff, 0xd8, 0xff, 0xe0, 0, 16]).unwrap();
    let err = refused(j, &["ics", "import", photo.to_str().unwrap()]);
    assert!(err.contains("not a text calendar file"), "{err}");
    assert_eq!(ok(j, &["list", "--json"]).trim(), "[]");
}

#[test]
fn calendars_go_out_with_stable_uids_and_come_back_in() {
    let t = TempJournal::new();
    let mut journal = t.create();
    let plan = journal
        .add_plan(weekends("2027-01-08").to_plan("").unwrap(), "")
        .unwrap();
    journal
        .log_outcome(outcome(
            &format!("{}:2027-01-22", plan.id),
            OutcomeKind::Missed,
            None,
        ))
        .unwrap();
    drop(journal);
    let j = t.path.as_path();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("contact.ics");
    let out_s = out.to_str().unwrap();
    let said = ok(
        j,
        &[
            "ics",
            "export",
            "--out",
            out_s,
            "--from",
            "2027-01-01",
            "--to",
            "2027-02-28",
        ],
    );
    assert!(said.starts_with("Wrote 4 planned contacts"), "{said}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.contains(&format!("UID:{}:2027-01-08@evenkeel", plan.id)));
    assert!(text.contains("DTSTART:20270108T180000Z"));
    assert!(
        text.contains("STATUS:CANCELLED"),
        "the missed weekend is marked"
    );
    // Exporting again over it needs --force; the UIDs stay the same.
    assert_eq!(
        cli(j, &["ics", "export", "--out", out_s]).status.code(),
        Some(2)
    );
    ok(
        j,
        &[
            "ics",
            "export",
            "--out",
            out_s,
            "--from",
            "2027-01-01",
            "--to",
            "2027-02-28",
            "--force",
        ],
    );
    let again = std::fs::read_to_string(&out).unwrap();
    let uids = |t: &str| {
        t.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&text), uids(&again));

    // Round trip: read back as schedule notes, the events land at the planned times.
    let events = evenkeel::schedule::ics::parse(&again, chrono_tz::Asia::Kolkata).unwrap();
    let starts: Vec<String> = events.iter().map(|e| e.start.to_rfc3339()).collect();
    assert_eq!(starts[0], "2027-01-08T23:30:00+05:30");
    ok(j, &["ics", "import", out_s, "--as", "notes"]);
    let notes: Value =
        serde_json::from_str(&ok(j, &["list", "--kind", "schedule-note", "--json"])).unwrap();
    assert_eq!(notes.as_array().unwrap().len(), 4);
    assert!(ok(j, &["verify"]).starts_with("OK"));
}

#[test]
fn term_dates_from_calendar_apps_pause_the_plans() {
    let t = TempJournal::new();
    let mut journal = t.create();
    let plan = journal
        .add_plan(weekends("2027-01-08").to_plan("").unwrap(), "")
        .unwrap();
    drop(journal);
    let j = t.path.as_path();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ics");
    let google = fixtures.join("google-term-dates.ics");
    let said = ok(
        j,
        &[
            "ics",
            "import",
            google.to_str().unwrap(),
            "--tz",
            "Europe/London",
        ],
    );
    assert!(said.starts_with("Imported 3 events"), "{said}");
    let journal = Journal::open(&t.path, PASS).unwrap();
    let holidays: Vec<(String, String, String)> = journal
        .exceptions()
        .unwrap()
        .into_iter()
        .map(|e| match e.kind {
            ExceptionKind::Holiday { from, to, .. } => (e.label, from.to_string(), to.to_string()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        holidays,
        vec![
            (
                "INSET day (school closed)".into(),
                "2027-01-08".into(),
                "2027-01-08".into()
            ),
            (
                "Spring half term".into(),
                "2027-02-15".into(),
                "2027-02-19".into()
            ),
            (
                "Easter holidays".into(),
                "2027-03-29".into(),
                "2027-04-09".into()
            ),
        ]
    );
    // The weekend starting on the INSET day is paused; so is the one in the Easter holidays.
    let left = ids(&journal, "2027-01-01", "2027-04-30");
    let p = &plan.id;
    assert!(!left.contains(&format!("{p}:2027-01-08")));
    assert!(!left.contains(&format!("{p}:2027-04-02")));
    assert!(left.contains(&format!("{p}:2027-01-22")));
    drop(journal);

    // Thunderbird: a zone, a folded summary with escaped commas, a repeating event.
    let tb = fixtures.join("thunderbird-events.ics");
    let said = ok(j, &["ics", "import", tb.to_str().unwrap(), "--as", "notes"]);
    assert!(said.contains("1 of them repeat"), "{said}");
    let events =
        evenkeel::schedule::ics::parse(&std::fs::read_to_string(&tb).unwrap(), chrono_tz::UTC)
            .unwrap();
    assert_eq!(
        events[1].summary,
        "Mediation session, family mediation service (bring the parenting plan draft)"
    );
    assert_eq!(events[1].start.to_rfc3339(), "2027-04-06T14:30:00+01:00");
    assert_eq!(
        events[1].location.as_deref(),
        Some("12 High Street, Room 3")
    );

    // Outlook's Windows zone name is read as the zone it means, whatever the computer's.
    let outlook = fixtures.join("outlook-hearing.ics");
    let events = evenkeel::schedule::ics::parse(
        &std::fs::read_to_string(&outlook).unwrap(),
        chrono_tz::Asia::Kolkata,
    )
    .unwrap();
    assert_eq!(events[0].start.to_rfc3339(), "2027-05-20T10:00:00+01:00");
    assert_eq!(events[0].summary, "Child arrangements hearing");
}

#[test]
fn mood_check_ins_linked_to_contacts_show_in_the_trends() {
    let t = TempJournal::new();
    let mut journal = t.create();
    let plan = journal
        .add_plan(weekends("2027-01-08").to_plan("").unwrap(), "")
        .unwrap();
    journal
        .log_outcome(outcome(
            &format!("{}:2027-01-08", plan.id),
            OutcomeKind::Kept,
            None,
        ))
        .unwrap();
    journal
        .log_outcome(outcome(
            &format!("{}:2027-01-22", plan.id),
            OutcomeKind::Missed,
            None,
        ))
        .unwrap();
    drop(journal);
    let j = t.path.as_path();
    let check_in = |at: &str, mood: &str, before: &str, after: &str, contact: &str| {
        ok(
            j,
            &[
                "add",
                "mood",
                "--at",
                at,
                "--title",
                "After the handover",
                "--mood",
                mood,
                "--child-before",
                before,
                "--child-after",
                after,
                "--contact",
                contact,
                "--private",
            ],
        );
    };
    check_in(
        "2027-01-10T19:00:00+00:00",
        "4",
        "3",
        "5",
        &format!("{}:2027-01-08", plan.id),
    );
    check_in(
        "2027-01-23T09:00:00+00:00",
        "1",
        "4",
        "2",
        &format!("{}:2027-01-22", plan.id),
    );
    let err = refused(
        j,
        &[
            "add",
            "mood",
            "--at",
            "2027-01-24T09:00:00Z",
            "--title",
            "x",
            "--mood",
            "3",
            "--child-after",
            "9",
        ],
    );
    assert!(
        err.contains("child_after: 9 is not a mood from 1 to 5"),
        "{err}"
    );

    let journal = Journal::open(&t.path, PASS).unwrap();
    let trends = journal
        .mood_trends(d("2027-01-01"), d("2027-01-31"))
        .unwrap();
    let weeks: Vec<(String, f64)> = trends
        .weeks
        .iter()
        .map(|w| (w.week.to_string(), w.average))
        .collect();
    assert_eq!(
        weeks,
        vec![("2027-01-04".into(), 4.0), ("2027-01-18".into(), 1.0)]
    );
    let around: Vec<(&str, Option<f64>, Option<f64>)> = trends
        .around_contact
        .iter()
        .map(|a| (a.contact.as_str(), a.parent_average, a.child_after_average))
        .collect();
    assert_eq!(
        around,
        vec![
            ("happened", Some(4.0), Some(5.0)),
            ("did-not-happen", Some(1.0), Some(2.0))
        ]
    );
}
