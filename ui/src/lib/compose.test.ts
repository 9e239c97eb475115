import { describe, expect, it } from "vitest";
import type { Finding, Severity } from "./bindings";
import { applySuggestion, isLearned, mailtoUrl, segments, stillValid, wordDiff } from "./compose";

function finding(text: string, part: string, severity: Severity = "high", suggestion = ""): Finding {
  const start = text.indexOf(part);
  return {
    category: "insult",
    label: "Name-calling",
    severity,
    start,
    end: start + part.length,
    start_utf16: start,
    end_utf16: start + part.length,
    text: part,
    explanation: "",
    suggestion,
    fix: { start, end: start + part.length, start_utf16: start, end_utf16: start + part.length },
  };
}

describe("segments", () => {
  it("marks each finding and keeps every character", () => {
    const text = "You idiot, come at 5!!!";
    const segs = segments(text, [finding(text, "idiot"), finding(text, "!!!", "low", ".")]);
    expect(segs.map((s) => s.text).join("")).toBe(text);
    expect(segs.filter((s) => s.severity).map((s) => [s.text, s.severity])).toEqual([
      ["idiot", "high"],
      ["!!!", "low"],
    ]);
  });

  it("lets the more severe finding own overlapping text", () => {
    const text = "you always lie";
    const segs = segments(text, [finding(text, "you always lie", "medium"), finding(text, "lie", "high")]);
    expect(segs.map((s) => [s.text, s.severity])).toEqual([
      ["you always ", "medium"],
      ["lie", "high"],
    ]);
  });

  it("marks a sentence the model flagged as learned, and lets a named phrase of equal severity win", () => {
    const text = "Keep it up and see. You idiot.";
    const sentence: Finding = { ...finding(text, "Keep it up and see.", "high"), category: "hostility", label: "May land badly" };
    const segs = segments(text, [sentence, finding(text, "see", "high")]);
    expect(isLearned(sentence)).toBe(true);
    expect(segs.map((s) => [s.text, s.learned ?? false])).toEqual([
      ["Keep it up and ", true],
      ["see", false],
      [".", true],
      [" You idiot.", false],
    ]);
  });

  it("counts in UTF-16 like the checker, so emoji before a finding do not shift it", () => {
    const text = "😀😀 idiot";
    const segs = segments(text, [finding(text, "idiot")]);
    expect(segs[1]).toMatchObject({ text: "idiot", severity: "high" });
  });
});

describe("stillValid", () => {
  it("keeps findings on the unchanged start of the text while typing continues", () => {
    const old = "You idiot. Pick";
    const found = [finding(old, "idiot")];
    expect(stillValid(old, "You idiot. Pick up", found)).toHaveLength(1);
    expect(stillValid(old, "You i", found)).toHaveLength(0);
  });
});

describe("applySuggestion", () => {
  it("puts the calmer wording in place of the phrase", () => {
    const text = "You never answer. Reply by 5.";
    const out = applySuggestion(text, finding(text, "You never answer", "medium", "I haven't had an answer"));
    expect(out.text).toBe("I haven't had an answer. Reply by 5.");
    expect(out.caret).toBe("I haven't had an answer".length);
  });

  it("removes a phrase without leaving double spaces or a stranded comma", () => {
    const text = "Sam needs his coat, you idiot, on Friday.";
    expect(applySuggestion(text, finding(text, "you idiot")).text).toBe("Sam needs his coat on Friday.");
    const t2 = "Honestly idiot. Pick him up at 5.";
    expect(applySuggestion(t2, finding(t2, "Honestly idiot. ")).text).toBe("Pick him up at 5.");
  });

  it("removes a whole sentence when the checker says nothing else is in it", () => {
    const text = "You are an idiot.  Bring her coat.";
    const f = finding(text, "idiot");
    f.fix = { start: 0, end: 19, start_utf16: 0, end_utf16: 19 };
    expect(applySuggestion(text, f).text).toBe("Bring her coat.");
  });

  it("capitalises a suggestion that starts a sentence", () => {
    const text = "Fine. YOU MUST come at 5.";
    expect(applySuggestion(text, finding(text, "YOU MUST", "medium", "could you")).text).toBe("Fine. Could you come at 5.");
  });
});

describe("wordDiff", () => {
  it("shows what the calmer draft removes and adds", () => {
    const parts = wordDiff("Pick him up NOW idiot", "Please pick him up");
    expect(parts.filter((p) => p.change === "removed").map((p) => p.text.trim()).join(" ")).toContain("idiot");
    expect(parts.filter((p) => p.change === "added").map((p) => p.text.trim()).join(" ")).toContain("Please");
  });
});

describe("mailtoUrl", () => {
  it("encodes the whole text as the body with email line breaks", () => {
    const url = mailtoUrl("Hi & thanks?\nSee you at 5 #2", "Friday");
    expect(url).toBe("mailto:?subject=Friday&body=Hi%20%26%20thanks%3F%0D%0ASee%20you%20at%205%20%232");
    expect(new URL(url).protocol).toBe("mailto:");
  });
});
