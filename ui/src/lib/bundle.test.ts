import { describe, expect, it } from "vitest";
import { bundleKinds, progressLabel, progressShare } from "./bundle";

describe("bundle helpers", () => {
  it("offers every kind but mood, which has its own switch", () => {
    const kinds = bundleKinds.map((k) => k.value);
    expect(kinds).not.toContain("mood");
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toContain("missed-contact");
  });

  it("says how far the bundle is, never going backwards", () => {
    const steps = [
      { stage: "gathering" },
      { stage: "pictures", done: 0, of: 4 },
      { stage: "pictures", done: 4, of: 4 },
      { stage: "layout" },
      { stage: "writing" },
    ] as const;
    const shares = steps.map((s) => progressShare(s));
    expect([...shares].sort((a, b) => a - b)).toEqual(shares);
    expect(progressLabel({ stage: "pictures", done: 2, of: 4 })).toBe("Preparing pictures without their metadata: 2 of 4");
    expect(progressShare({ stage: "pictures", done: 0, of: 0 })).toBe(0.5);
  });
});
