//! `evenkeel export json|csv`, `evenkeel backup` and `evenkeel restore`: the parent's data out
//! of the app, whole, and back in.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use evenkeel::export::csv;
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

pub(crate) fn export(journal: &Journal, command: ExportCommand) -> Result<(), Error> {
    match command {
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
