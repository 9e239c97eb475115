// What each revision changed, so an edit is visible as an edit.
import type { EntryDraft, Revision } from "./bindings";

const FIELDS: { key: keyof EntryDraft; label: string }[] = [
  { key: "kind", label: "kind" },
  { key: "occurred_at", label: "time" },
  { key: "title", label: "title" },
  { key: "body", label: "account" },
  { key: "channel", label: "channel" },
  { key: "legal_step", label: "legal step" },
  { key: "mood", label: "mood" },
  { key: "children", label: "children" },
  { key: "people", label: "people" },
  { key: "tags", label: "tags" },
  { key: "location", label: "location" },
  { key: "private", label: "private" },
];

/** A plain sentence for what one revision did, given the one before it. */
export function describeRevision(rev: Revision, previous?: Revision): string {
  switch (rev.action) {
    case "create":
      return "Written";
    case "delete":
      return "Deleted (kept in the history)";
    case "attach": {
      const added = rev.attachments.slice(previous?.attachments.length ?? 0).map((a) => a.name);
      return added.length ? `Attached ${added.join(", ")}` : "Attachment added";
    }
    case "edit": {
      const changed = changedFields(previous?.content, rev.content);
      return changed.length ? `Changed the ${joinWords(changed)}` : "Edited";
    }
  }
}

export function changedFields(before?: EntryDraft, after?: EntryDraft): string[] {
  if (!before || !after) return [];
  return FIELDS.filter(({ key }) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)).map(
    (f) => f.label,
  );
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
