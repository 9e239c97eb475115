// The conversation thread and the imports (WhatsApp, texts, e-mail), in plain words.
import type { ChatPreview, DateOrder, Entry, ImportSummary, Verdict } from "./bindings";
import { dayLabel, dayOf, fullTime } from "./format";

/** "1 message", "12 messages". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How a file's dates were read, in words a parent can check against the file. */
export function orderWords(order: DateOrder | string): string {
  switch (order) {
    case "dmy":
      return "day first, so 31/12/2026 is 31 December";
    case "mdy":
      return "month first, so 12/31/2026 is 31 December";
    case "ymd":
      return "year first, so 2026-12-31 is 31 December";
    default:
      return order;
  }
}

/** A stored date reading ("dmy: a first number above 12 (25/12/24)") in words. */
export function readingWords(reading: string): string {
  const m = /^(dmy|mdy|ymd): (.*)$/.exec(reading);
  if (!m) return reading;
  const order = { dmy: "Day first", mdy: "Month first", ymd: "Year first" }[m[1] as DateOrder];
  return `${order} (${m[1]}): ${m[2]}`;
}

/** The counts a preview gives, as one sentence. */
export function previewCounts(p: ChatPreview): string {
  const parts = [count(p.messages, "message")];
  parts.push(p.notices === 0 ? "no WhatsApp notices" : `${count(p.notices, "WhatsApp notice")} left out`);
  parts.push(p.unreadable === 0 ? "every line understood" : `${count(p.unreadable, "line")} not understood`);
  return parts.join(" · ");
}

/** "Imported 12 messages; 0 were already in the journal; 1 WhatsApp notice left out." */
export function summaryWords(s: ImportSummary): string {
  const already = s.skipped_duplicates === 1 ? "1 was already in the journal" : `${s.skipped_duplicates} were already in the journal`;
  const notices = s.notices === 0 ? "no WhatsApp notices" : `${count(s.notices, "WhatsApp notice")} left out`;
  let words = `Imported ${count(s.imported, "message")}; ${already}; ${notices}.`;
  // A .zip export's photos and files, attached to their messages (newer journals say how many).
  const files = (s as ImportSummary & { attachments?: number }).attachments ?? 0;
  if (files > 0) words += ` ${count(files, "file")} from the chat ${files === 1 ? "was" : "were"} attached to ${files === 1 ? "its message" : "their messages"}.`;
  if (s.unreadable.length) {
    words += ` ${s.unreadable.length === 1 ? "Line" : "Lines"} ${s.unreadable.join(", ")} could not be understood and ${s.unreadable.length === 1 ? "was" : "were"} left out.`;
  }
  return words;
}

/** Android texts or e-mail. */
export type MessagesSource = "sms" | "email";

/** "a text", "an e-mail": what one message of a source is called. */
export function messageWord(source: string): string {
  return source === "email" ? "e-mail" : source === "sms" ? "text" : "message";
}

/** "Imported 5 texts; 0 were already in the journal.", for texts and e-mail. */
export function messagesSummaryWords(s: ImportSummary, source: string): string {
  const already = s.skipped_duplicates === 1 ? "1 was already in the journal" : `${s.skipped_duplicates} were already in the journal`;
  return `Imported ${count(s.imported, messageWord(source))}; ${already}.`;
}

/** The records of a backup (or messages of a mailbox) that could not be read, in words; "" when none. */
export function leftOutWords(s: ImportSummary, source: string): string {
  const n = s.unreadable.length;
  if (!n) return "";
  const what = source === "email" ? (n === 1 ? "Message" : "Messages") : n === 1 ? "Record" : "Records";
  const where = source === "email" ? "in the file" : "in the backup";
  return `${what} ${s.unreadable.join(", ")} ${where} could not be read (no date, no sender, a draft or nothing written) and ${n === 1 ? "was" : "were"} left out.`;
}

/** "Email from Dana: Half-term" gives "Half-term": the subject an e-mail's title carries, or "". */
export function subjectOf(e: Entry): string {
  const counterpart = e.message?.counterpart ?? "";
  for (const way of ["from", "to"]) {
    for (const who of [counterpart, `${counterpart} (not the other parent)`]) {
      const head = `Email ${way} ${who}: `;
      if (who && e.title.startsWith(head)) return e.title.slice(head.length);
    }
  }
  return "";
}

/** Where an imported message came from, as the thread labels it; "" for one written in Evenkeel. */
export function sourceLabel(e: Entry): string {
  const p = e.message?.import;
  if (!p) return "";
  switch (p.source) {
    case "whatsapp":
      return `Imported from WhatsApp, line ${p.line}`;
    case "sms":
      return `Imported from texts, record ${p.line}`;
    case "email": {
      const subject = subjectOf(e);
      return subject ? `Imported from e-mail (${subject})` : `Imported from e-mail, message ${p.line}`;
    }
    default:
      return `Imported from ${p.source}, line ${p.line}`;
  }
}

/** "12 Sep 2026, 08:14": the time as the chat shows it, without the offset the detail gives. */
export function shortTime(rfc3339: string): string {
  return fullTime(rfc3339).replace(/ \(UTC[^)]*\)$/, "");
}

/** "from 12 Sep 2026, 08:14 to …", from the summary's "<time> <title>" strings. */
export function summarySpan(s: ImportSummary): string {
  const at = (x?: string) => (x ? shortTime(x.split(" ")[0]) : "");
  if (!s.first || !s.last) return "";
  return s.first === s.last ? `The message is from ${at(s.first)}.` : `The messages run from ${at(s.first)} to ${at(s.last)}.`;
}

/** Messages oldest first; the same minute keeps the file's order (its line), then the journal's. */
export function thread(entries: Entry[]): Entry[] {
  return entries
    .filter((e) => e.kind === "message" && e.message)
    .slice()
    .sort(
      (a, b) =>
        Date.parse(a.occurred_at) - Date.parse(b.occurred_at) ||
        (a.message?.import?.line ?? 0) - (b.message?.import?.line ?? 0) ||
        a.id - b.id,
    );
}

export interface ThreadDay {
  day: string;
  label: string;
  messages: Entry[];
}

/** Groups an oldest-first thread by the day each message was written (in its own offset). */
export function byDay(messages: Entry[]): ThreadDay[] {
  const days: ThreadDay[] = [];
  for (const m of messages) {
    const day = dayOf(m.occurred_at);
    const last = days[days.length - 1];
    if (last && last.day === day) last.messages.push(m);
    else days.push({ day, label: dayLabel(day), messages: [m] });
  }
  return days;
}

/** Whether a message matches what was typed in the thread's search box (case and accents aside). */
export function matches(e: Entry, query: string): boolean {
  const q = fold(query.trim());
  if (!q) return true;
  const hay = [e.body, e.message?.counterpart ?? "", e.message?.import?.sender_as_written ?? "", subjectOf(e)].map(fold).join("\n");
  return q.split(/\s+/).every((word) => hay.includes(word));
}

function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The word shown beside a message the checker did not read as calm; null when it did. */
export function toneWord(verdict: Verdict | undefined): string | null {
  if (verdict === "hostile") return "Heated";
  if (verdict === "caution") return "Tense";
  return null;
}

/** Who wrote a message, as the thread shows it. */
export function author(e: Entry): string {
  const info = e.message!;
  if (info.direction === "sent") return "You";
  const name = info.counterpart || "The other parent";
  return info.import?.third_party ? `${name} (not the other parent)` : name;
}
