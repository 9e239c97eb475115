import { describe, expect, it } from "vitest";
import { capped, firstBadLine, hexGroups, problemLine, verifiedSummary, warningLine } from "./verify";

describe("the journal check in words", () => {
  it("counts what checked out", () => {
    expect(verifiedSummary({ revisions_checked: 12, attachments_checked: 3 })).toBe("All 12 revisions and 3 attachments check out.");
    expect(verifiedSummary({ revisions_checked: 1, attachments_checked: 1 })).toBe("The 1 revision and 1 attachment check out.");
    expect(verifiedSummary({ revisions_checked: 0, attachments_checked: 0 })).toMatch(/nothing to check/);
  });

  it("names the first broken link and each problem, with or without an entry", () => {
    expect(firstBadLine({ chain_index: 7, entry_id: 3, seq: 2, reason: "its hash does not match its content" })).toBe(
      "The first difference is in revision 2 of entry 3 (number 7 in the chain): its hash does not match its content.",
    );
    expect(problemLine({ entry_id: 4, area: "timeline", message: "it is missing from the timeline" })).toBe(
      "Entry 4, timeline: it is missing from the timeline.",
    );
    expect(problemLine({ area: "search", message: "the index lists an entry that does not exist." })).toBe(
      "Search: the index lists an entry that does not exist.",
    );
    expect(warningLine({ chain_index: 9, entry_id: 5, message: "the computer's clock went backwards" })).toBe(
      "Entry 5 (number 9 in the chain): the computer's clock went backwards.",
    );
  });

  it("caps long lists and groups a hash for reading", () => {
    expect(capped([1, 2, 3, 4, 5], 3)).toEqual({ shown: [1, 2, 3], more: 2 });
    expect(capped([1], 3)).toEqual({ shown: [1], more: 0 });
    const head = "0123456789abcdef".repeat(4);
    expect(hexGroups(head)).toHaveLength(8);
    expect(hexGroups(head).join("")).toBe(head);
    expect(hexGroups(head)[1]).toBe("89abcdef");
  });
});
