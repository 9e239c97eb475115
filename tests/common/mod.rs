//! Helpers shared by the integration tests: temporary journals and ready-made drafts.
#![allow(dead_code)]

pub mod schedule;

use std::path::PathBuf;

use evenkeel::model::{Channel, EntryDraft, EntryKind};
use evenkeel::Journal;

pub const PASS: &str = "correct horse battery staple";

pub struct TempJournal {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempJournal {
    pub fn new() -> TempJournal {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.evenkeel");
        TempJournal { dir, path }
    }

    pub fn create(&self) -> Journal {
        Journal::create(&self.path, PASS).unwrap()
    }

    pub fn open(&self) -> Journal {
        Journal::open(&self.path, PASS).unwrap()
    }
}

pub fn draft(title: &str) -> EntryDraft {
    EntryDraft {
        kind: EntryKind::Interaction,
        occurred_at: "2026-03-14T17:30:00+00:00".into(),
        title: title.into(),
        body: String::new(),
        channel: Some(Channel::Call),
        legal_step: None,
        mood: None,
        message: None,
        schedule: None,
        children: vec!["Sam".into()],
        people: vec![],
        tags: vec![],
        location: None,
        private: false,
    }
}

/// A plain (unencrypted) handle on the same file, for tests that play the attacker.
pub fn raw_connection(path: &std::path::Path) -> rusqlite::Connection {
    evenkeel::journal::init_crypto();
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "key", PASS).unwrap();
    conn
}

/// The `evenkeel` command on `journal`, with the test passphrase, no standard input and the
/// machine's zone set to `tz` (a foreign one: nothing may lean on the machine's).
pub fn evenkeel_cli(journal: &std::path::Path, args: &[&str], tz: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_evenkeel"))
        .args(args)
        .env("EVENKEEL_JOURNAL", journal)
        .env("EVENKEEL_PASSPHRASE", PASS)
        .env_remove("EVENKEEL_NEW_PASSPHRASE")
        .env("TZ", tz)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// Every message entry of the journal, oldest first.
pub fn messages(journal: &std::path::Path) -> Vec<evenkeel::model::Entry> {
    let j = Journal::open(journal, PASS).unwrap();
    let mut all = j
        .list(&evenkeel::model::Filter {
            kind: Some(EntryKind::Message),
            limit: Some(10_000),
            ..evenkeel::model::Filter::default()
        })
        .unwrap();
    all.reverse();
    all
}
