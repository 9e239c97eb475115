// UI tests of the journal screens (create, unlock, timeline, check, editor) against a fake backend.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import App from "./App.svelte";
import type { Entry, EntryDraft, VerifyReport } from "./lib/bindings";
import { call, fake, fakeCheck, install, makeEntry, useFakeBackend } from "./test-backend";

useFakeBackend();

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
