// Dates are shown as the parent wrote them: in the offset stored with the entry, not
// shifted to wherever the laptop is today.
import type { Channel, Entry, EntryKind, LegalStep } from "./bindings";

export const KINDS: { value: EntryKind; label: string; hint: string }[] = [
  { value: "interaction", label: "Interaction", hint: "A call, message, email, handover or meeting" },
  { value: "missed-contact", label: "Missed contact", hint: "Planned time with your child that did not happen" },
  { value: "incident", label: "Incident", hint: "Something that happened and should be on record" },
  { value: "mood", label: "Mood", hint: "How you are, and how your child seemed" },
  { value: "schedule-note", label: "Schedule note", hint: "A change or request about the schedule" },
  { value: "legal", label: "Legal or mediation", hint: "MIAM, mediation, applications, hearings, orders, letters" },
  { value: "note", label: "Note", hint: "Anything else worth keeping" },
  { value: "message", label: "Message", hint: "A message sent to or received from the other parent, kept word for word" },
  { value: "plan", label: "Parenting plan", hint: "A schedule of planned time, made in the Schedule view" },
  { value: "contact", label: "Contact", hint: "What happened at a planned contact, logged in the Schedule view" },
];

/** Kinds made only in the Schedule view, never chosen in the entry editor. */
export const SCHEDULE_KINDS: EntryKind[] = ["plan", "contact"];

/** The channels a written message travels by. */
export const MESSAGE_CHANNELS: { value: Channel; label: string }[] = [
  { value: "text", label: "Text message" },
  { value: "email", label: "Email" },
  { value: "other", label: "Other (app, letter…)" },
];

export const CHANNELS: { value: Channel; label: string }[] = [
  { value: "call", label: "Phone call" },
  { value: "text", label: "Text message" },
  { value: "email", label: "Email" },
  { value: "in-person", label: "In person" },
  { value: "video", label: "Video call" },
  { value: "handover", label: "Handover" },
  { value: "other", label: "Other" },
];

export const LEGAL_STEPS: { value: LegalStep; label: string }[] = [
  { value: "miam", label: "MIAM" },
  { value: "mediation", label: "Mediation session" },
  { value: "application", label: "Application" },
  { value: "hearing", label: "Hearing" },
  { value: "order", label: "Order" },
  { value: "breach", label: "Breach" },
  { value: "letter", label: "Letter" },
];

export const MOODS = ["Very low", "Low", "Okay", "Fairly good", "Good"];

export function kindLabel(kind: EntryKind): string {
  return KINDS.find((k) => k.value === kind)?.label ?? kind;
}

export function detailLabel(e: Pick<Entry, "kind" | "channel" | "legal_step" | "message">): string {
  if (e.message) {
    const way = e.channel ? CHANNELS.find((c) => c.value === e.channel)?.label ?? e.channel : "Message";
    return `${e.message.direction === "sent" ? "Sent" : "Received"} · ${way}`;
  }
  if (e.channel) return CHANNELS.find((c) => c.value === e.channel)?.label ?? e.channel;
  if (e.legal_step) return LEGAL_STEPS.find((s) => s.value === e.legal_step)?.label ?? e.legal_step;
  return kindLabel(e.kind);
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "2026-03-14" from an RFC 3339 string, in its own offset. */
export function dayOf(rfc3339: string): string {
  return rfc3339.slice(0, 10);
}

/** "Saturday 14 March 2026" */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "17:30" in the entry's own offset. */
export function timeOf(rfc3339: string): string {
  return rfc3339.slice(11, 16);
}

/** "14 Mar 2026, 17:30 (UTC+01:00)": unambiguous, for detail views and history. */
export function fullTime(rfc3339: string): string {
  const day = dayOf(rfc3339);
  const [y, m, d] = day.split("-").map(Number);
  const offset = rfc3339.endsWith("Z") ? "+00:00" : rfc3339.slice(-6);
  return `${d} ${MONTHS[m - 1].slice(0, 3)} ${y}, ${timeOf(rfc3339)} (UTC${offset})`;
}

/** A UTC time written by the core, shown on this computer's clock in the same form as fullTime. */
export function localFullTime(utc: string, zoneOffsetMinutes?: number): string {
  const d = new Date(utc);
  if (Number.isNaN(d.getTime())) return utc;
  const offset = zoneOffsetMinutes ?? -d.getTimezoneOffset();
  const wall = new Date(d.getTime() + offset * 60_000);
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  const stamp = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return fullTime(stamp);
}

export interface DayGroup {
  day: string;
  label: string;
  entries: Entry[];
}

/** Groups a newest-first list into days, keeping the order. */
export function groupByDay(entries: Entry[]): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const e of entries) {
    const day = dayOf(e.occurred_at);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.entries.push(e);
    else groups.push({ day, label: dayLabel(day), entries: [e] });
  }
  return groups;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The value for an <input type="datetime-local"> from a stored time (its own wall clock). */
export function toInputValue(rfc3339: string): string {
  return rfc3339.slice(0, 16);
}

/** A stored time from an <input type="datetime-local">, with this computer's offset on that date. */
export function fromInputValue(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) {
    throw new Error("enter a date and a time");
  }
  const local = new Date(value);
  if (Number.isNaN(local.getTime())) throw new Error("that date does not exist");
  const minutes = -local.getTimezoneOffset();
  const sign = minutes >= 0 ? "+" : "-";
  const abs = Math.abs(minutes);
  return `${value}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * What to store for "when it happened" on save. An unchanged field keeps the stored time byte
 * for byte (its seconds and the offset it was written with), so re-saving an entry to fix a typo
 * never moves it, wherever the computer is today. Only a time the user changed is converted.
 */
export function occurredForSave(original: string | null, value: string): string {
  if (original !== null && value === toInputValue(original)) return original;
  return fromInputValue(value);
}

/** Now, for a new entry's time field. */
export function nowInputValue(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** "a, b, c" ⇄ ["a", "b", "c"] for the list fields. */
export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
