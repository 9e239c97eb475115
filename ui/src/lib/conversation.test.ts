import { describe, expect, it } from "vitest";
import type { Entry, ImportSummary } from "./bindings";
import { byDay, leftOutWords, matches, messagesSummaryWords, orderWords, readingWords, sourceLabel, subjectOf, summaryWords, thread, toneWord } from "./conversation";

const summary: ImportSummary = {
  imported: 1, skipped_duplicates: 1, unreadable: [4, 9], notices: 0, attachments: 0, participants: ["Dana", "Chris"], date_order: "dmy",
  source_sha256: "ab".repeat(32),
};

function msg(id: number, at: string, body: string, line?: number): Entry {
  return {
    id, attachments: [], recorded_at: at, revisions: 1, hash: "", kind: "message", occurred_at: at, title: "", body,
    message: {
      direction: "received", counterpart: "Dana",
      import: line === undefined ? undefined : {
        source: "whatsapp", file_name: "c.txt", file_sha256: "", line, sender_as_written: "Dána", date_reading: "", third_party: false,
      },
    },
    children: [], people: [], tags: [], private: false,
  };
}

describe("the conversation in words", () => {
  it("sums an import up in one sentence, singulars, lines left out and files attached included", () => {
    expect(summaryWords(summary)).toBe(
      "Imported 1 message; 1 was already in the journal; no WhatsApp notices. Lines 4, 9 could not be understood and were left out.",
    );
    expect(summaryWords({ ...summary, unreadable: [], attachments: 2 } as ImportSummary)).toBe(
      "Imported 1 message; 1 was already in the journal; no WhatsApp notices. 2 files from the chat were attached to their messages.",
    );
    expect(orderWords("mdy")).toBe("month first, so 12/31/2026 is 31 December");
    expect(readingWords("dmy: a first number above 12 (13/9/2026)")).toBe("Day first (dmy): a first number above 12 (13/9/2026)");
    expect(readingWords("the backup's times")).toBe("the backup's times");
  });

  it("orders a thread oldest first by the instant, then the file's line, and groups it by its own day", () => {
    const t = thread([msg(3, "2026-09-13T00:30:00+01:00", "c", 9), msg(1, "2026-09-12T23:30:00+00:00", "b", 8), msg(2, "2026-09-12T23:30:00+00:00", "a", 7)]);
    // The same instant (00:30 at +01:00 is 23:30 UTC): the file's order decides; each keeps its own day.
    expect(t.map((e) => e.body)).toEqual(["a", "b", "c"]);
    expect(byDay(t).map((d) => [d.label, d.messages.length])).toEqual([["Saturday 12 September 2026", 2], ["Sunday 13 September 2026", 1]]);
  });

  it("finds words whatever their case and accents, and names only tones that are not calm", () => {
    const m = msg(1, "2026-09-12T08:00:00+00:00", "Can you take Sam on FRIDAY?");
    expect(matches(m, "friday sam")).toBe(true);
    expect(matches(m, "friday saturday")).toBe(false);
    expect(matches(msg(2, "2026-09-12T08:00:00+00:00", "x", 1), "dana")).toBe(true);
    expect([toneWord("calm"), toneWord("caution"), toneWord("hostile"), toneWord(undefined)]).toEqual([null, "Tense", "Heated", null]);
  });
});

describe("texts and e-mail in words", () => {
  function from(source: string, title: string, line = 7): Entry {
    const e = msg(1, "2026-09-12T09:00:00+01:00", "Hi", line);
    return { ...e, title, message: { ...e.message!, import: { ...e.message!.import!, source } } };
  }

  it("labels each source as the thread shows it", () => {
    expect(sourceLabel(from("whatsapp", "WhatsApp from Dana", 4))).toBe("Imported from WhatsApp, line 4");
    expect(sourceLabel(from("sms", "Text from Dana"))).toBe("Imported from texts, record 7");
    expect(sourceLabel(from("email", "Email from Dana: Half-term: the plan"))).toBe("Imported from e-mail (Half-term: the plan)");
    expect(sourceLabel(from("email", "Email to Dana", 3))).toBe("Imported from e-mail, message 3");
    expect(sourceLabel(msg(1, "2026-09-12T09:00:00+01:00", "Hi"))).toBe("");
  });

  it("reads the subject from an e-mail's title only", () => {
    expect(subjectOf(from("email", "Email to Dana: Re: Sam"))).toBe("Re: Sam");
    expect(subjectOf(from("sms", "Text from Dana"))).toBe("");
  });

  it("sums up an import of texts or e-mail without WhatsApp's notices", () => {
    expect(messagesSummaryWords({ ...summary, unreadable: [] }, "sms")).toBe("Imported 1 text; 1 was already in the journal.");
    expect(messagesSummaryWords(summary, "email")).toBe("Imported 1 e-mail; 1 was already in the journal.");
    expect(leftOutWords(summary, "email")).toBe(
      "Messages 4, 9 in the file could not be read (no date, no sender, a draft or nothing written) and were left out.",
    );
    expect(leftOutWords({ ...summary, unreadable: [] }, "sms")).toBe("");
  });
});
