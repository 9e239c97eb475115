import { afterEach, describe, expect, it, vi } from "vitest";
import type { Entry } from "./bindings";
import { dayLabel, fromInputValue, fullTime, groupByDay, localFullTime, occurredForSave, splitList, toInputValue } from "./format";

function entry(id: number, occurred_at: string): Entry {
  return {
    id, occurred_at, kind: "note", title: `e${id}`, body: "", children: [], people: [], tags: [],
    private: false, attachments: [], recorded_at: "2026-01-01T00:00:00.000Z", revisions: 1, hash: "h",
  };
}

describe("format", () => {
  it("groups a newest-first list by the day in each entry's own offset", () => {
    const groups = groupByDay([
      entry(3, "2026-03-15T00:30:00+01:00"),
      entry(2, "2026-03-14T23:30:00+01:00"),
      entry(1, "2026-03-14T08:00:00+01:00"),
    ]);
    expect(groups.map((g) => [g.day, g.entries.map((e) => e.id)])).toEqual([
      ["2026-03-15", [3]],
      ["2026-03-14", [2, 1]],
    ]);
    expect(groups[1].label).toBe("Saturday 14 March 2026");
  });

  it("runs in New York, where summer is UTC-4 and winter UTC-5", () => {
    expect(new Date(2026, 6, 14).getTimezoneOffset()).toBe(240);
    expect(new Date(2026, 0, 14).getTimezoneOffset()).toBe(300);
  });

  it("writes local times with this computer's offset on that date and reads them back unchanged", () => {
    const stored = fromInputValue("2026-07-01T09:15");
    expect(stored).toBe("2026-07-01T09:15:00-04:00");
    expect(toInputValue(stored)).toBe("2026-07-01T09:15");
    expect(fromInputValue("2026-12-01T09:15")).toBe("2026-12-01T09:15:00-05:00");
    expect(() => fromInputValue("")).toThrow(/date and a time/);
  });

  it("shows unambiguous times", () => {
    expect(fullTime("2026-03-14T17:30:00+01:00")).toBe("14 Mar 2026, 17:30 (UTC+01:00)");
    expect(fullTime("2026-03-14T17:30:00Z")).toBe("14 Mar 2026, 17:30 (UTC+00:00)");
    expect(localFullTime("2026-03-14T23:30:00.000Z", 60)).toBe("15 Mar 2026, 00:30 (UTC+01:00)");
    expect(localFullTime("2026-03-14T02:05:00.000Z", -330)).toBe("13 Mar 2026, 20:35 (UTC-05:30)");
    expect(dayLabel("2024-02-29")).toBe("Thursday 29 February 2024");
  });

  describe("the time saved from the editor", () => {
    afterEach(() => vi.useRealTimers());

    it("keeps a stored time byte for byte when the field was left alone, even in another season", () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date("2027-01-20T12:00:00Z"));
      const summer = "2026-07-14T10:02:30+00:00";
      expect(occurredForSave(summer, toInputValue(summer))).toBe(summer);
      expect(occurredForSave("2026-07-14T10:02:30+05:30", "2026-07-14T10:02")).toBe("2026-07-14T10:02:30+05:30");
      expect(occurredForSave("2026-03-14T17:30:00Z", "2026-03-14T17:30")).toBe("2026-03-14T17:30:00Z");
    });

    it("converts a changed time with this computer's offset on the new date, not today's", () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date("2027-01-20T12:00:00Z"));
      expect(occurredForSave("2026-07-14T10:02:30+00:00", "2026-07-14T11:02")).toBe("2026-07-14T11:02:00-04:00");
      expect(occurredForSave("2026-07-14T10:02:30+05:30", "2026-07-15T10:02")).toBe("2026-07-15T10:02:00-04:00");
      expect(occurredForSave(null, "2026-02-01T08:00")).toBe("2026-02-01T08:00:00-05:00");
      expect(() => occurredForSave("2026-07-14T10:02:30+00:00", "")).toThrow(/date and a time/);
    });
  });

  it("splits comma lists and drops blanks", () => {
    expect(splitList(" Sam, , Alex ,")).toEqual(["Sam", "Alex"]);
  });
});
