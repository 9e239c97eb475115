//! The court bundle at the size the issue names: 1,000 entries (a tenth of them messages) and
//! 50 camera-sized photos, several hundred pages. Prints the page count and the process's peak
//! resident memory (VmHWM) after the runs, so the README can quote both.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use evenkeel::export::bundle::{self, BundleOptions};
use evenkeel::model::{Channel, Direction, EntryDraft, EntryKind, MessageDraft};
use evenkeel::Journal;

const BODY: &str = "Collected Sam from school at 15:20 as agreed. He said the weekend had been \
    long and that he had not been allowed to call. We went to the park, then home for tea; he \
    was tired but settled by bedtime. I asked about his reading book and he said it was left at \
    the other house again. I will ask politely for it to be put in his bag on Friday.";

/// A 2400×1800 picture with a camera's noise, so it compresses like a photo (about 1 MB).
fn photo(seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let img = image::RgbImage::from_fn(2400, 1800, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state % 24) as u8;
        image::Rgb([
            ((x / 10) as u8).wrapping_add(noise),
            ((y / 8) as u8).wrapping_add(noise),
            (((x + y) / 16) as u8).wrapping_add(noise),
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88)
        .encode_image(&img)
        .unwrap();
    out
}

fn journal(dir: &std::path::Path) -> Journal {
    let mut j = Journal::create(&dir.join("bench.evenkeel"), "bench passphrase").unwrap();
    let kinds = [
        EntryKind::Interaction,
        EntryKind::Incident,
        EntryKind::MissedContact,
        EntryKind::Note,
        EntryKind::ScheduleNote,
    ];
    let mut photos = 0;
    for i in 0..1000u32 {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
            + chrono::Duration::hours(i64::from(i) * 17);
        let at = format!("{}T{:02}:15:00+00:00", day.format("%Y-%m-%d"), 8 + i % 12);
        if i % 10 == 9 {
            j.save_message(
                &MessageDraft {
                    direction: if i % 20 == 9 {
                        Direction::Sent
                    } else {
                        Direction::Received
                    },
                    counterpart: "Alex".into(),
                    channel: None,
                    text: BODY[..(120 + (i as usize % 150))].to_string(),
                    children: vec!["Sam".into()],
                },
                &at,
            )
            .unwrap();
            continue;
        }
        let kind = kinds[i as usize % kinds.len()];
        let id = j
            .add(EntryDraft {
                kind,
                occurred_at: at,
                title: format!("Entry {i}: handover and the evening after"),
                body: BODY[..(150 + (i as usize * 7 % 180))].to_string(),
                channel: (kind == EntryKind::Interaction).then_some(Channel::InPerson),
                legal_step: None,
                mood: None,
                message: None,
                schedule: None,
                children: vec!["Sam".into()],
                people: vec![],
                tags: vec!["school".into()],
                location: None,
                private: false,
            })
            .unwrap();
        if i % 18 == 0 && photos < 50 {
            j.attach(id, &format!("photo-{photos}.jpg"), &photo(photos))
                .unwrap();
            photos += 1;
        }
    }
    assert_eq!(photos, 50);
    j
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let j = journal(dir.path());
    let mut o = BundleOptions::default();
    o.case.parent_name = "Jordan Smith".into();
    o.case.case_name = "Re S (a child)".into();
    let before = peak_rss_mb();
    // Where one bundle's time goes, stage by stage.
    let start = std::time::Instant::now();
    let stages = std::sync::Mutex::new(Vec::new());
    let b = bundle::build(&j, &o, "bundle.pdf", &|p| {
        let name = match p {
            bundle::Progress::Pictures { done, of } if done > 1 && done < of => return,
            other => format!("{other:?}"),
        };
        stages.lock().unwrap().push((name, start.elapsed()));
    })
    .unwrap();
    let mut last = std::time::Duration::ZERO;
    for (name, at) in stages.into_inner().unwrap() {
        println!("bundle: {name} from {:.2} s", at.as_secs_f64());
        last = at;
    }
    println!(
        "bundle: PDF and page labels took {:.2} s",
        (start.elapsed() - last).as_secs_f64()
    );
    println!(
        "bundle: {} pages, {:.1} MB; peak memory {before:.0} MB before the first bundle",
        b.pages,
        b.pdf.len() as f64 / 1_048_576.0
    );
    let mut group = c.benchmark_group("bundle");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(40));
    group.bench_function("1000 entries, 50 photos", |bench| {
        bench.iter(|| bundle::build(&j, &o, "bundle.pdf", &|_| {}).unwrap().pages)
    });
    group.finish();
    println!("bundle: peak memory (VmHWM) {:.0} MB", peak_rss_mb());
}

criterion_group!(benches, bench);
criterion_main!(benches);
