//! What the derived tables (timeline, names, tags, search) hold for one entry, computed from
//! the content of its newest revision. The writer and `verify`'s replay both use this, so the
//! tables can always be rebuilt from the chain and compared with it.

use crate::error::Result;
use crate::model::EntryDraft;
use crate::validate;

pub(super) struct Derived<'a> {
    pub kind: &'static str,
    pub occurred_utc: i64,
    pub occurred_day: String,
    pub private: bool,
    pub children: &'a [String],
    pub people: &'a [String],
    pub tags: &'a [String],
    pub title: &'a str,
    pub body: &'a str,
    /// Names, tags, the place and feelings: searchable beside the title and body.
    pub extra: String,
}

pub(super) fn derive(d: &EntryDraft) -> Result<Derived<'_>> {
    let (occurred_utc, occurred_day) =
        validate::occurred_keys(&validate::parse_occurred_at(&d.occurred_at)?);
    let mut extra: Vec<&str> = Vec::new();
    extra.extend(d.children.iter().map(String::as_str));
    extra.extend(d.people.iter().map(String::as_str));
    extra.extend(d.tags.iter().map(String::as_str));
    extra.extend(d.location.as_deref());
    extra.extend(d.mood.iter().flat_map(|m| {
        m.feelings
            .iter()
            .map(String::as_str)
            .chain(m.child.as_deref())
    }));
    Ok(Derived {
        kind: d.kind.as_str(),
        occurred_utc,
        occurred_day,
        private: d.private,
        children: &d.children,
        people: &d.people,
        tags: &d.tags,
        title: &d.title,
        body: &d.body,
        extra: extra.join(" "),
    })
}
