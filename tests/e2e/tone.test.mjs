// End to end in the real desktop window: the checker catches hostility written in words it has
// no list for, marks it, changes the verdict, and the calmer draft leaves it out.
// Runs after journal.test.mjs (the files run in name order against one journal), so the journal
// exists; run alone, it creates one.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openJournal, shot as shotOf, startSession } from "./harness.mjs";

const CALM = "Could you have her ready at 10am on Saturday?";
// No word of this is in the checker's phrase lexicon: the threat is in its shape.
const THREAT = "One more late drop-off and my solicitor will be writing to you.";
// Nor of this: only the learned model reads it as a dig.
const DIG = "Funny, the car only ever breaks down on your weekends.";

let s;
before(async () => {
  s = await startSession();
});
after(async () => {
  await s?.end();
});
const shot = (name) => shotOf(s, name);

test("a hostile draft in words no list holds is marked, changes the verdict, and the calmer draft drops it", async () => {
  await openJournal(s, "#nav-compose");
  await s.click("#nav-compose");
  await s.find("#compose-text");
  // The calmer draft as plain text, without the struck-out words of the diff.
  await s.click(".toggle input");

  await s.type("#compose-text", CALM);
  await s.waitForText("#verdict", /Calm/);

  // type() replaces what the box holds, so each step types the whole message so far.
  await s.type("#compose-text", `${CALM} ${THREAT}`);
  const verdict = await s.waitForText("#verdict", /Hostile|Caution/);
  assert.doesNotMatch(verdict, /Calm/);
  await s.find(".highlights mark");
  assert.match(await s.text("#findings"), /Threat/);
  await s.waitFor("the calmer draft to catch up", async () => /10am on Saturday/.test(await s.text("#rewrite")), 5000);
  const draft = await s.text("#rewrite");
  assert.doesNotMatch(draft, /my solicitor will be writing/);
  await shot("14-checker-threat");

  await s.type("#compose-text", `${CALM} ${THREAT} ${DIG}`);
  await s.find(".highlights mark.learned");
  assert.match(await s.text("#findings"), /May land badly/);
  await s.waitFor("the dig to leave the calmer draft", async () => !/breaks down/.test(await s.text("#rewrite")), 5000);
  assert.match(await s.text("#rewrite"), /10am on Saturday/);
  await shot("15-checker-learned");
});
