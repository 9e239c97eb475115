import { describe, expect, it } from "vitest";
import type { EntryDraft, Revision } from "./bindings";
import { changedFields, describeRevision } from "./history";

const draft: EntryDraft = {
  kind: "note", occurred_at: "2026-03-14T10:00:00+00:00", title: "A", body: "b",
  children: [], people: [], tags: [], private: false,
};

function rev(seq: number, action: Revision["action"], content: EntryDraft, attachments: Revision["attachments"] = []): Revision {
  return { chain_index: seq, entry_id: 1, seq, action, recorded_at: "2026-03-14T10:00:00Z", content, attachments, canonical_content: JSON.stringify(content), prev_hash: "p", hash: "h" };
}

describe("history", () => {
  it("names the fields an edit changed", () => {
    expect(changedFields(draft, { ...draft, title: "B", tags: ["x"] })).toEqual(["title", "tags"]);
    const first = rev(1, "create", draft);
    const second = rev(2, "edit", { ...draft, body: "changed", occurred_at: "2026-03-14T11:00:00+00:00" });
    expect(describeRevision(first)).toBe("Written");
    expect(describeRevision(second, first)).toBe("Changed the time and account");
  });

  it("describes attachments and deletions", () => {
    const a = { id: 1, name: "photo.jpg", media_type: "image/jpeg", size: 10, sha256: "s" };
    expect(describeRevision(rev(2, "attach", draft, [a]), rev(1, "create", draft))).toBe("Attached photo.jpg");
    expect(describeRevision(rev(3, "delete", draft))).toMatch(/Deleted/);
  });
});
