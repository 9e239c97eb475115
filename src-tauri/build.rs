// Lists the app's own commands so tauri-build generates one permission for each; the
// capability file then grants them one by one.
const COMMANDS: &[&str] = &[
    "journal_status",
    "create_journal",
    "unlock_journal",
    "lock_journal",
    "list_entries",
    "get_entry",
    "add_entry",
    "edit_entry",
    "delete_entry",
    "search_entries",
    "vocabulary",
    "verify_journal",
    "attach_file",
    "attachment_data",
    "save_attachment",
    "change_passphrase",
    "check_message",
    "decode_message",
    "message_draft",
    "save_message_draft",
    "discard_message_draft",
    "save_message",
    "tone_settings",
    "set_tone_settings",
    "schedule_plans",
    "schedule_plan_parts",
    "schedule_default_zone",
    "schedule_preview",
    "schedule_add_plan",
    "schedule_edit_plan",
    "schedule_exceptions",
    "schedule_add_exception",
    "schedule_contacts",
    "schedule_log",
    "schedule_compliance",
    "mood_trends",
    "import_choose_file",
    "import_preview",
    "import_whatsapp",
    "import_choose_messages_file",
    "import_preview_messages",
    "import_messages",
    "bundle_defaults",
    "bundle_preview",
    "bundle_choose_file",
    "export_bundle",
    "bundle_reveal",
];

fn main() {
    // The bundled SQLCipher must not export its sqlite3_* symbols over the system SQLite
    // that WebKit loads into the same process.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    }
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step failed");
}
