//! Thin commands for importing a WhatsApp chat: choose the file (the dialog is shown from Rust,
//! so the window needs no file-system permission), preview it, import it with progress events.

use std::path::Path;

use evenkeel::import::{local_zone, open_chat, whatsapp, ChatFile, DateOrder};
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
    let chosen = app
        .dialog()
        .file()
        .set_title("Choose a WhatsApp chat export (.txt or .zip)")
        .add_filter("WhatsApp chat export", &["txt", "zip"])
        .set_parent(&window)
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
