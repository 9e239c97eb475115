// How the result of "Check the journal" is put into words.
import type { BrokenLink, VerifyProblem, VerifyReport, VerifyWarning } from "./bindings";

/** Why the chain head is worth keeping, in one plain line. */
export const HEAD_WHY =
  "Write this down, or send it to your solicitor: if anything already in the journal is ever changed, " +
  "the journal will no longer lead to this code.";

/** How many problems are listed before "and N more". */
export const SHOWN_PROBLEMS = 8;

/** "All 12 revisions and 3 attachments check out." for a journal that checks out. */
export function verifiedSummary(r: Pick<VerifyReport, "revisions_checked" | "attachments_checked">): string {
  const n = r.revisions_checked;
  const m = r.attachments_checked;
  if (n === 0) return "Nothing has been written yet, so there is nothing to check.";
  const revisions = n === 1 ? "The 1 revision" : `All ${n} revisions`;
  const attachments = m === 1 ? "1 attachment" : `${m} attachments`;
  return `${revisions} and ${attachments} check out.`;
}

/** Where the chain first stops matching, as a sentence. */
export function firstBadLine(b: BrokenLink): string {
  return sentence(`The first difference is in revision ${b.seq} of entry ${b.entry_id} (number ${b.chain_index} in the chain): ${b.reason}`);
}

/** "Entry 12, timeline: …", or "Search: …" for a problem that is not about one entry. */
export function problemLine(p: VerifyProblem): string {
  // The core may leave entry_id out or send null for a problem that is not about one entry.
  const where = p.entry_id == null ? capitalise(p.area) : `Entry ${p.entry_id}, ${p.area}`;
  return sentence(`${where}: ${p.message}`);
}

export function warningLine(w: VerifyWarning): string {
  return sentence(`Entry ${w.entry_id} (number ${w.chain_index} in the chain): ${w.message}`);
}

/** The first `max` items, and how many more there are. */
export function capped<T>(items: T[], max: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max) };
}

/** A long hash in groups of `size`, so it wraps between groups and is easier to copy by hand. */
export function hexGroups(hex: string, size = 8): string[] {
  const groups: string[] = [];
  for (let i = 0; i < hex.length; i += size) groups.push(hex.slice(i, i + size));
  return groups;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
