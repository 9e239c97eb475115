// What the entry view does with attachments: which can be shown as pictures, and how a file
// whose bytes no longer match their recorded fingerprint is told apart from other failures.
import { ApiError } from "./api";

/** Picture types the window can show safely and reliably (no SVG: it is a document, not a picture). */
const PREVIEWABLE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** Whether an attachment of this media type is shown as a picture. */
export function canPreview(mediaType: string): boolean {
  return PREVIEWABLE.has(mediaType.split(";")[0].trim().toLowerCase());
}

/** The core refused the bytes because they no longer match the SHA-256 recorded when attached. */
export function isAltered(e: unknown): boolean {
  return e instanceof ApiError && e.kind === "attachment_altered";
}

export const ALTERED_WARNING =
  "This file no longer matches the fingerprint recorded when it was attached. " +
  "It may have been changed outside Evenkeel; run Check the journal.";
