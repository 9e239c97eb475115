//! The hash chain: how a revision's SHA-256 is computed, so anyone can recompute it.
//!
//! `hash = SHA-256(  "evenkeel-revision-v1\n" entry_id "\n" seq "\n" action "\n"
//!                   recorded_at "\n" prev_hash "\n" content )`
//! where `content` is the revision's canonical JSON exactly as stored (object keys sorted,
//! no insignificant white space) and `prev_hash` is the hash of the revision written just
//! before it anywhere in the journal (64 zeros for the first). Changing, removing or
//! reordering any past revision breaks every hash after it.

use serde_json::Value;
use sha2::{Digest, Sha256};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Clone, Copy)]
pub struct Link<'a> {
    pub entry_id: i64,
    pub seq: u32,
    pub action: &'a str,
    pub recorded_at: &'a str,
    pub prev_hash: &'a str,
    pub content: &'a str,
}

impl Link<'_> {
    pub fn hash(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"evenkeel-revision-v1\n");
        for part in [
            self.entry_id.to_string().as_str(),
            &self.seq.to_string(),
            self.action,
            self.recorded_at,
            self.prev_hash,
        ] {
            h.update(part.as_bytes());
            h.update(b"\n");
        }
        h.update(self.content.as_bytes());
        hex::encode(h.finalize())
    }
}

/// Canonical JSON: keys sorted at every depth whatever serde_json's map order is
/// (another crate in the build may switch on `preserve_order`), compact.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_json_sorts_keys_at_every_depth() {
        let v = json!({"b": 1, "a": {"z": [1, {"y": 2, "x": "é"}], "c": null}});
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":null,"z":[1,{"x":"é","y":2}]},"b":1}"#
        );
    }

    #[test]
    fn every_field_changes_the_hash() {
        let base = Link {
            entry_id: 1,
            seq: 1,
            action: "create",
            recorded_at: "t",
            prev_hash: GENESIS,
            content: "{}",
        };
        let h = base.hash();
        assert_eq!(h.len(), 64);
        let variants = [
            Link {
                entry_id: 2,
                ..base
            },
            Link { seq: 2, ..base },
            Link {
                action: "edit",
                ..base
            },
            Link {
                recorded_at: "u",
                ..base
            },
            Link {
                prev_hash: "x",
                ..base
            },
            Link {
                content: "{ }",
                ..base
            },
        ];
        for v in variants {
            assert_ne!(v.hash(), h);
        }
    }

    /// A test vector computed outside Evenkeel, so the formula in the README is checked
    /// against an independent implementation (Python's json and hashlib):
    ///
    /// ```python
    /// import hashlib, json
    /// content = {"attachments": [], "body": "Arrived 9:55.\nHandover calm — Sam said “bye”.",
    ///            "channel": "handover", "children": ["Sam"], "kind": "interaction",
    ///            "occurred_at": "2026-11-14T10:02:00+00:00", "people": [], "private": False,
    ///            "tags": ["handover"], "title": "Handover at the leisure centre"}
    /// s = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    /// pre = "evenkeel-revision-v1\n1\n1\ncreate\n2026-11-14T10:05:12.345Z\n" + "0" * 64 + "\n" + s
    /// print(hashlib.sha256(pre.encode()).hexdigest())
    /// ```
    #[test]
    fn hash_matches_an_independent_implementation() {
        use crate::model::{Channel, EntryDraft, EntryKind, RevisionContent};
        let content = RevisionContent {
            draft: EntryDraft {
                kind: EntryKind::Interaction,
                occurred_at: "2026-11-14T10:02:00+00:00".into(),
                title: "Handover at the leisure centre".into(),
                body: "Arrived 9:55.\nHandover calm — Sam said “bye”.".into(),
                channel: Some(Channel::Handover),
                legal_step: None,
                mood: None,
                message: None,
                schedule: None,
                children: vec!["Sam".into()],
                people: vec![],
                tags: vec!["handover".into()],
                location: None,
                private: false,
            },
            attachments: vec![],
        };
        let json = canonical_json(&serde_json::to_value(&content).unwrap());
        assert_eq!(
            json,
            r#"{"attachments":[],"body":"Arrived 9:55.\nHandover calm — Sam said “bye”.","channel":"handover","children":["Sam"],"kind":"interaction","occurred_at":"2026-11-14T10:02:00+00:00","people":[],"private":false,"tags":["handover"],"title":"Handover at the leisure centre"}"#
        );
        let link = Link {
            entry_id: 1,
            seq: 1,
            action: "create",
            recorded_at: "2026-11-14T10:05:12.345Z",
            prev_hash: GENESIS,
            content: &json,
        };
        assert_eq!(
            link.hash(),
            "eaaac59152161cdd54d9db1b49ed7199bf4140e4473614901084725847a4b106"
        );
    }
}
