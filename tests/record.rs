//! The record across processes: the CLI beside an open app, a passphrase change that loses
//! nothing, attachments back out byte for byte, hashes recomputed outside Evenkeel, and a
//! writer killed while committing.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{draft, PASS};
use evenkeel::model::{Channel, Direction, MessageDraft};
use evenkeel::Journal;

fn evenkeel(journal: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_evenkeel"));
    cmd.args(args)
        .env("EVENKEEL_JOURNAL", journal)
        .env("EVENKEEL_PASSPHRASE", PASS)
        .env_remove("EVENKEEL_NEW_PASSPHRASE")
        .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn run(journal: &Path, args: &[&str], code: i32) -> (String, String) {
    let out = evenkeel(journal, args, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

fn new_journal() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.evenkeel");
    Journal::create(&path, PASS).unwrap();
    (dir, path)
}

#[test]
fn attachments_come_back_out_byte_for_byte() {
    let (dir, j) = new_journal();
    let mut journal = Journal::open(&j, PASS).unwrap();
    let id = journal.add(draft("Photo of the note")).unwrap();
    let photo: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let info = journal.attach(id, "note.jpg", &photo).unwrap();
    drop(journal);

    let out = dir.path().join("copy.jpg");
    let attachment = info.id.to_string();
    let (stdout, _) = run(
        &j,
        &[
            "attachment",
            "save",
            &attachment,
            "--out",
            out.to_str().unwrap(),
        ],
        0,
    );
    assert!(stdout.contains(&info.sha256), "{stdout}");
    assert_eq!(std::fs::read(&out).unwrap(), photo);

    // An existing file is kept unless --force says otherwise.
    std::fs::write(&out, b"keep me").unwrap();
    let (_, err) = run(
        &j,
        &[
            "attachment",
            "save",
            &attachment,
            "--out",
            out.to_str().unwrap(),
        ],
        2,
    );
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), b"keep me");
    run(
        &j,
        &[
            "attachment",
            "save",
            &attachment,
            "--out",
            out.to_str().unwrap(),
            "--force",
        ],
        0,
    );
    assert_eq!(std::fs::read(&out).unwrap(), photo);

    let (_, err) = run(&j, &["attachment", "save", "99", "--out", "x"], 2);
    assert!(err.contains("no attachment with id 99"), "{err}");
    let nowhere = dir.path().join("no such folder").join("x.jpg");
    let (_, err) = run(
        &j,
        &[
            "attachment",
            "save",
            &attachment,
            "--out",
            nowhere.to_str().unwrap(),
        ],
        4,
    );
    assert!(err.contains("cannot write"), "{err}");

    // Bytes changed behind the app's back: refused with exit 1, nothing written.
    let conn = common::raw_connection(&j);
    conn.execute_batch(
        "DROP TRIGGER attachments_are_append_only_u; UPDATE attachments SET data = x'ffd8ff00';",
    )
    .unwrap();
    drop(conn);
    let altered = dir.path().join("altered.jpg");
    let (_, err) = run(
        &j,
        &[
            "attachment",
            "save",
            &attachment,
            "--out",
            altered.to_str().unwrap(),
        ],
        1,
    );
    assert!(err.contains("no longer matches the hash"), "{err}");
    assert!(!altered.exists());
}

/// `history --json` gives the exact bytes that were hashed; coreutils' sha256sum (not our
/// code) recomputes each hash from them with the README's recipe.
#[test]
fn history_hashes_recompute_with_a_standard_tool() {
    let (_d, j) = new_journal();
    let mut journal = Journal::open(&j, PASS).unwrap();
    let mut d = draft("Handover — “calm”");
    d.body = "Line one\nLine two with a tab\tand é".into();
    let id = journal.add(d.clone()).unwrap();
    d.title = "Handover, edited".into();
    journal.edit(id, d).unwrap();
    journal.attach(id, "a.txt", b"hello").unwrap();
    drop(journal);

    let (stdout, _) = run(&j, &["history", &id.to_string(), "--json"], 0);
    let revisions: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(revisions.len(), 3);
    for r in &revisions {
        let preimage = format!(
            "evenkeel-revision-v1\n{}\n{}\n{}\n{}\n{}\n{}",
            r["entry_id"],
            r["seq"],
            r["action"].as_str().unwrap(),
            r["recorded_at"].as_str().unwrap(),
            r["prev_hash"].as_str().unwrap(),
            r["canonical_content"].as_str().unwrap()
        );
        let mut child = Command::new("sha256sum")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(preimage.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let digest = String::from_utf8(out.stdout).unwrap();
        assert_eq!(&digest[..64], r["hash"].as_str().unwrap(), "{r}");
    }
}

#[test]
fn editing_a_message_from_the_cli_keeps_its_channel_and_direction() {
    let (_d, j) = new_journal();
    let mut journal = Journal::open(&j, PASS).unwrap();
    let id = journal
        .save_message(
            &MessageDraft {
                direction: Direction::Sent,
                counterpart: "Alex".into(),
                channel: Some(Channel::Text),
                text: "Could we swap to Sunday this week?".into(),
                children: vec![],
            },
            "2026-07-14T10:02:30+01:00",
        )
        .unwrap();
    let before = journal.get(id).unwrap();
    drop(journal);
    run(&j, &["edit", &id.to_string(), "--tag", "swap"], 0);
    let after = Journal::open(&j, PASS).unwrap().get(id).unwrap();
    assert_eq!(after.draft.channel, Some(Channel::Text));
    assert_eq!(after.draft.message, before.draft.message);
    assert_eq!(after.draft.occurred_at, before.draft.occurred_at);
    assert_eq!(after.draft.tags, vec!["swap"]);
}

/// The app keeps its connection open; the CLI edits at the same time. Each waits for the
/// other's transaction instead of failing with "database is locked".
#[test]
fn the_cli_and_the_open_app_write_side_by_side() {
    let (_d, j) = new_journal();
    let mut app = Journal::open(&j, PASS).unwrap();
    let a = app.add(draft("edited by the app")).unwrap();
    let b = app.add(draft("edited by the CLI")).unwrap();
    let clis: Vec<_> = (0..4)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_evenkeel"))
                .args(["edit", &b.to_string(), "--body", &format!("cli {i}")])
                .env("EVENKEEL_JOURNAL", &j)
                .env("EVENKEEL_PASSPHRASE", PASS)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for i in 0..40 {
        let mut d = app.get(a).unwrap().draft;
        d.body = format!("app {i}");
        app.edit(a, d).unwrap();
    }
    for c in clis {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(app.get(a).unwrap().revisions, 41);
    assert_eq!(app.get(b).unwrap().revisions, 5);
    assert!(app.verify().unwrap().ok);
}

/// The desktop checks the current passphrase before a change with the journal open. Opening
/// and closing a second `Journal` in the same process would drop SQLite's POSIX locks for the
/// open one, and the next CLI to close would checkpoint the log away under it: the window then
/// stops seeing what the CLI wrote. `check_passphrase` must leave the open journal whole.
#[test]
fn checking_the_passphrase_beside_an_open_journal_keeps_it_seeing_other_writers() {
    let (d, j) = new_journal();
    let mut app = Journal::open(&j, PASS).unwrap();
    let id = app.add(draft("pineapple")).unwrap();
    assert!(app.get(id).unwrap().attachments.is_empty());
    assert!(matches!(
        app.check_passphrase("not the passphrase"),
        Err(evenkeel::Error::WrongPassphrase(_))
    ));
    app.check_passphrase(PASS).unwrap();
    // CLI processes, each closing the journal after it: as in the desktop's end-to-end test.
    run(&j, &["search", "pineapple"], 0);
    let photo = d.path().join("gate.png");
    std::fs::write(&photo, b"\x89PNG\r\n\x1a\nnot really").unwrap();
    run(&j, &["attach", &id.to_string(), photo.to_str().unwrap()], 0);
    assert_eq!(
        app.get(id).unwrap().attachments.len(),
        1,
        "the open journal sees the CLI's attachment"
    );
    app.add(draft("after")).unwrap();
    drop(app);
    let report = Journal::open(&j, PASS).unwrap().verify().unwrap();
    assert!(report.ok, "{:?}", report.problems);
}

/// `passwd` replaces the file: with the app's connection still open, the app's later writes
/// would go to the replaced file and be lost, so it refuses (exit 4) until the app closes.
#[test]
fn passwd_refuses_while_the_app_has_the_journal_open_and_then_loses_nothing() {
    let (_d, j) = new_journal();
    let mut app = Journal::open(&j, PASS).unwrap();
    app.add(draft("before")).unwrap();
    let new = [("EVENKEEL_NEW_PASSPHRASE", "a whole new passphrase")];
    let out = evenkeel(&j, &["passwd"], &new);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(
        err.contains("open in another Evenkeel window or command"),
        "{err}"
    );
    // The app goes on writing to the one journal there is.
    app.add(draft("after the refused change")).unwrap();
    let head = app.verify().unwrap().head;
    drop(app);

    let out = evenkeel(&j, &["passwd"], &new);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let journal = Journal::open(&j, "a whole new passphrase").unwrap();
    assert_eq!(journal.count().unwrap(), 2);
    let report = journal.verify().unwrap();
    assert!(report.ok);
    assert_eq!(report.head, head);
    drop(journal);
    let mut wal = j.clone().into_os_string();
    wal.push("-wal");
    // No log of the old file is left to be replayed into the new one.
    assert!(!Path::new(&wal).exists() || std::fs::metadata(&wal).unwrap().len() == 0);
}

/// Not a test on its own: the writer process `a_writer_killed_while_committing_loses_nothing`
/// starts and kills. It acknowledges each entry only after its commit has returned.
#[test]
#[ignore = "started by the crash test"]
fn crash_writer() {
    let path = std::env::var_os("EVENKEEL_CRASH_WRITER").expect("started by the crash test");
    let mut journal = Journal::open(Path::new(&path), PASS).unwrap();
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    for i in 0.. {
        let mut d = draft(&format!("entry {i}"));
        d.body = "word ".repeat(i % 500);
        let id = journal.add(d).unwrap();
        writeln!(out, "ack {id}").unwrap();
        out.flush().unwrap();
    }
}

/// A writer adding entries as fast as it can is SIGKILLed at random moments (nearly all of
/// its time is spent committing), many times over. Every entry it acknowledged must be there,
/// the journal must open, and the chain must verify.
#[test]
fn a_writer_killed_while_committing_loses_nothing() {
    let (_d, j) = new_journal();
    let mut seed: u64 = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut acknowledged: Vec<i64> = Vec::new();
    let mut unacknowledged_but_kept = 0;
    for _round in 0..20 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["crash_writer", "--exact", "--ignored", "--nocapture"])
            .env("EVENKEEL_CRASH_WRITER", &j)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        // Acknowledgements are read on a thread; the kill comes a random 20–220 ms after the
        // writer has opened the journal (key derivation done) and started adding.
        let (started, is_started) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut acks = Vec::new();
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if line == "ready" {
                    let _ = started.send(());
                } else if let Some(id) = line.strip_prefix("ack ") {
                    acks.push(id.trim().parse::<i64>().unwrap());
                }
            }
            acks
        });
        is_started
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the writer never started");
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = 20 + (seed >> 33) % 200;
        std::thread::sleep(std::time::Duration::from_millis(delay));
        child.kill().unwrap(); // SIGKILL: no chance to finish or clean up.
        child.wait().unwrap();
        let acks = reader.join().unwrap();
        acknowledged.extend(acks);

        let journal = Journal::open(&j, PASS).expect("the journal opens after a kill");
        for id in &acknowledged {
            journal
                .get(*id)
                .unwrap_or_else(|e| panic!("acknowledged entry {id} lost: {e}"));
        }
        let report = journal.verify().unwrap();
        assert!(report.ok, "{report:?}");
        unacknowledged_but_kept = journal.count().unwrap() - acknowledged.len() as i64;
    }
    assert!(
        acknowledged.len() > 20,
        "the writer should have committed many entries, got {}",
        acknowledged.len()
    );
    // At most one entry per kill was committed but not yet acknowledged: the kill came
    // between the commit and the acknowledgement. Never fewer than acknowledged.
    assert!((0..=20).contains(&unacknowledged_but_kept));
}
