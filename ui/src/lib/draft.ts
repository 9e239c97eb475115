// The entry editor's form and the draft it saves. A field the user did not touch goes back
// exactly as it was stored: re-saving an entry to fix a typo in its title must change nothing
// else in its record (no moved time, no re-split names, no channel or mood quietly added or lost).
import type { Channel, EntryDraft, EntryKind, LegalStep, Mood } from "./bindings";
import { occurredForSave, splitList, toInputValue } from "./format";

/** What the editor's fields hold, as text where the user types lists. */
export interface EntryForm {
  kind: EntryKind;
  /** The datetime-local value: "YYYY-MM-DDTHH:MM" on the entry's own clock. */
  when: string;
  title: string;
  body: string;
  /** "" for an interaction written without saying how it happened. */
  channel: Channel | "";
  legalStep: LegalStep;
  mood: number;
  feelings: string;
  childMood: string;
  children: string;
  people: string;
  tags: string;
  location: string;
  private: boolean;
}

/** The form for an entry being edited, or defaults for a new one starting at `now` (an input value). */
export function formFor(entry: EntryDraft | null, now: string): EntryForm {
  return {
    kind: entry?.kind ?? "interaction",
    when: entry ? toInputValue(entry.occurred_at) : now,
    title: entry?.title ?? "",
    body: entry?.body ?? "",
    channel: entry?.channel ?? (entry?.kind === "interaction" ? "" : "call"),
    legalStep: entry?.legal_step ?? "mediation",
    mood: entry?.mood?.parent ?? 3,
    feelings: entry?.mood?.feelings.join(", ") ?? "",
    childMood: entry?.mood?.child ?? "",
    children: entry?.children.join(", ") ?? "",
    people: entry?.people.join(", ") ?? "",
    tags: entry?.tags.join(", ") ?? "",
    location: entry?.location ?? "",
    private: entry?.private ?? false,
  };
}

/**
 * The draft to save. With an `original`, every field still showing what it was loaded with is
 * sent back as stored; only the fields the user changed are read from the form. Throws (with a
 * sentence for the user) when a changed time is not a valid date and time.
 */
export function draftFrom(form: EntryForm, original: EntryDraft | null): EntryDraft {
  const before = formFor(original, form.when);
  const untouched = (key: keyof EntryForm) => original !== null && form[key] === before[key];
  // Fields that belong to one kind are kept as stored only while the entry stays that kind.
  const same = original !== null && form.kind === original.kind ? original : null;

  let channel: Channel | undefined;
  if (form.kind === "interaction") {
    channel = same && untouched("channel") ? same.channel : form.channel || undefined;
  } else {
    // A message's channel is set when it is written; other kinds have none.
    channel = same?.channel;
  }

  let legal_step: LegalStep | undefined;
  if (form.kind === "legal") {
    legal_step = same && untouched("legalStep") ? same.legal_step : form.legalStep;
  } else {
    legal_step = same?.legal_step;
  }

  let mood: Mood | undefined;
  if (form.kind === "mood") {
    const stored = same?.mood;
    if (stored && untouched("mood") && untouched("feelings") && untouched("childMood")) {
      mood = stored;
    } else {
      mood = {
        parent: form.mood,
        feelings: stored && untouched("feelings") ? stored.feelings : splitList(form.feelings),
        child: stored && untouched("childMood") ? stored.child : form.childMood.trim() || undefined,
      };
    }
  } else {
    mood = same?.mood;
  }

  return {
    kind: form.kind,
    occurred_at: occurredForSave(original?.occurred_at ?? null, form.when),
    title: form.title,
    body: form.body,
    channel,
    legal_step,
    mood,
    // Passed through as is: the core reads the tone again itself when the text changes.
    message: same?.message,
    children: original && untouched("children") ? original.children : splitList(form.children),
    people: original && untouched("people") ? original.people : splitList(form.people),
    tags: original && untouched("tags") ? original.tags : splitList(form.tags),
    location: original && untouched("location") ? original.location : form.location.trim() || undefined,
    private: form.private,
  };
}
