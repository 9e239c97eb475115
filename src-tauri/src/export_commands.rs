//! Thin commands for the court bundle: defaults and a live preview for the export screen, the
//! save dialog (shown from Rust), the export itself with `bundle-progress` events, and showing
//! the finished file in its folder. Only the file this window just exported can be revealed.

use std::path::PathBuf;

use evenkeel::export::bundle::{self, BundleOptions, CaseDetails, Preview, Progress};
use evenkeel::Error;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::error::CommandResult;
use crate::state::AppState;

#[derive(Serialize)]
pub struct BundleDefaults {
    case: CaseDetails,
    /// A suggested file: the documents folder, the case number and today's date.
    out: String,
}

#[derive(Serialize)]
pub struct Exported {
    path: String,
    manifest: String,
    pages: usize,
    warnings: Vec<String>,
}

#[tauri::command(async)]
pub fn bundle_defaults(state: State<'_, AppState>) -> CommandResult<BundleDefaults> {
    let case = state.with(|j| j.bundle_case())?;
    let dir = directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .map(PathBuf::from)
                .or(Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_default();
    let stem = if case.case_number.trim().is_empty() {
        "Evenkeel bundle".to_string()
    } else {
        format!(
            "Bundle {}",
            case.case_number.trim().replace(['/', '\\'], "-")
        )
    };
    let today = chrono::Local::now().format("%Y-%m-%d");
    Ok(BundleDefaults {
        case,
        out: dir
            .join(format!("{stem} {today}.pdf"))
            .display()
            .to_string(),
    })
}

#[tauri::command(async)]
pub fn bundle_preview(
    state: State<'_, AppState>,
    options: BundleOptions,
) -> CommandResult<Preview> {
    state.with(|j| bundle::preview(j, &options))
}

/// The save dialog; the chosen path, or null if cancelled.
#[tauri::command(async)]
pub fn bundle_choose_file(
    app: AppHandle,
    window: WebviewWindow,
    suggested: String,
) -> CommandResult<Option<String>> {
    let suggested = PathBuf::from(suggested);
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Save the bundle as")
        .add_filter("PDF", &["pdf"])
        .set_parent(&window);
    if let Some(name) = suggested.file_name() {
        dialog = dialog.set_file_name(name.to_string_lossy());
    }
    if let Some(dir) = suggested.parent().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    let Some(chosen) = dialog.blocking_save_file() else {
        return Ok(None);
    };
    let path = chosen
        .into_path()
        .map_err(|e| Error::invalid("out", format!("that place cannot be written: {e}")))?;
    Ok(Some(path.display().to_string()))
}

/// Lays out and writes the bundle and its manifest, emitting `bundle-progress` as it goes.
/// The case details are remembered for the next bundle once this one is written.
#[tauri::command(async)]
pub fn export_bundle(
    app: AppHandle,
    state: State<'_, AppState>,
    options: BundleOptions,
    out: String,
    replace: bool,
) -> CommandResult<Exported> {
    let out = PathBuf::from(out.trim());
    if out
        .extension()
        .is_none_or(|e| !e.eq_ignore_ascii_case("pdf"))
    {
        return Err(Error::invalid("out", "the bundle's file name must end in .pdf").into());
    }
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let progress = |p: Progress| {
        let _ = app.emit("bundle-progress", p);
    };
    let (exported, manifest) = state.with(|j| {
        let b = bundle::build(j, &options, &name, &progress)?;
        let manifest = bundle::write(&b, &out, replace)?;
        j.set_bundle_case(&options.case)?;
        Ok((b, manifest))
    })?;
    *state.last_bundle() = Some(out.clone());
    Ok(Exported {
        path: out.display().to_string(),
        manifest: manifest.display().to_string(),
        pages: exported.pages,
        warnings: exported.warnings,
    })
}

/// Shows the bundle this window last exported in the file manager (nothing else can be
/// revealed from here).
#[tauri::command(async)]
pub fn bundle_reveal(app: AppHandle, state: State<'_, AppState>) -> CommandResult<()> {
    let Some(path) = state.last_bundle().clone() else {
        return Err(Error::invalid("out", "no bundle has been exported in this window yet").into());
    };
    app.opener()
        .reveal_item_in_dir(&path)
        .map_err(|e| Error::invalid("out", format!("the folder could not be shown: {e}")).into())
}
