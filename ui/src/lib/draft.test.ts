import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EntryDraft, ToneReport } from "./bindings";
import { draftFrom, formFor, type EntryForm } from "./draft";

const tone: ToneReport = {
  score: 80,
  verdict: "caution",
  findings: [],
  biff: {
    brief: { pass: true, reason: "Short." },
    informative: { pass: true, reason: "Facts." },
    friendly: { pass: false, reason: "No greeting." },
    firm: { pass: true, reason: "Clear." },
  },
  rewrite: "Please bring the coat on Friday.",
  rewrite_note: null,
  sentences: [],
};

const summer: EntryDraft = {
  kind: "interaction",
  occurred_at: "2026-07-14T10:02:30+00:00",
  title: "Handover at the leisure centre",
  body: "Arrived 9:55. Handover calm.",
  channel: "handover",
  children: ["Sam", "Alex"],
  people: ["Jo (Sam's aunt), who drove"],
  tags: ["handover", "weekend"],
  location: "Leisure centre car park",
  private: true,
};

const message: EntryDraft = {
  kind: "message",
  occurred_at: "2026-07-14T21:15:07+01:00",
  title: "Message from Alex",
  body: "Bring her coat on Friday.",
  channel: "email",
  message: { direction: "received", counterpart: "Alex", tone },
  children: ["Sam"],
  people: ["Alex"],
  tags: [],
  private: false,
};

const mood: EntryDraft = {
  kind: "mood",
  occurred_at: "2026-07-14T22:00:00+05:30",
  title: "Evening",
  body: "",
  mood: { parent: 2, feelings: ["tired", "hopeful, a little"], child: "quiet at first, then chatty" },
  children: ["Sam"],
  people: [],
  tags: ["evening"],
  private: true,
};

const legal: EntryDraft = {
  kind: "legal",
  occurred_at: "2026-11-17T09:30:00+00:00",
  title: "Mediation postponed",
  body: "",
  legal_step: "mediation",
  children: [],
  people: [],
  tags: [],
  private: false,
};

/** What the editor sends when only the title field was changed. */
function retitled(stored: EntryDraft, title = "Fixed a typo"): EntryDraft {
  const form: EntryForm = { ...formFor(stored, "2027-01-20T07:00"), title };
  return draftFrom(form, stored);
}

describe("saving an edited entry", () => {
  beforeEach(() => {
    // Edited in winter, in New York, months after it was written in summer elsewhere.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2027-01-20T12:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("keeps a summer time byte for byte when only the title changes in winter", () => {
    const saved = retitled(summer);
    expect(saved.occurred_at).toBe("2026-07-14T10:02:30+00:00");
    expect(saved).toEqual({ ...summer, title: "Fixed a typo" });
  });

  it("keeps an entry's own offset", () => {
    expect(retitled({ ...summer, occurred_at: "2026-07-14T10:02:30+05:30" }).occurred_at).toBe("2026-07-14T10:02:30+05:30");
  });

  it("gives a changed time New York's offset on that date", () => {
    const form = { ...formFor(summer, ""), when: "2026-07-14T11:30" };
    expect(draftFrom(form, summer).occurred_at).toBe("2026-07-14T11:30:00-04:00");
    expect(draftFrom({ ...form, when: "2026-12-24T11:30" }, summer).occurred_at).toBe("2026-12-24T11:30:00-05:00");
  });

  it("keeps a message's channel and message details, tone included", () => {
    const saved = retitled(message);
    expect(saved.channel).toBe("email");
    expect(saved.message).toBe(message.message);
    expect(saved).toEqual({ ...message, title: "Fixed a typo" });
  });

  it("keeps every field of a mood entry and a legal entry", () => {
    expect(retitled(mood)).toEqual({ ...mood, title: "Fixed a typo" });
    expect(retitled(mood).mood).toBe(mood.mood);
    expect(retitled(legal)).toEqual({ ...legal, title: "Fixed a typo" });
  });

  it("keeps names that contain commas when their field is left alone", () => {
    const saved = retitled(summer);
    expect(saved.people).toEqual(["Jo (Sam's aunt), who drove"]);
    expect(retitled(mood).mood?.feelings).toEqual(["tired", "hopeful, a little"]);
  });

  it("adds no channel to an interaction written without one, and no location to one without", () => {
    const plain: EntryDraft = { ...summer, channel: undefined, location: undefined };
    const form = formFor(plain, "");
    expect(form.channel).toBe("");
    expect(form.location).toBe("");
    const saved = draftFrom({ ...form, title: "Fixed a typo" }, plain);
    expect(saved.channel).toBeUndefined();
    expect(saved.location).toBeUndefined();
    expect(draftFrom({ ...form, channel: "call" }, plain).channel).toBe("call");
  });

  it("reads the fields the user changed, and only those", () => {
    const form = { ...formFor(mood, ""), mood: 4, tags: "evening, school ", location: " Home " };
    const saved = draftFrom(form, mood);
    expect(saved.mood).toEqual({ parent: 4, feelings: ["tired", "hopeful, a little"], child: "quiet at first, then chatty" });
    expect(saved.tags).toEqual(["evening", "school"]);
    expect(saved.location).toBe("Home");
    expect(saved.children).toBe(mood.children);
    expect(draftFrom({ ...formFor(summer, ""), location: "" }, summer).location).toBeUndefined();
  });

  it("drops what belongs to the old kind when the kind changes", () => {
    const asNote = draftFrom({ ...formFor(summer, ""), kind: "note" }, summer);
    expect(asNote.channel).toBeUndefined();
    const asMood = draftFrom({ ...formFor(summer, ""), kind: "mood", mood: 5 }, summer);
    expect(asMood.mood).toEqual({ parent: 5, feelings: [], child: undefined });
    const asLegal = draftFrom({ ...formFor(mood, ""), kind: "legal", legalStep: "hearing" }, mood);
    expect(asLegal.mood).toBeUndefined();
    expect(asLegal.legal_step).toBe("hearing");
    expect(asLegal.occurred_at).toBe(mood.occurred_at);
  });
});

describe("saving a new entry", () => {
  it("reads every field from the form, with the defaults a new entry starts from", () => {
    const form = formFor(null, "2026-03-15T09:00");
    expect(form).toMatchObject({ kind: "interaction", channel: "call", legalStep: "mediation", mood: 3 });
    const saved = draftFrom({ ...form, title: "Call", children: "Sam, , Alex", location: "  " }, null);
    expect(saved).toEqual({
      kind: "interaction",
      occurred_at: "2026-03-15T09:00:00-04:00",
      title: "Call",
      body: "",
      channel: "call",
      children: ["Sam", "Alex"],
      people: [],
      tags: [],
      private: false,
    });
  });
});
