import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { canPreview, isAltered } from "./attachments";

describe("attachments", () => {
  it("shows common picture types as pictures, and nothing else", () => {
    for (const t of ["image/png", "image/jpeg", "image/gif", "image/webp", "IMAGE/JPEG", "image/png; charset=binary"]) {
      expect(canPreview(t), t).toBe(true);
    }
    for (const t of ["image/svg+xml", "image/heic", "application/pdf", "audio/mpeg", ""]) {
      expect(canPreview(t), t).toBe(false);
    }
  });

  it("tells an altered file apart from other errors", () => {
    expect(isAltered(new ApiError("attachment_altered", "attachment 3 (photo.jpg) no longer matches"))).toBe(true);
    expect(isAltered(new ApiError("locked", "the journal is locked"))).toBe(false);
    expect(isAltered(new Error("attachment_altered"))).toBe(false);
  });
});
