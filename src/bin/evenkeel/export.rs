//! `evenkeel export json|csv`, `evenkeel backup` and `evenkeel restore`: the parent's data out
//! of the app, whole, and back in.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use evenkeel::export::bundle::{self, BundleOptions, Numbering, Progress};
use evenkeel::export::csv;
use evenkeel::model::EntryKind;
use evenkeel::validate::parse_day;
use evenkeel::{Error, Journal};

use crate::{passphrase, print_json};

#[derive(Subcommand)]
pub(crate) enum ExportCommand {
    /// Everything, losslessly, as one JSON file: entries, every revision with its hash,
    /// schedule, outcomes, messages, attachments and settings (`evenkeel import json` reads it)
    Json {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace FILE if it exists
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
    /// The court bundle: a paginated, indexed PDF (Practice Direction 27A form) and its
    /// manifest beside it (FILE.manifest.json, checked by `evenkeel verify-export`)
    Bundle(Box<BundleArgs>),
    /// Spreadsheet tables in a folder: entries.csv, contact-record.csv and messages.csv
    Csv {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Replace the tables if the folder already has them
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub(crate) struct BundleArgs {
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
    /// First day, YYYY-MM-DD (inclusive)
    #[arg(long)]
    from: Option<String>,
    /// Last day, YYYY-MM-DD (inclusive)
    #[arg(long)]
    to: Option<String>,
    /// Only entries of this kind (repeatable)
    #[arg(long)]
    kind: Vec<String>,
    /// Only entries about this child (repeatable)
    #[arg(long)]
    child: Vec<String>,
    /// Only entries with this tag (repeatable)
    #[arg(long)]
    tag: Vec<String>,
    /// Include entries marked private
    #[arg(long)]
    include_private: bool,
    /// Include mood check-ins
    #[arg(long)]
    include_mood: bool,
    /// The front sheet; each detail is remembered for the next bundle
    #[arg(long)]
    case_name: Option<String>,
    #[arg(long)]
    case_number: Option<String>,
    #[arg(long)]
    court: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    hearing_date: Option<String>,
    /// Your name, as the party keeping the record
    #[arg(long)]
    parent_name: Option<String>,
    /// sections (A1, A2… B1…, children cases) or continuous (1, 2, 3…, financial cases)
    #[arg(long, default_value = "sections")]
    numbering: String,
    /// Leave a section out (repeatable): chronology, contact, messages, entries, exhibits
    #[arg(long, value_name = "SECTION")]
    without: Vec<String>,
    /// Replace FILE and its manifest if they exist
    #[arg(long)]
    force: bool,
    #[arg(long)]
    json: bool,
}

pub(crate) fn export(journal: &mut Journal, command: ExportCommand) -> Result<(), Error> {
    match command {
        ExportCommand::Bundle(args) => bundle(journal, *args)?,
        ExportCommand::Json { out, force, json } => {
            let summary = journal.export_json(&out, force)?;
            if json {
                print_json(&summary);
            } else {
                println!(
                    "Wrote {}: {} entries, {} revisions, {} attachments; chain head {}",
                    out.display(),
                    summary.entries,
                    summary.revisions,
                    summary.attachments,
                    summary.chain_head
                );
                eprintln!("The file is not encrypted: keep it somewhere only you can open.");
            }
        }
        ExportCommand::Csv { out, force, json } => {
            let summary = csv::export(journal, &out, force)?;
            if json {
                print_json(&summary);
            } else {
                println!(
                    "Wrote {} entries, {} planned contacts and {} messages to {}",
                    summary.entries,
                    summary.contacts,
                    summary.messages,
                    out.display()
                );
                eprintln!("These files are not encrypted: keep them somewhere only you can open.");
            }
        }
    }
    Ok(())
}

/// `evenkeel import json FILE`: a new journal at `path` from an export.
pub(crate) fn import_json(file: &Path, path: &Path, json: bool) -> Result<(), Error> {
    if path.exists() {
        return Err(Error::JournalExists(path.to_path_buf()));
    }
    let pass = passphrase(
        "EVENKEEL_PASSPHRASE",
        "Passphrase for the new journal: ",
        true,
    )?;
    let (journal, summary) = Journal::import_json(file, path, &pass)?;
    journal.close()?;
    if json {
        print_json(&summary);
    } else {
        println!(
            "Created {} from {}: {} entries, {} revisions, {} attachments; verified, chain head {}",
            path.display(),
            file.display(),
            summary.entries,
            summary.revisions,
            summary.attachments,
            summary.chain_head
        );
    }
    Ok(())
}

/// `evenkeel backup --out FILE`.
pub(crate) fn backup(journal: &Journal, path: &Path, out: &Path, force: bool) -> Result<(), Error> {
    journal.backup(out, force)?;
    println!(
        "Wrote an encrypted backup of {} to {}",
        path.display(),
        out.display()
    );
    Ok(())
}

/// `evenkeel backups [--keep N]`: the desktop app's automatic backups.
pub(crate) fn backups(
    journal: &mut Journal,
    path: &Path,
    keep: Option<usize>,
    json: bool,
) -> Result<(), Error> {
    if let Some(keep) = keep {
        journal.set_auto_backups_keep(keep)?;
    }
    let dir = evenkeel::journal::backup_dir(path);
    let files = evenkeel::journal::rolling_backups(&dir)?;
    let keep = journal.auto_backups_keep()?;
    if json {
        print_json(&serde_json::json!({ "folder": dir, "keep": keep, "backups": files }));
        return Ok(());
    }
    match keep {
        0 => println!("Automatic backups are off."),
        n => println!(
            "The desktop app keeps the newest {n} daily backups in {}",
            dir.display()
        ),
    }
    for f in files {
        println!("  {}", f.display());
    }
    Ok(())
}

/// `evenkeel --journal NEW restore FILE`.
pub(crate) fn restore(file: &Path, path: &Path) -> Result<(), Error> {
    if path.exists() {
        return Err(Error::JournalExists(path.to_path_buf()));
    }
    let pass = passphrase("EVENKEEL_PASSPHRASE", "The backup's passphrase: ", false)?;
    Journal::restore(file, &pass, path)?.close()?;
    println!(
        "Restored {} to {}; it verifies",
        file.display(),
        path.display()
    );
    Ok(())
}

fn bundle(journal: &mut Journal, a: BundleArgs) -> Result<(), Error> {
    let day = |field: &'static str, v: &Option<String>| {
        v.as_deref().map(|t| parse_day(field, t)).transpose()
    };
    let mut case = journal.bundle_case()?;
    let remember = |slot: &mut String, given: Option<String>| {
        if let Some(v) = given {
            *slot = v.trim().to_string();
        }
    };
    remember(&mut case.case_name, a.case_name);
    remember(&mut case.case_number, a.case_number);
    remember(&mut case.court, a.court);
    remember(&mut case.parent_name, a.parent_name);
    if a.hearing_date.is_some() {
        case.hearing_date = day("hearing_date", &a.hearing_date)?;
    }
    let mut o = BundleOptions {
        case: case.clone(),
        numbering: match a.numbering.as_str() {
            "sections" => Numbering::Sections,
            "continuous" => Numbering::Continuous,
            other => {
                return Err(Error::invalid(
                    "numbering",
                    format!("{other:?}: choose sections or continuous"),
                ))
            }
        },
        ..BundleOptions::default()
    };
    o.selection.from = day("from", &a.from)?;
    o.selection.to = day("to", &a.to)?;
    o.selection.kinds = a
        .kind
        .iter()
        .map(|k| k.parse::<EntryKind>())
        .collect::<Result<_, _>>()?;
    o.selection.children = a.child;
    o.selection.tags = a.tag;
    o.selection.include_private = a.include_private;
    o.selection.include_mood = a.include_mood;
    for w in &a.without {
        let s = &mut o.sections;
        match w.as_str() {
            "chronology" => s.chronology = false,
            "contact" => s.contact = false,
            "messages" => s.messages = false,
            "entries" => s.entries = false,
            "exhibits" => s.exhibits = false,
            other => {
                return Err(Error::invalid(
                    "without",
                    format!("{other:?} is not a section: chronology, contact, messages, entries or exhibits"),
                ))
            }
        }
    }
    let name = a
        .out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let quiet = a.json;
    let result = bundle::build(journal, &o, &name, &|p| {
        if quiet {
            return;
        }
        match p {
            Progress::Gathering => eprintln!("Gathering the entries…"),
            Progress::Pictures { done, of } if done == of => {
                eprintln!("Prepared {of} pictures (re-encoded without their metadata)")
            }
            Progress::Pictures { .. } => {}
            Progress::Layout => eprintln!("Laying out the pages…"),
            Progress::Writing => eprintln!("Writing the PDF…"),
        }
    })?;
    let manifest = bundle::write(&result, &a.out, a.force)?;
    // Only details that produced a bundle are remembered.
    journal.set_bundle_case(&case)?;
    if a.json {
        print_json(&serde_json::json!({
            "pdf": a.out,
            "manifest": manifest,
            "pages": result.pages,
            "sha256": result.manifest.pdf.sha256,
            "warnings": result.warnings,
        }));
    } else {
        println!(
            "Wrote {} ({} pages) and its manifest {}",
            a.out.display(),
            result.pages,
            manifest.display()
        );
        for w in &result.warnings {
            eprintln!("Warning: {w}");
        }
        eprintln!("The PDF is not encrypted: share it only with those it is meant for.");
    }
    Ok(())
}

/// `evenkeel verify-export MANIFEST [--pdf FILE] [--journal PATH]`; false when a check failed.
pub(crate) fn verify_export(
    manifest: &Path,
    pdf: Option<&Path>,
    journal: Option<&Path>,
    json: bool,
) -> Result<bool, Error> {
    let m = bundle::manifest::read(manifest)?;
    let pdf_bytes = pdf
        .map(|p| {
            std::fs::read(p).map_err(|e| Error::File {
                path: p.to_path_buf(),
                source: e,
            })
        })
        .transpose()?;
    let journal = journal.map(crate::open).transpose()?;
    let check = bundle::manifest::verify(&m, pdf_bytes.as_deref(), journal.as_ref())?;
    if json {
        print_json(&check);
    } else {
        for p in &check.passed {
            println!("ok: {p}");
        }
        for p in &check.problems {
            println!("MISMATCH: {p}");
        }
        if check.ok {
            println!("The bundle matches its manifest.");
        }
    }
    Ok(check.ok)
}
