// A fake backend for the UI tests, through Tauri's own IPC mock: what each command answers,
// and every call made, so a test can assert the exact arguments the window sent.
import { cleanup } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { afterEach, beforeEach } from "vitest";
import type {
  ChatFile, ChatMessage, Correspondent, ImportSummary, MessagesFile,
  Compliance, Contact, Entry, EntryDraft, Exception, Finding, MessageDraft, MoodTrends, Occurrence, Outcome, Plan, PlanParts,
  Revision, ToneReport, VerifyReport,
} from "./lib/bindings";

/** A fresh fake journal before each test of the file that calls this. */
export function useFakeBackend() {
  beforeEach(() => install({}));
  afterEach(() => {
    cleanup();
    clearMocks();
  });
}

export interface Fake {
  exists: boolean;
  unlocked: boolean;
  passphrase: string;
  entries: Entry[];
  calls: { cmd: string; args: any }[];
  drafts: Record<string, MessageDraft>;
  /** Attachment bytes by id, and the ids whose bytes no longer match their recorded hash. */
  files: Record<number, Uint8Array>;
  altered: number[];
  /** What the native "Save as" dialog answers: a path, or null for Cancel. */
  savePath: string | null;
  verify: VerifyReport;
  /** The schedule: plans with the parts they were made from, exceptions, logged outcomes. */
  plans: Plan[];
  planParts: Record<string, PlanParts>;
  exceptions: Exception[];
  outcomes: Record<string, { outcome: Outcome; entry: number }>;
  zone: string;
  /** What mood_trends says about mood around contact, when a test sets it. */
  moodAround?: MoodTrends["around_contact"];
  /** What the native "Open" dialog answers for a chat export: a path, or null for Cancel. */
  chatPath: string | null;
  /** The chat files the fake can read, by path (the core reads them from disk). */
  chats: Record<string, string>;
  /** What the native "Open" dialog answers for texts or e-mail: a path, or null for Cancel. */
  messagesPath: string | null;
  /** The SMS backups and mailboxes the fake can read, by path, already read into records. */
  mailboxes: Record<string, FakeMailbox>;
  /** Whether the window may listen to events (the capability grants it); fixed at install. */
  events: boolean;
}

/**
 * A stand-in for the Rust checker: "idiot" is an insult to leave out, "NOW" a demand to soften,
 * and "Keep it up and see." a sentence the model reads as hostile with no phrase to name.
 */
export function fakeCheck(text: string): ToneReport {
  const findings: Finding[] = [];
  const add = (word: string, severity: Finding["severity"], suggestion: string, category: Finding["category"], label: string) => {
    const at = text.indexOf(word);
    if (at >= 0) {
      const span = { start: at, end: at + word.length, start_utf16: at, end_utf16: at + word.length };
      findings.push({ category, label, severity, ...span, text: word, explanation: `${label} explained.`, suggestion, fix: span });
    }
  };
  add("idiot", "high", "", "insult", "Name-calling");
  add("NOW", "medium", "today", "demand", "Demand or ultimatum");
  add("Keep it up and see.", "medium", "", "hostility", "May land badly");
  const score = 100 - findings.reduce((n, f) => n + (f.severity === "high" ? 40 : 20), 0);
  const verdict = findings.some((f) => f.severity === "high") ? "hostile" : findings.length ? "caution" : "calm";
  const pass = (ok: boolean) => ({ pass: ok, reason: ok ? "Fine." : "Needs work." });
  return {
    score,
    verdict,
    findings,
    biff: { brief: pass(true), informative: pass(true), friendly: pass(verdict === "calm"), firm: pass(true) },
    rewrite: text === "Keep it up and see." ? "" : text.replace(" idiot", "").replace("NOW", "today"),
    rewrite_note: text === "Keep it up and see." ? "Nothing calm is left to send." : null,
    sentences: [],
  };
}

export let fake: Fake;

export function makeEntry(id: number, draft: EntryDraft): Entry {
  return { ...draft, id, attachments: [], recorded_at: "2026-03-14T18:00:00.000Z", revisions: 1, hash: "ab".repeat(32) };
}

export function install(state: Partial<Fake>) {
  fake = { exists: false, unlocked: false, passphrase: "", entries: [], calls: [], drafts: {}, files: {}, altered: [], savePath: null,
    verify: { ok: true, revisions_checked: 0, attachments_checked: 0, head: "0".repeat(64), problems: [], warnings: [] },
    plans: [], planParts: {}, exceptions: [], outcomes: {}, zone: "Europe/London",
    chatPath: null, chats: { ...CHATS }, messagesPath: null, mailboxes: structuredClone(MAILBOXES), events: true, ...state };
  mockIPC(async (cmd, args: any) => {
    fake.calls.push({ cmd, args });
    switch (cmd) {
      case "journal_status":
        return { path: "/home/p/.local/share/evenkeel/journal.evenkeel", exists: fake.exists, unlocked: fake.unlocked, entries: fake.entries.length };
      case "create_journal":
        fake.exists = fake.unlocked = true;
        fake.passphrase = args.passphrase;
        return null;
      case "unlock_journal":
        if (args.passphrase !== fake.passphrase) {
          throw { kind: "wrong_passphrase", message: "the passphrase is wrong, or /j is not an Evenkeel journal" };
        }
        fake.unlocked = true;
        return null;
      case "lock_journal":
        fake.unlocked = false;
        return null;
      case "list_entries":
        return fake.entries.filter((e) => !args.filter.kind || e.kind === args.filter.kind);
      case "vocabulary":
        return { children: [{ name: "Sam", count: 1 }], people: [], tags: [] };
      case "add_entry": {
        const e = makeEntry(fake.entries.length + 1, args.draft);
        fake.entries.unshift(e);
        return e;
      }
      case "get_entry": {
        const e = fake.entries.find((x) => x.id === args.id)!;
        const { id, attachments, recorded_at, revisions, hash, ...content } = e;
        const rev: Revision = { chain_index: 1, entry_id: id, seq: 1, action: "create", recorded_at, content, attachments, canonical_content: JSON.stringify(content), prev_hash: "0".repeat(64), hash };
        return { entry: e, history: [rev] };
      }
      case "edit_entry": {
        const i = fake.entries.findIndex((x) => x.id === args.id);
        const before = fake.entries[i];
        const e: Entry = { ...before, ...args.draft, revisions: before.revisions + 1, revised_at: "2027-01-20T12:00:00.000Z" };
        fake.entries[i] = e;
        return e;
      }
      case "attach_file": {
        const e = fake.entries.find((x) => x.id === 1)!;
        const info = { id: 1, name: "screenshot.png", media_type: "image/png", size: (args as Uint8Array).length, sha256: "cd".repeat(32) };
        e.attachments.push(info);
        fake.files[info.id] = args as Uint8Array;
        return info;
      }
      case "attachment_data":
      case "save_attachment": {
        const id = args.attachmentId as number;
        if (fake.altered.includes(id)) {
          throw { kind: "attachment_altered", message: `attachment ${id} (photo.jpg) no longer matches the hash recorded when it was attached` };
        }
        if (cmd === "save_attachment") return fake.savePath;
        const bytes = fake.files[id];
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      }
      case "search_entries":
        return fake.entries
          .filter((e) => e.body.includes(args.query))
          .map((entry) => ({ entry, snippet: [{ text: "before ", hit: false }, { text: args.query, hit: true }] }));
      case "check_message":
        return fakeCheck(args.text);
      case "decode_message":
        return {
          requests: args.text.split(/(?<=[.?!])\s+/).filter((x: string) => x.includes("?")),
          facts: [],
          dates: args.text.includes("Friday") ? ["Friday"] : [],
          set_aside: args.text.split(/(?<=[.?!])\s+/).filter((x: string) => x.includes("idiot")),
          reply: "Hi,\n\nThanks for your message.\n\nThanks.",
          findings: [],
        };
      case "message_draft":
        return fake.drafts[args.direction] ?? null;
      case "save_message_draft":
        fake.drafts[args.draft.direction] = args.draft;
        return null;
      case "discard_message_draft":
        delete fake.drafts[args.direction];
        return null;
      case "save_message": {
        const d = args.draft as MessageDraft;
        const who = d.counterpart || "the other parent";
        const e = makeEntry(fake.entries.length + 1, {
          kind: "message", occurred_at: args.occurredAt, title: d.direction === "sent" ? `Message to ${who}` : `Message from ${who}`,
          body: d.text, channel: d.channel, message: { direction: d.direction, counterpart: d.counterpart, tone: fakeCheck(d.text) },
          children: [], people: d.counterpart ? [d.counterpart] : [], tags: [], private: false,
        });
        fake.entries.unshift(e);
        delete fake.drafts[d.direction];
        return e;
      }
      case "verify_journal":
        return fake.verify;
      case "schedule_plans":
        return fake.plans;
      case "schedule_plan_parts":
        return fake.planParts[args.id];
      case "schedule_default_zone":
        return fake.zone;
      case "schedule_preview":
        return fakeOccurrences(planOf("new", args.parts), args.from, args.to);
      case "schedule_add_plan": {
        const id = String(fake.entries.length + 1);
        const plan = planOf(id, args.parts);
        fake.plans.push(plan);
        fake.planParts[id] = { ...args.parts, zone: plan.zone };
        fake.entries.unshift(makeEntry(Number(id), {
          kind: "plan", occurred_at: `${plan.start}T00:00:00+00:00`, title: `Parenting plan for ${plan.child}`, body: args.note,
          children: [plan.child], people: [], tags: [], private: false,
        }));
        return plan;
      }
      case "schedule_edit_plan": {
        const plan = planOf(args.id, args.parts);
        fake.plans = fake.plans.map((p) => (p.id === args.id ? plan : p));
        fake.planParts[args.id] = { ...args.parts, zone: plan.zone };
        return plan;
      }
      case "schedule_exceptions":
        return fake.exceptions;
      case "schedule_add_exception": {
        if (!args.exception.label.trim()) invalid("label", 'say what the exception is, e.g. "Christmas 2027"');
        fake.exceptions.push(args.exception);
        const e = makeEntry(fake.entries.length + 1, {
          kind: "schedule-note", occurred_at: "2027-01-01T00:00:00Z", title: args.exception.label, body: args.note,
          schedule: { exception: args.exception }, children: [], people: [], tags: [], private: false,
        });
        fake.entries.unshift(e);
        return e;
      }
      case "schedule_contacts":
        return fakeContacts(args.from, args.to, args.child);
      case "schedule_log":
        return fakeLog(args.outcome);
      case "schedule_compliance":
        return fakeCompliance(args.from, args.to, args.child);
      case "mood_trends":
        return fakeMoodTrends(args.from, args.to);
      case "import_choose_file":
        return fake.chatPath;
      case "import_preview":
        return fakePreview(args.path, args.dateOrder);
      case "import_whatsapp":
        return fakeImport(args.path, args.me, args.other, args.dateOrder);
      case "import_choose_messages_file":
        return fake.messagesPath;
      case "import_preview_messages":
        return fakePreviewMessages(args.path);
      case "import_messages":
        return fakeImportMessages(args.path, args.addresses, args.name);
      case "plugin:clipboard-manager|write_text":
      case "plugin:opener|open_url":
        return null;
      default:
        throw { kind: "unknown", message: `no fake for ${cmd}` };
    }
  }, { shouldMockEvents: fake.events });
}

export const call: EntryDraft = {
  kind: "interaction", occurred_at: "2026-03-14T17:30:00+00:00", title: "Phone call with Sam", body: "We talked about the school trip.",
  channel: "call", children: ["Sam"], people: [], tags: ["school"], private: false,
};

// The schedule, simply: weekend templates from the first Friday on or after the start, every
// other template weekly from the start; times at +00:00 (London in winter).

function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function invalid(field: string, message: string): never {
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

function fakeContacts(from: string, to: string, child: string | null): Contact[] {
  return fake.plans
    .filter((p) => !child || p.child === child)
    .flatMap((p) => fakeOccurrences(p, from, to))
    .map((o) => ({ ...o, outcome: fake.outcomes[o.id]?.outcome ?? null, entry: fake.outcomes[o.id]?.entry ?? null }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

function fakeLog(outcome: Outcome): Entry {
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

function fakeCompliance(from: string, to: string, child: string | null): Compliance[] {
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

function fakeMoodTrends(from: string, to: string): MoodTrends {
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

export const CHAT_PATH = "/home/p/Downloads/WhatsApp Chat with Dana.txt";
export const AMBIGUOUS_PATH = "/home/p/Downloads/ambiguous.txt";

export const CHATS: Record<string, string> = {
  [CHAT_PATH]: [
    "12/09/2026, 08:01 - Messages and calls are end-to-end encrypted.",
    "12/09/2026, 08:14 - Dana: Can you have Sam on Friday instead of Saturday?",
    "12/09/2026, 08:20 - Chris: Yes, Friday works. I will collect from school at 15:30.",
    "13/09/2026, 19:02 - Dana: You idiot. Every single time.",
    "He was upset all evening.",
    "13/09/2026, 19:10 - Chris: I was there at 15:25.",
  ].join("\n"),
  [AMBIGUOUS_PATH]: [
    "03/04/2026, 09:00 - Dana: Is Sam with you at Easter?",
    "04/04/2026, 10:00 - Chris: Yes, from Friday.",
  ].join("\n"),
  "/home/p/notes.txt": "Shopping: milk, bread.",
};

function sha(text: string): string {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(16).padStart(8, "0").repeat(8);
}

function fakeParse(path: string, order: string | null) {
  const text = fake.chats[path];
  const name = path.split("/").pop()!;
  if (text === undefined) invalid("file", `${path} cannot be read: no such file`);
  const lines = text.split("\n");
  const head = /^(\d\d)\/(\d\d)\/(\d{4}), (\d\d:\d\d) - (.*)$/;
  if (!lines.some((l) => head.test(l))) invalid("file", `${name} is not a WhatsApp chat export: no line starts with a date and time`);
  const ambiguous = lines.every((l) => !head.test(l) || Number(l.slice(0, 2)) <= 12);
  const messages: ChatMessage[] = [];
  lines.forEach((l, i) => {
    const m = head.exec(l);
    if (!m) {
      messages[messages.length - 1].text += `\n${l}`;
      return;
    }
    const [day, month] = order === "mdy" ? [m[2], m[1]] : [m[1], m[2]];
    const at = `${m[3]}-${month}-${day}T${m[4]}:00+01:00`;
    const said = /^([^:]+): (.*)$/.exec(m[5]);
    messages.push({
      line: i + 1, at, sender_as_written: said?.[1] ?? null, sender: said?.[1] ?? null, text: said ? said[2] : m[5],
      kind: said ? { type: "text" } : { type: "system" }, edited: false,
    });
  });
  return { name, text, ambiguous, messages };
}

function fakePreview(path: string, order: string | null): ChatFile {
  const chat = fakeParse(path, order);
  const file = { name: chat.name, sha256: sha(chat.text) };
  if (chat.ambiguous && !order) {
    return {
      path, file,
      preview: {
        participants: [], messages: 0, notices: 0, unreadable: 0,
        date_question: { example: "03/04/2026", day_first: "3 April 2026", month_first: "4 March 2026" },
      },
    };
  }
  const said = chat.messages.filter((m) => m.sender);
  const counts = new Map<string, number>();
  for (const m of said) counts.set(m.sender!, (counts.get(m.sender!) ?? 0) + 1);
  return {
    path, file,
    preview: {
      participants: [...counts.entries()].sort((a, b) => b[1] - a[1]),
      messages: said.length, notices: chat.messages.length - said.length, unreadable: 0,
      date_reading: order ? { order: order as "dmy", reason: "chosen by the user" } : { order: "dmy", reason: "a first number above 12 (13/09/2026)" },
      first: said[0], last: said[said.length - 1],
    },
  };
}

async function fakeImport(path: string, me: string, other: string, order: string | null): Promise<ImportSummary> {
  const preview = fakePreview(path, order);
  const chat = fakeParse(path, order);
  const people = preview.preview.participants.map(([n]) => n);
  for (const [role, name] of [["me", me], ["other", other]]) {
    if (!people.includes(name)) invalid(role, `"${name}" did not write in this chat; the participants are ${people.join(", ")}`);
  }
  const said = chat.messages.filter((m) => m.sender);
  const seen = fake.entries.filter((e) => e.message?.import?.file_sha256 === preview.file.sha256).length;
  const fresh = seen ? [] : said;
  for (const [i, m] of fresh.entries()) {
    const sent = m.sender === me;
    const counterpart = sent || m.sender === other ? other : m.sender!;
    fake.entries.unshift(makeEntry(fake.entries.length + 1, {
      kind: "message", occurred_at: m.at, title: sent ? `WhatsApp to ${other}` : `WhatsApp from ${counterpart}`, body: m.text,
      channel: "text",
      message: {
        direction: sent ? "sent" : "received", counterpart, tone: fakeCheck(m.text),
        import: {
          source: "whatsapp", file_name: preview.file.name, file_sha256: preview.file.sha256, line: m.line,
          sender_as_written: m.sender_as_written!, date_reading: `${preview.preview.date_reading!.order}: ${preview.preview.date_reading!.reason}`,
          third_party: !sent && m.sender !== other,
        },
      },
      children: [], people: [counterpart], tags: ["imported", "whatsapp"], private: false,
    }));
    if (fake.events) await emit("import-progress", { done: i + 1, total: fresh.length });
  }
  // Built apart from the return so the journal's newer fields (attachments) need no change here.
  const summary = {
    attachments: 0,
    imported: fresh.length, skipped_duplicates: said.length - fresh.length, unreadable: [], notices: chat.messages.length - said.length,
    participants: people, date_order: preview.preview.date_reading!.order, source_sha256: preview.file.sha256,
    first: fresh.length ? `${fresh[0].at} WhatsApp` : undefined, last: fresh.length ? `${fresh[fresh.length - 1].at} WhatsApp` : undefined,
  };
  return summary;
}

// Texts and e-mail, simply: each file is a list of records already read, as the core's readers
// give them; numbers match on their last ten digits, addresses in any case.

export const SMS_PATH = "/home/p/Downloads/sms-20260920.xml";
export const MBOX_PATH = "/home/p/Downloads/Dana.mbox";
export const CUT_PATH = "/home/p/Downloads/sms-cut.xml";

export interface FakeRecord {
  record: number;
  /** Who it was with: a number, or for e-mail the sender as written ("Dana Smith <dana@example.org>"). */
  address: string;
  name: string | null;
  sent: boolean;
  at: string;
  body: string;
  subject?: string;
}

export interface FakeMailbox {
  source: "sms" | "email";
  records: FakeRecord[];
  /** Records that could not be read (a draft, no date). */
  unreadable: number[];
}

export const MAILBOXES: Record<string, FakeMailbox> = {
  [SMS_PATH]: {
    source: "sms",
    unreadable: [4],
    records: [
      { record: 1, address: "+447700900123", name: "Dana", sent: false, at: "2026-09-12T09:00:00+01:00", body: "Can you have Sam on Friday? 🙏" },
      { record: 2, address: "07700 900123", name: "Dana", sent: true, at: "2026-09-12T09:10:00+01:00", body: "Yes, I'll collect at 15:30 & drop him home Sunday." },
      { record: 3, address: "+447700900555", name: "Smile Dental", sent: false, at: "2026-09-12T09:23:20+01:00", body: "Dentist reminder for Sam" },
      { record: 5, address: "+447700900777", name: "Dana (new)", sent: false, at: "2026-09-14T12:46:40+01:00", body: "You idiot. Every single time." },
    ],
  },
  [MBOX_PATH]: {
    source: "email",
    unreadable: [],
    records: [
      { record: 1, address: "Dana Smith <dana@example.org>", name: "Dana Smith", sent: false, at: "2026-10-01T08:30:00+01:00", subject: "Half-term", body: "Can Sam stay with me for half-term?" },
      { record: 2, address: "Chris <chris@example.net>", name: "Chris", sent: true, at: "2026-10-01T12:00:00+01:00", subject: "Re: Half-term", body: "Yes, from the Monday." },
      { record: 3, address: "Oak Primary <office@oak.sch.uk>", name: "Oak Primary", sent: false, at: "2026-10-02T16:00:00+01:00", subject: "Newsletter", body: "Harvest festival on Friday." },
    ],
  },
};

function digits(number: string): string {
  return number.replace(/\D/g, "").slice(-10);
}

function addressOf(r: FakeRecord, source: string): string {
  return source === "sms" ? r.address : (/<([^>]+)>/.exec(r.address)?.[1] ?? r.address).toLowerCase();
}

function fakeReadMessages(path: string): { file: MessagesFile; box: FakeMailbox } {
  const name = path.split("/").pop()!;
  if (path === CUT_PATH) invalid("sms", "the backup ends before its closing </smses>: the file was cut short, so nothing was imported");
  const box = fake.mailboxes[path];
  if (!box) {
    if (!/\.(xml|eml|mbox)$/.test(path)) invalid("file", `${name} is neither an SMS Backup & Restore file (.xml) nor e-mail (.eml, .mbox)`);
    invalid("file", `${path} cannot be read: no such file`);
  }
  const correspondents: Correspondent[] = [];
  for (const r of box.records) {
    // A text sent to a number counts for that number; an e-mail counts for its sender.
    const address = addressOf(r, box.source);
    const key = box.source === "sms" ? digits(address) : address;
    const known = correspondents.find((c) => (box.source === "sms" ? digits(c.address) : c.address) === key);
    if (known) known.messages++;
    else correspondents.push({ address, name: r.name, messages: 1 });
  }
  correspondents.sort((a, b) => b.messages - a.messages);
  return {
    box,
    file: { path, file: { name, sha256: sha(JSON.stringify(box)) }, source: box.source, correspondents, unreadable: box.unreadable.length },
  };
}

function fakePreviewMessages(path: string): MessagesFile {
  return fakeReadMessages(path).file;
}

function fakeImportMessages(path: string, addresses: string[], name: string): ImportSummary {
  if (!addresses.length) invalid("other", "choose the other parent's number or address");
  const { file, box } = fakeReadMessages(path);
  const wanted = addresses.map((a) => (box.source === "sms" ? digits(a) : a.toLowerCase()));
  const mine = box.records.filter((r) => {
    const a = addressOf(r, box.source);
    if (box.source === "sms") return wanted.includes(digits(a));
    // E-mail: from one of the other parent's addresses, or sent by the parent (to them, simply).
    return wanted.includes(a) || r.sent;
  });
  const label = box.source === "sms" ? "Text" : "Email";
  const seen = fake.entries.filter((e) => e.message?.import?.file_sha256 === file.file.sha256).length;
  const fresh = seen ? [] : mine;
  let first: string | undefined;
  let last: string | undefined;
  for (const r of fresh) {
    const title = `${label} ${r.sent ? "to" : "from"} ${name}${r.subject ? `: ${r.subject}` : ""}`;
    first ??= `${r.at} ${title}`;
    last = `${r.at} ${title}`;
    fake.entries.unshift(makeEntry(fake.entries.length + 1, {
      kind: "message", occurred_at: r.at, title, body: r.body, channel: box.source === "sms" ? "text" : "email",
      message: {
        direction: r.sent ? "sent" : "received", counterpart: name, tone: fakeCheck(r.body),
        import: {
          source: box.source, file_name: file.file.name, file_sha256: file.file.sha256, line: r.record,
          sender_as_written: r.sent && box.source === "sms" ? "me" : r.address,
          date_reading: box.source === "sms" ? "the backup's times, in milliseconds since 1970 (UTC)" : "the Date header of each message, with its own offset",
          third_party: false,
        },
      },
      children: [], people: [name], tags: ["imported", box.source], private: false,
    }));
  }
  return {
    attachments: 0, imported: fresh.length, skipped_duplicates: mine.length - fresh.length, unreadable: box.unreadable, notices: 0,
    participants: addresses, date_order: box.source === "sms" ? "epoch milliseconds" : "the Date header of each message",
    source_sha256: file.file.sha256, first, last,
  };
}
