// Plain helpers for the schedule screens: calendar days, outcome labels, and compliance in the
// words a parent would use. Days are YYYY-MM-DD strings; times stay in the offset the core gave
// them, never shifted to this computer's zone (see format.ts).
import type { Compliance, Contact, OutcomeKind, Parent, Plan, TemplateName } from "./bindings";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number);
  return [y, m, d];
}

function toDay(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Today's date on this computer's calendar. */
export function today(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  return toDay(new Date(Date.UTC(y, m - 1, d + n)));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** "2027-01" for the month a day is in. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
}

/** "January 2027" */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${MONTHS[m - 1]} ${y}`;
}

/** The weeks (Monday to Sunday) that show a month, as days. */
export function monthGrid(month: string): string[][] {
  const first = `${month}-01`;
  const start = addDays(first, -((weekdayOf(first) + 6) % 7));
  const next = `${addMonths(month, 1)}-01`;
  const weeks: string[][] = [];
  for (let day = start; day < next || weeks.length === 0; ) {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

export const WEEKDAY_HEADINGS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** "Fri 8 Jan" (with the year when asked). */
export function shortDay(day: string, year = false): string {
  const [y, m, d] = parts(day);
  return `${WEEKDAYS[weekdayOf(day)].slice(0, 3)} ${d} ${MONTHS[m - 1].slice(0, 3)}${year ? ` ${y}` : ""}`;
}

/** "Friday 8 January 2027" */
export function longDay(day: string): string {
  const [y, m, d] = parts(day);
  return `${WEEKDAYS[weekdayOf(day)]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "8 Jan 2027" */
export function plainDate(day: string): string {
  const [y, m, d] = parts(day);
  return `${d} ${MONTHS[m - 1].slice(0, 3)} ${y}`;
}

/** "Fri 8 Jan, 18:00 to Sun 10 Jan, 18:00", in the times' own offset (with the year when asked). */
export function span(start: string, end: string, year = false): string {
  const a = start.slice(0, 10);
  const b = end.slice(0, 10);
  const from = `${shortDay(a, year)}, ${start.slice(11, 16)}`;
  if (a === b) return `${from} to ${end.slice(11, 16)}`;
  return `${from} to ${shortDay(b)}, ${end.slice(11, 16)}`;
}

export function withLabel(p: Parent): string {
  return p === "me" ? "with you" : "with the other parent";
}

export type Status = "kept" | "late" | "short" | "missed" | "cancelled" | "swapped" | "unlogged" | "planned";

/** What a contact's day shows: its logged outcome, or "not logged" once it has started. */
export function statusOf(c: Pick<Contact, "outcome" | "planned">, day = today()): Status {
  if (c.outcome) return c.outcome.outcome;
  return c.planned <= day ? "unlogged" : "planned";
}

/** Words and a sign for each status, so colour is never the only signal. */
export const STATUS: Record<Status, { label: string; icon: string; tone: "good" | "bad" | "neutral" | "open" }> = {
  kept: { label: "Kept", icon: "✓", tone: "good" },
  late: { label: "Late", icon: "✓", tone: "good" },
  short: { label: "Cut short", icon: "✓", tone: "good" },
  missed: { label: "Missed", icon: "✕", tone: "bad" },
  cancelled: { label: "Cancelled", icon: "✕", tone: "bad" },
  swapped: { label: "Swapped", icon: "⇄", tone: "neutral" },
  unlogged: { label: "Not logged", icon: "?", tone: "open" },
  planned: { label: "Planned", icon: "○", tone: "open" },
};

/** "Late, 20 min" / "Cancelled by the other parent" / "Kept". */
export function outcomeLabel(o: OutcomeKind): string {
  switch (o.outcome) {
    case "late":
      return `Started ${o.minutes} min late`;
    case "short":
      return `Cut ${o.minutes} min short`;
    case "cancelled":
      return o.by === "me" ? "Cancelled by you" : "Cancelled by the other parent";
    default:
      return STATUS[o.outcome].label;
  }
}

export const TEMPLATES: { value: TemplateName; label: string; description: string }[] = [
  { value: "alternate-weekends", label: "Alternate weekends", description: "Every other weekend, Friday evening to Sunday evening." },
  { value: "every-weekend", label: "Every weekend", description: "Every weekend, Friday evening to Sunday evening." },
  { value: "midweek-evening", label: "Midweek evening", description: "One evening a week, on the weekday the plan starts (usually 16:00 to 19:00)." },
  { value: "alternate-weekends-midweek", label: "Alternate weekends and a midweek evening", description: "Every other weekend, and a Wednesday evening every week." },
  { value: "week-on-week-off", label: "Week on, week off", description: "A whole week, every other week, changing over on the day the plan starts." },
  { value: "2-2-3", label: "2-2-3", description: "Over two weeks: 2 days, then 2 days with the other parent, then 3 days; the next week the other way round." },
  { value: "2-2-5-5", label: "2-2-5-5", description: "The same 2 weekdays every week, plus alternate long weekends: 5 days and 5 days." },
  { value: "3-4-4-3", label: "3-4-4-3", description: "3 days, then 4 days the next week, alternating." },
  { value: "custom", label: "My own rule", description: "A calendar rule (RFC 5545), for example FREQ=WEEKLY;BYDAY=SA for every Saturday." },
];

export function templateLabel(t: TemplateName): string {
  return TEMPLATES.find((x) => x.value === t)?.label ?? t;
}

/** The usual handover times for a template, as the core applies them. */
export function defaultHandover(t: TemplateName): [string, string] {
  return t === "midweek-evening" ? ["16:00", "19:00"] : ["18:00", "18:00"];
}

/** "Sam spends time with you: alternate weekends, 18:00." */
export function planSummary(p: Plan): string {
  const verb = p.arrangement === "lives-with" ? "lives with" : "spends time with";
  const who = p.with === "me" ? "you" : "the other parent";
  return `${p.child} ${verb} ${who}: ${templateLabel(p.template).toLowerCase()}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "14 of 22 planned contacts kept; 6 cancelled by the other parent, 2 by you; 3 not yet logged." */
export function complianceSentence(c: Compliance): string {
  if (c.planned === 0) return "No contact was planned in these dates.";
  const out = [`${c.kept} of ${plural(c.planned, "planned contact", "planned contacts")} kept`];
  const happened: string[] = [];
  if (c.late) happened.push(`${c.late} started late`);
  if (c.short) happened.push(`${c.short} cut short`);
  if (happened.length) out.push(happened.join(", "));
  if (c.missed) out.push(`${c.missed} missed`);
  if (c.cancelled_by_other && c.cancelled_by_me) out.push(`${c.cancelled_by_other} cancelled by the other parent, ${c.cancelled_by_me} by you`);
  else if (c.cancelled_by_other) out.push(`${c.cancelled_by_other} cancelled by the other parent`);
  else if (c.cancelled_by_me) out.push(`${c.cancelled_by_me} cancelled by you`);
  if (c.swapped) out.push(`${c.swapped} swapped for other time`);
  if (c.unlogged) out.push(`${c.unlogged} not yet logged`);
  return out.join("; ") + ".";
}

/** "82.5% of the planned time whose outcome is known happened." */
export function percentSentence(c: Compliance): string {
  if (c.percent_happened === null) return "Nothing is logged yet, so there is no share of time to give.";
  return `Of the planned time you have logged, ${c.percent_happened}% happened.`;
}

/** "2 h 30 min", "45 min", "2 days 3 h". */
export function duration(minutes: number): string {
  if (minutes <= 0) return "none";
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h < 48) return m ? `${h} h ${m} min` : `${h} h`;
  const d = Math.floor(h / 24);
  const rh = h % 24;
  return rh ? `${d} days ${rh} h` : `${d} days`;
}

export function hours(n: number): string {
  return `${Math.round(n * 10) / 10} h`;
}

/** "happened" → words for the mood-around-contact groups. */
export function aroundLabel(group: string): string {
  return group === "happened" ? "Contact happened" : group === "did-not-happen" ? "Contact did not happen" : "Not logged yet";
}

/** The field an error message names ("until: the plan ends…"), to mark it on the form. */
export function errorField(message: string): string | null {
  const m = /^([a-z_]+): /i.exec(message.trim());
  return m ? m[1].toLowerCase() : null;
}
