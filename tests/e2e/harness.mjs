// What every end-to-end file shares: one session with the real window per file, the journal's
// passphrase, and screenshots to look at (E2E_SHOTS; E2E_X_SHOTS=1 adds the whole X screen).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "./webdriver.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.EVENKEEL_APP;
const SHOTS = process.env.E2E_SHOTS;

/** The files run in name order against one journal, so they share its passphrase. */
export const PASS = "kettle orbit maple sixty";

/** Starts the real window through tauri-driver. */
export async function startSession() {
  assert.ok(APP, "EVENKEEL_APP must name the desktop binary");
  return Session.start(DRIVER, APP);
}

export async function shot(s, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(`${SHOTS}/${name}.png`, await s.screenshot());
  // WebDriver captures the page only; the X screen is what a person sees.
  if (process.env.E2E_X_SHOTS) execFileSync("import", ["-window", "root", `${SHOTS}/${name}-x.png`]);
}

/**
 * Unlocks the journal an earlier file made, or makes one when a file runs alone, then waits
 * for `ready` (a selector of the screen the file starts from).
 */
export async function openJournal(s, ready) {
  await s.waitFor("the gate", async () => (await s.findAll("#new-passphrase, #passphrase")).length > 0, 15000);
  if ((await s.findAll("#new-passphrase")).length) {
    await s.type("#new-passphrase", PASS);
    await s.type("#repeat-passphrase", PASS);
    await s.click(".check input");
  } else {
    await s.type("#passphrase", PASS);
  }
  await s.click("button[type=submit]");
  await s.find(ready);
}
