//! Thin commands for importing a WhatsApp chat: choose the file (the dialog is shown from Rust,
//! so the window needs no file-system permission), preview it, import it with progress events.

use std::path::Path;

use evenkeel::import::{
    email, local_zone, open_chat, sms, sniff_messages, whatsapp, ChatFile, DateOrder, MessagesFile,
};
use evenkeel::journal::{ImportRun, ImportSummary, Participants};
use evenkeel::Error;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandResult;
use crate::state::AppState;

#[derive(Serialize, Clone)]
struct Progress {
    done: u32,
    total: u32,
}

#[tauri::command(async)]
pub fn import_choose_file(app: AppHandle, window: WebviewWindow) -> CommandResult<Option<String>> {
    pick(
        &app,
        &window,
        "Choose a WhatsApp chat export (.txt or .zip)",
        ("WhatsApp chat export", &["txt", "zip"]),
    )
}

/// The open dialog, shown from Rust so the window needs no file-system permission.
fn pick(
    app: &AppHandle,
    window: &WebviewWindow,
    title: &str,
    (filter, extensions): (&str, &[&str]),
) -> CommandResult<Option<String>> {
    let chosen = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(filter, extensions)
        .set_parent(window)
        .blocking_pick_file();
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let path = chosen
        .into_path()
        .map_err(|e| Error::invalid("file", format!("that file cannot be read: {e}")))?;
    Ok(Some(path.display().to_string()))
}

/// Reads the file and previews it; nothing is written. `date_order` answers the question a
/// previous preview asked.
#[tauri::command(async)]
pub fn import_preview(path: String, date_order: Option<String>) -> CommandResult<ChatFile> {
    let (text, file, _) = open_chat(Path::new(&path))?;
    let order = date_order
        .as_deref()
        .map(str::parse::<DateOrder>)
        .transpose()?;
    let preview = whatsapp::preview(&text, &file.name, order, local_zone())?;
    Ok(ChatFile {
        path,
        file,
        preview,
    })
}

/// Imports the chat, emitting `import-progress` ({done, total}) as the messages are read.
#[tauri::command(async)]
pub fn import_whatsapp(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
    me: String,
    other: String,
    date_order: Option<String>,
) -> CommandResult<ImportSummary> {
    let (text, file, mut zip) = open_chat(Path::new(&path))?;
    let order = date_order
        .as_deref()
        .map(str::parse::<DateOrder>)
        .transpose()?;
    let chat = whatsapp::parse(&text, &file.name, order, local_zone())?;
    let mut progress = |done, total| {
        let _ = app.emit("import-progress", Progress { done, total });
    };
    let mut media = |name: &str| zip.as_mut().and_then(|z| z.media(name));
    state.with(|j| {
        j.import_chat(
            &chat,
            &Participants { me, other },
            &file,
            ImportRun {
                dry_run: false,
                progress: Some(&mut progress),
                media: Some(&mut media),
            },
        )
    })
}

/// Chooses an SMS backup (.xml) or e-mail (.eml, .mbox); the path, or null if cancelled.
#[tauri::command(async)]
pub fn import_choose_messages_file(
    app: AppHandle,
    window: WebviewWindow,
) -> CommandResult<Option<String>> {
    pick(
        &app,
        &window,
        "Choose an SMS backup (.xml) or e-mail (.eml, .mbox)",
        ("Texts or e-mail", &["xml", "eml", "mbox"]),
    )
}

/// Reads an SMS backup or a mailbox for who it holds messages with; nothing is written.
#[tauri::command(async)]
pub fn import_preview_messages(path: String) -> CommandResult<MessagesFile> {
    Ok(read_messages(Path::new(&path), &[])?.0)
}

/// Imports the texts or e-mail with the chosen numbers or addresses, emitting `import-progress`.
#[tauri::command(async)]
pub fn import_messages(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
    addresses: Vec<String>,
    name: String,
) -> CommandResult<ImportSummary> {
    if addresses.is_empty() {
        return Err(Error::invalid("other", "choose the other parent's number or address").into());
    }
    let (preview, read) = read_messages(Path::new(&path), &addresses)?;
    let mut progress = |done, total| {
        let _ = app.emit("import-progress", Progress { done, total });
    };
    let run = ImportRun {
        dry_run: false,
        progress: Some(&mut progress),
        media: None,
    };
    state.with(|j| match read {
        Read::Sms(backup) => j.import_sms(&backup, &name, &preview.file, run),
        Read::Email(mail) => j.import_email(&mail, &name, &preview.file, run),
    })
}

enum Read {
    Sms(sms::Backup),
    Email(email::Mail),
}

fn read_messages(path: &Path, addresses: &[String]) -> Result<(MessagesFile, Read), Error> {
    let source = sniff_messages(path)?;
    let (file, correspondents, unreadable, read) = if source == "sms" {
        let (backup, file) = sms::read_file(path, addresses, local_zone())?;
        let unreadable = backup.unreadable.len() as u32;
        (
            file,
            sms::correspondents(&backup),
            unreadable,
            Read::Sms(backup),
        )
    } else {
        let addresses = if addresses.is_empty() {
            Vec::new()
        } else {
            email::check_addresses(addresses)?
        };
        let (mail, file) = email::read_file(path, &addresses)?;
        let unreadable = mail.unreadable.len() as u32;
        (
            file,
            email::correspondents(&mail),
            unreadable,
            Read::Email(mail),
        )
    };
    Ok((
        MessagesFile {
            path: path.display().to_string(),
            file,
            source: source.to_string(),
            correspondents,
            unreadable,
        },
        read,
    ))
}
