//! Checker speed: one 1,000-character draft, and short messages as `check --lines` reads them.
//! Run: `cargo bench --bench tone`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use evenkeel::tone::{check, check_with, ToneSettings};

const DRAFT: &str = "Hi, I wanted to check the arrangements for the half-term week. You ALWAYS leave this to the last minute and it is really frustrating. \
Could you please have Sam and Maya ready at 10am on Saturday? I will bring them back on Wednesday at 5pm. \
Sam needs his football boots and Maya has a dentist appointment on Tuesday at 2pm, which I can take her to. \
Oh great, I see you have already booked the holiday without asking me, as usual. What is wrong with you? \
If that is not possible, please let me know by Thursday evening so we can agree another time. Thanks.";

fn short_messages() -> Vec<String> {
    include_str!("../tests/fixtures/coparenting.tsv")
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(_, t)| t.to_string())
        .collect()
}

fn bench(c: &mut Criterion) {
    let settings = ToneSettings::default();
    // Exactly 1,000 characters: the draft, then its start again.
    let draft: String = DRAFT
        .chars()
        .chain(" ".chars())
        .chain(DRAFT.chars())
        .take(1000)
        .collect();
    assert_eq!(draft.chars().count(), 1000);
    let mut g = c.benchmark_group("tone");
    g.throughput(Throughput::Bytes(draft.len() as u64));
    g.bench_function("check a 1,000-character draft", |b| {
        b.iter(|| black_box(check(black_box(&draft), &settings)))
    });
    // The same with the rules alone, to show what the learned model costs.
    g.bench_function("check a 1,000-character draft, rules alone", |b| {
        b.iter(|| black_box(check_with(black_box(&draft), &settings, None)))
    });
    g.bench_function("verdict only for the 1,000-character draft", |b| {
        b.iter(|| black_box(evenkeel::tone::verdict_only(black_box(&draft), &settings)))
    });
    let messages = short_messages();
    g.throughput(Throughput::Elements(messages.len() as u64));
    g.bench_function("check short messages (full reports)", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(check(m, &settings));
            }
        })
    });
    g.bench_function("verdict only for short messages", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(evenkeel::tone::verdict_only(m, &settings));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
