//! The journal's own small settings (the checker's word lists, how many backups to keep, the
//! case details last used for a bundle), kept encrypted with everything else.

use rusqlite::OptionalExtension;

use super::Journal;
use crate::error::Result;
use crate::export::bundle::CaseDetails;

const BUNDLE_CASE_KEY: &str = "bundle_case";

impl Journal {
    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub(crate) fn put_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = ?2",
            [key, value],
        )?;
        Ok(())
    }

    /// The case details entered for the last bundle, offered again for the next.
    pub fn bundle_case(&self) -> Result<CaseDetails> {
        Ok(self
            .setting(BUNDLE_CASE_KEY)?
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_default())
    }

    pub fn set_bundle_case(&mut self, case: &CaseDetails) -> Result<()> {
        let json = serde_json::to_string(case).expect("case details always serialise");
        self.put_setting(BUNDLE_CASE_KEY, &json)
    }
}
