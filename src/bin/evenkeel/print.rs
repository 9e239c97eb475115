//! How the journal commands print: one line per entry, an entry in full, the verify report, JSON.

use std::io::Write;

use evenkeel::model::{Entry, VerifyReport};
use serde::Serialize;

pub(crate) fn print_verify(report: &VerifyReport) {
    if let Some(bad) = &report.first_bad {
        println!(
            "BROKEN: revision {} of entry {} (chain #{}): {}.",
            bad.seq, bad.entry_id, bad.chain_index, bad.reason
        );
        println!(
            "{} revisions before it check out.",
            report.revisions_checked
        );
    } else if !report.problems.is_empty() {
        println!(
            "DOES NOT MATCH: all {} revisions check out, but what the journal shows differs from them:",
            report.revisions_checked
        );
        for p in &report.problems {
            match p.entry_id {
                Some(id) => println!("  entry {id}, {}: {}.", p.area, p.message),
                None => println!("  {}: {}.", p.area, p.message),
            }
        }
    } else {
        println!(
            "OK: all {} revisions and {} attachments check out.",
            report.revisions_checked, report.attachments_checked
        );
        println!("Head of the chain: {}", report.head);
    }
    for w in &report.warnings {
        println!(
            "Note: revision #{} (entry {}) was {}.",
            w.chain_index, w.entry_id, w.message
        );
    }
}

pub(crate) fn print_json<T: Serialize + ?Sized>(value: &T) {
    let mut out = std::io::stdout().lock();
    let _ = serde_json::to_writer_pretty(&mut out, value);
    let _ = writeln!(out);
}

fn kind_label(e: &Entry) -> String {
    match (e.draft.channel, e.draft.legal_step) {
        (Some(c), _) => format!("{}/{}", e.draft.kind, c),
        (_, Some(s)) => format!("{}/{}", e.draft.kind, s),
        _ => e.draft.kind.to_string(),
    }
}

pub(crate) fn one_line(e: &Entry) -> String {
    let mut line = format!(
        "#{:<5} {}  {:<22} {}",
        e.id,
        e.draft.occurred_at,
        kind_label(e),
        e.draft.title
    );
    if !e.draft.tags.is_empty() {
        line.push_str(&format!("  [{}]", e.draft.tags.join(", ")));
    }
    if e.revisions > 1 {
        line.push_str(&format!("  (edited, {} revisions)", e.revisions));
    }
    line
}

pub(crate) fn print_entry(e: &Entry) {
    let d = &e.draft;
    println!("#{}  {}", e.id, d.title);
    println!("kind:        {}", kind_label(e));
    println!("happened:    {}", d.occurred_at);
    println!("written:     {}", e.recorded_at);
    if let Some(r) = &e.revised_at {
        println!("last edited: {r} (revision {})", e.revisions);
    }
    for (label, list) in [
        ("children", &d.children),
        ("people", &d.people),
        ("tags", &d.tags),
    ] {
        if !list.is_empty() {
            println!("{label:<12} {}", list.join(", "));
        }
    }
    if let Some(l) = &d.location {
        println!("location:    {l}");
    }
    if let Some(m) = &d.mood {
        println!("mood:        {}/5 {}", m.parent, m.feelings.join(", "));
        if let Some(c) = &m.child {
            println!("child's mood: {c}");
        }
    }
    if d.private {
        println!("private:     yes (left out of exports)");
    }
    for a in &e.attachments {
        println!(
            "attachment:  {} ({}, {} bytes, sha256 {})",
            a.name, a.media_type, a.size, a.sha256
        );
    }
    println!("hash:        {}", e.hash);
    if !d.body.is_empty() {
        println!();
        println!("{}", d.body);
    }
}
