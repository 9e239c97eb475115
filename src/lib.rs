//! Evenkeel's core: the encrypted journal and everything the CLI and the desktop app share.
//! It knows nothing of Tauri and compiles without WebKit.

pub mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod journal;
pub mod model;
pub mod schedule;
pub mod tone;
pub mod validate;

pub use error::{Error, Result};
pub use journal::Journal;
