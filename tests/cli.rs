//! The `evenkeel` command as users and scripts run it: output, exit codes, error sentences.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const PASS: &str = "correct horse battery staple";

fn evenkeel(journal: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_evenkeel"))
        .args(args)
        .env("EVENKEEL_JOURNAL", journal)
        .env("EVENKEEL_PASSPHRASE", PASS)
        .env_remove("EVENKEEL_NEW_PASSPHRASE")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn ok(journal: &Path, args: &[&str]) -> String {
    let out = evenkeel(journal, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(journal: &Path, args: &[&str], code: i32) -> String {
    let out = evenkeel(journal, args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert!(
        !err.contains("ERROR CORE"),
        "SQLCipher's own log leaked: {err}"
    );
    err
}

fn new_journal() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.evenkeel");
    ok(&path, &["init"]);
    (dir, path)
}

#[test]
fn add_list_show_edit_history_delete() {
    let (_d, j) = new_journal();
    let out = ok(
        &j,
        &[
            "add",
            "interaction",
            "--at",
            "2026-03-14T17:30:00+00:00",
            "--title",
            "Call with Sam",
            "--channel",
            "call",
            "--child",
            "Sam",
            "--tag",
            "school",
            "--body",
            "Talked about the trip",
            "--json",
        ],
    );
    let id = serde_json::from_str::<serde_json::Value>(&out).unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        ok(
            &j,
            &[
                "add",
                "note",
                "--at",
                "2026-03-15T09:00:00+00:00",
                "--title",
                "Note"
            ]
        )
        .trim(),
        "2"
    );

    let list: serde_json::Value = serde_json::from_str(&ok(&j, &["list", "--json"])).unwrap();
    let first = &list[1];
    for key in [
        "id",
        "kind",
        "occurred_at",
        "recorded_at",
        "title",
        "body",
        "tags",
        "children",
    ] {
        assert!(first.get(key).is_some(), "list --json lacks {key}: {first}");
    }
    assert_eq!(first["kind"], "interaction");
    assert_eq!(first["channel"], "call");
    assert_eq!(first["children"][0], "Sam");

    let filtered: serde_json::Value =
        serde_json::from_str(&ok(&j, &["list", "--kind", "note", "--json"])).unwrap();
    assert_eq!(filtered.as_array().unwrap().len(), 1);
    let dated: serde_json::Value = serde_json::from_str(&ok(
        &j,
        &[
            "list",
            "--from",
            "2026-03-15",
            "--to",
            "2026-03-15",
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(dated[0]["title"], "Note");
    let tagged: serde_json::Value =
        serde_json::from_str(&ok(&j, &["list", "--tag", "school", "--json"])).unwrap();
    assert_eq!(tagged[0]["id"], id);

    assert!(ok(&j, &["show", &id.to_string()]).contains("Talked about the trip"));
    ok(
        &j,
        &["edit", &id.to_string(), "--title", "Call with Sam (late)"],
    );
    let history: serde_json::Value =
        serde_json::from_str(&ok(&j, &["history", &id.to_string(), "--json"])).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert_eq!(history[1]["prev_hash"].as_str().unwrap().len(), 64);
    assert_eq!(history[0]["content"]["title"], "Call with Sam");

    let hits: serde_json::Value =
        serde_json::from_str(&ok(&j, &["search", "trip", "--json"])).unwrap();
    assert_eq!(hits[0]["entry"]["title"], "Call with Sam (late)");

    ok(&j, &["delete", &id.to_string()]);
    assert!(fails(&j, &["show", &id.to_string()], 2).contains("was deleted"));
    assert!(ok(&j, &["verify"]).contains("OK: all 4 revisions"));
}

#[test]
fn bad_input_exits_2_and_names_the_field() {
    let (_d, j) = new_journal();
    let err = fails(&j, &["add", "note", "--at", "yesterday", "--title", "x"], 2);
    assert!(
        err.contains("occurred_at") && err.contains("yesterday"),
        "{err}"
    );
    let err = fails(
        &j,
        &[
            "add",
            "argument",
            "--at",
            "2026-03-14T10:00:00Z",
            "--title",
            "x",
        ],
        2,
    );
    assert!(
        err.contains("kind") && err.contains("missed-contact"),
        "{err}"
    );
    let err = fails(
        &j,
        &[
            "add",
            "interaction",
            "--at",
            "2026-03-14T10:00:00Z",
            "--title",
            "x",
            "--channel",
            "pigeon",
        ],
        2,
    );
    assert!(err.contains("channel"), "{err}");
    assert!(fails(&j, &["add", "note", "--title", "x"], 2).contains("--at"));
    assert!(fails(&j, &["list", "--from", "March"], 2).contains("from"));
    assert!(fails(&j, &["show", "42"], 2).contains("no entry with id 42"));
    fails(&j, &["frobnicate"], 2);
    let err = fails(
        &j,
        &[
            "add",
            "mood",
            "--at",
            "2026-03-14T10:00:00Z",
            "--title",
            "x",
            "--mood",
            "9",
        ],
        2,
    );
    assert!(err.contains("mood"), "{err}");
}

#[test]
fn a_body_over_one_megabyte_read_from_stdin_is_refused() {
    let (_d, j) = new_journal();
    let mut child = Command::new(env!("CARGO_BIN_EXE_evenkeel"))
        .args([
            "add",
            "note",
            "--at",
            "2026-03-14T10:00:00Z",
            "--title",
            "long",
            "--body",
            "-",
        ])
        .env("EVENKEEL_JOURNAL", &j)
        .env("EVENKEEL_PASSPHRASE", PASS)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        let _ = stdin.write_all(&vec![b'a'; 2 * 1024 * 1024]);
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("body is too large"));
}

#[test]
fn wrong_passphrase_and_non_journals_exit_3() {
    let (dir, j) = new_journal();
    let out = Command::new(env!("CARGO_BIN_EXE_evenkeel"))
        .args(["list"])
        .env("EVENKEEL_JOURNAL", &j)
        .env("EVENKEEL_PASSPHRASE", "wrong passphrase")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one clear sentence, got: {err}");
    assert!(err.contains("passphrase is wrong"));

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "just some notes, long enough to look like a file").unwrap();
    fails(&text, &["list"], 3);
    let missing = dir.path().join("nothing-here.evenkeel");
    assert!(fails(&missing, &["list"], 2).contains("evenkeel init"));
    assert!(fails(&j, &["init"], 2).contains("already exists"));
}

#[test]
fn verify_exits_1_on_a_tampered_journal() {
    let (_d, j) = new_journal();
    ok(
        &j,
        &[
            "add",
            "note",
            "--at",
            "2026-03-14T10:00:00Z",
            "--title",
            "The truth",
        ],
    );
    ok(
        &j,
        &[
            "add",
            "note",
            "--at",
            "2026-03-15T10:00:00Z",
            "--title",
            "More truth",
        ],
    );
    evenkeel::journal::init_crypto();
    let conn = rusqlite::Connection::open(&j).unwrap();
    conn.pragma_update(None, "key", PASS).unwrap();
    conn.execute_batch(
        "DROP TRIGGER revisions_are_append_only_u;
         UPDATE revisions SET content = replace(content, 'The truth', 'A fiction') WHERE id = 1;",
    )
    .unwrap();
    drop(conn);
    let out = evenkeel(&j, &["verify"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("BROKEN: revision 1 of entry 1"), "{text}");
    let report: serde_json::Value =
        serde_json::from_slice(&evenkeel(&j, &["verify", "--json"]).stdout).unwrap();
    assert_eq!(report["first_bad"]["entry_id"], 1);
}

#[test]
fn attach_refuses_missing_files_and_stores_real_ones() {
    let (dir, j) = new_journal();
    ok(
        &j,
        &[
            "add",
            "incident",
            "--at",
            "2026-03-14T10:00:00Z",
            "--title",
            "Message received",
        ],
    );
    let shot = dir.path().join("shot.jpg");
    std::fs::write(&shot, b"\xff\xd8\xff\xe0 jpeg-ish").unwrap();
    let info: serde_json::Value =
        serde_json::from_str(&ok(&j, &["attach", "1", shot.to_str().unwrap(), "--json"])).unwrap();
    assert_eq!(info["media_type"], "image/jpeg");
    assert!(fails(&j, &["attach", "1", "/no/such/file.png"], 2).contains("/no/such/file.png"));
}

#[test]
fn passwd_rekeys_and_the_old_passphrase_stops_working() {
    let (_d, j) = new_journal();
    ok(
        &j,
        &[
            "add",
            "note",
            "--at",
            "2026-03-14T10:00:00Z",
            "--title",
            "kept",
        ],
    );
    let out = Command::new(env!("CARGO_BIN_EXE_evenkeel"))
        .args(["passwd"])
        .env("EVENKEEL_JOURNAL", &j)
        .env("EVENKEEL_PASSPHRASE", PASS)
        .env("EVENKEEL_NEW_PASSPHRASE", "another long passphrase")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    fails(&j, &["list"], 3);
    let out = Command::new(env!("CARGO_BIN_EXE_evenkeel"))
        .args(["list", "--json"])
        .env("EVENKEEL_JOURNAL", &j)
        .env("EVENKEEL_PASSPHRASE", "another long passphrase")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("kept"));
}

fn tone_cmd(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_evenkeel"))
        .args(args)
        .env_remove("EVENKEEL_PASSPHRASE")
        .env("EVENKEEL_JOURNAL", "/nonexistent/never-opened.evenkeel")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

#[test]
fn check_reports_without_a_journal_and_exits_0_whatever_the_verdict() {
    let out = tone_cmd(&["check", "--json"], b"You ALWAYS do this, you idiot.");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["verdict"], "hostile");
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["category"] == "insult"));
    for key in ["score", "biff", "rewrite"] {
        assert!(report.get(key).is_some(), "no {key}");
    }
    let human = String::from_utf8(tone_cmd(&["check"], b"Hi, 10am Saturday works. Thanks.").stdout)
        .unwrap();
    assert!(human.starts_with("Calm"), "{human}");
}

#[test]
fn check_lines_gives_one_report_per_line() {
    let out = tone_cmd(
        &["check", "--lines", "-", "--json"],
        b"you moron\nsee you at 5, thanks\n\n",
    );
    assert_eq!(out.status.code(), Some(0));
    let verdicts: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["verdict"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(verdicts, ["hostile", "calm", "calm"]);
}

#[test]
fn check_refuses_oversize_and_unreadable_input_with_exit_2() {
    let out = tone_cmd(&["check"], &vec![b'a'; 100 * 1024 + 1]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too large"));
    let out = tone_cmd(&["check"], &[0xff, 0xfe, 0x00, 0x80]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
    assert_eq!(
        tone_cmd(&["check", "/no/such/draft.txt"], b"")
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn decode_lists_requests_and_sets_hostility_aside() {
    let out = tone_cmd(
        &["decode", "--json"],
        b"You are useless. Can you bring her coat on Friday at 5pm?",
    );
    assert_eq!(out.status.code(), Some(0));
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["requests"][0], "Can you bring her coat on Friday at 5pm?");
    assert_eq!(d["set_aside"][0], "You are useless.");
}

#[test]
fn eval_decides_per_file_whose_messages_it_holds_and_can_be_told() {
    let dir = tempfile::tempdir().unwrap();
    let j = dir.path().join("none.evenkeel");
    // Messages between separated parents, and messages that are nobody's to a co-parent: reviews
    // and game chat. Written here, not taken from any training set.
    let parents = dir.path().join("parents.tsv");
    std::fs::write(
        &parents,
        "label\ttext\n\
         0\tCould you have Ellie ready at 10am on Saturday? She has swimming after lunch.\n\
         1\tOne more late drop-off and my solicitor will be writing to you.\n\
         0\tThe school says the trip to the farm is on Thursday, I've paid our half.\n\
         1\tHe cried for an hour after you cancelled again. Hope the pub was worth it.\n",
    )
    .unwrap();
    let others = dir.path().join("others.tsv");
    std::fs::write(
        &others,
        "label\ttext\n\
         0\tthe graphics card runs hot but the fans are quiet\n\
         1\tthis referee is a blind clown lmao\n\
         0\tdoes anyone know when the next patch drops\n\
         0\tthe hotel breakfast was decent, rooms a bit small\n",
    )
    .unwrap();
    let out = ok(
        &j,
        &[
            "eval",
            "--json",
            parents.to_str().unwrap(),
            others.to_str().unwrap(),
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["audience"], "co-parents", "{v}");
    assert_eq!(v[1]["audience"], "anyone", "{v}");
    assert!(v[0]["coparenting_likelihood"].as_f64().unwrap() > 0.5);
    assert!(v[1]["coparenting_likelihood"].as_f64().unwrap() < 0.5);
    assert_eq!(v[0]["labels"]["messages"], 4);
    // Told, it reads as told, and says so in words.
    let text = ok(
        &j,
        &["eval", "--audience", "co-parents", others.to_str().unwrap()],
    );
    assert!(
        text.contains("read as messages between separated parents"),
        "{text}"
    );
    let err = fails(
        &j,
        &["eval", "--audience", "martians", parents.to_str().unwrap()],
        2,
    );
    assert!(err.contains("martians"), "{err}");
}
