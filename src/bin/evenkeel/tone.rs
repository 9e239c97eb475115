//! `evenkeel check`, `decode` and `eval`: the calm-message checker from the command line.
//! None of them opens the journal.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use evenkeel::tone::{self, eval, Audience, ToneReport, ToneSettings, MAX_MESSAGE_BYTES};
use evenkeel::Error;

/// Opens a file, or standard input for "-" or nothing, with the name to use in errors.
fn open_input(source: Option<&Path>) -> Result<(String, Box<dyn Read>), Error> {
    match source {
        None => Ok(("standard input".into(), Box::new(std::io::stdin()))),
        Some(p) if p == Path::new("-") => Ok(("standard input".into(), Box::new(std::io::stdin()))),
        Some(p) => {
            let file = std::fs::File::open(p).map_err(|e| Error::File {
                path: p.to_path_buf(),
                source: e,
            })?;
            Ok((p.display().to_string(), Box::new(file)))
        }
    }
}

/// Reads one message from a file or standard input, refusing oversize input.
fn read_message(source: Option<&Path>) -> Result<String, Error> {
    let (name, reader) = open_input(source)?;
    let mut bytes = Vec::new();
    reader
        .take(MAX_MESSAGE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::invalid("message", format!("{name} could not be read: {e}")))?;
    if bytes.len() > MAX_MESSAGE_BYTES {
        return Err(Error::TooLarge {
            what: format!("the message in {name}"),
            actual: bytes.len() as u64,
            limit: MAX_MESSAGE_BYTES as u64,
        });
    }
    String::from_utf8(bytes)
        .map_err(|_| Error::invalid("message", format!("{name} is not UTF-8 text")))
}

pub fn check(file: Option<PathBuf>, lines: bool, json: bool) -> Result<(), Error> {
    let settings = ToneSettings::default();
    if lines {
        return check_lines(file.as_deref(), &settings);
    }
    let text = read_message(file.as_deref())?;
    let report = tone::check(&text, &settings);
    if json {
        crate::print_json(&report);
    } else {
        print_report(&report);
    }
    Ok(())
}

/// One JSON report per input line (JSON Lines), streamed, for evaluation and scripts.
fn check_lines(file: Option<&Path>, settings: &ToneSettings) -> Result<(), Error> {
    let input = BufReader::new(open_input(file)?.1);
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| {
            Error::invalid("message", format!("line {} could not be read: {e}", n + 1))
        })?;
        if line.len() > MAX_MESSAGE_BYTES {
            return Err(Error::TooLarge {
                what: format!("line {}", n + 1),
                actual: line.len() as u64,
                limit: MAX_MESSAGE_BYTES as u64,
            });
        }
        let report = tone::check(&line, settings);
        serde_json::to_writer(&mut out, &report).expect("a report always serialises");
        let _ = out.write_all(b"\n");
    }
    let _ = out.flush();
    Ok(())
}

fn print_report(r: &ToneReport) {
    println!("{:?}: {}/100", r.verdict, r.score);
    for f in &r.findings {
        println!();
        println!(
            "  \"{}\": {} ({:?})",
            f.text,
            f.category.label(),
            f.severity
        );
        println!("    {}", f.explanation);
        if !f.suggestion.is_empty() {
            println!("    Instead: \"{}\"", f.suggestion);
        } else {
            println!("    Instead: leave it out.");
        }
    }
    println!();
    println!("BIFF");
    for (name, c) in [
        ("Brief", &r.biff.brief),
        ("Informative", &r.biff.informative),
        ("Friendly", &r.biff.friendly),
        ("Firm", &r.biff.firm),
    ] {
        println!(
            "  [{}] {name}: {}",
            if c.pass { "x" } else { " " },
            c.reason
        );
    }
    println!();
    match &r.rewrite_note {
        Some(note) => println!("No calmer draft: {note}"),
        None => {
            println!("A calmer draft:");
            for line in r.rewrite.lines() {
                println!("  {line}");
            }
        }
    }
}

/// Per category: how many were flagged (recall for a hostile category), and the share of hard
/// negatives left calm.
fn print_categories(s: &serde_json::Value) {
    for c in s["categories"].as_array().into_iter().flatten() {
        println!(
            "    {:<24} {:>4} of {:<4} flagged",
            c["category"].as_str().unwrap_or(""),
            c["flagged"],
            c["messages"]
        );
    }
    if let Some(calm) = s["hard_negatives_calm"].as_f64() {
        println!("    hard negatives left calm: {:.1}%", calm * 100.0);
    }
}

pub fn decode(file: Option<PathBuf>, json: bool) -> Result<(), Error> {
    let text = read_message(file.as_deref())?;
    let d = tone::decode(&text, &ToneSettings::default());
    if json {
        crate::print_json(&d);
        return Ok(());
    }
    let section = |title: &str, items: &[String]| {
        if !items.is_empty() {
            println!("{title}:");
            for i in items {
                println!("  - {i}");
            }
            println!();
        }
    };
    section("What they ask", &d.requests);
    section("Facts", &d.facts);
    section("Dates and times", &d.dates);
    section("Set aside (needs no answer)", &d.set_aside);
    println!("A reply that answers only the facts:");
    for line in d.reply.lines() {
        println!("  {line}");
    }
    Ok(())
}

/// Precision, recall and F1 per labelled file; span F1 for span files.
pub fn eval(files: &[PathBuf], audience: crate::EvalAudience, json: bool) -> Result<(), Error> {
    let settings = ToneSettings::default();
    let mut results = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(path).map_err(|e| Error::File {
            path: path.clone(),
            source: e,
        })?;
        let mut lines = text.lines();
        let header = lines.next().unwrap_or_default();
        let rows: Vec<(&str, &str)> = lines.filter_map(|l| l.split_once('\t')).collect();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let value = if header.starts_with("spans") {
            serde_json::json!({ "file": name, "spans": eval::score_spans(rows, &settings) })
        } else if header.starts_with("label") {
            let with_category = header.starts_with("label\tcategory");
            let labelled = rows.iter().filter_map(|&(l, rest)| {
                let (category, text) = if with_category {
                    let (c, t) = rest.split_once('\t')?;
                    (Some(c), t)
                } else {
                    (None, rest)
                };
                Some((l.trim() == "1", category, text))
            });
            let labelled: Vec<_> = labelled.collect();
            let (read_as, likelihood) = match audience {
                crate::EvalAudience::CoParents => (Audience::CoParents, None),
                crate::EvalAudience::Anyone => (Audience::Anyone, None),
                crate::EvalAudience::Auto => {
                    tone::audience_of(labelled.iter().map(|r| r.2), &settings)
                }
            };
            let scores = eval::score_labels(labelled, &settings, read_as);
            serde_json::json!({
                "file": name,
                "audience": match read_as {
                    Audience::CoParents => "co-parents",
                    Audience::Anyone => "anyone",
                },
                "coparenting_likelihood": likelihood,
                "labels": scores,
            })
        } else {
            return Err(Error::invalid(
                "file",
                format!("{name} has neither a label nor a spans column"),
            ));
        };
        results.push(value);
    }
    if json {
        crate::print_json(&results);
    } else {
        println!(
            "{:<28} {:>8} {:>9} {:>7} {:>6}",
            "file", "messages", "precision", "recall", "F1"
        );
        for r in &results {
            if let Some(s) = r.get("labels") {
                println!(
                    "{:<28} {:>8} {:>9.3} {:>7.3} {:>6.3}",
                    r["file"].as_str().unwrap_or(""),
                    s["messages"],
                    s["precision"].as_f64().unwrap_or(0.0),
                    s["recall"].as_f64().unwrap_or(0.0),
                    s["f1"].as_f64().unwrap_or(0.0)
                );
                println!(
                    "    read as {}{}",
                    match r["audience"].as_str() {
                        Some("co-parents") => "messages between separated parents",
                        _ => "anyone's messages, each one's kind decided by the model",
                    },
                    match r["coparenting_likelihood"].as_f64() {
                        Some(l) =>
                            format!(" (decided on the whole file: co-parenting likelihood {l:.2})"),
                        None => String::new(),
                    }
                );
                print_categories(s);
                if tone::learned::TRAINING_FILES.contains(&r["file"].as_str().unwrap_or("")) {
                    println!("    (in-sample: the model trained on this file; the cross-validated figure comes from `cargo run --release --example train_tone`)");
                }
            } else if let Some(s) = r.get("spans") {
                println!(
                    "{:<28} {:>8} {:>26} {:>6.3}",
                    r["file"].as_str().unwrap_or(""),
                    s["messages"],
                    "span F1",
                    s["span_f1"].as_f64().unwrap_or(0.0)
                );
            }
        }
    }
    Ok(())
}
