// UI tests against a fake backend through Tauri's own IPC mock.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import App from "./App.svelte";
import type { Entry, EntryDraft, Finding, MessageDraft, Revision, ToneReport } from "./lib/bindings";

interface Fake {
  exists: boolean;
  unlocked: boolean;
  passphrase: string;
  entries: Entry[];
  calls: { cmd: string; args: any }[];
  drafts: Record<string, MessageDraft>;
}

/**
 * A stand-in for the Rust checker: "idiot" is an insult to leave out, "NOW" a demand to soften,
 * and "Keep it up and see." a sentence the model reads as hostile with no phrase to name.
 */
function fakeCheck(text: string): ToneReport {
  const findings: Finding[] = [];
  const add = (word: string, severity: Finding["severity"], suggestion: string, category: Finding["category"], label: string) => {
    const at = text.indexOf(word);
    if (at >= 0) {
      const span = { start: at, end: at + word.length, start_utf16: at, end_utf16: at + word.length };
      findings.push({ category, label, severity, ...span, text: word, explanation: `${label} explained.`, suggestion, fix: span });
    }
  };
  add("idiot", "high", "", "insult", "Name-calling");
  add("NOW", "medium", "today", "demand", "Demand or ultimatum");
  add("Keep it up and see.", "medium", "", "hostility", "May land badly");
  const score = 100 - findings.reduce((n, f) => n + (f.severity === "high" ? 40 : 20), 0);
  const verdict = findings.some((f) => f.severity === "high") ? "hostile" : findings.length ? "caution" : "calm";
  const pass = (ok: boolean) => ({ pass: ok, reason: ok ? "Fine." : "Needs work." });
  return {
    score,
    verdict,
    findings,
    biff: { brief: pass(true), informative: pass(true), friendly: pass(verdict === "calm"), firm: pass(true) },
    rewrite: text === "Keep it up and see." ? "" : text.replace(" idiot", "").replace("NOW", "today"),
    rewrite_note: text === "Keep it up and see." ? "Nothing calm is left to send." : null,
    sentences: [],
  };
}

let fake: Fake;

function makeEntry(id: number, draft: EntryDraft): Entry {
  return { ...draft, id, attachments: [], recorded_at: "2026-03-14T18:00:00.000Z", revisions: 1, hash: "ab".repeat(32) };
}

function install(state: Partial<Fake>) {
  fake = { exists: false, unlocked: false, passphrase: "", entries: [], calls: [], drafts: {}, ...state };
  mockIPC((cmd, args: any) => {
    fake.calls.push({ cmd, args });
    switch (cmd) {
      case "journal_status":
        return { path: "/home/p/.local/share/evenkeel/journal.evenkeel", exists: fake.exists, unlocked: fake.unlocked, entries: fake.entries.length };
      case "create_journal":
        fake.exists = fake.unlocked = true;
        fake.passphrase = args.passphrase;
        return null;
      case "unlock_journal":
        if (args.passphrase !== fake.passphrase) {
          throw { kind: "wrong_passphrase", message: "the passphrase is wrong, or /j is not an Evenkeel journal" };
        }
        fake.unlocked = true;
        return null;
      case "lock_journal":
        fake.unlocked = false;
        return null;
      case "list_entries":
        return fake.entries.filter((e) => !args.filter.kind || e.kind === args.filter.kind);
      case "vocabulary":
        return { children: [{ name: "Sam", count: 1 }], people: [], tags: [] };
      case "add_entry": {
        const e = makeEntry(fake.entries.length + 1, args.draft);
        fake.entries.unshift(e);
        return e;
      }
      case "get_entry": {
        const e = fake.entries.find((x) => x.id === args.id)!;
        const { id, attachments, recorded_at, revisions, hash, ...content } = e;
        const rev: Revision = { chain_index: 1, entry_id: id, seq: 1, action: "create", recorded_at, content, attachments, prev_hash: "0".repeat(64), hash };
        return { entry: e, history: [rev] };
      }
      case "attach_file": {
        const e = fake.entries.find((x) => x.id === 1)!;
        const info = { id: 1, name: "screenshot.png", media_type: "image/png", size: (args as Uint8Array).length, sha256: "cd".repeat(32) };
        e.attachments.push(info);
        return info;
      }
      case "search_entries":
        return fake.entries
          .filter((e) => e.body.includes(args.query))
          .map((entry) => ({ entry, snippet: [{ text: "before ", hit: false }, { text: args.query, hit: true }] }));
      case "check_message":
        return fakeCheck(args.text);
      case "decode_message":
        return {
          requests: args.text.split(/(?<=[.?!])\s+/).filter((x: string) => x.includes("?")),
          facts: [],
          dates: args.text.includes("Friday") ? ["Friday"] : [],
          set_aside: args.text.split(/(?<=[.?!])\s+/).filter((x: string) => x.includes("idiot")),
          reply: "Hi,\n\nThanks for your message.\n\nThanks.",
          findings: [],
        };
      case "message_draft":
        return fake.drafts[args.direction] ?? null;
      case "save_message_draft":
        fake.drafts[args.draft.direction] = args.draft;
        return null;
      case "discard_message_draft":
        delete fake.drafts[args.direction];
        return null;
      case "save_message": {
        const d = args.draft as MessageDraft;
        const who = d.counterpart || "the other parent";
        const e = makeEntry(fake.entries.length + 1, {
          kind: "message", occurred_at: args.occurredAt, title: d.direction === "sent" ? `Message to ${who}` : `Message from ${who}`,
          body: d.text, channel: d.channel, message: { direction: d.direction, counterpart: d.counterpart, tone: fakeCheck(d.text) },
          children: [], people: d.counterpart ? [d.counterpart] : [], tags: [], private: false,
        });
        fake.entries.unshift(e);
        delete fake.drafts[d.direction];
        return e;
      }
      case "plugin:clipboard-manager|write_text":
      case "plugin:opener|open_url":
        return null;
      default:
        throw { kind: "unknown", message: `no fake for ${cmd}` };
    }
  });
}

const call: EntryDraft = {
  kind: "interaction", occurred_at: "2026-03-14T17:30:00+00:00", title: "Phone call with Sam", body: "We talked about the school trip.",
  channel: "call", children: ["Sam"], people: [], tags: ["school"], private: false,
};

beforeEach(() => install({}));
afterEach(() => {
  cleanup();
  clearMocks();
});

describe("creating a journal", () => {
  it("warns that a lost passphrase cannot be recovered and refuses mismatched passphrases", async () => {
    render(App);
    await screen.findByRole("heading", { name: "Create your journal" });
    expect(screen.getByText(/cannot be recovered/)).toBeTruthy();
    await fireEvent.input(screen.getByLabelText("Passphrase"), { target: { value: "kettle orbit maple sixty" } });
    expect(screen.getByText("Strong.")).toBeTruthy();
    await fireEvent.input(screen.getByLabelText("Type it again"), { target: { value: "kettle orbit maple" } });
    await fireEvent.click(screen.getByLabelText(/I understand/));
    await fireEvent.click(screen.getByRole("button", { name: "Create journal" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/not the same/);
    expect(fake.calls.some((c) => c.cmd === "create_journal")).toBe(false);
  });

  it("creates the journal and opens the empty timeline", async () => {
    render(App);
    await screen.findByRole("heading", { name: "Create your journal" });
    await fireEvent.input(screen.getByLabelText("Passphrase"), { target: { value: "kettle orbit maple sixty" } });
    await fireEvent.input(screen.getByLabelText("Type it again"), { target: { value: "kettle orbit maple sixty" } });
    await fireEvent.click(screen.getByLabelText(/I understand/));
    await fireEvent.click(screen.getByRole("button", { name: "Create journal" }));
    await screen.findByRole("heading", { name: "Your journal is empty" });
    expect(fake.passphrase).toBe("kettle orbit maple sixty");
  });
});

describe("unlocking", () => {
  it("shows the core's error on a wrong passphrase and clears the field", async () => {
    install({ exists: true, passphrase: "right passphrase" });
    render(App);
    const field = (await screen.findByLabelText("Passphrase")) as HTMLInputElement;
    await fireEvent.input(field, { target: { value: "wrong passphrase" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/does not open this journal/);
    expect(field.value).toBe("");
    await fireEvent.input(field, { target: { value: "right passphrase" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    await screen.findByRole("button", { name: /New entry/ });
  });
});

describe("the timeline", () => {
  it("groups entries by day and opens one with its history", async () => {
    install({ exists: true, unlocked: true, entries: [makeEntry(1, call)] });
    render(App);
    await screen.findByRole("heading", { name: "Saturday 14 March 2026" });
    await fireEvent.click(screen.getByRole("button", { name: /Phone call with Sam/ }));
    await screen.findByRole("heading", { name: "History" });
    expect(screen.getByText("Written", { selector: "strong" })).toBeTruthy();
    expect(screen.getByText("14 Mar 2026, 17:30 (UTC+00:00)")).toBeTruthy();
  });

  it("attaches a file to the open entry and lists it with its hash", async () => {
    install({ exists: true, unlocked: true, entries: [makeEntry(1, call)] });
    render(App);
    await fireEvent.click(await screen.findByRole("button", { name: /Phone call with Sam/ }));
    await screen.findByRole("heading", { name: "History" });
    const input = screen.getByLabelText("Attach a file") as HTMLInputElement;
    const file = new File([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], "screenshot.png", { type: "image/png" });
    Object.defineProperty(input, "files", { value: [file] });
    await fireEvent.change(input);
    await screen.findByText("screenshot.png");
    const sent = fake.calls.find((c) => c.cmd === "attach_file")!.args as Uint8Array;
    expect(Array.from(sent)).toEqual([137, 80, 78, 71, 1, 2, 3]);
    expect(screen.getByText(`sha256 ${"cd".repeat(32)}`)).toBeTruthy();
  });

  it("searches and marks the matching words", async () => {
    install({ exists: true, unlocked: true, entries: [makeEntry(1, call)] });
    render(App);
    await screen.findByRole("heading", { name: "Saturday 14 March 2026" });
    await fireEvent.input(screen.getByLabelText("Search the journal"), { target: { value: "trip" } });
    await screen.findByRole("heading", { name: /1 entry found/ });
    expect(document.querySelector("mark")?.textContent).toBe("trip");
  });

  it("locks", async () => {
    install({ exists: true, unlocked: true, passphrase: "p", entries: [] });
    render(App);
    await fireEvent.click(await screen.findByRole("button", { name: "Lock" }));
    await screen.findByRole("heading", { name: "Unlock your journal" });
  });
});

describe("the entry editor", () => {
  it("shows the fields that belong to each kind and saves the draft", async () => {
    install({ exists: true, unlocked: true });
    render(App);
    await fireEvent.click(await screen.findByRole("button", { name: /New entry/ }));
    const dialog = within(await screen.findByRole("dialog"));
    const kind = dialog.getByLabelText("Kind") as HTMLSelectElement;
    expect(dialog.getByLabelText("How")).toBeTruthy();
    await fireEvent.change(kind, { target: { value: "legal" } });
    expect(dialog.getByLabelText("Step")).toBeTruthy();
    expect(dialog.queryByLabelText("How")).toBeNull();
    await fireEvent.change(kind, { target: { value: "mood" } });
    expect(dialog.getByText("Your mood")).toBeTruthy();
    await fireEvent.click(dialog.getByLabelText("Fairly good"));

    await fireEvent.input(dialog.getByLabelText("When it happened"), { target: { value: "2026-03-15T09:00" } });
    await fireEvent.input(dialog.getByLabelText("Title"), { target: { value: "Sunday morning" } });
    await fireEvent.input(dialog.getByLabelText(/Children/), { target: { value: "Sam, Alex" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save entry" }));
    await screen.findByRole("heading", { name: "Sunday 15 March 2026" });
    const saved = fake.calls.find((c) => c.cmd === "add_entry")!.args.draft as EntryDraft;
    expect(saved.kind).toBe("mood");
    expect(saved.mood?.parent).toBe(4);
    expect(saved.channel).toBeUndefined();
    expect(saved.children).toEqual(["Sam", "Alex"]);
    expect(saved.occurred_at).toMatch(/^2026-03-15T09:00:00[+-]\d\d:\d\d$/);
  });

  it("asks for a title before saving", async () => {
    install({ exists: true, unlocked: true });
    render(App);
    await fireEvent.click(await screen.findByRole("button", { name: /New entry/ }));
    await fireEvent.click(await screen.findByRole("button", { name: "Save entry" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/title/);
    expect(fake.calls.some((c) => c.cmd === "add_entry")).toBe(false);
  });
});

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
