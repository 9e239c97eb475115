// End to end in the real desktop window: a parent imports a WhatsApp chat export by typing its
// path, says who is who, sees the summary, reads the thread with a heated message marked, and
// opens one message's entry to see the file and line it came from; then does the same with
// Android texts from an SMS Backup & Restore file.
// Named to run after journal.test.mjs (the files run in name order against one journal, and that
// one starts from an empty journal); run alone, it creates one.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { openJournal, shot as shotOf, startSession } from "./harness.mjs";

const CHAT = fileURLToPath(new URL("../fixtures/whatsapp/android-uk.txt", import.meta.url));
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

let s;
before(async () => {
  s = await startSession();
});
after(async () => {
  await s?.end();
});
const shot = (name) => shotOf(s, name);

const textOf = (el) => s.cmd("GET", `/element/${el}/text`);
const attrOf = (el, name) => s.cmd("GET", `/element/${el}/attribute/${name}`);
async function inside(el, css) {
  const found = await s.cmd("POST", `/element/${el}/element`, { using: "css selector", value: css });
  return found[ELEMENT];
}

/** The thread's message whose text matches. */
async function message(pattern) {
  return s.waitFor(`a message matching ${pattern}`, async () => {
    for (const el of await s.findAll(".msg")) {
      if (pattern.test(await textOf(el))) return el;
    }
    return null;
  }, 15000);
}

test("a WhatsApp chat is previewed, imported with progress, read as a thread, and each message says where it came from", async () => {
  await openJournal(s, "#nav-conversation");
  await s.click("#nav-conversation");
  await s.click("#import-chat");
  await s.find("#choose-file");
  await s.type("#import-path", CHAT);
  await s.click("#import-preview");

  const counts = await s.waitForText("#import-counts", /12 messages/);
  assert.match(counts, /1 WhatsApp notice left out/);
  assert.match(await s.text("#date-reading"), /day first/);
  assert.match(await s.text("#who-me"), /Dana \(\d+ messages\)/);
  assert.match(await s.text("#who-me"), /Gran \(1 message\)/);
  assert.match(await s.text("#import-first"), /Dana: Can you have Sam on Friday/);
  await shot("w1-import-preview");

  await s.click("input[name=import-me][value=Chris]");
  await s.click("input[name=import-other][value=Dana]");
  await shot("w2-import-chosen");
  await s.click("#import-run");
  const summary = await s.waitForText("#import-summary", /Imported 12 messages/, 60000).catch(async (e) => {
    await shot("w3-import-failed");
    const shown = await s.findAll("#import-error");
    throw shown.length ? new Error(`the import failed: ${await textOf(shown[0])}`) : e;
  });
  assert.match(summary, /0 were already in the journal; 1 WhatsApp notice left out\./);
  await shot("w3-import-summary");

  await s.click("#open-conversation");
  await s.waitFor("the imported messages", async () => (await s.findAll(".msg .source")).length === 12, 15000);
  const heated = await message(/You always do this\. Every single time\./);
  const heatedId = await attrOf(heated, "id");
  // The checker reads it as needing care (caution, 60/100: "you always", "every single time").
  assert.match(await attrOf(heated, "class"), /flag-(caution|hostile)/);
  assert.equal(await attrOf(heated, "data-direction"), "received");
  assert.match(await textOf(heated), /Imported from WhatsApp, line 5/);
  assert.match(await textOf(heated), /Tense|Heated/);
  const mine = await message(/I was there at 15:25/);
  assert.equal(await attrOf(mine, "data-direction"), "sent");
  await s.cmd("POST", `/element/${await inside(heated, ".tone-word")}/click`, {});
  await s.waitFor("the checker's reading", async () => /read this as (needing care|hostile)/.test(await textOf(heated)), 5000);
  await shot("w4-conversation");

  await s.cmd("POST", `/element/${await inside(heated, ".open")}/click`, {});
  assert.equal(await s.text("#provenance-file"), "android-uk.txt");
  assert.equal(await s.text("#provenance-line"), "5");
  assert.match(await s.text("#provenance"), /WhatsApp chat export/);
  assert.match(await s.text("#provenance"), /[0-9a-f]{64}/);
  await shot("w5-entry-provenance");

  await s.click("#back-to-conversation");
  await s.waitFor("the message in view and focused", async () => {
    const active = await s.cmd("GET", "/element/active");
    return (await attrOf(active[ELEMENT], "id")) === heatedId;
  }, 10000);
  await shot("w6-back-in-conversation");

  // The same file again: nothing new.
  await s.click("#import-chat");
  await s.type("#import-path", CHAT);
  await s.click("#import-preview");
  await s.waitForText("#import-counts", /12 messages/);
  await s.click("input[name=import-me][value=Chris]");
  await s.click("input[name=import-other][value=Dana]");
  await s.click("#import-run");
  await s.waitForText("#import-summary", /Imported 0 messages; 12 were already in the journal/, 60000);
});

test("a file that is not a chat export is refused in words", async () => {
  await s.click("#nav-conversation");
  await s.click("#import-chat");
  await s.type("#import-path", fileURLToPath(new URL("../fixtures/whatsapp/README.md", import.meta.url)));
  await s.click("#import-preview");
  const error = await s.waitForText("#import-error", /\w/);
  assert.match(error, /README\.md/);
  await shot("w7-import-error");
});

test("Android texts from an SMS backup: the other parent's number is ticked, and only their texts are imported, labelled as texts", async () => {
  const SMS = fileURLToPath(new URL("../fixtures/sms/sms-backup.xml", import.meta.url));
  await s.click("#nav-conversation");
  await s.click("#import-chat");
  await s.click("#import-kind-sms");
  await s.waitForText("#import-title", /Import Android texts/);
  await s.type("#messages-path", SMS);
  await s.click("#messages-preview");
  const list = await s.waitForText("#messages-correspondents", /\+447700900123/);
  assert.match(list, /Dana/);
  assert.match(list, /Smile Dental/);
  assert.equal(await s.text("#messages-file"), "sms-backup.xml");
  await shot("w8-texts-preview");

  await s.click('input[name=messages-other][value="+447700900123"]');
  assert.equal(await s.value("#messages-name"), "Dana");
  await shot("w9-texts-chosen");
  await s.click("#messages-run");
  const summary = await s.waitForText("#import-summary", /Imported 5 texts/, 60000).catch(async (e) => {
    await shot("w10-texts-failed");
    const shown = await s.findAll("#import-error");
    throw shown.length ? new Error(`the import failed: ${await textOf(shown[0])}`) : e;
  });
  assert.match(summary, /0 were already in the journal/);
  await shot("w10-texts-summary");

  await s.click("#open-conversation");
  const text = await message(/Can you have Sam on Friday\? 🙏/);
  assert.match(await textOf(text), /Imported from texts, record 1/);
  assert.equal(await attrOf(text, "data-direction"), "received");
  // Texts with anyone else (the dentist) stay out.
  for (const el of await s.findAll(".msg")) assert.doesNotMatch(await textOf(el), /Dentist reminder/);
  await s.cmd("POST", "/execute/sync", { script: "arguments[0].scrollIntoView({ block: 'center' })", args: [{ [ELEMENT]: text }] });
  await shot("w11-texts-in-conversation");
  await s.cmd("POST", `/element/${await inside(text, ".open")}/click`, {});
  assert.equal(await s.text("#provenance-file"), "sms-backup.xml");
  assert.match(await s.text("#provenance"), /SMS Backup & Restore/);
  await shot("w12-texts-provenance");
});
