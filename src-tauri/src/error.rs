//! Errors as the UI receives them: `{ kind, message }`.

use evenkeel::model::ErrorInfo;
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct CommandError(ErrorInfo);

impl CommandError {
    pub fn locked() -> Self {
        CommandError(ErrorInfo {
            kind: "locked".into(),
            message: "the journal is locked; unlock it first".into(),
        })
    }

    pub fn already_unlocked() -> Self {
        CommandError(ErrorInfo {
            kind: "unlocked".into(),
            message: "the journal is already unlocked".into(),
        })
    }
}

impl From<evenkeel::Error> for CommandError {
    fn from(e: evenkeel::Error) -> Self {
        CommandError(ErrorInfo::from(&e))
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
