//! What leaves the journal on the user's say-so: spreadsheet tables (`csv`). The whole
//! journal as JSON and backups live with the journal itself (`Journal::export_json`,
//! `Journal::backup`), since they copy its storage exactly.

pub mod csv;
