//! `evenkeel export json|csv`, `evenkeel backup` and `evenkeel restore`: the parent's data out
//! of the app, whole, and back in.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use evenkeel::export::csv;
use evenkeel::{Error, Journal};

use crate::print_json;

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
pub(crate) fn import_json(
    file: &Path,
    path: &Path,
    passphrase: &str,
    json: bool,
) -> Result<(), Error> {
    let (journal, summary) = Journal::import_json(file, path, passphrase)?;
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
