// End to end in the real desktop window: create, write, find, lock, refuse, unlock.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PASS, shot as shotOf, startSession } from "./harness.mjs";

let s;
before(async () => {
  s = await startSession();
});
after(async () => {
  await s?.end();
});
const shot = (name) => shotOf(s, name);

test("a new parent creates a journal, writes an entry, finds it, locks and unlocks", async () => {
  await s.find("#new-passphrase");
  await shot("1-create");
  await s.type("#new-passphrase", PASS);
  await s.type("#repeat-passphrase", PASS);
  assert.match(await s.text("#strength"), /Strong/);
  await s.click(".check input");
  await s.click("button[type=submit]");

  await s.waitForText("main h2", /Your journal is empty/);
  await s.click("#new-entry");
  await s.find("#e-title");
  await s.type("#e-title", "Saturday handover at the school gate");
  await s.type("#e-body", "Sam ran over smiling and showed me the pineapple project from class.");
  await s.type("#e-children", "Sam");
  await s.type("#e-tags", "handover, school");
  await shot("2-editor");
  await s.click("#save-entry");

  await s.waitForText(".entry .title", /Saturday handover at the school gate/);
  await s.waitForText(".detail h2", /Saturday handover/);
  await shot("3-timeline");

  await s.type("#search", "pineapple");
  await s.waitForText("main h2", /1 entry found/);
  assert.equal(await s.text(".entry mark"), "pineapple");
  await shot("4-search");

  await s.click("#lock");
  await s.find("#passphrase");
  await s.type("#passphrase", "not my passphrase");
  await s.click("button[type=submit]");
  const error = await s.waitForText("#unlock-error", /does not open this journal/);
  assert.match(error, /Caps Lock/);
  assert.equal(await s.value("#passphrase"), "");
  await shot("5-wrong-passphrase");

  await s.type("#passphrase", PASS);
  await s.click("button[type=submit]");
  await s.waitForText(".entry .title", /Saturday handover at the school gate/);
  assert.match(await s.text(".entry"), /Sam/);
});

test("at 200% zoom (640×400 CSS pixels) the timeline folds into one readable column", async () => {
  await s.cmd("POST", "/window/rect", { width: 640, height: 400 });
  await s.click(".entry");
  // The detail covers the timeline instead of squeezing beside it, and Esc brings it back.
  const rect = await s.cmd("GET", `/element/${await s.find(".detail")}/rect`);
  assert.ok(rect.width >= 600, `detail is ${rect.width}px wide`);
  await shot("6-narrow-detail");
  await s.cmd("POST", "/actions", {
    actions: [{ type: "key", id: "kbd", actions: [{ type: "keyDown", value: "\uE00C" }, { type: "keyUp", value: "\uE00C" }] }],
  });
  await s.waitFor("the detail to close", async () => (await s.findAll(".detail")).length === 0, 5000);
  await shot("7-narrow-timeline");
  await s.cmd("POST", "/window/rect", { width: 1280, height: 800 });
});

test("a hostile draft is flagged, calmed with one click, marked as sent and found in the timeline", async () => {
  await s.click("#nav-compose");
  await s.find("#compose-text");
  await s.type("#c-to", "Alex");
  await s.type("#compose-text", "You are an idiot. Bring her coat on Friday at 5!!!");
  // The real checker answers within a pause: highlights coloured by severity and a verdict.
  await s.find(".highlights mark.sev-high");
  const verdict = await s.waitForText("#verdict", /Hostile|Caution/);
  assert.doesNotMatch(verdict, /Calm/);
  assert.match(await s.text("#findings"), /Name-calling/);
  assert.match(await s.text("#biff"), /Friendly/);
  assert.ok((await s.text("#rewrite")).length > 0, "a calmer draft is offered");
  await shot("8-composer-hostile");

  // At 200% zoom the composer folds into one column: the message box takes the whole width.
  await s.cmd("POST", "/window/rect", { width: 640, height: 400 });
  await s.waitFor("the composer to fold", async () => {
    const box = await s.cmd("GET", `/element/${await s.find("#compose-text")}/rect`);
    return box.width >= 560;
  }, 5000);
  await shot("8b-composer-narrow");
  await s.cmd("POST", "/window/rect", { width: 1280, height: 800 });
  // Click only once the two columns are back: a click during the re-layout can land elsewhere.
  await s.waitFor("the composer to unfold", async () => {
    const draft = await s.cmd("GET", `/element/${await s.find("#rewrite")}/rect`);
    return draft.x > 640;
  }, 5000);

  // A click while WebKit is still settling the re-layout can land on nothing (seen in CI): if
  // the insult is still there a second after a click, click the suggestion again.
  let clicked = 0;
  await s.waitFor("the insult to be gone", async () => {
    if (!/idiot/.test(await s.value("#compose-text"))) return true;
    if (Date.now() - clicked > 1000) {
      clicked = Date.now();
      await s.click(".finding.sev-high .use");
    }
    return false;
  }, 8000);
  assert.match(await s.value("#compose-text"), /Bring her coat on Friday at 5/);
  await s.waitFor("no strong finding left", async () => (await s.findAll(".highlights mark.sev-high")).length === 0, 5000);
  await shot("9-composer-calmer");

  await s.click("#mark-sent");
  await s.waitForText("#notice", /in your journal, word for word/);
  await s.waitForText(".entry .title", /Message to Alex/);
  assert.match(await s.text(".detail"), /Bring her coat on Friday at 5/);
  assert.match(await s.text(".detail"), /Read before sending/);
  await shot("10-sent-in-timeline");

  await s.click("#nav-incoming");
  await s.type("#i-from", "Alex");
  await s.type("#incoming-text", "Can you have her ready by 6 on Sunday? Typical of you, useless as ever.");
  await s.waitForText("#requests", /ready by 6 on Sunday/);
  await shot("11-incoming");
  await s.click("#save-received");
  await s.waitForText(".entry .title", /Message from Alex/);
});

test("the CLI attaches a photo beside the open app; it shows in the entry; the journal's head can be noted", async () => {
  const cli = process.env.EVENKEEL_CLI;
  assert.ok(cli, "EVENKEEL_CLI must name the evenkeel command");
  const env = { ...process.env, EVENKEEL_PASSPHRASE: PASS };
  const found = JSON.parse(execFileSync(cli, ["search", "pineapple", "--json"], { env, encoding: "utf8" }));
  const id = found[0].entry.id;
  const dir = mkdtempSync(join(tmpdir(), "evenkeel-e2e-"));
  const photo = join(dir, "school-gate.png");
  execFileSync("convert", ["-size", "160x120", "xc:skyblue", "-fill", "orange", "-draw", "circle 80,60 80,20", photo]);
  execFileSync(cli, ["attach", String(id), photo], { env });

  await s.click("#search");
  await s.type("#search", "pineapple");
  await s.waitForText("main h2", /1 entry found/);
  await s.click(".entry");
  const img = await s.find(".attachment img");
  await s.waitFor("the photo to load", async () => {
    const src = await s.cmd("GET", `/element/${img}/attribute/src`);
    return typeof src === "string" && src.startsWith("blob:");
  }, 10000);
  assert.match(await s.text(".attachment"), /school-gate\.png/);
  await shot("12-attachment-shown");

  await s.click("#check-journal");
  await s.waitForText(".result", /revisions and 1 attachment/);
  const shown = (await s.text(".result .hash")).replace(/\s+/g, "");
  const report = JSON.parse(execFileSync(cli, ["verify", "--json"], { env, encoding: "utf8" }));
  assert.equal(report.ok, true);
  assert.equal(shown, report.head);
  await shot("13-chain-head");
});
