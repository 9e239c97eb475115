//! Trains the checker's model and prints cross-validated figures for the whole checker.
//!
//! ```sh
//! cargo run --release --example train_tone -- ../shared/tone-data
//! cargo run --release --example train_tone -- ../shared/tone-data --cv-only --flags 0.4,0.5,0.6
//! cargo run --release --example train_tone -- ../shared/tone-data --cv-only --dump held-out.tsv
//! ```
//!
//! Three heads are trained (see `src/tone/learned/weights.rs`): the co-parenting reader on the
//! co-parenting sets, the general reader on the public corpora (each learns a little from the
//! other's, `--other`, `--other-calm`), and the domain head on which kind a message is.
//!
//! Reads the labelled sets from the data folder (never copied into the repository) and the
//! project's own co-parenting examples from tests/fixtures/, weights the co-parenting sets so the
//! public corpora do not drown them, runs k-fold cross-validation of rules + model (every figure
//! printed is on rows the model did not train on), then trains on everything and writes
//! src/tone/learned/tone.weights, which is compiled into the binary.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use evenkeel::tone::eval::{LabelScores, Tally};
use evenkeel::tone::learned::train::{self, Params, Set};
use evenkeel::tone::learned::Audience;
use evenkeel::tone::{verdict_with, ToneSettings, Verdict};

/// Each set's share of the training weight. The co-parenting sets together weigh as much as the
/// public corpora together in the domain head, whatever their sizes; within each group, and so
/// within each reader, sets weigh by their rows (co-parenting) or by these shares (public).
const COPARENT_SHARE: f64 = 0.5;
const PUBLIC: &[(&str, f64)] = &[
    ("paradetox.tsv", 0.2),
    ("convabuse_train.tsv", 0.15),
    ("politeness_wikipedia.tsv", 0.15),
];
/// How much more a hard negative (a calm message with risky-looking words) weighs in training.
/// 2 and 3 were measured (`--hard`): more hard negatives left calm at a given threshold, but a
/// lower F1 at every threshold than moving the threshold itself.
const HARD_NEGATIVE_WEIGHT: f32 = 1.0;
const COPARENT_DATA: &str = "coparent_dev.tsv";
const OWN: &[&str] = &[
    "tests/fixtures/coparenting.tsv",
    "tests/fixtures/coparenting_more.tsv",
    "tests/fixtures/coparenting_hostile.tsv",
    "tests/fixtures/coparenting_calm.tsv",
    "tests/fixtures/coparenting_subtle.tsv",
    "tests/fixtures/coparenting_long.tsv",
    "tests/fixtures/coparenting_short.tsv",
    "tests/fixtures/coparenting_veiled.tsv",
    "tests/fixtures/coparenting_everyday.tsv",
    "tests/fixtures/coparenting_mixed.tsv",
    "tests/fixtures/coparenting_everyday_short.tsv",
];

struct Options {
    data: PathBuf,
    params: Params,
    coparent_share: f64,
    folds: usize,
    flags: Vec<f32>,
    cv: bool,
    write: bool,
    dump: Option<PathBuf>,
    hard: f32,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        data: PathBuf::from("../shared/tone-data"),
        params: Params::default(),
        coparent_share: COPARENT_SHARE,
        folds: 5,
        flags: Vec::new(),
        cv: true,
        write: true,
        dump: None,
        hard: HARD_NEGATIVE_WEIGHT,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--folds" => {
                o.folds = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|&k| k >= 2)
                    .ok_or("--folds takes a number of at least 2")?;
            }
            "--flags" => {
                o.flags = args
                    .next()
                    .ok_or("--flags takes thresholds, e.g. 0.4,0.5")?
                    .split(',')
                    .map(|v| v.trim().parse::<f32>().map_err(|e| format!("--flags: {e}")))
                    .collect::<Result<_, _>>()?;
            }
            "--epochs" => o.params.epochs = number(args.next(), "--epochs")?,
            "--rate" => o.params.rate = number(args.next(), "--rate")?,
            "--l2" => o.params.l2 = number(args.next(), "--l2")?,
            "--hard" => o.hard = number(args.next(), "--hard")?,
            "--audience" => {
                o.params.audience = match args.next().as_deref() {
                    Some("co-parents") => Some(Audience::CoParents),
                    Some("anyone") => Some(Audience::Anyone),
                    _ => return Err("--audience takes co-parents or anyone".into()),
                }
            }
            "--other-calm" => o.params.other_calm = number(args.next(), "--other-calm")?,
            "--other" => o.params.other = number(args.next(), "--other")?,
            "--domain-l2" => o.params.domain_l2 = number(args.next(), "--domain-l2")?,
            "--strong" => o.params.strong = number(args.next(), "--strong")?,
            "--gate" => o.params.gate = number(args.next(), "--gate")?,
            "--coparent-share" => o.coparent_share = number(args.next(), "--coparent-share")?,
            "--cv-only" => o.write = false,
            "--dump" => o.dump = Some(args.next().ok_or("--dump takes a file")?.into()),
            "--no-cv" => o.cv = false,
            other if !other.starts_with('-') => o.data = PathBuf::from(other),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if o.flags.is_empty() {
        o.flags.push(o.params.flag);
    }
    Ok(o)
}

fn number<T: std::str::FromStr>(value: Option<String>, name: &str) -> Result<T, String> {
    value
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{name} takes a number"))
}

fn read_set(path: &Path, share: f64, coparent: bool) -> Result<Set, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Set {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        rows: train::read_rows(&text),
        share,
        coparent,
    })
}

fn sets(data: &Path, coparent_share: f64) -> Result<Vec<Set>, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut coparent = vec![read_set(&data.join(COPARENT_DATA), 0.0, true)?];
    for own in OWN {
        coparent.push(read_set(&root.join(own), 0.0, true)?);
    }
    let rows: usize = coparent.iter().map(|s| s.rows.len()).sum();
    for s in &mut coparent {
        s.share = coparent_share * s.rows.len() as f64 / rows as f64;
    }
    let mut out = coparent;
    for (name, share) in PUBLIC {
        out.push(read_set(&data.join(name), *share, false)?);
    }
    Ok(out)
}

fn print_scores(name: &str, s: &LabelScores, rules: &LabelScores) {
    println!(
        "{name:<32} {:>6} {:>9.3} {:>7.3} {:>6.3}   (rules alone: P {:.3} R {:.3} F1 {:.3})",
        s.messages, s.precision, s.recall, s.f1, rules.precision, rules.recall, rules.f1
    );
    for c in &s.categories {
        println!(
            "    {:<24} {:>4} of {:<4} flagged",
            c.category, c.flagged, c.messages
        );
    }
    if let (Some(calm), Some(before)) = (s.hard_negatives_calm, rules.hard_negatives_calm) {
        println!(
            "    hard negatives left calm: {:.1}% (rules alone: {:.1}%)",
            calm * 100.0,
            before * 100.0
        );
    }
}

fn main() -> ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("train_tone: {e}");
            return ExitCode::from(2);
        }
    };
    let sets = match sets(&o.data, o.coparent_share) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("train_tone: {e}");
            return ExitCode::from(2);
        }
    };
    let settings = ToneSettings::default();
    let params = Params {
        flag: o.flags[0],
        ..o.params
    };
    let started = std::time::Instant::now();
    let examples = train::examples(&sets, &settings, o.hard);
    eprintln!(
        "featurised {} messages in {:.1?}",
        examples.iter().map(Vec::len).sum::<usize>(),
        started.elapsed()
    );

    if o.cv {
        // The rules alone, for comparison: they learned nothing from these rows.
        let rules: Vec<LabelScores> = sets
            .iter()
            .map(|s| {
                let mut t = Tally::default();
                for r in &s.rows {
                    let flagged = verdict_with(&r.text, &settings, None) != Verdict::Calm;
                    t.add(r.label, r.category.as_deref(), flagged);
                }
                t.scores()
            })
            .collect();
        let started = std::time::Instant::now();
        let by_flag =
            train::cross_validate(&sets, &examples, o.folds, &params, &settings, &o.flags);
        eprintln!(
            "{}-fold cross-validation in {:.1?}",
            o.folds,
            started.elapsed()
        );
        for (flag, tallies) in o.flags.iter().zip(&by_flag) {
            println!(
                "\nrules + model, {}-fold cross-validated, flagged at p >= {flag}",
                o.folds
            );
            println!(
                "{}",
                match o.params.audience {
                    None => "(co-parenting sets read as co-parents' messages, as the app reads every message; the public corpora as anyone's, each message's kind decided by the model, as `evenkeel eval` decides for them)",
                    Some(Audience::CoParents) => "(every set read as co-parents' messages)",
                    Some(Audience::Anyone) => "(every set read as anyone's messages, each message's kind decided by the model)",
                }
            );
            println!(
                "{:<32} {:>6} {:>9} {:>7} {:>6}",
                "set", "rows", "precision", "recall", "F1"
            );
            for ((s, t), r) in sets.iter().zip(tallies).zip(&rules) {
                print_scores(&s.name, &t.scores(), r);
            }
        }
    }

    if let Some(path) = &o.dump {
        if let Err(e) = dump(path, &sets, &examples, o.folds, &params, &settings) {
            eprintln!("train_tone: {}: {e}", path.display());
            return ExitCode::from(1);
        }
    }

    if o.write {
        let model = train::train_all(&examples, &params);
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tone/learned/tone.weights");
        let bytes = model.to_bytes();
        if let Err(e) = std::fs::write(&path, &bytes) {
            eprintln!("train_tone: {}: {e}", path.display());
            return ExitCode::from(1);
        }
        println!("\nwrote {} ({} bytes)", path.display(), bytes.len());
    }
    ExitCode::SUCCESS
}

/// Writes every row's held-out readings as TSV, to study how rules and model should decide.
fn dump(
    path: &Path,
    sets: &[Set],
    examples: &[Vec<train::Example>],
    folds: usize,
    params: &Params,
    settings: &ToneSettings,
) -> std::io::Result<()> {
    use std::fmt::Write as _;
    let rows = train::held_out(sets, examples, folds, params, settings);
    let mut out = String::from(
        "set\tlabel\tcategory\tsentences\tdomain\tcop\tgen\twhole\tmost\trules\tgated\tverdict\n",
    );
    let flagged = |v: Verdict| u8::from(v != Verdict::Calm);
    for (set, held) in sets.iter().zip(&rows) {
        for (row, h) in set.rows.iter().zip(held) {
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{:.3}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}\t{}",
                set.name,
                u8::from(h.label),
                row.category.as_deref().unwrap_or("-"),
                h.sentences,
                h.domain,
                h.heads[0],
                h.heads[1],
                h.whole,
                h.most,
                flagged(h.rules),
                flagged(h.gated),
                flagged(h.verdict)
            );
        }
    }
    std::fs::write(path, out)
}
