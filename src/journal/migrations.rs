//! Ordered schema migrations, applied in one transaction with the version in `user_version`.
//! A shipped migration is never edited: add a new one at the end.

use rusqlite::Connection;

use crate::error::{Error, Result};

const MIGRATIONS: &[&str] = &[
    // 1: entries, the append-only revision chain, the derived current state and search.
    r#"
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL
    );
    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        seq INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'edit', 'attach', 'delete')),
        recorded_at TEXT NOT NULL,
        content TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE (entry_id, seq)
    );
    CREATE TRIGGER revisions_are_append_only_u BEFORE UPDATE ON revisions
        BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
    CREATE TRIGGER revisions_are_append_only_d BEFORE DELETE ON revisions
        BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;

    -- Derived from each entry's newest revision, for fast timelines; never the record itself.
    CREATE TABLE current (
        entry_id INTEGER PRIMARY KEY REFERENCES entries(id),
        revision_id INTEGER NOT NULL REFERENCES revisions(id),
        kind TEXT NOT NULL,
        occurred_utc INTEGER NOT NULL,
        occurred_day TEXT NOT NULL,
        private INTEGER NOT NULL,
        deleted INTEGER NOT NULL
    );
    CREATE INDEX current_timeline ON current (deleted, occurred_utc DESC, entry_id DESC);

    CREATE TABLE children (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE);
    CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE);
    CREATE TABLE entry_children (
        entry_id INTEGER NOT NULL, child_id INTEGER NOT NULL REFERENCES children(id),
        PRIMARY KEY (entry_id, child_id)) WITHOUT ROWID;
    CREATE INDEX entry_children_child ON entry_children (child_id, entry_id);
    CREATE TABLE entry_people (
        entry_id INTEGER NOT NULL, person_id INTEGER NOT NULL REFERENCES people(id),
        PRIMARY KEY (entry_id, person_id)) WITHOUT ROWID;
    CREATE INDEX entry_people_person ON entry_people (person_id, entry_id);
    CREATE TABLE entry_tags (
        entry_id INTEGER NOT NULL, tag TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (entry_id, tag)) WITHOUT ROWID;
    CREATE INDEX entry_tags_tag ON entry_tags (tag, entry_id);

    CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        added_at TEXT NOT NULL,
        data BLOB NOT NULL
    );
    CREATE INDEX attachments_entry ON attachments (entry_id);

    CREATE VIRTUAL TABLE search USING fts5(
        title, body, extra, tokenize = 'unicode61 remove_diacritics 2',
        content = '', contentless_delete = 1
    );
    "#,
    // 2: working state that is not part of the record: message drafts and the checker's settings.
    // Neither is in the hash chain; both stay inside the encrypted file.
    r#"
    CREATE TABLE message_drafts (
        direction TEXT PRIMARY KEY CHECK (direction IN ('sent', 'received')),
        content TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    "#,
    // 3: an attachment's bytes and an entry's written time are part of the record, like
    // revisions: the database refuses to change them (verify checks them against the chain).
    r#"
    CREATE TRIGGER attachments_are_append_only_u BEFORE UPDATE ON attachments
        BEGIN SELECT RAISE(ABORT, 'attachments are append-only'); END;
    CREATE TRIGGER attachments_are_append_only_d BEFORE DELETE ON attachments
        BEGIN SELECT RAISE(ABORT, 'attachments are append-only'); END;
    CREATE TRIGGER entries_are_append_only_u BEFORE UPDATE ON entries
        BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;
    CREATE TRIGGER entries_are_append_only_d BEFORE DELETE ON entries
        BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;
    "#,
];

pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// Brings the schema up to date. All pending steps commit together or not at all.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > latest() {
        return Err(Error::NewerFormat {
            found,
            known: latest(),
        });
    }
    if found == latest() {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for sql in &MIGRATIONS[found as usize..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", latest())?;
    tx.commit()?;
    Ok(())
}
