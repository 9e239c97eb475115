// UI tests of the schedule screens (calendar, plans, what happened, mood) against a fake backend.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import App from "./App.svelte";
import type { Outcome, PlanParts } from "./lib/bindings";
import { addDays, monthLabel, monthOf, today } from "./lib/schedule";
import { fake, install, planOf, useFakeBackend } from "./test-backend";

useFakeBackend();

/** The Friday on or before a day. */
function fridayBefore(day: string): string {
  let d = day;
  while (new Date(`${d}T12:00:00Z`).getUTCDay() !== 5) d = addDays(d, -1);
  return d;
}

const SAM: PlanParts = {
  child: "Sam", template: "alternate-weekends", start: "", handover: "18:00", until: null, rrule: null,
  zone: "Europe/London", place: null, with: "me", arrangement: "spends-time-with",
};

/** A journal with one alternate-weekends plan for Sam that started eight weeks ago. */
function withPlan(outcomes: Record<string, Outcome["outcome"] | Outcome> = {}) {
  const start = addDays(fridayBefore(today()), -56);
  install({ exists: true, unlocked: true });
  const plan = planOf("1", { ...SAM, start });
  fake.plans = [plan];
  fake.planParts["1"] = { ...SAM, start };
  for (const [day, o] of Object.entries(outcomes)) {
    const outcome = typeof o === "string" ? ({ occurrence: `1:${day}`, note: null, entries: [], outcome: o } as Outcome) : o;
    fake.outcomes[`1:${day}`] = { outcome, entry: 99 };
  }
  return start;
}

async function openSchedule(day?: string) {
  render(App);
  await fireEvent.click(await screen.findByRole("button", { name: "Schedule" }));
  // Go back to the month a contact is in (the tests run on any date).
  if (day) {
    const title = await screen.findByRole("heading", { level: 1 });
    for (let i = 0; i < 3 && title.textContent !== monthLabel(monthOf(day)); i++) {
      await fireEvent.click(screen.getByRole("button", { name: /^Previous month/ }));
    }
    expect(title.textContent).toBe(monthLabel(monthOf(day)));
  }
}

describe("the schedule", () => {
  it("is reached from the keyboard: a Schedule button in the tab order, and Ctrl+D", async () => {
    install({ exists: true, unlocked: true });
    render(App);
    const nav = await screen.findByRole("button", { name: "Schedule" });
    expect(nav.tagName).toBe("BUTTON");
    expect(nav.getAttribute("aria-keyshortcuts")).toBe("Control+D");
    await fireEvent.keyDown(window, { key: "d", ctrlKey: true });
    await screen.findByRole("heading", { name: "No parenting plan yet" });
    expect(nav.getAttribute("aria-current")).toBe("page");
    await waitFor(() => expect(document.activeElement).toBe(nav));
    // Escape inside the schedule does not throw a half-written plan away.
    await fireEvent.click(screen.getByRole("button", { name: "Add a plan" }));
    await fireEvent.keyDown(await screen.findByLabelText("Child"), { key: "Escape" });
    expect(screen.getByRole("heading", { name: "Add your parenting plan" })).toBeTruthy();
  });

  it("creating a plan shows the next dates first, then the plan in the list and the calendar", async () => {
    install({ exists: true, unlocked: true });
    await openSchedule();
    await fireEvent.click(await screen.findByRole("button", { name: "Plans" }));
    const zone = (await screen.findByLabelText("Time zone")) as HTMLInputElement;
    await waitFor(() => expect(zone.value).toBe("Europe/London"));
    expect(screen.getByText(/Fill in the child and the first day/)).toBeTruthy();

    const start = addDays(fridayBefore(today()), 7);
    await fireEvent.input(screen.getByLabelText("Child"), { target: { value: "Sam" } });
    await fireEvent.input(screen.getByLabelText("First day"), { target: { value: start } });
    expect(screen.getByText(/Every other weekend, Friday evening to Sunday evening/)).toBeTruthy();
    await waitFor(() => expect(document.querySelectorAll("#preview-list li")).toHaveLength(6), { timeout: 2000 });
    const list = document.getElementById("preview-list")!;
    expect(list.querySelector("li")!.textContent).toMatch(/^Fri \d+ \w{3}, 18:00 to Sun \d+ \w{3}, 18:00/);
    const preview = fake.calls.filter((c) => c.cmd === "schedule_preview").pop()!.args;
    expect(preview.parts).toMatchObject({ child: "Sam", template: "alternate-weekends", start, handover: "18:00", zone: "Europe/London", with: "me" });
    expect(fake.plans).toHaveLength(0);

    await fireEvent.input(screen.getByLabelText(/^Note/), { target: { value: "From the order of 3 March." } });
    await fireEvent.click(screen.getByRole("button", { name: "Save the plan" }));
    await screen.findByText(/The plan for Sam is saved/);
    expect(fake.calls.find((c) => c.cmd === "schedule_add_plan")!.args.note).toBe("From the order of 3 March.");
    const saved = await screen.findByTestId("plan-1");
    expect(saved.textContent).toMatch(/Sam spends time with you: alternate weekends/);

    await fireEvent.click(screen.getByRole("button", { name: "Show the calendar" }));
    const first = await screen.findByTestId(`contact-1:${start}`);
    expect(first.textContent).toMatch(/Planned/);
  });

  it("shows a preview error in words next to the form and marks the field", async () => {
    install({ exists: true, unlocked: true });
    await openSchedule();
    await fireEvent.click(await screen.findByRole("button", { name: "Plans" }));
    await fireEvent.input(await screen.findByLabelText("Child"), { target: { value: "Sam" } });
    await fireEvent.input(screen.getByLabelText("First day"), { target: { value: "2027-03-01" } });
    await fireEvent.input(screen.getByLabelText(/^Last day/), { target: { value: "2027-02-01" } });
    const error = await screen.findByText(/the plan ends on 2027-02-01, before it starts on 2027-03-01/, {}, { timeout: 2000 });
    expect(error.textContent).toBe("Until: the plan ends on 2027-02-01, before it starts on 2027-03-01.");
    expect(screen.getByLabelText(/^Last day/).getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByRole("button", { name: "Save the plan" }) as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.change(screen.getByLabelText("Pattern"), { target: { value: "custom" } });
    await fireEvent.input(screen.getByLabelText(/^Last day/), { target: { value: "" } });
    await fireEvent.input(screen.getByLabelText("Rule"), { target: { value: "every saturday" } });
    await screen.findByText('Rrule: "every saturday" is not a valid RFC 5545 rule.', {}, { timeout: 2000 });
    expect(screen.getByLabelText("Rule").getAttribute("aria-invalid")).toBe("true");
  });

  it("logs Missed in one click, names the journal entry, and turns the day's label to missed", async () => {
    const start = withPlan();
    const day = addDays(start, 56);
    await openSchedule(day);
    const contact = await screen.findByTestId(`contact-1:${day}`);
    expect(contact.getAttribute("data-status")).toBe("unlogged");
    expect(contact.textContent).toMatch(/Not logged/);
    await fireEvent.click(contact);
    const panel = await screen.findByTestId("contact-panel");
    await fireEvent.click(within(panel).getByRole("button", { name: "✕ Missed" }));
    const recorded = await within(panel).findByText(/Recorded in the journal:/);
    expect(recorded.textContent).toMatch(new RegExp(`Missed contact: Sam, ${day} at 18:00`));
    expect(fake.calls.find((c) => c.cmd === "schedule_log")!.args.outcome).toEqual({ occurrence: `1:${day}`, note: null, entries: [], outcome: "missed" });
    await waitFor(() => expect(screen.getByTestId(`contact-1:${day}`).getAttribute("data-status")).toBe("missed"));
    const label = screen.getByTestId(`contact-1:${day}`);
    expect(label.textContent).toMatch(/✕\s*Missed/);
    expect(label.className).toMatch(/tone-bad/);
    expect(label.getAttribute("aria-label")).toMatch(/: Missed$/);
    expect(fake.entries[0].kind).toBe("missed-contact");

    // The entry opens in the journal timeline.
    await fireEvent.click(within(panel).getByRole("button", { name: "Open it" }));
    await screen.findByRole("heading", { name: "History" });
    expect(screen.getAllByText(/Missed contact: Sam/).length).toBeGreaterThan(0);
  });

  it("shows exceptions as labels on their days and on the contacts they change", async () => {
    const start = withPlan();
    const day = addDays(start, 56);
    fake.exceptions = [
      { plan: null, label: "Half term", kind: "holiday", from: day, to: addDays(day, 2), effect: "swap" },
      { plan: "1", label: "Dad's wedding", kind: "cancel", date: addDays(day, -14) },
    ];
    await openSchedule(day);
    const contact = await screen.findByTestId(`contact-1:${day}`);
    expect(contact.textContent).toMatch(/Half term/);
    expect(contact.getAttribute("aria-label")).toMatch(/^Sam with the other parent, .* changed by Half term: Not logged$/);
    expect(document.querySelector(`td[data-day="${addDays(day, 1)}"]`)?.textContent).toMatch(/Half term/);
    if (monthOf(addDays(day, -14)) === monthOf(day)) {
      expect(document.querySelector(`td[data-day="${addDays(day, -14)}"]`)?.textContent).toMatch(/Dad's wedding/);
      expect(screen.queryByTestId(`contact-1:${addDays(day, -14)}`)).toBeNull();
    }
  });

  it("adds an agreed change, which labels its day in the calendar", async () => {
    const start = withPlan();
    const day = addDays(start, 56);
    await openSchedule();
    await fireEvent.click(await screen.findByRole("button", { name: "Plans" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Add an agreed change…" }));
    await fireEvent.click(screen.getByRole("button", { name: "Save the change" }));
    expect((await screen.findByRole("alert")).textContent).toBe('Label: say what the exception is, e.g. "Christmas 2027".');
    await fireEvent.input(screen.getByLabelText("What you both call it"), { target: { value: "Dad's wedding" } });
    await fireEvent.click(screen.getByLabelText("One contact is called off"));
    await fireEvent.input(screen.getByLabelText("The contact planned on"), { target: { value: day } });
    await fireEvent.click(screen.getByRole("button", { name: "Save the change" }));
    await screen.findByText(/“Dad's wedding” is saved/);
    expect(fake.calls.filter((c) => c.cmd === "schedule_add_exception").pop()!.args.exception).toEqual({ plan: null, label: "Dad's wedding", kind: "cancel", date: day });
    await fireEvent.click(screen.getByRole("button", { name: "Calendar" }));
    if (monthOf(day) === monthOf(today())) {
      await waitFor(() => expect(document.querySelector(`td[data-day="${day}"]`)?.textContent).toMatch(/Dad's wedding/));
      expect(screen.queryByTestId(`contact-1:${day}`)).toBeNull();
    }
  });

  it("asks the minutes for a late start and a reason for a cancellation", async () => {
    const start = withPlan();
    const day = addDays(start, 42);
    await openSchedule(day);
    await fireEvent.click(await screen.findByTestId(`contact-1:${day}`));
    const panel = await screen.findByTestId("contact-panel");
    await fireEvent.click(within(panel).getByRole("button", { name: "They cancelled…" }));
    await fireEvent.click(within(panel).getByRole("button", { name: "Save" }));
    expect((await within(panel).findByRole("alert")).textContent).toMatch(/why it was cancelled/);
    await fireEvent.input(within(panel).getByLabelText("Reason given"), { target: { value: "Said she was ill" } });
    await fireEvent.click(within(panel).getByRole("button", { name: "Save" }));
    await within(panel).findByText(/Recorded in the journal/);
    expect(fake.outcomes[`1:${day}`].outcome).toMatchObject({ outcome: "cancelled", by: "other", reason: "Said she was ill" });
    await waitFor(() => expect(screen.getByTestId(`contact-1:${day}`).textContent).toMatch(/Cancelled by them/));

    // Logging again corrects the same journal entry.
    const entry = fake.outcomes[`1:${day}`].entry;
    await fireEvent.click(within(panel).getByRole("button", { name: "Started late…" }));
    await fireEvent.input(within(panel).getByLabelText(/minutes late/), { target: { value: "20" } });
    await fireEvent.click(within(panel).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(fake.outcomes[`1:${day}`].outcome).toMatchObject({ outcome: "late", minutes: 20 }));
    expect(fake.outcomes[`1:${day}`].entry).toBe(entry);
    expect(fake.entries.find((e) => e.id === entry)!.revisions).toBe(2);
    await waitFor(() => expect(screen.getByTestId(`contact-1:${day}`).getAttribute("data-status")).toBe("late"));
    expect(within(panel).getByText(/Started 20 min late/)).toBeTruthy();
    expect(screen.getByTestId(`contact-1:${day}`).textContent).toMatch(/Late 20 min/);
  });

  it("says what happened in a parent's words, and a deviation jumps to its contact", async () => {
    const start = withPlan();
    const d = (weeks: number) => addDays(start, weeks * 7);
    fake.outcomes = {};
    const log = (day: string, o: Partial<Outcome>) => (fake.outcomes[`1:${day}`] = { outcome: { occurrence: `1:${day}`, note: null, entries: [], ...o } as Outcome, entry: 50 });
    log(d(0), { outcome: "kept" });
    log(d(2), { outcome: "cancelled", by: "other", reason: "Away" });
    log(d(4), { outcome: "late", minutes: 30, note: "Traffic, he said" });
    log(d(6), { outcome: "missed" });
    // d(8) is not logged.
    await openSchedule();
    await fireEvent.click(await screen.findByRole("button", { name: "What happened" }));
    const sentence = await screen.findByTestId("compliance-sentence");
    expect(sentence.textContent).toBe("1 of 5 planned contacts kept; 1 started late; 1 missed; 1 cancelled by the other parent; 1 not yet logged.");
    expect((screen.getByLabelText("From") as HTMLInputElement).value).toBe(start);
    expect((screen.getByLabelText("To") as HTMLInputElement).value).toBe(today());
    // 4 logged contacts of 48 h; 48 + 47.5 happened.
    expect(screen.getByText("Of the planned time you have logged, 49.7% happened.")).toBeTruthy();
    const table = document.querySelector("table")!;
    expect(within(table).getByRole("row", { name: /With you/ }).textContent).toMatch(/240.*95\.5/);
    const devs = screen.getAllByTestId(/^deviation-/);
    expect(devs.map((x) => x.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      expect.stringMatching(/Cancelled by the other parent: Away 2 days lost/),
      expect.stringMatching(/Started 30 min late 30 min lost Traffic, he said/),
      expect.stringMatching(/Missed 2 days lost/),
    ]);
    await fireEvent.click(devs[2]);
    const panel = await screen.findByTestId("contact-panel");
    expect(within(panel).getByText("Missed")).toBeTruthy();
    expect(screen.getByTestId(`contact-1:${d(6)}`).getAttribute("aria-pressed")).toBe("true");
  });

  it("changes a plan and ends it, through the plan's own parts", async () => {
    const start = withPlan();
    await openSchedule();
    await fireEvent.click(await screen.findByRole("button", { name: "Plans" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Change the plan for Sam" }));
    const from = (await screen.findByLabelText("Time it starts")) as HTMLInputElement;
    await waitFor(() => expect(from.value).toBe("18:00"));
    await fireEvent.input(from, { target: { value: "17:30" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save the change" }));
    await screen.findByText(/The plan for Sam is changed/);
    expect(fake.calls.find((c) => c.cmd === "schedule_edit_plan")!.args).toMatchObject({ id: "1", parts: { start, handover: "17:30-18:00" } });

    await fireEvent.click(screen.getByRole("button", { name: "End the plan for Sam" }));
    await fireEvent.input(screen.getByLabelText("Last day a contact may start on"), { target: { value: "2030-01-31" } });
    await fireEvent.click(screen.getByRole("button", { name: "End the plan" }));
    await screen.findByText(/now ends on 31 Jan 2030/);
    expect(fake.calls.filter((c) => c.cmd === "schedule_edit_plan").pop()!.args.parts).toMatchObject({ until: "2030-01-31", handover: "17:30-18:00" });
  });

  it("saves a private mood check-in about a recent contact and charts the week", async () => {
    const start = withPlan();
    const day = addDays(start, 56);
    await openSchedule();
    await fireEvent.click(await screen.findByRole("button", { name: "Mood" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Save the check-in" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/from 1 to 5/);
    await fireEvent.click(screen.getByRole("button", { name: /^2\s*Low/ }));
    await fireEvent.click(screen.getByRole("button", { name: "worried" }));
    await fireEvent.change(screen.getByLabelText("Which contact it is about"), { target: { value: `1:${day}` } });
    await fireEvent.click(within(screen.getByRole("group", { name: "After" })).getByRole("button", { name: "4, Fairly good" }));
    await fireEvent.click(screen.getByRole("button", { name: "Save the check-in" }));
    await screen.findByText("Saved in your journal, marked private.");
    const draft = fake.calls.find((c) => c.cmd === "add_entry")!.args.draft;
    expect(draft).toMatchObject({ kind: "mood", private: true, children: ["Sam"], mood: { parent: 2, feelings: ["worried"], child_after: 4, occurrence: `1:${day}` } });
    expect(draft.mood.child_before).toBeUndefined();
    const table = await screen.findByRole("table", { name: /average mood each week/ });
    expect(within(table).getAllByRole("row")).toHaveLength(2);
    expect(within(within(table).getAllByRole("row")[1]).getAllByRole("cell").map((c) => c.textContent)).toEqual(["2", "1"]);
  });

  it("charts mood around contact with a table behind the bars", async () => {
    withPlan();
    fake.moodAround = [
      { contact: "happened", entries: 4, parent_average: 3.8, child_before_average: 3.5, child_after_average: 4.2 },
      { contact: "did-not-happen", entries: 2, parent_average: 1.5, child_before_average: null, child_after_average: null },
      { contact: "not-logged", entries: 0, parent_average: null, child_before_average: null, child_after_average: null },
    ];
    await openSchedule();
    await fireEvent.click(await screen.findByRole("button", { name: "Mood" }));
    const table = await screen.findByRole("table", { name: /around planned contact/ });
    const rows = within(table).getAllByRole("row").slice(1).map((r) => r.textContent?.replace(/\s+/g, " ").trim());
    expect(rows).toEqual([
      "Contact happened43.83.54.2",
      "Contact did not happen21.5not notednot noted",
      "Not logged yet0not notednot notednot noted",
    ]);
    // Two groups drawn (nothing to draw for a group with no check-ins), with labelled axes.
    const svg = table.previousElementSibling as SVGElement;
    expect(svg.querySelectorAll("rect")).toHaveLength(4);
    expect(svg.textContent).toMatch(/Contact happened \(4\)/);
    expect(svg.textContent).toMatch(/Average mood, 1 very low to 5 good/);
  });
});
