//! Journal benchmarks on generated journals of 1k, 10k and 100k entries.
//! Run: `cargo bench --bench journal` (figures in the README's performance section).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use evenkeel::model::{Channel, EntryDraft, EntryKind, Filter};
use evenkeel::Journal;

const PASS: &str = "benchmark passphrase";

const WORDS: &[&str] = &[
    "handover",
    "school",
    "late",
    "called",
    "message",
    "weekend",
    "football",
    "dentist",
    "homework",
    "tired",
    "happy",
    "collected",
    "dropped",
    "contact",
    "cancelled",
    "mediation",
    "birthday",
    "holiday",
    "swap",
    "asked",
    "arrived",
    "waited",
    "replied",
    "agreed",
    "refused",
    "nursery",
    "doctor",
    "present",
    "bedtime",
    "dinner",
];
const CHILDREN: &[&str] = &["Sam", "Maya", "Alex"];

/// A deterministic stream of plausible entries, so every run measures the same journal.
fn drafts(n: usize, seed: u64) -> Vec<EntryDraft> {
    let mut x = seed;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..n)
        .map(|i| {
            let words = |count: usize, next: &mut dyn FnMut() -> u64| {
                (0..count)
                    .map(|_| WORDS[next() as usize % WORDS.len()])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let day = i / 4;
            EntryDraft {
                kind: EntryKind::Interaction,
                occurred_at: format!(
                    "{:04}-{:02}-{:02}T{:02}:{:02}:00+01:00",
                    2000 + day / 336,
                    day / 28 % 12 + 1,
                    day % 28 + 1,
                    8 + i % 12,
                    i % 60
                ),
                title: words(5, &mut next),
                body: words(60, &mut next),
                channel: Some(Channel::Text),
                legal_step: None,
                mood: None,
                message: None,
                schedule: None,
                children: vec![CHILDREN[next() as usize % CHILDREN.len()].to_string()],
                people: vec![],
                tags: vec![WORDS[next() as usize % 6].to_string()],
                location: None,
                private: false,
            }
        })
        .collect()
}

fn journal_with(dir: &tempfile::TempDir, n: usize) -> Journal {
    let path = dir.path().join(format!("bench-{n}.evenkeel"));
    let mut j = Journal::create(&path, PASS).unwrap();
    let mut all = drafts(n, 0x9E37_79B9_7F4A_7C15);
    // A word that appears in exactly ten entries, for a selective search.
    for (k, d) in all.iter_mut().step_by((n / 10).max(1)).enumerate().take(10) {
        d.body.push_str(&format!(" trampoline{k}"));
        d.body.push_str(" trampoline");
    }
    for chunk in all.chunks(10_000) {
        j.add_many(chunk.to_vec()).unwrap();
    }
    j
}

fn insert(c: &mut Criterion) {
    let mut g = c.benchmark_group("insert");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    let batch = drafts(10_000, 7);
    g.bench_function("10k entries, one transaction", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let j = Journal::create(&dir.path().join("j.evenkeel"), PASS).unwrap();
                (dir, j, batch.clone())
            },
            |(dir, mut j, batch)| {
                black_box(j.add_many(batch).unwrap());
                (dir, j)
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn reads(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for n in [1_000usize, 10_000, 100_000] {
        let j = journal_with(&dir, n);
        let mut g = c.benchmark_group(format!("read {n}"));
        g.sample_size(30).measurement_time(Duration::from_secs(4));
        g.bench_function(BenchmarkId::new("timeline page", 50), |b| {
            let f = Filter {
                limit: Some(50),
                ..Default::default()
            };
            b.iter(|| black_box(j.list(&f).unwrap()))
        });
        g.bench_function(
            BenchmarkId::new("timeline page, child + tag filter", 50),
            |b| {
                let f = Filter {
                    limit: Some(50),
                    child: Some("Maya".into()),
                    tag: Some("school".into()),
                    ..Default::default()
                };
                b.iter(|| black_box(j.list(&f).unwrap()))
            },
        );
        g.bench_function("search, rare word", |b| {
            b.iter(|| black_box(j.search("trampoline", 50).unwrap()))
        });
        g.bench_function("search, common words", |b| {
            b.iter(|| black_box(j.search("dentist homework", 50).unwrap()))
        });
        g.finish();

        let mut g = c.benchmark_group(format!("verify {n}"));
        g.sample_size(10)
            .measurement_time(Duration::from_secs(if n >= 100_000 { 30 } else { 5 }));
        g.bench_function("whole chain", |b| {
            b.iter(|| assert!(black_box(j.verify().unwrap()).ok))
        });
        g.finish();
    }
}

criterion_group!(benches, insert, reads);
criterion_main!(benches);
