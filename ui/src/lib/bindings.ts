// Generated from the Rust types in src/model.rs by `make bindings`. Do not edit.

export type EntryKind = "interaction" | "missed-contact" | "incident" | "mood" | "schedule-note" | "legal" | "note" | "message" | "plan" | "contact";

export type Channel = "call" | "text" | "email" | "in-person" | "video" | "handover" | "other";

export type LegalStep = "miam" | "mediation" | "application" | "hearing" | "order" | "breach" | "letter";

export type Mood = { parent: number, feelings: Array<string>, child?: string, 
/**
 * The child's mood (1–5) as observed before and after a handover, in a check-in linked to
 * that planned contact (`occurrence`, e.g. `12:2027-01-08`).
 */
child_before?: number, child_after?: number, occurrence?: string, };

export type Direction = "sent" | "received";

export type Provenance = { 
/**
 * `whatsapp`, `sms` or `email`.
 */
source: string, file_name: string, 
/**
 * SHA-256 of the whole original file, as imported.
 */
file_sha256: string, 
/**
 * The line (or record) number in that file.
 */
line: number, 
/**
 * The sender exactly as the file writes it.
 */
sender_as_written: string, 
/**
 * How the file's dates were read, e.g. "dmy: a first number above 12 (25/12/24)".
 */
date_reading: string, 
/**
 * Neither the user nor the other parent: someone else in the conversation.
 */
third_party: boolean, };

export type MessageInfo = { direction: Direction, 
/**
 * Who it went to (sent) or came from (received); empty for "the other parent".
 */
counterpart: string, tone?: ToneReport, 
/**
 * Where an imported message came from; `None` for one written or pasted in Evenkeel.
 */
import?: Provenance, };

export type MessageDraft = { direction: Direction, counterpart: string, channel?: Channel, text: string, children: Array<string>, };

export type ScheduleRecord = { "plan": Plan } | { "exception": Exception } | { "outcome": Outcome };

export type EntryDraft = { kind: EntryKind, 
/**
 * When it happened: RFC 3339 with the user's UTC offset.
 */
occurred_at: string, title: string, body: string, channel?: Channel, legal_step?: LegalStep, mood?: Mood, 
/**
 * Only on a `message` entry.
 */
message?: MessageInfo, 
/**
 * Only on `plan`, `contact`, `missed-contact` and `schedule-note` entries.
 */
schedule?: ScheduleRecord, children: Array<string>, people: Array<string>, tags: Array<string>, location?: string, 
/**
 * Kept out of exports unless the user chooses otherwise.
 */
private: boolean, };

export type AttachmentInfo = { id: number, name: string, media_type: string, size: number, sha256: string, };

export type Entry = { id: number, attachments: Array<AttachmentInfo>, 
/**
 * When the entry was first written (set by the core, UTC).
 */
recorded_at: string, 
/**
 * When the newest revision was written, if the entry was changed after that.
 */
revised_at?: string, 
/**
 * How many revisions the entry has (1 = never edited).
 */
revisions: number, 
/**
 * SHA-256 of the newest revision, as in the hash chain.
 */
hash: string, kind: EntryKind, 
/**
 * When it happened: RFC 3339 with the user's UTC offset.
 */
occurred_at: string, title: string, body: string, channel?: Channel, legal_step?: LegalStep, mood?: Mood, 
/**
 * Only on a `message` entry.
 */
message?: MessageInfo, 
/**
 * Only on `plan`, `contact`, `missed-contact` and `schedule-note` entries.
 */
schedule?: ScheduleRecord, children: Array<string>, people: Array<string>, tags: Array<string>, location?: string, 
/**
 * Kept out of exports unless the user chooses otherwise.
 */
private: boolean, };

export type RevisionAction = "create" | "edit" | "attach" | "delete";

export type Revision = { 
/**
 * Position in the journal-wide chain (1 = first revision ever written).
 */
chain_index: number, entry_id: number, 
/**
 * 1 for the first revision of this entry, then 2, 3…
 */
seq: number, action: RevisionAction, recorded_at: string, 
/**
 * The entry as this revision left it (for a deletion, what was deleted).
 */
content?: EntryDraft, attachments: Array<AttachmentInfo>, 
/**
 * The canonical JSON exactly as it was hashed, so anyone can recompute `hash` with any
 * SHA-256 tool (see the README).
 */
canonical_content: string, prev_hash: string, hash: string, };

export type Filter = { kind?: EntryKind, child?: string, tag?: string, 
/**
 * YYYY-MM-DD
 */
from?: string, 
/**
 * YYYY-MM-DD
 */
to?: string, include_private?: boolean, limit?: number, offset?: number, };

export type SnippetPart = { text: string, hit: boolean, };

export type SearchHit = { entry: Entry, snippet: Array<SnippetPart>, };

export type NameCount = { name: string, count: number, };

export type Vocabulary = { children: Array<NameCount>, people: Array<NameCount>, tags: Array<NameCount>, };

export type VerifyReport = { 
/**
 * True when the chain is whole and everything the app shows matches it.
 */
ok: boolean, revisions_checked: number, attachments_checked: number, 
/**
 * SHA-256 of the newest revision: write it down or give it to someone, and any later
 * rewrite of the past will no longer reach it.
 */
head: string, 
/**
 * The first revision that breaks the chain, if any.
 */
first_bad?: BrokenLink, 
/**
 * What the app would show that the chain does not say (derived tables, written times,
 * attachments' bytes), entry by entry.
 */
problems: Array<VerifyProblem>, 
/**
 * Things worth knowing that do not break the record (a clock set back).
 */
warnings: Array<VerifyWarning>, };

export type BrokenLink = { chain_index: number, entry_id: number, seq: number, reason: string, };

export type VerifyProblem = { entry_id?: number, 
/**
 * What differs: "written time", "timeline", "children", "people", "tags", "search",
 * "attachment".
 */
area: string, message: string, };

export type VerifyWarning = { chain_index: number, entry_id: number, message: string, };

export type EntryDetail = { entry: Entry, history: Array<Revision>, };

export type JournalStatus = { path: string, exists: boolean, unlocked: boolean, entries: number, };

export type ErrorInfo = { kind: string, message: string, };

export type Category = "insult" | "profanity" | "threat" | "blame" | "absolute" | "sarcasm" | "shouting" | "demand" | "advice" | "apology" | "child-messenger" | "grievance" | "venting" | "contempt" | "custom" | "hostility";

export type Severity = "low" | "medium" | "high";

export type Verdict = "calm" | "caution" | "hostile";

export type Sensitivity = "low" | "normal" | "high";

export type ToneSettings = { 
/**
 * Words never to flag (a child's medical words, say).
 */
never_flag: Array<string>, 
/**
 * Extra words or phrases to flag.
 */
extra_words: Array<string>, sensitivity: Sensitivity, };

export type Fix = { start: number, end: number, start_utf16: number, end_utf16: number, };

export type Finding = { category: Category, 
/**
 * The category in a few words, for people ("Name-calling").
 */
label: string, severity: Severity, 
/**
 * Byte offsets into the checked text.
 */
start: number, end: number, 
/**
 * The same span in UTF-16 code units, for the UI's text fields.
 */
start_utf16: number, end_utf16: number, 
/**
 * The text as written.
 */
text: string, explanation: string, 
/**
 * Calmer wording to use instead; an empty string means "leave it out".
 */
suggestion: string, 
/**
 * The text that "use this wording" replaces with the suggestion.
 */
fix: Fix, };

export type BiffCheck = { pass: boolean, reason: string, };

export type Biff = { brief: BiffCheck, informative: BiffCheck, friendly: BiffCheck, firm: BiffCheck, };

export type SentenceReading = { 
/**
 * Byte offsets into the checked text.
 */
start: number, end: number, 
/**
 * The same span in UTF-16 code units.
 */
start_utf16: number, end_utf16: number, 
/**
 * Rounded to three decimals, so reports stay readable and stable.
 */
hostility: number, };

export type ToneReport = { 
/**
 * 100 is calm; each finding takes away according to its severity.
 */
score: number, verdict: Verdict, findings: Array<Finding>, biff: Biff, 
/**
 * A calmer draft of the whole message that keeps its facts and requests; empty when
 * nothing in the message is calm enough to send (then `rewrite_note` says so).
 */
rewrite: string, 
/**
 * Why there is no calmer draft, in plain words; `None` when there is one.
 */
rewrite_note: string | null, 
/**
 * The learned model's reading of each sentence, for study and for the UI.
 */
sentences: Array<SentenceReading>, };

export type Decoded = { 
/**
 * Things the sender asks you to do or answer.
 */
requests: Array<string>, 
/**
 * Other sentences that carry information (dates, times, places, plans).
 */
facts: Array<string>, 
/**
 * The dates and times mentioned, as written.
 */
dates: Array<string>, 
/**
 * Sentences that are only hostility, set aside so they need no answer.
 */
set_aside: Array<string>, 
/**
 * A short, neutral reply that answers only the requests.
 */
reply: string, findings: Array<Finding>, };

export type Contact = { outcome: Outcome | null, 
/**
 * The entry that records the outcome.
 */
entry: number | null, 
/**
 * `PLAN:YYYY-MM-DD`, from the plan id and the local date it was planned to start on.
 * Stable across re-computation and edits to other dates, so outcomes can refer to it.
 */
id: string, plan: string, child: string, 
/**
 * The parent the time is with (a holiday swap may have turned it round).
 */
with: Parent, 
/**
 * RFC 3339 with the zone's offset at that moment.
 */
start: string, end: string, 
/**
 * The local date it was planned to start on (the date in its id).
 */
planned: string, 
/**
 * The label of the exception that changed it, if one did.
 */
exception: string | null, };

export type DateOrder = "dmy" | "mdy" | "ymd";

export type DateReading = { order: DateOrder, 
/**
 * Why: "a first number above 12 (25/12/2024)", "chosen by the user", …
 */
reason: string, };

export type ChatKind = { "type": "text" } | { "type": "media", file: string | null, } | { "type": "deleted" } | { "type": "call" } | { "type": "system" };

export type ChatMessage = { 
/**
 * The line it starts on, counting from 1.
 */
line: number, at: string, 
/**
 * The sender exactly as the file writes it (direction marks and all); `None` for notices.
 */
sender_as_written: string | null, 
/**
 * The sender without invisible marks, to match against the participants.
 */
sender: string | null, 
/**
 * The message, byte for byte, its lines joined with "\n".
 */
text: string, kind: ChatKind, 
/**
 * It ends with WhatsApp's "<This message was edited>".
 */
edited: boolean, };

export type DateQuestion = { 
/**
 * As the file writes it, e.g. "03/04/2026".
 */
example: string, 
/**
 * "3 April 2026"
 */
day_first: string, 
/**
 * "4 March 2026"
 */
month_first: string, };

export type ChatPreview = { 
/**
 * Each sender with how many messages they wrote, most first.
 */
participants: Array<[string, number]>, messages: number, notices: number, unreadable: number, date_reading?: DateReading, 
/**
 * When the dates read both ways: the first date, and what it is day-first and month-first.
 */
date_question?: DateQuestion, first?: ChatMessage, last?: ChatMessage, };

export type SourceFile = { name: string, sha256: string, };

export type ChatFile = { path: string, file: SourceFile, preview: ChatPreview, };

export type Correspondent = { 
/**
 * A phone number or an e-mail address, as the file writes it.
 */
address: string, name: string | null, messages: number, };

export type MessagesFile = { path: string, file: SourceFile, 
/**
 * `sms` or `email`.
 */
source: string, correspondents: Array<Correspondent>, 
/**
 * Records or messages that could not be read.
 */
unreadable: number, };

export type ImportSummary = { imported: number, skipped_duplicates: number, 
/**
 * Lines of the file that were not understood.
 */
unreadable: Array<number>, 
/**
 * WhatsApp's own notices, which are not messages.
 */
notices: number, participants: Array<string>, date_order: string, source_sha256: string, 
/**
 * Media files from the export attached to their messages.
 */
attachments: number, 
/**
 * The first and last messages imported (or that would be), as entries would show them.
 */
first?: string, last?: string, };

export type MoodWeek = { 
/**
 * The Monday, YYYY-MM-DD.
 */
week: string, 
/**
 * Mean of the parent's mood (1–5), to one decimal.
 */
average: number, entries: number, };

export type MoodAround = { 
/**
 * `happened` (kept, late or short), `did-not-happen` (missed or cancelled) or `not-logged`.
 */
contact: string, entries: number, parent_average: number | null, child_before_average: number | null, child_after_average: number | null, };

export type MoodTrends = { from: string, to: string, weeks: Array<MoodWeek>, around_contact: Array<MoodAround>, };

export type Parent = "me" | "other";

export type Arrangement = "lives-with" | "spends-time-with";

export type Handover = { from: string, to: string, };

export type TemplateName = "alternate-weekends" | "every-weekend" | "midweek-evening" | "alternate-weekends-midweek" | "week-on-week-off" | "2-2-3" | "2-2-5-5" | "3-4-4-3" | "custom";

export type Template = { "template": "alternate-weekends", handover: Handover, } | { "template": "every-weekend", handover: Handover, } | { "template": "midweek-evening", weekday: string, handover: Handover, } | { "template": "alternate-weekends-midweek", weekend: Handover, weekday: string, midweek: Handover, } | { "template": "week-on-week-off", handover: Handover, } | { "template": "2-2-3", handover: Handover, } | { "template": "2-2-5-5", handover: Handover, } | { "template": "3-4-4-3", handover: Handover, } | { "template": "custom", rrule: string, handover: Handover, days: number, };

export type Plan = { 
/**
 * Stable and chosen by whoever stores the plan (the journal uses its entry id); part of
 * every occurrence id, so it must not change when the plan is edited.
 */
id?: string, child: string, 
/**
 * The parent the plan's time is with.
 */
with: Parent, arrangement: Arrangement, start: string, 
/**
 * The last day an occurrence may start on; `None` while the plan runs on.
 */
until: string | null, place: string | null, 
/**
 * IANA zone the handover times are agreed in, e.g. `Europe/London`.
 */
zone: string, } & ({ "template": "alternate-weekends", handover: Handover, } | { "template": "every-weekend", handover: Handover, } | { "template": "midweek-evening", weekday: string, handover: Handover, } | { "template": "alternate-weekends-midweek", weekend: Handover, weekday: string, midweek: Handover, } | { "template": "week-on-week-off", handover: Handover, } | { "template": "2-2-3", handover: Handover, } | { "template": "2-2-5-5", handover: Handover, } | { "template": "3-4-4-3", handover: Handover, } | { "template": "custom", rrule: string, handover: Handover, days: number, });

export type PlanParts = { child: string, template: TemplateName, 
/**
 * YYYY-MM-DD
 */
start: string, 
/**
 * `HH:MM` or `HH:MM-HH:MM`; the template's usual times when empty.
 */
handover: string | null, 
/**
 * YYYY-MM-DD, the last day a contact may start on.
 */
until: string | null, 
/**
 * Only with the `custom` template: an RFC 5545 rule such as `FREQ=WEEKLY;BYDAY=SA`.
 */
rrule: string | null, 
/**
 * IANA zone; this computer's when empty.
 */
zone: string | null, place: string | null, with: Parent, arrangement: Arrangement, };

export type HolidayEffect = "suspend" | "swap";

export type ExceptionKind = { "kind": "holiday", from: string, to: string, effect: HolidayEffect, } | { "kind": "swap", date: string, to: string, } | { "kind": "cancel", date: string, };

export type Exception = { 
/**
 * The plan it changes; `None` applies to every plan (school term dates, for instance).
 */
plan: string | null, 
/**
 * What the parents called it: "Christmas 2027", "Dad's wedding".
 */
label: string, } & ({ "kind": "holiday", from: string, to: string, effect: HolidayEffect, } | { "kind": "swap", date: string, to: string, } | { "kind": "cancel", date: string, });

export type Occurrence = { 
/**
 * `PLAN:YYYY-MM-DD`, from the plan id and the local date it was planned to start on.
 * Stable across re-computation and edits to other dates, so outcomes can refer to it.
 */
id: string, plan: string, child: string, 
/**
 * The parent the time is with (a holiday swap may have turned it round).
 */
with: Parent, 
/**
 * RFC 3339 with the zone's offset at that moment.
 */
start: string, end: string, 
/**
 * The local date it was planned to start on (the date in its id).
 */
planned: string, 
/**
 * The label of the exception that changed it, if one did.
 */
exception: string | null, };

export type OutcomeKind = { "outcome": "kept" } | { "outcome": "late", minutes: number, } | { "outcome": "short", minutes: number, } | { "outcome": "missed" } | { "outcome": "cancelled", by: Parent, reason: string, } | { "outcome": "swapped" };

export type Outcome = { 
/**
 * The occurrence's id (`PLAN:YYYY-MM-DD`).
 */
occurrence: string, note: string | null, 
/**
 * Journal entries that tell more (the missed-contact entry, messages about it).
 */
entries: Array<number>, } & ({ "outcome": "kept" } | { "outcome": "late", minutes: number, } | { "outcome": "short", minutes: number, } | { "outcome": "missed" } | { "outcome": "cancelled", by: Parent, reason: string, } | { "outcome": "swapped" });

export type ParentTime = { planned_hours: number, actual_hours: number, planned_overnights: number, actual_overnights: number, };

export type Deviation = { occurrence: string, date: string, start: string, 
/**
 * Planned minutes that did not happen (0 for a swap).
 */
minutes_lost: number, note: string | null, } & ({ "outcome": "kept" } | { "outcome": "late", minutes: number, } | { "outcome": "short", minutes: number, } | { "outcome": "missed" } | { "outcome": "cancelled", by: Parent, reason: string, } | { "outcome": "swapped" });

export type Compliance = { child: string, from: string, to: string, planned: number, kept: number, late: number, short: number, missed: number, cancelled_by_me: number, cancelled_by_other: number, swapped: number, unlogged: number, me: ParentTime, other: ParentTime, 
/**
 * Of the planned time whose outcome is known (logged, and not swapped for other time),
 * the percentage that happened, to one decimal; `None` when there is none.
 */
percent_happened: number | null, deviations: Array<Deviation>, };

export type Selection = { from: string | null, to: string | null, 
/**
 * Only these kinds; all when empty (mood check-ins only when chosen).
 */
kinds: Array<EntryKind>, 
/**
 * Entries about any of these children; all when empty.
 */
children: Array<string>, 
/**
 * Entries with any of these tags; all when empty.
 */
tags: Array<string>, include_private: boolean, include_mood: boolean, };

export type CaseDetails = { case_name: string, case_number: string, court: string, hearing_date: string | null, parent_name: string, };

export type Numbering = "sections" | "continuous";

export type Sections = { chronology: boolean, contact: boolean, messages: boolean, entries: boolean, exhibits: boolean, };

export type BundleOptions = { selection: Selection, case: CaseDetails, numbering: Numbering, sections: Sections, 
/**
 * List messages in the chronology as well as in their own section.
 */
chronology_messages: boolean, };

export type Progress = { "stage": "gathering" } | { "stage": "pictures", done: number, of: number, } | { "stage": "layout" } | { "stage": "writing" };

export type Preview = { 
/**
 * The chronology's rows (date and time, what happened), earliest first.
 */
chronology: Array<[string, string]>, entries: number, messages: number, exhibits: number, 
/**
 * About how many pages the bundle will have (a line count; the layout decides).
 */
pages: number, warnings: Array<string>, };
