import { describe, expect, it } from "vitest";
import { latestOnly } from "./latest";

describe("latestOnly", () => {
  it("drops an older answer that arrives after a newer one", async () => {
    const resolvers: ((v: string) => void)[] = [];
    const ask = latestOnly((q: string) => new Promise<string>((resolve) => resolvers.push(() => resolve(q))));
    const first = ask("first");
    const second = ask("second");
    resolvers[1]("");
    resolvers[0]("");
    expect(await second).toEqual({ value: "second" });
    expect(await first).toBeUndefined();
  });

  it("delivers the newest call's error", async () => {
    const ask = latestOnly(async () => {
      throw new Error("too large");
    });
    expect(await ask(undefined)).toEqual({ error: new Error("too large") });
  });
});
