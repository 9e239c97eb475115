// A fake backend for the UI tests, through Tauri's own IPC mock: what each command answers,
// and every call made, so a test can assert the exact arguments the window sent.
import { cleanup } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach } from "vitest";
import type {
  CaseDetails, Entry, EntryDraft, Exception, Finding, MessageDraft, MoodTrends, Outcome, Plan, PlanParts, Revision, ToneReport,
  VerifyReport,
} from "./lib/bindings";
import { CHATS, MAILBOXES, fakeImport, fakeImportMessages, fakePreview, fakePreviewMessages, type FakeMailbox } from "./test-backend-import";
import { fakeBundleDefaults, fakeBundlePreview, fakeExportBundle } from "./test-backend-bundle";
import { fakeCompliance, fakeContacts, fakeLog, fakeMoodTrends, fakeOccurrences, invalid, planOf } from "./test-backend-schedule";

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
  /** The front sheet's details remembered from the last bundle, the last bundle written, and the preview's pages per entry. */
  bundleCase: CaseDetails;
  exported: string | null;
  pagesPerEntry: number;
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
    chatPath: null, chats: { ...CHATS }, messagesPath: null, mailboxes: structuredClone(MAILBOXES), events: true,
    bundleCase: { case_name: "", case_number: "", court: "", hearing_date: null, parent_name: "" }, exported: null, pagesPerEntry: 1, ...state };
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
      case "bundle_defaults":
        return fakeBundleDefaults();
      case "bundle_preview":
        return fakeBundlePreview(args.options);
      case "bundle_choose_file":
        return fake.savePath;
      case "export_bundle":
        return fakeExportBundle(args.options, args.out);
      case "bundle_reveal":
        return null;
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

export { CHAT_PATH, AMBIGUOUS_PATH, CHATS, SMS_PATH, MBOX_PATH, CUT_PATH, MAILBOXES } from "./test-backend-import";
export type { FakeRecord, FakeMailbox } from "./test-backend-import";
export { planOf, fakeOccurrences } from "./test-backend-schedule";
export { BUNDLE_OUT } from "./test-backend-bundle";
