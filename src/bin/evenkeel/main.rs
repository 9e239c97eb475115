//! `evenkeel`: the command-line front door to the same core the desktop app uses.
//!
//! Exit codes: 0 success, 1 a check failed, 2 bad usage or input, 3 wrong passphrase or not a
//! journal, 4 storage (the journal busy in another process, a full disk, an I/O error).

mod calendar;
mod export;
mod import;
mod print;
mod report;
mod schedule;
mod tone;

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use evenkeel::model::{Channel, EntryDraft, EntryKind, Filter, LegalStep, Mood};
use evenkeel::{Error, Journal};
pub(crate) use print::print_json;
use print::{one_line, print_entry, print_verify};

#[derive(Parser)]
#[command(
    name = "evenkeel",
    version,
    about = "A private, encrypted journal for separated parents"
)]
struct Cli {
    /// The journal file [default: $EVENKEEL_JOURNAL, else the desktop app's journal]
    #[arg(long, global = true, value_name = "PATH")]
    journal: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, empty journal
    Init,
    /// Add an entry and print its id
    Add {
        /// interaction, missed-contact, incident, mood, schedule-note, legal or note
        kind: String,
        #[command(flatten)]
        fields: Fields,
        #[arg(long)]
        json: bool,
    },
    /// List entries, newest first
    List {
        #[arg(long)]
        kind: Option<String>,
        /// First day, YYYY-MM-DD (inclusive)
        #[arg(long)]
        from: Option<String>,
        /// Last day, YYYY-MM-DD (inclusive)
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        child: Option<String>,
        /// Leave out entries marked private
        #[arg(long)]
        no_private: bool,
        #[arg(long, default_value_t = 1000)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show one entry
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Change an entry; the old version stays in its history
    Edit {
        id: i64,
        /// Change the kind
        #[arg(long)]
        kind: Option<String>,
        #[command(flatten)]
        fields: Fields,
        /// Make the entry public again (the opposite of --private)
        #[arg(long, conflicts_with = "private")]
        public: bool,
    },
    /// Delete an entry; its history is kept and stays verifiable
    Delete { id: i64 },
    /// Every revision of an entry with its hashes
    History {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Search the current entries
    Search {
        query: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Attach a file (photo, screenshot, PDF, audio) to an entry
    Attach {
        id: i64,
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Save or list the files attached to entries
    Attachment {
        #[command(subcommand)]
        command: AttachmentCommand,
    },
    /// Recompute the hash chain and check everything shown against it; exit 1 if anything differs
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Change the passphrase [new one from $EVENKEEL_NEW_PASSPHRASE, else prompted]
    Passwd,
    /// Read a draft before sending it: findings, BIFF checks and a calmer draft
    Check {
        /// The draft ("-" or nothing: standard input)
        file: Option<PathBuf>,
        /// One message per line; prints one JSON report per line (JSON Lines)
        #[arg(long)]
        lines: bool,
        #[arg(long)]
        json: bool,
    },
    /// Read a received message for its requests, dates and facts, and draft a short reply
    Decode {
        /// The message ("-" or nothing: standard input)
        file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Parenting-time plans, and what happened at each planned contact
    Schedule {
        #[command(subcommand)]
        command: schedule::ScheduleCommand,
    },
    /// Figures from the record
    Report {
        #[command(subcommand)]
        command: report::ReportCommand,
    },
    /// Bring in conversations that already exist (WhatsApp, Android texts, e-mail), verbatim, with where they came from
    Import {
        #[command(subcommand)]
        command: import::ImportCommand,
    },
    /// Your data out: the court bundle (PDF and manifest), everything as JSON, or spreadsheet tables
    Export {
        #[command(subcommand)]
        command: export::ExportCommand,
    },
    /// Check a bundle's manifest; with --pdf, that the PDF is the one it describes; with
    /// --journal, that every version it lists is in the journal's chain unchanged. Exit 1 on
    /// any mismatch
    VerifyExport {
        manifest: PathBuf,
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// An encrypted copy of the journal (same passphrase), safe to take while the app is open
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace FILE if it exists
        #[arg(long)]
        force: bool,
    },
    /// The desktop app's automatic backups (a folder beside the journal): list them, or set how
    /// many are kept (0 turns them off)
    Backups {
        #[arg(long, value_name = "N")]
        keep: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Bring a backup back as a new journal at --journal, once it opens and verifies
    Restore {
        /// The backup file
        file: PathBuf,
    },
    /// Calendar files: export the planned contacts, import term dates or other events
    Ics {
        #[command(subcommand)]
        command: calendar::IcsCommand,
    },
    /// Measure the checker on labelled files (label<TAB>text or spans<TAB>text)
    Eval {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Whose messages each file holds: co-parents (as the app reads every message), anyone
        /// (each message's kind decided by the model), or auto (decided per file, on all of it)
        #[arg(long, value_enum, default_value = "auto")]
        audience: EvalAudience,
        #[arg(long)]
        json: bool,
    },
}

/// `evenkeel eval --audience`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum EvalAudience {
    CoParents,
    Anyone,
    Auto,
}

#[derive(Subcommand)]
enum AttachmentCommand {
    /// Write an attachment's bytes to a file, checked against the hash recorded when it was attached
    Save {
        /// The attachment's id (shown by `evenkeel show`)
        id: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace FILE if it exists
        #[arg(long)]
        force: bool,
    },
}

/// Entry fields shared by `add` and `edit`. On `edit`, a list given replaces the old one.
#[derive(Args)]
struct Fields {
    /// When it happened, RFC 3339 (e.g. 2026-03-14T17:30:00+00:00)
    #[arg(long)]
    at: Option<String>,
    #[arg(long)]
    title: Option<String>,
    /// The full account; "-" reads it from standard input
    #[arg(long)]
    body: Option<String>,
    /// call, text, email, in-person, video, handover or other (interactions)
    #[arg(long)]
    channel: Option<String>,
    /// miam, mediation, application, hearing, order, breach or letter (legal entries)
    #[arg(long)]
    step: Option<String>,
    /// Your mood from 1 (very low) to 5 (good) (mood entries)
    #[arg(long)]
    mood: Option<u8>,
    /// A word for how you feel (repeatable)
    #[arg(long = "feeling")]
    feelings: Vec<String>,
    /// The child's mood as you observed it
    #[arg(long)]
    child_mood: Option<String>,
    /// The child's mood from 1 to 5 before a handover (mood entries)
    #[arg(long, value_name = "1-5")]
    child_before: Option<u8>,
    /// The child's mood from 1 to 5 after a handover (mood entries)
    #[arg(long, value_name = "1-5")]
    child_after: Option<u8>,
    /// The planned contact a mood check-in is about, e.g. 12:2027-01-08 (mood entries)
    #[arg(long, value_name = "OCCURRENCE")]
    contact: Option<String>,
    #[arg(long = "tag")]
    tags: Vec<String>,
    #[arg(long = "child")]
    children: Vec<String>,
    #[arg(long = "person")]
    people: Vec<String>,
    #[arg(long)]
    location: Option<String>,
    /// Keep this entry out of exports unless chosen
    #[arg(long)]
    private: bool,
}

fn main() -> ExitCode {
    // `evenkeel list | head` should stop quietly when the reader goes away, as other Unix
    // tools do, instead of panicking on a broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("evenkeel: {e}");
            ExitCode::from(exit_code(&e))
        }
    }
}

fn exit_code(e: &Error) -> u8 {
    match e {
        Error::WrongPassphrase(_) | Error::NotAJournal(_) | Error::NewerFormat { .. } => 3,
        Error::AttachmentAltered { .. } => 1,
        e if e.is_storage() => 4,
        _ => 2,
    }
}

fn journal_path(cli_path: Option<PathBuf>) -> PathBuf {
    cli_path
        .or_else(|| {
            std::env::var_os("EVENKEEL_JOURNAL")
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(evenkeel::journal::default_path)
}

fn passphrase(env: &str, prompt: &str, confirm: bool) -> Result<String, Error> {
    if let Ok(p) = std::env::var(env) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid(
            "passphrase",
            format!("set {env} or run evenkeel in a terminal to be asked"),
        ));
    }
    let read = |p: &str| {
        rpassword::prompt_password(p)
            .map_err(|e| Error::invalid("passphrase", format!("could not be read: {e}")))
    };
    let first = read(prompt)?;
    if confirm && read("Type it again: ")? != first {
        return Err(Error::invalid(
            "passphrase",
            "the two passphrases do not match; nothing was changed",
        ));
    }
    Ok(first)
}

pub(crate) fn open(path: &std::path::Path) -> Result<Journal, Error> {
    if !path.exists() {
        return Err(Error::NoJournal(path.to_path_buf()));
    }
    Journal::open(
        path,
        &passphrase("EVENKEEL_PASSPHRASE", "Passphrase: ", false)?,
    )
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    // Only the journal named on the command line: a manifest is checked on its own otherwise.
    if let Command::VerifyExport {
        manifest,
        pdf,
        json,
    } = &cli.command
    {
        let ok = export::verify_export(manifest, pdf.as_deref(), cli.journal.as_deref(), *json)?;
        return Ok(if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let path = journal_path(cli.journal);
    match cli.command {
        Command::VerifyExport { .. } => unreachable!("handled above"),
        Command::Check { file, lines, json } => tone::check(file, lines, json)?,
        Command::Decode { file, json } => tone::decode(file, json)?,
        Command::Eval {
            files,
            audience,
            json,
        } => tone::eval(&files, audience, json)?,
        Command::Init => {
            if path.exists() {
                return Err(Error::JournalExists(path));
            }
            eprintln!("Creating a journal at {}.", path.display());
            eprintln!(
                "There is no way to recover a lost passphrase: write it down somewhere safe."
            );
            let pass = passphrase("EVENKEEL_PASSPHRASE", "New passphrase: ", true)?;
            Journal::create(&path, &pass)?;
            println!("Created {}", path.display());
        }
        Command::Add { kind, fields, json } => {
            let kind: EntryKind = kind.parse()?;
            let at = fields
                .at
                .clone()
                .ok_or_else(|| Error::invalid("at", "say when it happened with --at"))?;
            let title = fields
                .title
                .clone()
                .ok_or_else(|| Error::invalid("title", "give a title with --title"))?;
            let mut draft = EntryDraft::new(kind, at, title);
            fields.apply(&mut draft, true)?;
            let mut journal = open(&path)?;
            let id = journal.add(draft)?;
            if json {
                print_json(&serde_json::json!({ "id": id }));
            } else {
                println!("{id}");
            }
        }
        Command::List {
            kind,
            from,
            to,
            tag,
            child,
            no_private,
            limit,
            json,
        } => {
            let filter = Filter {
                kind: kind.map(|k| k.parse()).transpose()?,
                from,
                to,
                tag,
                child,
                include_private: Some(!no_private),
                limit: Some(limit),
                offset: None,
            };
            let journal = open(&path)?;
            let entries = journal.list(&filter)?;
            if json {
                print_json(&entries);
            } else if entries.is_empty() {
                println!("No entries.");
            } else {
                for e in &entries {
                    println!("{}", one_line(e));
                }
            }
        }
        Command::Show { id, json } => {
            let e = open(&path)?.get(id)?;
            if json {
                print_json(&e);
            } else {
                print_entry(&e);
            }
        }
        Command::Edit {
            id,
            kind,
            fields,
            public,
        } => {
            let mut journal = open(&path)?;
            let mut draft = journal.get(id)?.draft;
            if let Some(k) = kind {
                let k: EntryKind = k.parse()?;
                if k != draft.kind {
                    drop_what_kind_cannot_have(&mut draft, k);
                }
            }
            fields.apply(&mut draft, false)?;
            if public {
                draft.private = false;
            }
            journal.edit(id, draft)?;
            let e = journal.get(id)?;
            println!("Entry {id} is now at revision {}.", e.revisions);
        }
        Command::Delete { id } => {
            open(&path)?.delete(id)?;
            println!("Entry {id} deleted; its history is kept.");
        }
        Command::History { id, json } => {
            let revs = open(&path)?.history(id)?;
            if json {
                print_json(&revs);
            } else {
                for r in &revs {
                    println!(
                        "revision {} ({}) recorded {}",
                        r.seq, r.action, r.recorded_at
                    );
                    println!("  chain #{}  hash {}", r.chain_index, r.hash);
                    println!("  previous  {}", r.prev_hash);
                    if let Some(c) = &r.content {
                        println!("  {} | {}", c.occurred_at, c.title);
                    }
                }
            }
        }
        Command::Search { query, limit, json } => {
            let hits = open(&path)?.search(&query, limit)?;
            if json {
                print_json(&hits);
            } else if hits.is_empty() {
                println!("Nothing found for {query:?}.");
            } else {
                for h in &hits {
                    println!("{}", one_line(&h.entry));
                    let snippet: String = h
                        .snippet
                        .iter()
                        .map(|p| {
                            if p.hit {
                                format!("[{}]", p.text)
                            } else {
                                p.text.clone()
                            }
                        })
                        .collect();
                    if !snippet.trim().is_empty() {
                        println!("      {}", snippet.replace('\n', " "));
                    }
                }
            }
        }
        Command::Attach { id, file, json } => {
            let info = open(&path)?.attach_file(id, &file)?;
            if json {
                print_json(&info);
            } else {
                println!(
                    "Attached {} ({} bytes, sha256 {}) to entry {id}.",
                    info.name, info.size, info.sha256
                );
            }
        }
        Command::Attachment {
            command: AttachmentCommand::Save { id, out, force },
        } => {
            let info = open(&path)?.save_attachment(id, &out, force)?;
            println!(
                "Saved {} ({} bytes, sha256 {}) to {}.",
                info.name,
                info.size,
                info.sha256,
                out.display()
            );
        }
        Command::Schedule { command } => schedule::schedule(&mut open(&path)?, command)?,
        Command::Report { command } => report::report(&open(&path)?, command)?,
        Command::Import {
            command: import::ImportCommand::Json { file, json },
        } => export::import_json(&file, &path, json)?,
        Command::Import { command } => import::import(|| open(&path), command)?,
        Command::Export { command } => export::export(&mut open(&path)?, command)?,
        Command::Backup { out, force } => export::backup(&open(&path)?, &path, &out, force)?,
        Command::Backups { keep, json } => export::backups(&mut open(&path)?, &path, keep, json)?,
        Command::Restore { file } => export::restore(&file, &path)?,
        Command::Ics { command } => calendar::ics(&mut open(&path)?, command)?,
        Command::Verify { json } => {
            let report = open(&path)?.verify()?;
            if json {
                print_json(&report);
            } else {
                print_verify(&report);
            }
            if !report.ok {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Passwd => {
            let journal = open(&path)?;
            let new = passphrase("EVENKEEL_NEW_PASSPHRASE", "New passphrase: ", true)?;
            journal.change_passphrase(&new)?;
            println!("Passphrase changed; every entry was kept.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

impl Fields {
    /// Copies the given fields onto a draft. `adding` makes kind-specific values that were not
    /// given fall back to nothing rather than to the old entry's.
    fn apply(self, d: &mut EntryDraft, adding: bool) -> Result<(), Error> {
        if let Some(at) = self.at {
            d.occurred_at = at;
        }
        if let Some(t) = self.title {
            d.title = t;
        }
        if let Some(b) = self.body {
            d.body = if b == "-" { read_stdin()? } else { b };
        }
        if let Some(c) = self.channel {
            d.channel = Some(c.parse::<Channel>()?);
        } else if adding && d.kind == EntryKind::Interaction {
            d.channel = Some(Channel::Other);
        }
        if let Some(s) = self.step {
            d.legal_step = Some(s.parse::<LegalStep>()?);
        }
        if self.mood.is_some()
            || !self.feelings.is_empty()
            || self.child_mood.is_some()
            || self.child_before.is_some()
            || self.child_after.is_some()
            || self.contact.is_some()
        {
            let old = d.mood.take().unwrap_or_default();
            d.mood = Some(Mood {
                parent: self.mood.unwrap_or(old.parent),
                feelings: if self.feelings.is_empty() {
                    old.feelings
                } else {
                    self.feelings
                },
                child: self.child_mood.or(old.child),
                child_before: self.child_before.or(old.child_before),
                child_after: self.child_after.or(old.child_after),
                occurrence: self.contact.or(old.occurrence),
            });
        }
        if adding && d.kind != EntryKind::Interaction {
            d.channel = None;
        }
        if !self.tags.is_empty() {
            d.tags = self.tags;
        }
        if !self.children.is_empty() {
            d.children = self.children;
        }
        if !self.people.is_empty() {
            d.people = self.people;
        }
        if let Some(l) = self.location {
            d.location = Some(l);
        }
        if self.private {
            d.private = true;
        }
        Ok(())
    }
}

/// An edit keeps every field it does not change; only a change of kind drops the fields
/// the new kind cannot have.
fn drop_what_kind_cannot_have(d: &mut EntryDraft, kind: EntryKind) {
    d.kind = kind;
    if !matches!(kind, EntryKind::Interaction | EntryKind::Message) {
        d.channel = None;
    }
    if kind != EntryKind::Message {
        d.message = None;
    }
    if kind != EntryKind::Legal {
        d.legal_step = None;
    }
    if kind != EntryKind::Mood {
        d.mood = None;
    }
}

fn read_stdin() -> Result<String, Error> {
    let mut s = String::new();
    std::io::stdin()
        .take(evenkeel::validate::MAX_BODY_BYTES as u64 + 1)
        .read_to_string(&mut s)
        .map_err(|e| Error::invalid("body", format!("standard input is not readable text: {e}")))?;
    Ok(s)
}
