//! Thin commands for importing a WhatsApp chat: choose the file (the dialog is shown from Rust,
//! so the window needs no file-system permission), preview it, import it with progress events.

use std::path::Path;

use evenkeel::import::{local_zone, read_text_export, whatsapp, ChatFile, DateOrder};
use evenkeel::journal::{ImportSummary, Participants};
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
        .set_title("Choose a WhatsApp chat export (.txt)")
        .add_filter("WhatsApp chat export", &["txt"])
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
    let (text, file) = read_text_export(Path::new(&path))?;
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
    let (text, file) = read_text_export(Path::new(&path))?;
    let order = date_order
        .as_deref()
        .map(str::parse::<DateOrder>)
        .transpose()?;
    let chat = whatsapp::parse(&text, &file.name, order, local_zone())?;
    state.with(|j| {
        j.import_chat_with_progress(
            &chat,
            &Participants { me, other },
            &file,
            false,
            &mut |done, total| {
                let _ = app.emit("import-progress", Progress { done, total });
            },
        )
    })
}
