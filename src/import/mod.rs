//! Conversations that already exist, read verbatim from the files phones and mail programs
//! export: pure parsers here, one journal transaction to store them.

pub mod dates;
pub mod sms;
pub mod whatsapp;

pub use dates::{DateOrder, DateReading};
pub use whatsapp::{ChatKind, ChatMessage, ParsedChat};
