// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
mod export_commands;
mod import_commands;
mod schedule_commands;
mod state;

use std::path::PathBuf;

fn main() {
    // The same journal as the CLI: $EVENKEEL_JOURNAL, else the platform data directory.
    let path = std::env::var_os("EVENKEEL_JOURNAL")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(evenkeel::journal::default_path);

    tauri::Builder::default()
        // Copy and 'open in email' only; the capability file narrows each to one call.
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        // Save dialogs, shown from Rust only: the window is granted none of its commands.
        .plugin(tauri_plugin_dialog::init())
        .manage(state::AppState::new(path))
        .invoke_handler(tauri::generate_handler![
            commands::journal_status,
            commands::create_journal,
            commands::unlock_journal,
            commands::lock_journal,
            commands::list_entries,
            commands::get_entry,
            commands::add_entry,
            commands::edit_entry,
            commands::delete_entry,
            commands::search_entries,
            commands::vocabulary,
            commands::verify_journal,
            commands::attach_file,
            commands::attachment_data,
            commands::save_attachment,
            commands::change_passphrase,
            commands::check_message,
            commands::decode_message,
            commands::message_draft,
            commands::save_message_draft,
            commands::discard_message_draft,
            commands::save_message,
            commands::tone_settings,
            commands::set_tone_settings,
            schedule_commands::schedule_plans,
            schedule_commands::schedule_plan_parts,
            schedule_commands::schedule_default_zone,
            schedule_commands::schedule_preview,
            schedule_commands::schedule_add_plan,
            schedule_commands::schedule_edit_plan,
            schedule_commands::schedule_exceptions,
            schedule_commands::schedule_add_exception,
            schedule_commands::schedule_contacts,
            schedule_commands::schedule_log,
            schedule_commands::schedule_compliance,
            schedule_commands::mood_trends,
            import_commands::import_choose_file,
            import_commands::import_preview,
            import_commands::import_whatsapp,
            import_commands::import_choose_messages_file,
            import_commands::import_preview_messages,
            import_commands::import_messages,
            export_commands::bundle_defaults,
            export_commands::bundle_preview,
            export_commands::bundle_choose_file,
            export_commands::export_bundle,
            export_commands::bundle_reveal,
        ])
        .run(tauri::generate_context!())
        .expect("Evenkeel could not start its window");
}
