//! Import benchmark: a generated 40,000-message WhatsApp export (two people, three years, some
//! messages over several lines) parsed and stored in a fresh journal, each message read by the
//! checker (the target: under 10 s). Run: `cargo bench --bench import` (median in
//! `target/criterion/import/*/new/estimates.json`).

use std::fmt::Write;

use criterion::{criterion_group, criterion_main, Criterion};
use evenkeel::import::whatsapp;
use evenkeel::journal::{Participants, SourceFile};
use evenkeel::Journal;

const MESSAGES: usize = 40_000;

/// Everyday co-parenting lines, some calm and some not, so the checker does real work.
const LINES: &[&str] = &[
    "Can you have Sam on Friday instead of Saturday? Work has changed.",
    "Yes, Friday works. I will collect from school at 15:30.",
    "You always do this. Every single time you let him down.",
    "He has a dentist appointment on the 23rd at 16:15, can you take him?",
    "Fine.",
    "Please send the school trip form back by Wednesday.",
    "I'm not discussing this again. Talk to my solicitor.",
    "Thanks for dropping his coat round, he was pleased.",
    "Don't bother coming to parents' evening.\nYou've embarrassed her enough already.",
    "Running 10 minutes late, stuck in traffic on the ring road.",
];

fn chat() -> String {
    let mut out = String::with_capacity(MESSAGES * 80);
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    for i in 0..MESSAGES {
        // About 36 messages a day, minutes apart, through the day.
        let day = start + chrono::Duration::days((i / 36) as i64);
        let minute = 7 * 60 + (i % 36) * 25;
        let who = if i % 2 == 0 { "Dana" } else { "Chris" };
        let _ = writeln!(
            out,
            "{}, {:02}:{:02} - {who}: {}",
            day.format("%d/%m/%Y"),
            minute / 60,
            minute % 60,
            LINES[(i * 7) % LINES.len()]
        );
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = chat();
    let zone: chrono_tz::Tz = "Europe/London".parse().unwrap();
    let who = Participants {
        me: "Chris".into(),
        other: "Dana".into(),
    };
    let file = SourceFile {
        name: "WhatsApp Chat with Dana.txt".into(),
        sha256: "0".repeat(64),
    };
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(60));
    group.bench_function("parse 40k-message WhatsApp export", |b| {
        b.iter(|| whatsapp::parse(&text, "chat.txt", None, zone).unwrap())
    });
    group.bench_function("parse, read and store 40k messages", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("j.evenkeel");
                let journal = Journal::create(&path, "correct horse battery staple").unwrap();
                (dir, journal)
            },
            |(dir, mut journal)| {
                let chat = whatsapp::parse(&text, "chat.txt", None, zone).unwrap();
                let summary = journal
                    .import_chat(&chat, &who, &file, evenkeel::journal::ImportRun::default())
                    .unwrap();
                assert_eq!(summary.imported as usize, MESSAGES);
                drop(journal);
                drop(dir);
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
