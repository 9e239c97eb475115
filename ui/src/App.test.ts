// UI tests against a fake backend through Tauri's own IPC mock.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "./App.svelte";
import type { Entry, EntryDraft, Finding, MessageDraft, Revision, ToneReport, VerifyReport } from "./lib/bindings";

interface Fake {
  exists: boolean;
  unlocked: boolean;
  passphrase: string;
  entries: Entry[];
  calls: { cmd: string; args: any }[];
  drafts: Record<string, MessageDraft>;
  /** Attachment bytes by id, and the ids whose bytes no longer match their recorded hash. */
  files: Record<number, Uint8Array>;
  altered: number[];
  /** What the native "Save as" dialog answers: a path, or null for Cancel. */
  savePath: string | null;
  verify: VerifyReport;
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
  fake = { exists: false, unlocked: false, passphrase: "", entries: [], calls: [], drafts: {}, files: {}, altered: [], savePath: null,
    verify: { ok: true, revisions_checked: 0, attachments_checked: 0, head: "0".repeat(64), problems: [], warnings: [] }, ...state };
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
        const rev: Revision = { chain_index: 1, entry_id: id, seq: 1, action: "create", recorded_at, content, attachments, canonical_content: JSON.stringify(content), prev_hash: "0".repeat(64), hash };
        return { entry: e, history: [rev] };
      }
      case "edit_entry": {
        const i = fake.entries.findIndex((x) => x.id === args.id);
        const before = fake.entries[i];
        const e: Entry = { ...before, ...args.draft, revisions: before.revisions + 1, revised_at: "2027-01-20T12:00:00.000Z" };
        fake.entries[i] = e;
        return e;
      }
      case "attach_file": {
        const e = fake.entries.find((x) => x.id === 1)!;
        const info = { id: 1, name: "screenshot.png", media_type: "image/png", size: (args as Uint8Array).length, sha256: "cd".repeat(32) };
        e.attachments.push(info);
        fake.files[info.id] = args as Uint8Array;
        return info;
      }
      case "attachment_data":
      case "save_attachment": {
        const id = args.attachmentId as number;
        if (fake.altered.includes(id)) {
          throw { kind: "attachment_altered", message: `attachment ${id} (photo.jpg) no longer matches the hash recorded when it was attached` };
        }
        if (cmd === "save_attachment") return fake.savePath;
        const bytes = fake.files[id];
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
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
      case "verify_journal":
        return fake.verify;
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

  describe("attachments", () => {
    const photo = { id: 3, name: "photo.jpg", media_type: "image/jpeg", size: 2048, sha256: "ef".repeat(32) };
    const letter = { id: 4, name: "letter.pdf", media_type: "application/pdf", size: 3_500_000, sha256: "01".repeat(32) };

    function withAttachments() {
      const e = makeEntry(1, call);
      e.attachments = [photo, letter];
      install({ exists: true, unlocked: true, entries: [e], files: { 3: new Uint8Array([255, 216, 255, 224]), 4: new Uint8Array([37, 80, 68, 70]) } });
    }

    async function openEntry() {
      render(App);
      await fireEvent.click(await screen.findByRole("button", { name: /Phone call with Sam/ }));
      await screen.findByRole("heading", { name: "History" });
    }

    afterEach(() => vi.restoreAllMocks());

    it("shows a picture from its checked bytes, larger on click, and lets it go when the entry closes", async () => {
      const made = vi.spyOn(URL, "createObjectURL").mockImplementation(() => "blob:evenkeel/photo");
      const revoked = vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {});
      withAttachments();
      await openEntry();
      const img = (await screen.findByAltText("photo.jpg")) as HTMLImageElement;
      expect(img.getAttribute("src")).toBe("blob:evenkeel/photo");
      expect(fake.calls.filter((c) => c.cmd === "attachment_data").map((c) => c.args)).toEqual([{ attachmentId: 3 }]);
      const blob = made.mock.calls[0][0] as Blob;
      expect(blob.type).toBe("image/jpeg");
      expect(Array.from(new Uint8Array(await blob.arrayBuffer()))).toEqual([255, 216, 255, 224]);
      // The PDF is listed with its size and fingerprint, but not loaded.
      expect(screen.getByText("letter.pdf")).toBeTruthy();
      expect(screen.getByText("application/pdf, 3.3 MB")).toBeTruthy();
      expect(screen.getByText(`sha256 ${"01".repeat(32)}`)).toBeTruthy();

      const thumb = screen.getByRole("button", { name: "Show photo.jpg larger" });
      await fireEvent.click(thumb);
      const viewer = await screen.findByRole("dialog", { name: "photo.jpg" });
      expect(within(viewer).getByAltText("photo.jpg").getAttribute("src")).toBe("blob:evenkeel/photo");
      await waitFor(() => expect(document.activeElement?.textContent).toMatch(/Close/));
      await fireEvent.keyDown(document.activeElement!, { key: "Escape" });
      await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
      // Esc closed the picture only; the entry is still open and focus is back on the thumbnail.
      expect(screen.getByRole("heading", { name: "History" })).toBeTruthy();
      expect(document.activeElement).toBe(thumb);
      expect(revoked).not.toHaveBeenCalled();

      await fireEvent.click(screen.getByRole("button", { name: /Close details/ }));
      await waitFor(() => expect(revoked).toHaveBeenCalledWith("blob:evenkeel/photo"));
    });

    it("saves a copy through the core's Save dialog and says where", async () => {
      withAttachments();
      fake.savePath = "/home/p/Documents/letter.pdf";
      await openEntry();
      const saveButtons = screen.getAllByRole("button", { name: "Save a copy…" });
      expect(saveButtons).toHaveLength(2);
      await fireEvent.click(saveButtons[1]);
      await screen.findByText("Saved to /home/p/Documents/letter.pdf");
      expect(fake.calls.find((c) => c.cmd === "save_attachment")?.args).toEqual({ attachmentId: 4 });
    });

    it("says nothing when the Save dialog is cancelled", async () => {
      withAttachments();
      fake.savePath = null;
      await openEntry();
      await fireEvent.click(screen.getAllByRole("button", { name: "Save a copy…" })[0]);
      await waitFor(() => expect(fake.calls.some((c) => c.cmd === "save_attachment")).toBe(true));
      await waitFor(() => expect(screen.getAllByRole("button", { name: "Save a copy…" })[0].hasAttribute("disabled")).toBe(false));
      expect(screen.queryByText(/Saved to/)).toBeNull();
      expect(screen.queryByRole("alert")).toBeNull();
    });

    it("warns calmly, instead of showing it, when a file no longer matches its fingerprint", async () => {
      withAttachments();
      fake.altered = [3, 4];
      await openEntry();
      await screen.findByText(/no longer matches the fingerprint recorded when it was attached/);
      expect(screen.queryByAltText("photo.jpg")).toBeNull();
      expect(screen.getByText(/run Check the journal/)).toBeTruthy();
      // Saving a copy of an altered file is refused by the core, and says why on that file.
      await fireEvent.click(screen.getAllByRole("button", { name: "Save a copy…" })[1]);
      await waitFor(() => expect(screen.getAllByText(/no longer matches the fingerprint/)).toHaveLength(2));
      expect(screen.queryByText(/Saved to/)).toBeNull();
    });
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

describe("checking the journal", () => {
  const head = "3f8a9c2e".repeat(8);
  const good: VerifyReport = { ok: true, revisions_checked: 12, attachments_checked: 3, head, problems: [], warnings: [] };

  async function check(report: VerifyReport) {
    install({ exists: true, unlocked: true, entries: [makeEntry(1, call)], verify: report });
    render(App);
    await fireEvent.click(await screen.findByRole("button", { name: "Check the journal" }));
  }

  it("gives the chain head to keep, and copies it", async () => {
    await check(good);
    await screen.findByText("All 12 revisions and 3 attachments check out.");
    const code = document.querySelector(".integrity code")!;
    expect(code.textContent).toBe(head);
    expect(screen.getByText(/send it to your solicitor: if anything already in the journal is ever changed/)).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "Copy" }));
    await screen.findByText("Copied.");
    expect(fake.calls.find((c) => c.cmd === "plugin:clipboard-manager|write_text")?.args).toMatchObject({ text: head });
  });

  it("says plainly when the journal does not match its record, and what does not", async () => {
    const problems = Array.from({ length: 10 }, (_, i) => ({ entry_id: i + 1, area: "timeline", message: `entry ${i + 1} is not where its revision says` }));
    await check({
      ok: false, revisions_checked: 12, attachments_checked: 3, head,
      first_bad: { chain_index: 7, entry_id: 3, seq: 2, reason: "its hash does not match its content" },
      problems: [{ area: "search", message: "the index lists an entry that does not exist" }, ...problems],
      warnings: [],
    });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/The journal does not match its record\./);
    expect(alert.textContent).toMatch(/revision 2 of entry 3 \(number 7 in the chain\): its hash does not match its content\./);
    const items = within(alert).getAllByRole("listitem").map((li) => li.textContent);
    expect(items).toHaveLength(8);
    expect(items[0]).toBe("Search: the index lists an entry that does not exist.");
    expect(items[1]).toBe("Entry 1, timeline: entry 1 is not where its revision says.");
    expect(alert.textContent).toMatch(/and 3 more\./);
    expect(screen.queryByText(/All 12 revisions/)).toBeNull();
    expect(document.querySelector(".integrity code")).toBeNull();
  });

  it("shows a clock that went back as a note, not a failure", async () => {
    await check({ ...good, warnings: [{ chain_index: 9, entry_id: 5, message: "the computer's clock went backwards before this was written" }] });
    await screen.findByText("All 12 revisions and 3 attachments check out.");
    expect(screen.getByText("Entry 5 (number 9 in the chain): the computer's clock went backwards before this was written.")).toBeTruthy();
    expect(screen.getByText(/not a sign that anything was changed/)).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(document.querySelector(".integrity code")?.textContent).toBe(head);
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

  describe("changing only the title", () => {
    // Stored as the core keeps them: seconds, the offset they were written with, names with commas.
    const stored: Record<string, EntryDraft> = {
      "an interaction written without a channel, in India in summer": {
        kind: "interaction", occurred_at: "2026-07-14T10:02:30+05:30", title: "Handover at the leisure centre",
        body: "Arrived 9:55.", children: ["Sam", "Alex"], people: ["Jo, Sam's aunt"], tags: ["handover", "weekend"],
        location: "Leisure centre", private: true,
      },
      "a message received by email": {
        kind: "message", occurred_at: "2026-07-14T21:15:07+01:00", title: "Message from Alex", body: "Bring her coat on Friday, idiot.",
        channel: "email", message: { direction: "received", counterpart: "Alex", tone: fakeCheck("Bring her coat on Friday, idiot.") },
        children: ["Sam"], people: ["Alex"], tags: [], private: false,
      },
      "a mood": {
        kind: "mood", occurred_at: "2026-07-14T22:00:00+00:00", title: "Evening", body: "",
        mood: { parent: 2, feelings: ["tired", "hopeful, a little"], child: "quiet, then chatty" },
        children: ["Sam"], people: [], tags: [], private: true,
      },
      "a legal step": {
        kind: "legal", occurred_at: "2026-07-14T09:30:00-07:00", title: "Mediation postponed", body: "By the service.",
        legal_step: "mediation", children: [], people: ["Mediator"], tags: ["mediation"], private: false,
      },
    };

    afterEach(() => vi.useRealTimers());

    for (const [what, content] of Object.entries(stored)) {
      it(`sends ${what} back unchanged but for the title, in winter in New York`, async () => {
        vi.useFakeTimers({ toFake: ["Date"] });
        vi.setSystemTime(new Date("2027-01-20T12:00:00Z"));
        install({ exists: true, unlocked: true, entries: [makeEntry(1, content)] });
        render(App);
        await fireEvent.click(await screen.findByRole("button", { name: new RegExp(content.title) }));
        await fireEvent.click(await screen.findByRole("button", { name: "Edit" }));
        const dialog = within(await screen.findByRole("dialog"));
        await fireEvent.input(dialog.getByLabelText("Title"), { target: { value: `${content.title} (typo fixed)` } });
        await fireEvent.click(dialog.getByRole("button", { name: "Save new version" }));
        await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
        const sent = fake.calls.find((c) => c.cmd === "edit_entry")!.args;
        expect(sent.id).toBe(1);
        expect(sent.draft.occurred_at).toBe(content.occurred_at);
        expect(sent.draft).toEqual({ ...content, title: `${content.title} (typo fixed)` });
      });
    }
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
