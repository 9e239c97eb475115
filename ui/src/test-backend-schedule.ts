// The fake backend's parenting-time schedule (see test-backend.ts).
import type { Compliance, Contact, Entry, EntryDraft, MoodTrends, Occurrence, Outcome, Plan, PlanParts } from "./lib/bindings";
import { fake, makeEntry } from "./test-backend";

// The schedule, simply: weekend templates from the first Friday on or after the start, every
// other template weekly from the start; times at +00:00 (London in winter).

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function invalid(field: string, message: string): never {
  throw { kind: "invalid", message: `${field}: ${message}` };
}

export function planOf(id: string, parts: PlanParts): Plan {
  if (!parts.child.trim()) invalid("child", "say which child the plan is for");
  if (parts.until && parts.until < parts.start) invalid("until", `the plan ends on ${parts.until}, before it starts on ${parts.start}`);
  if (parts.template === "custom" && !/^FREQ=/.test(parts.rrule ?? "")) {
    invalid("rrule", parts.rrule ? `"${parts.rrule}" is not a valid RFC 5545 rule` : "the custom template needs a rule, e.g. FREQ=WEEKLY;BYDAY=SA");
  }
  const [from, to] = (parts.handover ?? "18:00").split("-");
  const handover = { from: `${from}:00`, to: `${to ?? from}:00` };
  return {
    id, child: parts.child.trim(), with: parts.with, arrangement: parts.arrangement, start: parts.start, until: parts.until,
    place: parts.place, zone: parts.zone || fake.zone, template: parts.template, handover,
  } as Plan;
}

export function fakeOccurrences(plan: Plan, from: string, to: string): Occurrence[] {
  const weekend = plan.template === "alternate-weekends" || plan.template === "every-weekend";
  const step = plan.template === "alternate-weekends" ? 14 : 7;
  let day = plan.start;
  if (weekend) while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 5) day = addDays(day, 1);
  const h = "handover" in plan ? plan.handover : { from: "18:00:00", to: "18:00:00" };
  const out: Occurrence[] = [];
  for (; day <= to && (!plan.until || day <= plan.until); day = addDays(day, step)) {
    if (day < from) continue;
    // Exceptions, simply: a suspending holiday or a cancelled date drops the contact; a swapping
    // holiday turns it round; a swap keeps it and names itself.
    const ex = fake.exceptions.find((e) => (e.plan === null || e.plan === plan.id) && (e.kind === "holiday" ? e.from <= day && day <= e.to : e.date === day));
    if (ex && ((ex.kind === "holiday" && ex.effect === "suspend") || ex.kind === "cancel")) continue;
    const turned = ex?.kind === "holiday" ? (plan.with === "me" ? "other" : "me") : plan.with;
    out.push({
      id: `${plan.id}:${day}`, plan: plan.id ?? "", child: plan.child, with: turned,
      start: `${day}T${h.from.slice(0, 5)}:00+00:00`, end: `${addDays(day, weekend ? 2 : 0)}T${h.to.slice(0, 5)}:00+00:00`,
      planned: day, exception: ex?.label ?? null,
    });
  }
  return out;
}

export function fakeContacts(from: string, to: string, child: string | null): Contact[] {
  return fake.plans
    .filter((p) => !child || p.child === child)
    .flatMap((p) => fakeOccurrences(p, from, to))
    .map((o) => ({ ...o, outcome: fake.outcomes[o.id]?.outcome ?? null, entry: fake.outcomes[o.id]?.entry ?? null }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

export function fakeLog(outcome: Outcome): Entry {
  const contact = fakeContacts("2000-01-01", "2100-01-01", null).find((c) => c.id === outcome.occurrence);
  if (!contact) throw { kind: "not_found", message: `no planned contact ${outcome.occurrence}` };
  const what = {
    kept: "Contact kept", late: "Contact started late", short: "Contact cut short", missed: "Missed contact",
    cancelled: "Contact cancelled", swapped: "Contact swapped",
  }[outcome.outcome];
  const draft: EntryDraft = {
    kind: outcome.outcome === "missed" || outcome.outcome === "cancelled" ? "missed-contact" : "contact",
    occurred_at: contact.start, title: `${what}: ${contact.child}, ${contact.planned} at ${contact.start.slice(11, 16)}`,
    body: outcome.note ?? "", schedule: { outcome }, children: [contact.child], people: [], tags: [], private: false,
  };
  const known = fake.outcomes[outcome.occurrence];
  let entry: Entry;
  if (known) {
    const i = fake.entries.findIndex((e) => e.id === known.entry);
    entry = { ...fake.entries[i], ...draft, revisions: fake.entries[i].revisions + 1 };
    fake.entries[i] = entry;
  } else {
    entry = makeEntry(fake.entries.length + 1, draft);
    fake.entries.unshift(entry);
  }
  fake.outcomes[outcome.occurrence] = { outcome, entry: entry.id };
  return entry;
}

function minutesOf(o: { start: string; end: string }): number {
  return (Date.parse(o.end) - Date.parse(o.start)) / 60000;
}

export function fakeCompliance(from: string, to: string, child: string | null): Compliance[] {
  const byChild = new Map<string, Contact[]>();
  for (const c of fakeContacts(from, to, child)) byChild.set(c.child, [...(byChild.get(c.child) ?? []), c]);
  return [...byChild.entries()].sort().map(([name, contacts]) => {
    const c: Compliance = {
      child: name, from, to, planned: 0, kept: 0, late: 0, short: 0, missed: 0, cancelled_by_me: 0, cancelled_by_other: 0, swapped: 0,
      unlogged: 0, percent_happened: null, deviations: [],
      me: { planned_hours: 0, actual_hours: 0, planned_overnights: 0, actual_overnights: 0 },
      other: { planned_hours: 0, actual_hours: 0, planned_overnights: 0, actual_overnights: 0 },
    };
    let known = 0;
    let happened = 0;
    for (const x of contacts) {
      c.planned++;
      const planned = minutesOf(x);
      const side = x.with === "me" ? c.me : c.other;
      side.planned_hours += planned / 60;
      const o = x.outcome;
      if (!o) {
        c.unlogged++;
        continue;
      }
      let actual = 0;
      if (o.outcome === "kept") (c.kept++, (actual = planned));
      else if (o.outcome === "late") (c.late++, (actual = planned - o.minutes));
      else if (o.outcome === "short") (c.short++, (actual = planned - o.minutes));
      else if (o.outcome === "missed") c.missed++;
      else if (o.outcome === "cancelled") o.by === "me" ? c.cancelled_by_me++ : c.cancelled_by_other++;
      else c.swapped++;
      side.actual_hours += actual / 60;
      if (o.outcome !== "swapped") ((known += planned), (happened += actual));
      if (o.outcome !== "kept") {
        const { occurrence, note, entries, ...kind } = o;
        c.deviations.push({ occurrence, date: x.planned, start: x.start, minutes_lost: o.outcome === "swapped" ? 0 : planned - actual, note, ...kind });
      }
    }
    c.percent_happened = known ? Math.round((happened * 1000) / known) / 10 : null;
    return c;
  });
}

export function fakeMoodTrends(from: string, to: string): MoodTrends {
  const moods = fake.entries.filter((e) => e.kind === "mood" && e.mood);
  const weeks = new Map<string, number[]>();
  for (const e of moods) {
    const day = e.occurred_at.slice(0, 10);
    const monday = addDays(day, -((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7));
    weeks.set(monday, [...(weeks.get(monday) ?? []), e.mood!.parent]);
  }
  const avg = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
  return {
    from, to,
    weeks: [...weeks.entries()].sort().map(([week, xs]) => ({ week, average: avg(xs), entries: xs.length })),
    around_contact: fake.moodAround ?? ["happened", "did-not-happen", "not-logged"].map((contact) => ({
      contact, entries: 0, parent_average: null, child_before_average: null, child_after_average: null,
    })),
  };
}

// WhatsApp import, simply: Android lines "DD/MM/YYYY, HH:MM - Sender: text" at +01:00 (London in
// September), continuation lines joined on, lines without a sender counted as notices.
