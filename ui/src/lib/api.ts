// Typed calls to the desktop shell. Every type here is generated from the Rust core.
import { invoke } from "@tauri-apps/api/core";
import type {
  AttachmentInfo,
  BundleOptions,
  CaseDetails,
  Preview,
  ChatFile,
  Compliance,
  Contact,
  Decoded,
  Exception,
  MoodTrends,
  Occurrence,
  Outcome,
  Plan,
  PlanParts,
  Direction,
  MessageDraft,
  ToneReport,
  ToneSettings,
  Entry,
  EntryDetail,
  EntryDraft,
  ErrorInfo,
  Filter,
  ImportSummary,
  JournalStatus,
  MessagesFile,
  SearchHit,
  VerifyReport,
  Vocabulary,
} from "./bindings";

export class ApiError extends Error {
  constructor(
    public kind: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    const info = e as Partial<ErrorInfo> | string;
    if (typeof info === "object" && info && typeof info.message === "string") {
      throw new ApiError(info.kind ?? "unknown", info.message);
    }
    throw new ApiError("unknown", String(e));
  }
}

async function callRaw<T>(command: string, body: Uint8Array, headers: Record<string, string>): Promise<T> {
  try {
    return await invoke<T>(command, body, { headers });
  } catch (e) {
    const info = e as Partial<ErrorInfo>;
    throw new ApiError(info?.kind ?? "unknown", info?.message ?? String(e));
  }
}

/** The largest attachment the core accepts (50 MB), checked here too so nothing large is read for nothing. */
export const MAX_ATTACHMENT_BYTES = 50_000_000;

export const api = {
  status: () => call<JournalStatus>("journal_status"),
  create: (passphrase: string) => call<null>("create_journal", { passphrase }),
  unlock: (passphrase: string) => call<null>("unlock_journal", { passphrase }),
  lock: () => call<null>("lock_journal"),
  list: (filter: Filter) => call<Entry[]>("list_entries", { filter }),
  get: (id: number) => call<EntryDetail>("get_entry", { id }),
  add: (draft: EntryDraft) => call<Entry>("add_entry", { draft }),
  edit: (id: number, draft: EntryDraft) => call<Entry>("edit_entry", { id, draft }),
  remove: (id: number) => call<null>("delete_entry", { id }),
  search: (query: string) => call<SearchHit[]>("search_entries", { query }),
  vocabulary: () => call<Vocabulary>("vocabulary"),
  verify: () => call<VerifyReport>("verify_journal"),
  attach: (id: number, file: File) =>
    file.arrayBuffer().then((buffer) =>
      callRaw<AttachmentInfo>("attach_file", new Uint8Array(buffer), {
        "x-entry-id": String(id),
        "x-file-name": encodeURIComponent(file.name),
      }),
    ),
  /** An attachment's bytes, after the core has checked them against their recorded SHA-256. */
  attachmentData: (id: number) => call<ArrayBuffer>("attachment_data", { attachmentId: id }),
  /**
   * Saves a checked copy of an attachment where the user chooses: the core shows the system's
   * "Save as" dialog itself. The saved path, or null if the user cancelled.
   */
  saveAttachment: (id: number) => call<string | null>("save_attachment", { attachmentId: id }),
  changePassphrase: (current: string, next: string) =>
    call<null>("change_passphrase", { current, new: next }),
  checkMessage: (text: string) => call<ToneReport>("check_message", { text }),
  decodeMessage: (text: string) => call<Decoded>("decode_message", { text }),
  messageDraft: (direction: Direction) => call<MessageDraft | null>("message_draft", { direction }),
  saveMessageDraft: (draft: MessageDraft) => call<null>("save_message_draft", { draft }),
  discardMessageDraft: (direction: Direction) => call<null>("discard_message_draft", { direction }),
  saveMessage: (draft: MessageDraft, occurredAt: string) =>
    call<Entry>("save_message", { draft, occurredAt }),
  toneSettings: () => call<ToneSettings>("tone_settings"),
  setToneSettings: (settings: ToneSettings) => call<ToneSettings>("set_tone_settings", { settings }),
  // The parenting-time schedule. Dates are YYYY-MM-DD; a null child means every child.
  plans: () => call<Plan[]>("schedule_plans"),
  planParts: (id: string) => call<PlanParts>("schedule_plan_parts", { id }),
  defaultZone: () => call<string>("schedule_default_zone"),
  /** The occurrences a plan would give, checked but not saved. */
  previewPlan: (parts: PlanParts, from: string, to: string) =>
    call<Occurrence[]>("schedule_preview", { parts, from, to }),
  addPlan: (parts: PlanParts, note: string) => call<Plan>("schedule_add_plan", { parts, note }),
  editPlan: (id: string, parts: PlanParts) => call<Plan>("schedule_edit_plan", { id, parts }),
  exceptions: () => call<Exception[]>("schedule_exceptions"),
  addException: (exception: Exception, note: string) =>
    call<Entry>("schedule_add_exception", { exception, note }),
  contacts: (from: string, to: string, child: string | null) =>
    call<Contact[]>("schedule_contacts", { from, to, child }),
  /** Logs or corrects an outcome; the entry that records it (missed-contact for missed or cancelled). */
  logOutcome: (outcome: Outcome) => call<Entry>("schedule_log", { outcome }),
  compliance: (from: string, to: string, child: string | null) =>
    call<Compliance[]>("schedule_compliance", { from, to, child }),
  moodTrends: (from: string, to: string) => call<MoodTrends>("mood_trends", { from, to }),
  // Importing a WhatsApp chat export (.txt). The file dialog is shown by the core.
  /** The path the parent chose, or null if they cancelled. */
  chooseChatFile: () => call<string | null>("import_choose_file"),
  /** Reads and previews the file; nothing is written. `dateOrder` answers a date question. */
  previewChat: (path: string, dateOrder: string | null) =>
    call<ChatFile>("import_preview", { path, dateOrder }),
  /** Imports it; "import-progress" events ({done, total}) follow the checker's reading. */
  importChat: (path: string, me: string, other: string, dateOrder: string | null) =>
    call<ImportSummary>("import_whatsapp", { path, me, other, dateOrder }),
  // Android texts (SMS Backup & Restore .xml) and e-mail (.eml, .mbox).
  chooseMessagesFile: () => call<string | null>("import_choose_messages_file"),
  /** Who the file holds messages with (numbers or addresses, with counts); nothing is written. */
  previewMessages: (path: string) => call<MessagesFile>("import_preview_messages", { path }),
  /** Imports the messages with the chosen numbers or addresses; `name` is how titles name the other parent. */
  importMessages: (path: string, addresses: string[], name: string) =>
    call<ImportSummary>("import_messages", { path, addresses, name }),
  // The court bundle. The save dialog and "show in folder" are done by the core.
  /** The case details used last time, and a suggested file to save to. */
  bundleDefaults: () => call<{ case: CaseDetails; out: string }>("bundle_defaults"),
  /** What the bundle would hold and about how many pages; nothing is written. */
  bundlePreview: (options: BundleOptions) => call<Preview>("bundle_preview", { options }),
  bundleChooseFile: (suggested: string) => call<string | null>("bundle_choose_file", { suggested }),
  /** Writes the PDF and its manifest; "bundle-progress" events (Progress) follow the work. */
  exportBundle: (options: BundleOptions, out: string, replace: boolean) =>
    call<{ path: string; manifest: string; pages: number; warnings: string[] }>("export_bundle", { options, out, replace }),
  /** Shows the bundle just exported in the file manager. */
  bundleReveal: () => call<null>("bundle_reveal"),
};

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return capitalise(e.message);
  if (e instanceof Error) return capitalise(e.message);
  return capitalise(String(e));
}

function capitalise(s: string): string {
  const t = s.trim();
  const sentence = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : sentence + ".";
}
