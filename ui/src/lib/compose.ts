// The composer's text handling, kept apart from the view so it can be tested on its own.
// Offsets are the checker's UTF-16 offsets, which are JavaScript string indices.
import { diffWords } from "diff";
import type { Finding, Severity } from "./bindings";

/** `learned`: the run is a sentence the model flagged, marked more lightly than a phrase. */
export type Segment = { text: string; severity?: Severity; index?: number; learned?: boolean };

const RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };

/** Whether a finding is the learned model's reading of a whole sentence, not a named phrase. */
export function isLearned(f: Finding): boolean {
  return f.category === "hostility";
}

/** Severity first; at equal severity a named phrase outranks a whole-sentence reading. */
function rank(f: Finding): number {
  return RANK[f.severity] * 2 + (isLearned(f) ? 0 : 1);
}

/**
 * Splits the text into plain and highlighted runs. Where findings overlap, the more severe
 * one wins the shared characters, so a red insult inside an amber sentence still shows red.
 */
export function segments(text: string, findings: Finding[]): Segment[] {
  const owner: (number | undefined)[] = new Array(text.length).fill(undefined);
  findings.forEach((f, i) => {
    const end = Math.min(f.end_utf16, text.length);
    for (let c = f.start_utf16; c < end; c++) {
      const current = owner[c];
      if (current === undefined || rank(f) > rank(findings[current])) owner[c] = i;
    }
  });
  const out: Segment[] = [];
  let start = 0;
  for (let c = 1; c <= text.length; c++) {
    if (c === text.length || owner[c] !== owner[start]) {
      const i = owner[start];
      out.push(
        i === undefined
          ? { text: text.slice(start, c) }
          : { text: text.slice(start, c), severity: findings[i].severity, index: i, learned: isLearned(findings[i]) },
      );
      start = c;
    }
  }
  return out;
}

/**
 * Findings from an older check that still sit on unchanged text: those wholly inside the
 * part both versions share at the start. Typing at the end keeps earlier highlights steady
 * instead of flickering off until the next check arrives.
 */
export function stillValid(checkedText: string, text: string, findings: Finding[]): Finding[] {
  if (checkedText === text) return findings;
  let prefix = 0;
  const max = Math.min(checkedText.length, text.length);
  while (prefix < max && checkedText.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  // A word being typed may still change what an earlier finding means, so leave a margin.
  return findings.filter((f) => f.end_utf16 < prefix);
}

/**
 * Replaces a finding's fix (its own span, or its whole sentence when nothing else is in it)
 * with its suggestion, tidying the space a removal leaves behind.
 */
export function applySuggestion(text: string, finding: Finding): { text: string; caret: number } {
  const before = text.slice(0, finding.fix.start_utf16);
  let after = text.slice(finding.fix.end_utf16);
  let insert = finding.suggestion;
  let head = before;
  if (!insert) {
    // "coat, you idiot, on Friday" → "coat on Friday": drop the gap and the commas around it.
    head = head.replace(/[ \t]+$/, "");
    after = after.replace(/^[ \t]+/, "");
    const commaAfter = /^[,;]/.test(after);
    if (commaAfter) after = after.slice(1);
    if (/[,;]$/.test(head) && (commaAfter || /^[.!?]/.test(after) || !after.trim())) head = head.slice(0, -1);
    if (head && after && !/^[\s.,;:!?)]/.test(after) && !/[\s(]$/.test(head)) after = " " + after;
    if (!head.trim() || /[.!?]\s*$/.test(head)) after = capitaliseFirst(after.replace(/^[ \t]+/, head ? " " : ""));
  } else if (/^[a-z]/.test(insert) && (!head.trim() || /[.!?]\s*$/.test(head))) {
    insert = capitaliseFirst(insert);
  }
  return { text: head + insert + after, caret: head.length + insert.length };
}

function capitaliseFirst(s: string): string {
  const i = s.search(/\S/);
  return i < 0 ? s : s.slice(0, i) + s.charAt(i).toUpperCase() + s.slice(i + 1);
}

export type DiffPart = { text: string; change: "same" | "removed" | "added" };

/** Word by word: what the calmer draft leaves out and what it adds. */
export function wordDiff(original: string, calmer: string): DiffPart[] {
  return diffWords(original, calmer).map((p) => ({
    text: p.value,
    change: p.added ? "added" : p.removed ? "removed" : "same",
  }));
}

/** A mailto: link with no address (the parent's email app fills that in) and the text as body. */
export function mailtoUrl(body: string, subject = ""): string {
  const params = [];
  if (subject.trim()) params.push(`subject=${encodeURIComponent(subject.trim())}`);
  // Email wants CRLF line breaks; encodeURIComponent leaves nothing unsafe in the link.
  params.push(`body=${encodeURIComponent(body.replace(/\r?\n/g, "\r\n"))}`);
  return `mailto:?${params.join("&")}`;
}
