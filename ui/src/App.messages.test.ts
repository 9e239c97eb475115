// UI tests of the composer and the received-message view against a fake backend.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import App from "./App.svelte";
import { type Fake, fake, install, useFakeBackend } from "./test-backend";

useFakeBackend();

describe("the message composer", () => {
  async function openComposer(state: Partial<Fake> = {}) {
    install({ exists: true, unlocked: true, ...state });
    render(App);
    await fireEvent.click(await screen.findByRole("button", { name: "Write a message" }));
    return (await screen.findByLabelText("Message")) as HTMLTextAreaElement;
  }

  it("highlights what may escalate by severity, with the verdict, findings and BIFF", async () => {
    const box = await openComposer();
    await fireEvent.input(box, { target: { value: "You idiot. Bring the coat NOW." } });
    const verdict = await screen.findByText("Hostile", { exact: false, selector: "#verdict" });
    expect(verdict.getAttribute("data-verdict")).toBe("hostile");
    const marks = Array.from(document.querySelectorAll(".highlights mark")).map((m) => [m.textContent, m.className.match(/sev-\w+/)?.[0]]);
    expect(marks).toEqual([
      ["idiot", "sev-high"],
      ["NOW", "sev-medium"],
    ]);
    const findings = within(document.getElementById("findings")!);
    expect(findings.getByText("Name-calling")).toBeTruthy();
    expect(findings.getByText("Name-calling explained.")).toBeTruthy();
    expect(within(document.getElementById("biff")!).getByText("Friendly")).toBeTruthy();
    // The calmer draft sits beside it, with what it removes struck through.
    expect(document.querySelector("#rewrite del")?.textContent).toContain("idiot");
  });

  it("marks a sentence the model reads as hostile more lightly, and says when nothing calm is left", async () => {
    const box = await openComposer();
    await fireEvent.input(box, { target: { value: "Keep it up and see." } });
    const verdict = await screen.findByText("Caution", { exact: false, selector: "#verdict" });
    expect(verdict.getAttribute("data-verdict")).toBe("caution");
    const mark = document.querySelector(".highlights mark");
    expect(mark?.textContent).toBe("Keep it up and see.");
    expect(mark?.classList.contains("learned")).toBe(true);
    const item = within(document.getElementById("findings")!).getByText("May land badly").closest("li");
    expect(item?.classList.contains("learned")).toBe(true);
    expect(item?.textContent).toMatch(/whole sentence/);
    expect(document.getElementById("rewrite-note")?.textContent).toBe("Nothing calm is left to send.");
    expect(screen.queryByRole("button", { name: "Use the calmer draft" })).toBeNull();
  });

  it("uses a suggestion in one click, re-checks, and can undo it", async () => {
    const box = await openComposer();
    await fireEvent.input(box, { target: { value: "Bring the coat NOW please." } });
    await fireEvent.click(await screen.findByRole("button", { name: "Use this wording" }));
    expect(box.value).toBe("Bring the coat today please.");
    await waitFor(() => expect(document.getElementById("verdict")?.getAttribute("data-verdict")).toBe("calm"));
    await fireEvent.click(screen.getByRole("button", { name: "Undo last change" }));
    expect(box.value).toBe("Bring the coat NOW please.");
    await fireEvent.click(await screen.findByRole("button", { name: "Use the calmer draft" }));
    expect(box.value).toBe("Bring the coat today please.");
  });

  it("autosaves the draft in the journal and brings it back", async () => {
    const box = await openComposer();
    await fireEvent.input(screen.getByLabelText("To"), { target: { value: "Alex" } });
    await fireEvent.input(box, { target: { value: "About Friday." } });
    await waitFor(() => expect(fake.drafts.sent?.text).toBe("About Friday."));
    expect(fake.drafts.sent.counterpart).toBe("Alex");
    cleanup();
    render(App);
    await fireEvent.click(await screen.findByRole("button", { name: "Write a message" }));
    await waitFor(() => expect((screen.getByLabelText("Message") as HTMLTextAreaElement).value).toBe("About Friday."));
    expect(screen.getByText(/unsent draft is back/)).toBeTruthy();
  });

  it("copies and opens email through the two narrow plugin calls", async () => {
    const box = await openComposer();
    await fireEvent.input(box, { target: { value: "See you at 5 & thanks" } });
    await fireEvent.click(screen.getByRole("button", { name: "Copy" }));
    await screen.findByText(/Copied/);
    expect(fake.calls.find((c) => c.cmd === "plugin:clipboard-manager|write_text")?.args).toMatchObject({ text: "See you at 5 & thanks" });
    await fireEvent.click(screen.getByRole("button", { name: "Open in email" }));
    await screen.findByText(/Opened in your email app/);
    expect(fake.calls.find((c) => c.cmd === "plugin:opener|open_url")?.args.url).toBe("mailto:?body=See%20you%20at%205%20%26%20thanks");
  });

  it("never blocks sending: a hostile draft can be marked as sent and lands in the timeline", async () => {
    const box = await openComposer();
    await fireEvent.input(screen.getByLabelText("To"), { target: { value: "Alex" } });
    await fireEvent.input(box, { target: { value: "You idiot." } });
    await screen.findByText("Hostile", { exact: false, selector: "#verdict" });
    await fireEvent.click(screen.getByRole("button", { name: "Mark as sent" }));
    await screen.findByText(/in your journal, word for word/);
    const sent = fake.calls.find((c) => c.cmd === "save_message")!.args;
    expect(sent.draft).toMatchObject({ direction: "sent", counterpart: "Alex", channel: "text", text: "You idiot." });
    expect(sent.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00[+-]\d\d:\d\d$/);
    expect(await screen.findByRole("heading", { name: "History" })).toBeTruthy();
    expect(screen.getAllByText("Message to Alex").length).toBeGreaterThan(0);
    expect(screen.getByText(/Hostile, 60\/100/)).toBeTruthy();
  });

  it("does not put a suggested reply over an unsent draft", async () => {
    install({ exists: true, unlocked: true, drafts: { sent: { direction: "sent", counterpart: "", text: "My own words", children: [] } } });
    render(App);
    await fireEvent.click(await screen.findByRole("button", { name: "Read a message" }));
    await fireEvent.input(await screen.findByLabelText(/exactly as received/), { target: { value: "Can you bring her coat on Friday? You idiot." } });
    await fireEvent.click(await screen.findByRole("button", { name: "Reply calmly" }, { timeout: 2000 }).then(async (b) => {
      await waitFor(() => expect((b as HTMLButtonElement).disabled).toBe(false));
      return b;
    }));
    const box = (await screen.findByLabelText("Message")) as HTMLTextAreaElement;
    await waitFor(() => expect(box.value).toBe("My own words"));
    await fireEvent.click(screen.getByRole("button", { name: /Replace the draft with the suggested reply/ }));
    expect(box.value).toMatch(/^Hi,/);
  });
});

describe("reading a received message", () => {
  it("shows the requests apart from the hostility and saves the original word for word", async () => {
    install({ exists: true, unlocked: true });
    render(App);
    await fireEvent.click(await screen.findByRole("button", { name: "Read a message" }));
    const text = "  Can you bring her coat on Friday?  You idiot.\n";
    await fireEvent.input(screen.getByLabelText("From"), { target: { value: "Alex" } });
    await fireEvent.input(await screen.findByLabelText(/exactly as received/), { target: { value: text } });
    await fireEvent.input(screen.getByLabelText("When it arrived"), { target: { value: "2026-03-13T21:15" } });
    const requests = await screen.findByText(/Can you bring her coat/, { selector: "#requests li" });
    expect(requests).toBeTruthy();
    expect(within(document.getElementById("set-aside")!).getByText("You idiot.")).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Save to the journal" }));
    await screen.findByText(/you received is in your journal/);
    const saved = fake.calls.find((c) => c.cmd === "save_message")!.args;
    expect(saved.draft).toMatchObject({ direction: "received", counterpart: "Alex", text });
    expect(saved.occurredAt).toMatch(/^2026-03-13T21:15:00[+-]\d\d:\d\d$/);
  });
});
