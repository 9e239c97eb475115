// UI tests against a fake backend through Tauri's own IPC mock.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import App from "./App.svelte";
import type { Entry, EntryDraft, Revision } from "./lib/bindings";

interface Fake {
  exists: boolean;
  unlocked: boolean;
  passphrase: string;
  entries: Entry[];
  calls: { cmd: string; args: any }[];
}

let fake: Fake;

function makeEntry(id: number, draft: EntryDraft): Entry {
  return { ...draft, id, attachments: [], recorded_at: "2026-03-14T18:00:00.000Z", revisions: 1, hash: "ab".repeat(32) };
}

function install(state: Partial<Fake>) {
  fake = { exists: false, unlocked: false, passphrase: "", entries: [], calls: [], ...state };
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
