//! Thin commands: take the arguments, call the core, map the error. Each runs off the main
//! thread (`async`) because SQLCipher's key derivation and writes block.

use evenkeel::model::{
    AttachmentInfo, Direction, Entry, EntryDetail, EntryDraft, Filter, JournalStatus, MessageDraft,
    SearchHit, VerifyReport, Vocabulary,
};
use evenkeel::tone::{self, Decoded, ToneReport, ToneSettings};
use evenkeel::Journal;
use percent_encoding::percent_decode_str;
use tauri::ipc::{InvokeBody, Request, Response};
use tauri::{AppHandle, Manager, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

#[tauri::command(async)]
pub fn journal_status(state: State<'_, AppState>) -> CommandResult<JournalStatus> {
    let slot = state.slot();
    let entries = match slot.as_ref() {
        Some(j) => j.count()?,
        None => 0,
    };
    Ok(JournalStatus {
        path: state.path.display().to_string(),
        exists: state.path.exists(),
        unlocked: slot.is_some(),
        entries,
    })
}

#[tauri::command(async)]
pub fn create_journal(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: String,
) -> CommandResult<()> {
    let mut slot = state.slot();
    if slot.is_some() {
        return Err(CommandError::already_unlocked());
    }
    *slot = Some(Journal::create(&state.path, &passphrase)?);
    auto_backup(app);
    Ok(())
}

#[tauri::command(async)]
pub fn unlock_journal(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: String,
) -> CommandResult<()> {
    let mut slot = state.slot();
    if slot.is_none() {
        *slot = Some(Journal::open(&state.path, &passphrase)?);
        auto_backup(app);
    }
    Ok(())
}

/// The day's automatic backup, in the background so unlocking never waits for it. It runs on
/// the window's own connection: a second `Journal` on the same file in this process would, on
/// closing, drop the POSIX locks SQLite holds for the first (closing any descriptor of a file
/// releases all of a process's locks on it), and another process could then checkpoint the
/// log away underneath the window. A failure is reported on stderr and costs nothing else.
fn auto_backup(app: AppHandle) {
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let dir = evenkeel::journal::backup_dir(&state.path);
        // Locked again already: nothing to back up until the next unlock.
        let made = state
            .slot()
            .as_ref()
            .map(|j| j.auto_backup(&dir, chrono::Utc::now()));
        if let Some(Err(e)) = made {
            eprintln!("evenkeel: the automatic backup failed: {e}");
        }
    });
}

#[tauri::command(async)]
pub fn lock_journal(state: State<'_, AppState>) -> CommandResult<()> {
    // Dropping the journal closes the database and forgets the key.
    state.slot().take();
    Ok(())
}

#[tauri::command(async)]
pub fn list_entries(state: State<'_, AppState>, filter: Filter) -> CommandResult<Vec<Entry>> {
    state.with(|j| j.list(&filter))
}

#[tauri::command(async)]
pub fn get_entry(state: State<'_, AppState>, id: i64) -> CommandResult<EntryDetail> {
    state.with(|j| {
        Ok(EntryDetail {
            entry: j.get(id)?,
            history: j.history(id)?,
        })
    })
}

#[tauri::command(async)]
pub fn add_entry(state: State<'_, AppState>, draft: EntryDraft) -> CommandResult<Entry> {
    state.with(|j| {
        let id = j.add(draft)?;
        j.get(id)
    })
}

#[tauri::command(async)]
pub fn edit_entry(state: State<'_, AppState>, id: i64, draft: EntryDraft) -> CommandResult<Entry> {
    state.with(|j| {
        j.edit(id, draft)?;
        j.get(id)
    })
}

#[tauri::command(async)]
pub fn delete_entry(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    state.with(|j| j.delete(id))
}

#[tauri::command(async)]
pub fn search_entries(state: State<'_, AppState>, query: String) -> CommandResult<Vec<SearchHit>> {
    state.with(|j| j.search(&query, 100))
}

#[tauri::command(async)]
pub fn vocabulary(state: State<'_, AppState>) -> CommandResult<Vocabulary> {
    state.with(|j| j.vocabulary())
}

#[tauri::command(async)]
pub fn verify_journal(state: State<'_, AppState>) -> CommandResult<VerifyReport> {
    state.with(|j| j.verify())
}

/// The file arrives as the raw request body (no JSON array of numbers for a 50 MB video);
/// the entry id and the percent-encoded file name come as headers.
#[tauri::command(async)]
pub fn attach_file(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> CommandResult<AttachmentInfo> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(evenkeel::Error::invalid("file", "the file's bytes did not arrive").into());
    };
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    let id: i64 = header("x-entry-id")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| evenkeel::Error::invalid("entry", "which entry to attach to is missing"))?;
    let name = header("x-file-name")
        .map(|v| percent_decode_str(v).decode_utf8_lossy().into_owned())
        .unwrap_or_default();
    state.with(|j| j.attach(id, &name, bytes))
}

/// An attachment's bytes, checked against the hash recorded when it was attached, as the raw
/// response body (the UI shows images from it).
#[tauri::command(async)]
pub fn attachment_data(state: State<'_, AppState>, attachment_id: i64) -> CommandResult<Response> {
    let (_, bytes) = state.with(|j| j.attachment_data(attachment_id))?;
    Ok(Response::new(bytes))
}

/// Saves a checked copy of an attachment where the user chooses. The dialog is shown from
/// here, so the window itself needs no permission to write files. `None` when cancelled.
#[tauri::command(async)]
pub fn save_attachment(
    app: AppHandle,
    window: WebviewWindow,
    state: State<'_, AppState>,
    attachment_id: i64,
) -> CommandResult<Option<String>> {
    let name = state.with(|j| j.attachment_info(attachment_id))?.name;
    let Some(chosen) = app
        .dialog()
        .file()
        .set_title("Save a copy of the attachment")
        .set_file_name(&name)
        .set_parent(&window)
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let path = chosen.into_path().map_err(|e| {
        evenkeel::Error::invalid("file", format!("that place cannot be written: {e}"))
    })?;
    // The dialog has already asked before replacing a file.
    state.with(|j| j.save_attachment(attachment_id, &path, true))?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command(async)]
pub fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    new: String,
) -> CommandResult<()> {
    let mut slot = state.slot();
    let Some(journal) = slot.as_ref() else {
        return Err(CommandError::locked());
    };
    // Prove the current passphrase first, so an unattended unlocked laptop cannot be re-keyed.
    journal.check_passphrase(&current)?;
    let journal = slot.take().expect("checked above");
    match journal.change_passphrase(&new) {
        Ok(j) => {
            *slot = Some(j);
            Ok(())
        }
        Err(e) => {
            // The old file is untouched on failure: reopen it so the user is not locked out.
            *slot = Journal::open(&state.path, &current).ok();
            Err(e.into())
        }
    }
}

/// The journal's settings are read for each check (a sub-millisecond query) so a change in
/// the settings panel applies to the next keystroke; the check itself runs outside the lock.
#[tauri::command(async)]
pub fn check_message(state: State<'_, AppState>, text: String) -> CommandResult<ToneReport> {
    let settings = state.with(|j| j.tone_settings())?;
    Ok(tone::check_message(&text, &settings)?)
}

#[tauri::command(async)]
pub fn decode_message(state: State<'_, AppState>, text: String) -> CommandResult<Decoded> {
    let settings = state.with(|j| j.tone_settings())?;
    Ok(tone::decode_message(&text, &settings)?)
}

#[tauri::command(async)]
pub fn message_draft(
    state: State<'_, AppState>,
    direction: Direction,
) -> CommandResult<Option<MessageDraft>> {
    state.with(|j| j.message_draft(direction))
}

#[tauri::command(async)]
pub fn save_message_draft(state: State<'_, AppState>, draft: MessageDraft) -> CommandResult<()> {
    state.with(|j| j.save_message_draft(&draft))
}

#[tauri::command(async)]
pub fn discard_message_draft(
    state: State<'_, AppState>,
    direction: Direction,
) -> CommandResult<()> {
    state.with(|j| j.discard_message_draft(direction))
}

#[tauri::command(async)]
pub fn save_message(
    state: State<'_, AppState>,
    draft: MessageDraft,
    occurred_at: String,
) -> CommandResult<Entry> {
    state.with(|j| {
        let id = j.save_message(&draft, &occurred_at)?;
        j.get(id)
    })
}

#[tauri::command(async)]
pub fn tone_settings(state: State<'_, AppState>) -> CommandResult<ToneSettings> {
    state.with(|j| j.tone_settings())
}

#[tauri::command(async)]
pub fn set_tone_settings(
    state: State<'_, AppState>,
    settings: ToneSettings,
) -> CommandResult<ToneSettings> {
    state.with(|j| j.set_tone_settings(&settings))
}
