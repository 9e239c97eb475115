//! The app's one piece of state: the journal, `None` while locked.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use evenkeel::Journal;

use crate::error::{CommandError, CommandResult};

pub struct AppState {
    pub path: PathBuf,
    journal: Mutex<Option<Journal>>,
    /// The bundle this window last exported: the only file it may show in its folder.
    last_bundle: Mutex<Option<PathBuf>>,
}

impl AppState {
    pub fn new(path: PathBuf) -> Self {
        AppState {
            path,
            journal: Mutex::new(None),
            last_bundle: Mutex::new(None),
        }
    }

    pub fn last_bundle(&self) -> MutexGuard<'_, Option<PathBuf>> {
        self.last_bundle.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The slot itself, for unlocking and locking. A panic in another command must not
    /// leave the journal unreachable, so a poisoned lock is taken over.
    pub fn slot(&self) -> MutexGuard<'_, Option<Journal>> {
        self.journal.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the unlocked journal.
    pub fn with<T>(&self, f: impl FnOnce(&mut Journal) -> evenkeel::Result<T>) -> CommandResult<T> {
        let mut slot = self.slot();
        let journal = slot.as_mut().ok_or_else(CommandError::locked)?;
        Ok(f(journal)?)
    }
}
