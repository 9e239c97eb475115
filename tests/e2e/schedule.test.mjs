// End to end in the real desktop window: a parent adds an alternate-weekends plan, sees its
// dates before saving, marks a past weekend missed, and sees it in the calendar, in the
// compliance figures and in the journal timeline.
// Runs after journal.test.mjs (the files run in name order against one journal), so the journal
// exists; run alone, it creates one.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openJournal, shot as shotOf, startSession } from "./harness.mjs";

const CHILD = "Robin";

let s;
before(async () => {
  s = await startSession();
});
after(async () => {
  await s?.end();
});
const shot = (name) => shotOf(s, name);

const pad = (n) => String(n).padStart(2, "0");
const dayOf = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
function addDays(day, n) {
  const [y, m, d] = day.split("-").map(Number);
  return dayOf(new Date(y, m - 1, d + n));
}
const weekday = (day) => new Date(`${day}T12:00:00`).getDay();
const monthLabel = (day) =>
  new Date(`${day}T12:00:00`).toLocaleDateString("en-GB", { month: "long", year: "numeric" });

/** Sets a date field: through the page where the driver allows it, else by typing. */
async function setDate(css, day) {
  const el = await s.find(css);
  const script =
    "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true })); return el.value;";
  const set = await s
    .cmd("POST", "/execute/sync", { script, args: [{ "element-6066-11e4-a52e-4f735466cecf": el }, day] })
    .catch(() => null);
  if (set === day) return;
  await s.type(css, day);
  if ((await s.value(css)) === day) return;
  const [y, m, d] = day.split("-");
  await s.type(css, `${d}${m}${y}`);
  assert.equal(await s.value(css), day, `could not set ${css}`);
}

async function attr(css, name) {
  return s.cmd("GET", `/element/${await s.find(css)}/attribute/${name}`);
}

/** Shows the calendar month a day is in. */
async function showMonthOf(day) {
  for (let i = 0; i < 3; i++) {
    if ((await s.text("#month-title")) === monthLabel(day)) return;
    const shown = await s.text("#month-title");
    await s.click("#prev-month");
    await s.waitFor("the month to change", async () => (await s.text("#month-title")) !== shown, 5000);
  }
  assert.equal(await s.text("#month-title"), monthLabel(day));
}

test("a plan is previewed, saved, a past weekend marked missed: the calendar, the figures and the journal say so", async () => {
  await openJournal(s, "#nav-schedule");

  // A Friday four weeks before the latest past Friday: three weekends have already come round.
  let lastFriday = dayOf(new Date());
  while (weekday(lastFriday) !== 5) lastFriday = addDays(lastFriday, -1);
  const start = addDays(lastFriday, -28);
  const missed = addDays(start, 14);

  await s.click("#nav-schedule");
  await s.click("#schedule-plans");
  await s.type("#p-child", CHILD);
  await setDate("#p-start", start);
  assert.match(await s.text("#p-template-help"), /Every other weekend/);
  assert.match(await s.value("#p-zone"), /\w/);
  await s.waitFor("six dates in the preview", async () => (await s.findAll("#preview-list li")).length === 6, 10000);
  assert.match(await s.text("#preview-list li"), /^Fri \d+ \w{3}, 18:00 to Sun \d+ \w{3}, 18:00/);
  await shot("s1-plan-editor");

  await s.click("#save-plan");
  await s.waitForText("#plan-notice", /The plan for Robin is saved/);
  await s.waitForText(".plan", /Robin spends time with you: alternate weekends/);
  await shot("s2-plan-saved");

  // Before anything is logged: nothing missed.
  await s.click("#schedule-compliance");
  const before = await s.waitForText("[data-testid=compliance-sentence]", /planned contacts? kept/);
  assert.doesNotMatch(before, /missed/);
  assert.match(before, /3 not yet logged/);

  await s.click("#schedule-calendar");
  await s.find("#month-title");
  await showMonthOf(missed);
  const chip = `button.contact[data-testid$=":${missed}"]`;
  assert.equal(await attr(chip, "data-status"), "unlogged");
  assert.match(await s.text(chip), /Not logged/);
  await shot("s3-calendar");

  await s.click(chip);
  await s.find("[data-testid=contact-panel]");
  await s.click("[data-outcome=missed]");
  await s.waitForText("#recorded", /Recorded in the journal: Missed contact: Robin/);
  await s.waitFor("the day's label to turn to missed", async () => (await attr(chip, "data-status")) === "missed", 5000);
  assert.match(await s.text(chip), /Missed/);
  assert.match(await attr(chip, "class"), /tone-bad/);
  await shot("s4-calendar-missed");

  // At 200% zoom the open contact takes the whole width, and the month folds into a list of days.
  await s.cmd("POST", "/window/rect", { width: 640, height: 400 });
  await s.find(".calendar .back");
  await s.find("[data-testid=contact-panel]");
  await shot("s5-contact-narrow");
  await s.click(".calendar .back");
  await s.find(".days-list");
  assert.match(await s.text(chip), /Missed/);
  await shot("s5b-calendar-narrow");
  await s.cmd("POST", "/window/rect", { width: 1280, height: 800 });
  await s.find("table.month");

  await s.click("#schedule-compliance");
  const after = await s.waitForText("[data-testid=compliance-sentence]", /1 missed/);
  assert.match(after, /2 not yet logged/);
  assert.match(await s.text(`[data-testid$=":${missed}"]`), /Missed.*lost/s);
  await shot("s6-compliance");

  await s.click("#schedule-mood");
  await s.click("#mood-2");
  await s.click(".feeling");
  await s.click("#save-mood");
  await s.waitForText("#mood-notice", /marked private/);
  // The week's line is drawn from the check-in just saved.
  await s.waitFor("the weekly chart", async () => (await s.findAll(".chart-card svg polyline")).length > 0, 5000);
  await s.waitFor("the form to clear", async () => (await s.findAll(".moods .on")).length === 0, 5000);
  await shot("s7-mood");

  await s.click("#nav-journal");
  await s.waitForText(".entry .title", /Missed contact: Robin/);
  await shot("s8-journal-missed");
});
