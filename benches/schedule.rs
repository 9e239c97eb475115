//! Schedule benchmark: ten years of a 2-2-5-5 plan for two children, every occurrence logged,
//! turned into occurrences and compliance figures (the target: well under 20 ms).
//! Run: `cargo bench --bench schedule` (medians in `target/criterion/schedule/*/new/estimates.json`).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use evenkeel::schedule::{
    compliance, occurrences, Arrangement, Exception, ExceptionKind, Handover, HolidayEffect,
    Occurrence, Outcome, OutcomeKind, Parent, Plan, Template,
};

fn date(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn plans() -> Vec<Plan> {
    ["Sam", "Alex"]
        .iter()
        .enumerate()
        .map(|(i, child)| Plan {
            id: format!("plan-{i}"),
            child: child.to_string(),
            with: Parent::Me,
            arrangement: Arrangement::SpendsTimeWith,
            start: date("2027-01-04"),
            until: None,
            place: None,
            zone: "Europe/London".into(),
            template: Template::TwoTwoFiveFive {
                handover: Handover::at(18, 0),
            },
        })
        .collect()
}

/// A summer holiday each year, so exceptions are part of the work.
fn exceptions() -> Vec<Exception> {
    (2027..2037)
        .map(|year| Exception {
            plan: None,
            label: format!("summer {year}"),
            kind: ExceptionKind::Holiday {
                from: NaiveDate::from_ymd_opt(year, 8, 1).expect("a date"),
                to: NaiveDate::from_ymd_opt(year, 8, 14).expect("a date"),
                effect: HolidayEffect::Swap,
            },
        })
        .collect()
}

/// Every occurrence logged, with a mix of outcomes.
fn outcomes(all: &[Occurrence]) -> Vec<Outcome> {
    all.iter()
        .enumerate()
        .map(|(i, o)| Outcome {
            occurrence: o.id.clone(),
            kind: match i % 10 {
                0 => OutcomeKind::Late { minutes: 20 },
                1 => OutcomeKind::Short { minutes: 60 },
                2 => OutcomeKind::Missed,
                3 => OutcomeKind::Cancelled {
                    by: Parent::Other,
                    reason: "unwell".into(),
                },
                _ => OutcomeKind::Kept,
            },
            note: None,
            entries: vec![],
        })
        .collect()
}

fn ten_years(c: &mut Criterion) {
    let (from, to) = (date("2027-01-01"), date("2036-12-31"));
    let plans = plans();
    let exceptions = exceptions();
    let all: Vec<Occurrence> = plans
        .iter()
        .flat_map(|p| occurrences(p, &exceptions, from, to).expect("occurrences"))
        .collect();
    let logged = outcomes(&all);
    eprintln!("{} occurrences, {} outcomes", all.len(), logged.len());

    let mut group = c.benchmark_group("schedule");
    group.bench_function(
        "2-2-5-5, two children, 10 years: occurrences + compliance",
        |b| {
            b.iter(|| {
                let all: Vec<Occurrence> = plans
                    .iter()
                    .flat_map(|p| occurrences(p, &exceptions, from, to).expect("occurrences"))
                    .collect();
                black_box(compliance(&all, &logged, from, to))
            })
        },
    );
    group.bench_function("compliance alone, 10 years", |b| {
        b.iter(|| black_box(compliance(&all, &logged, from, to)))
    });
    group.finish();
}

criterion_group!(benches, ten_years);
criterion_main!(benches);
