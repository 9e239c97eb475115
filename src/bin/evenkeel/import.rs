//! `evenkeel import whatsapp …`: conversations that already exist, read verbatim.

use std::path::PathBuf;

use clap::Subcommand;
use evenkeel::import::{whatsapp, DateOrder};
use evenkeel::journal::{ImportRun, Participants};
use evenkeel::{Error, Journal};

use crate::print_json;

#[derive(Subcommand)]
pub(crate) enum ImportCommand {
    /// A whole journal exported with `evenkeel export json`, into a new journal at --journal
    /// [its passphrase from $EVENKEEL_PASSPHRASE, else prompted]
    Json {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// A WhatsApp "Export chat" file: the .txt, or the .zip with media
    Whatsapp {
        file: PathBuf,
        /// Your name as the chat shows it
        #[arg(long)]
        me: Option<String>,
        /// The other parent's name as the chat shows it
        #[arg(long)]
        other: Option<String>,
        /// How the file writes dates, when it cannot tell: dmy, mdy or ymd
        #[arg(long)]
        date_order: Option<String>,
        /// The zone the phone was in [default: this computer's]
        #[arg(long)]
        tz: Option<String>,
        /// Show what would be imported and write nothing
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// E-mail: .eml files or .mbox archives; only mail from or to the other parent
    Email {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The other parent's e-mail address (repeatable)
        #[arg(long = "other", required = true)]
        other: Vec<String>,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// An "SMS Backup & Restore" XML backup from Android; only texts with the other parent
    Sms {
        file: PathBuf,
        /// The other parent's phone number (repeatable: old and new numbers)
        #[arg(long = "other", required = true)]
        other: Vec<String>,
        /// The zone to show times in [default: this computer's]
        #[arg(long)]
        tz: Option<String>,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn import(
    open: impl FnOnce() -> Result<Journal, Error>,
    command: ImportCommand,
) -> Result<(), Error> {
    match command {
        ImportCommand::Json { .. } => unreachable!("handled in main: it creates a journal"),
        ImportCommand::Whatsapp {
            file,
            me,
            other,
            date_order,
            tz,
            dry_run,
            json,
        } => whatsapp(open, file, me, other, date_order, tz, dry_run, json),
        ImportCommand::Sms {
            file,
            other,
            tz,
            dry_run,
            json,
        } => sms(open, file, other, tz, dry_run, json),
        ImportCommand::Email {
            files,
            other,
            dry_run,
            json,
        } => email(open, files, other, dry_run, json),
    }
}

fn email(
    open: impl FnOnce() -> Result<Journal, Error>,
    files: Vec<PathBuf>,
    other: Vec<String>,
    dry_run: bool,
    json: bool,
) -> Result<(), Error> {
    use evenkeel::import::email;
    let addresses = email::check_addresses(&other)?;
    // Every file is read before anything is written, so a bad one stops the whole import.
    let mut read = Vec::new();
    for path in &files {
        let (mail, source) = email::read_file(path, &addresses)?;
        read.push((source, mail));
    }
    let mut journal = open()?;
    let mut summaries = Vec::new();
    for (source, mail) in &read {
        let name = mail
            .emails
            .iter()
            .find(|e| !e.sent)
            .map(|e| e.from.split(" <").next().unwrap_or(&e.from).to_string())
            .unwrap_or_else(|| addresses[0].clone());
        let summary = journal.import_email(
            mail,
            &name,
            source,
            ImportRun {
                dry_run,
                ..ImportRun::default()
            },
        )?;
        if !json {
            let verb = if dry_run { "Would import" } else { "Imported" };
            println!(
                "{verb} {} e-mails from {} ({} already in the journal, {} not readable; {} with other people left out). SHA-256 {}.",
                summary.imported,
                source.name,
                summary.skipped_duplicates,
                summary.unreadable.len(),
                mail.others,
                summary.source_sha256
            );
        }
        summaries.push(summary);
    }
    if json {
        print_json(&summaries);
    }
    Ok(())
}

fn zone(tz: Option<String>) -> Result<chrono_tz::Tz, Error> {
    let zone = tz.unwrap_or_else(evenkeel::schedule::system_zone);
    zone.parse()
        .map_err(|_| Error::invalid("tz", format!("{zone:?} is not a known time zone")))
}

fn sms(
    open: impl FnOnce() -> Result<Journal, Error>,
    file: PathBuf,
    other: Vec<String>,
    tz: Option<String>,
    dry_run: bool,
    json: bool,
) -> Result<(), Error> {
    let zone = zone(tz)?;
    let (backup, source) = evenkeel::import::sms::read_file(&file, &other, zone)?;
    let name = backup
        .texts
        .iter()
        .find_map(|t| t.contact_name.clone())
        .unwrap_or_else(|| other[0].clone());
    let summary = open()?.import_sms(
        &backup,
        &name,
        &source,
        ImportRun {
            dry_run,
            ..ImportRun::default()
        },
    )?;
    if json {
        print_json(&summary);
        return Ok(());
    }
    let verb = if dry_run { "Would import" } else { "Imported" };
    println!(
        "{verb} {} texts with {name} from {} ({} already in the journal, {} records not understood; {} texts with other people left out).",
        summary.imported,
        source.name,
        summary.skipped_duplicates,
        summary.unreadable.len(),
        backup.others
    );
    if backup.broken_characters > 0 {
        println!(
            "{} characters were stored broken in the backup and show as \u{fffd}.",
            backup.broken_characters
        );
    }
    println!("File SHA-256 {}.", summary.source_sha256);
    if let (Some(first), Some(last)) = (&summary.first, &summary.last) {
        println!("First: {first}\nLast:  {last}");
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)] // the command's own flags, passed straight through
fn whatsapp(
    open: impl FnOnce() -> Result<Journal, Error>,
    file: PathBuf,
    me: Option<String>,
    other: Option<String>,
    date_order: Option<String>,
    tz: Option<String>,
    dry_run: bool,
    json: bool,
) -> Result<(), Error> {
    // The export with media is a zip: its chat is read from inside, its media attached.
    let (text, source, mut zip) = evenkeel::import::open_chat(&file)?;
    let order = date_order
        .as_deref()
        .map(str::parse::<DateOrder>)
        .transpose()?;
    let zone = zone(tz)?;
    let chat = whatsapp::parse(&text, &source.name, order, zone)?;
    let people = &chat.participants;
    let (me, other) = match (me, other) {
        (Some(m), Some(o)) => (m, o),
        (Some(m), None) if people.len() == 2 => {
            let o = people.iter().find(|p| **p != m).cloned().unwrap_or_default();
            (m, o)
        }
        (None, Some(o)) if people.len() == 2 => {
            let m = people.iter().find(|p| **p != o).cloned().unwrap_or_default();
            (m, o)
        }
        _ if dry_run => (String::new(), String::new()),
        _ => {
            return Err(Error::invalid(
                "me",
                format!(
                    "say who you are with --me NAME and who the other parent is with --other NAME; the participants are {}",
                    people.join(", ")
                ),
            ))
        }
    };
    if dry_run && (me.is_empty() || other.is_empty()) {
        // Participants not chosen yet: show what was found, without opening the journal.
        println!(
            "{} messages from {}; dates read {} ({}).",
            chat.messages.len(),
            people.join(", "),
            chat.date_reading.order,
            chat.date_reading.reason
        );
        println!("Say who you are with --me and who the other parent is with --other.");
        return Ok(());
    }
    let mut fetch = |name: &str| zip.as_mut().and_then(|z| z.media(name));
    let summary = open()?.import_chat(
        &chat,
        &Participants { me, other },
        &source,
        ImportRun {
            dry_run,
            progress: None,
            media: Some(&mut fetch),
        },
    )?;
    let skipped_media = zip.map(|z| z.media_skipped).unwrap_or_default();
    if !json && (summary.attachments > 0 || !skipped_media.is_empty()) {
        eprintln!(
            "{} photos and files from the export attached to their messages; {} named but not attached (not in the zip, over 50 MB, or unreadable){}",
            summary.attachments,
            skipped_media.len(),
            if skipped_media.is_empty() {
                ".".to_string()
            } else {
                format!(": {}", skipped_media.iter().take(10).cloned().collect::<Vec<_>>().join(", "))
            }
        );
    }
    if json {
        print_json(&summary);
        return Ok(());
    }
    let verb = if dry_run { "Would import" } else { "Imported" };
    println!(
        "{verb} {} messages from {} ({} already in the journal, {} lines not understood, {} WhatsApp notices left out).",
        summary.imported,
        source.name,
        summary.skipped_duplicates,
        summary.unreadable.len(),
        summary.notices
    );
    println!(
        "Participants: {}. Dates read {} ({}). File SHA-256 {}.",
        summary.participants.join(", "),
        summary.date_order,
        chat.date_reading.reason,
        summary.source_sha256
    );
    if let (Some(first), Some(last)) = (&summary.first, &summary.last) {
        println!("First: {first}\nLast:  {last}");
    }
    if !summary.unreadable.is_empty() {
        let shown: Vec<String> = summary
            .unreadable
            .iter()
            .take(20)
            .map(|l| l.to_string())
            .collect();
        println!("Lines not understood: {}", shown.join(", "));
    }
    Ok(())
}
