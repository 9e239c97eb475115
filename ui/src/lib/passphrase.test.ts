import { describe, expect, it } from "vitest";
import { strength } from "./passphrase";

describe("passphrase strength", () => {
  it("grades from too short to strong", () => {
    expect(strength("abc").label).toBe("Too short");
    expect(strength("password123").label).toBe("Easy to guess");
    expect(strength("aaaaaaaaaaaa").label).toBe("Easy to guess");
    expect(strength("sunflower").level).toBe(1);
    expect(strength("kettle orbit maple").level).toBe(2);
    expect(strength("kettle orbit maple sixty").level).toBe(3);
  });
});
