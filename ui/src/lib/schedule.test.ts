import { describe, expect, it } from "vitest";
import type { Compliance } from "./bindings";
import { complianceSentence, duration, errorField, monthGrid, span, statusOf } from "./schedule";

const none = { planned_hours: 0, actual_hours: 0, planned_overnights: 0, actual_overnights: 0 };
const base: Compliance = {
  child: "Sam", from: "2027-01-01", to: "2027-06-30", planned: 22, kept: 14, late: 0, short: 0, missed: 0, cancelled_by_me: 2,
  cancelled_by_other: 6, swapped: 0, unlogged: 3, me: none, other: none, percent_happened: null, deviations: [],
};

describe("the schedule's words and days", () => {
  it("says compliance as a parent would", () => {
    expect(complianceSentence(base)).toBe("14 of 22 planned contacts kept; 6 cancelled by the other parent, 2 by you; 3 not yet logged.");
    expect(complianceSentence({ ...base, planned: 1, kept: 0, cancelled_by_me: 0, cancelled_by_other: 0, unlogged: 0, missed: 1 })).toBe(
      "0 of 1 planned contact kept; 1 missed.",
    );
    expect(complianceSentence({ ...base, planned: 0 })).toBe("No contact was planned in these dates.");
  });

  it("lays a month out in Monday-to-Sunday weeks", () => {
    const weeks = monthGrid("2027-02");
    expect(weeks[0][0]).toBe("2027-02-01");
    expect(weeks).toHaveLength(4);
    expect(monthGrid("2027-01")[0][0]).toBe("2026-12-28");
    expect(monthGrid("2027-01")).toHaveLength(5);
  });

  it("keeps times in their own offset and names durations plainly", () => {
    expect(span("2027-03-26T18:00:00+00:00", "2027-03-28T18:00:00+01:00")).toBe("Fri 26 Mar, 18:00 to Sun 28 Mar, 18:00");
    expect(span("2027-01-06T16:00:00+00:00", "2027-01-06T19:00:00+00:00")).toBe("Wed 6 Jan, 16:00 to 19:00");
    expect(duration(30)).toBe("30 min");
    expect(duration(150)).toBe("2 h 30 min");
    expect(duration(2880)).toBe("2 days");
    expect(statusOf({ outcome: null, planned: "2027-01-08" }, "2027-01-08")).toBe("unlogged");
    expect(statusOf({ outcome: null, planned: "2027-01-09" }, "2027-01-08")).toBe("planned");
    expect(errorField("Until: the plan ends on …")).toBe("until");
  });
});
