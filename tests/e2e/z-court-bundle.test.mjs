// End to end in the real desktop window: a parent fills in the front sheet, sees the live
// preview, creates the court bundle with progress, and the PDF and its manifest are on disk,
// read back with poppler's pdftotext.
// Named to run last (the files run in name order against one journal), so the journal already
// holds entries, a plan and imported messages; run alone, it creates one.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openJournal, shot as shotOf, startSession } from "./harness.mjs";

let s;
const dir = mkdtempSync(join(tmpdir(), "evenkeel-bundle-"));
before(async () => {
  s = await startSession();
});
after(async () => {
  await s?.end();
  rmSync(dir, { recursive: true, force: true });
});
const shot = (name) => shotOf(s, name);

test("the court bundle is previewed, created with progress, and written with its manifest", async () => {
  await openJournal(s, "#nav-bundle");
  await s.click("#nav-bundle");
  await s.find("#bundle-heading");
  await s.waitForText(".preview .estimate", /About \d+ pages/, 30000);

  await s.type("#bundle-case-name", "Re S (a child)");
  await s.type("#bundle-case-number", "ZE26P00123");
  await s.type("#bundle-parent-name", "Jordan Smith");
  const out = join(dir, "bundle.pdf");
  await s.type("#bundle-out", out);
  await shot("b1-bundle-form");

  await s.click(".choices button[type=submit]");
  // The bundle, or the error that stopped it, whichever comes first.
  const outcome = await s.waitFor("the bundle or an error", async () => {
    if ((await s.findAll(".choices .alert.error")).length) return { error: await s.text(".choices .alert.error") };
    return (await s.findAll("#bundle-done")).length ? { done: await s.text("#bundle-done") } : null;
  }, 120000);
  if (outcome.error) {
    await shot("b2-bundle-failed");
    assert.fail(`the export failed: ${outcome.error}`);
  }
  const done = outcome.done;
  assert.match(done, /bundle\.pdf/);
  await shot("b2-bundle-done");

  assert.ok(existsSync(out), "the PDF is on disk");
  const manifest = JSON.parse(readFileSync(join(dir, "bundle.manifest.json"), "utf8"));
  assert.equal(manifest.format, "evenkeel-bundle-manifest");
  const text = execFileSync("pdftotext", ["-layout", out, "-"], { encoding: "utf8" });
  assert.match(text, /Re S \(a child\)/);
  assert.match(text, /Record kept by Jordan Smith/);
  assert.match(text, /A\. Chronology/);
  assert.match(text, /Integrity of this record/);
  const pages = Number(/Saved (\d+) pages/.exec(done)[1]);
  assert.equal(text.split("\f").filter((p) => p.trim()).length, pages);
});
