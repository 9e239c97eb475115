// UI tests of importing a WhatsApp chat and of the conversation thread, against a fake backend.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import App from "./App.svelte";
import { AMBIGUOUS_PATH, CHAT_PATH, fake, install, makeEntry, useFakeBackend } from "./test-backend";

useFakeBackend();

async function openImport(state: Parameters<typeof install>[0] = {}) {
  install({ exists: true, unlocked: true, ...state });
  render(App);
  await fireEvent.click(await screen.findByRole("button", { name: "Conversation" }));
  await fireEvent.click((await screen.findAllByRole("button", { name: "Import a chat…" }))[0]);
  await screen.findByRole("heading", { name: "Import a WhatsApp chat" });
}

async function previewPath(path: string) {
  await fireEvent.input(screen.getByLabelText("or type the file's path"), { target: { value: path } });
  await fireEvent.click(screen.getByRole("button", { name: "Preview" }));
}

function radio(group: string, name: RegExp): HTMLInputElement {
  return within(screen.getByRole("group", { name: group })).getByRole("radio", { name }) as HTMLInputElement;
}

async function importSample() {
  await openImport();
  await previewPath(CHAT_PATH);
  await screen.findByRole("group", { name: "Which one is you?" });
  await fireEvent.click(radio("Which one is you?", /Chris/));
  await fireEvent.click(screen.getByRole("button", { name: "Import 4 messages" }));
  return screen.findByText(/^Imported 4 messages/);
}

describe("importing a WhatsApp chat", () => {
  it("is reached from the keyboard: Ctrl+T opens the conversation, whose Import button opens the import screen", async () => {
    install({ exists: true, unlocked: true });
    render(App);
    const nav = await screen.findByRole("button", { name: "Conversation" });
    expect(nav.getAttribute("aria-keyshortcuts")).toBe("Control+T");
    await fireEvent.keyDown(window, { key: "t", ctrlKey: true });
    await screen.findByRole("heading", { name: "No messages yet" });
    expect(nav.getAttribute("aria-current")).toBe("page");
    await fireEvent.click(screen.getAllByRole("button", { name: "Import a chat…" })[0]);
    await screen.findByRole("heading", { name: "Import a WhatsApp chat" });
    await waitFor(() => expect(document.activeElement?.id).toBe("choose-file"));
  });

  it("previews a chosen file: the people with their counts, how dates were read, the first and last messages", async () => {
    await openImport({ chatPath: CHAT_PATH });
    await fireEvent.click(screen.getByRole("button", { name: "Choose a file…" }));
    await screen.findByText("WhatsApp Chat with Dana.txt");
    expect((screen.getByLabelText("or type the file's path") as HTMLInputElement).value).toBe(CHAT_PATH);
    expect(document.getElementById("import-counts")?.textContent).toBe("4 messages · 1 WhatsApp notice left out · every line understood");
    expect(document.getElementById("date-reading")?.textContent).toMatch(/^\s*Dates are read day first, so 31\/12\/2026 is 31 December\.\s+How we know: a first number above 12 \(13\/09\/2026\)\.\s*$/);
    expect(document.getElementById("import-first")?.textContent).toMatch(/^12 Sep 2026, 08:14 · Dana: Can you have Sam/);
    expect(document.getElementById("import-last")?.textContent).toMatch(/Chris: I was there at 15:25/);
    expect(radio("Which one is you?", /^Dana \(2 messages\)/)).toBeTruthy();
    expect(radio("Which one is the other parent?", /^Chris \(2 messages\)/)).toBeTruthy();
    // Nothing is written by a preview.
    expect(fake.calls.map((c) => c.cmd)).not.toContain("import_whatsapp");
    expect((screen.getByRole("button", { name: "Import 4 messages" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("with two people, choosing who you are chooses the other parent, and the other way round", async () => {
    await openImport();
    await previewPath(CHAT_PATH);
    await screen.findByRole("group", { name: "Which one is you?" });
    await fireEvent.click(radio("Which one is you?", /Chris/));
    expect(radio("Which one is the other parent?", /Dana/).checked).toBe(true);
    expect(radio("Which one is the other parent?", /Chris/).checked).toBe(false);
    await fireEvent.click(radio("Which one is the other parent?", /Chris/));
    expect(radio("Which one is you?", /Dana/).checked).toBe(true);
    expect((screen.getByRole("button", { name: "Import 4 messages" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("asks which way dates read when they read both ways, and imports with the answer", async () => {
    await openImport();
    await previewPath(AMBIGUOUS_PATH);
    await screen.findByText(/can be read two ways/);
    expect(screen.getByText("03/04/2026")).toBeTruthy();
    expect(screen.queryByRole("group", { name: "Which one is you?" })).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "4 March 2026" }));
    await screen.findByRole("group", { name: "Which one is you?" });
    expect(fake.calls.filter((c) => c.cmd === "import_preview").at(-1)?.args).toMatchObject({ path: AMBIGUOUS_PATH, dateOrder: "mdy" });
    expect(document.getElementById("date-reading")?.textContent).toMatch(/month first.*You chose this/s);
    expect(document.getElementById("import-first")?.textContent).toMatch(/^4 Mar 2026/);
    await fireEvent.click(radio("Which one is you?", /Chris/));
    await fireEvent.click(screen.getByRole("button", { name: "Import 2 messages" }));
    await screen.findByText(/^Imported 2 messages/);
    expect(fake.calls.find((c) => c.cmd === "import_whatsapp")?.args).toMatchObject({ me: "Chris", other: "Dana", dateOrder: "mdy" });
  });

  it("shows progress, then the summary in words; the same file again imports nothing", async () => {
    const summary = await importSample();
    expect(summary.textContent).toBe("Imported 4 messages; 0 were already in the journal; 1 WhatsApp notice left out.");
    expect(fake.calls.find((c) => c.cmd === "import_whatsapp")?.args).toEqual({ path: CHAT_PATH, me: "Chris", other: "Dana", dateOrder: null });
    expect(fake.entries.length).toBe(4);

    await fireEvent.click(screen.getByRole("button", { name: "Import another chat" }));
    await previewPath(CHAT_PATH);
    await screen.findByRole("group", { name: "Which one is you?" });
  await fireEvent.click(radio("Which one is you?", /Chris/));
    await fireEvent.click(screen.getByRole("button", { name: "Import 4 messages" }));
    expect((await screen.findByText(/^Imported 0 messages/)).textContent).toBe(
      "Imported 0 messages; 4 were already in the journal; 1 WhatsApp notice left out.",
    );
    expect(fake.entries.length).toBe(4);
  });

  it("shows a progress bar with the core's count while the import runs", async () => {
    await openImport();
    await previewPath(CHAT_PATH);
    await screen.findByRole("group", { name: "Which one is you?" });
    await fireEvent.click(radio("Which one is you?", /Chris/));
    const seen: (string | null)[] = [];
    const observer = new MutationObserver(() => {
      const bar = document.querySelector("[role=progressbar]");
      if (bar) seen.push(`${bar.getAttribute("aria-valuenow")}/${bar.getAttribute("aria-valuemax")}`);
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    await fireEvent.click(screen.getByRole("button", { name: "Import 4 messages" }));
    await screen.findByText(/^Imported 4 messages/);
    observer.disconnect();
    expect(seen[0]).toBe("0/4");
    expect(seen).toContain("4/4");
    expect(document.querySelector("[role=progressbar]")).toBeNull();
  });

  it("still imports when the window may not listen to the core's progress: the bar just has no count", async () => {
    await openImport({ events: false });
    await previewPath(CHAT_PATH);
    await screen.findByRole("group", { name: "Which one is you?" });
    await fireEvent.click(radio("Which one is you?", /Chris/));
    await fireEvent.click(screen.getByRole("button", { name: "Import 4 messages" }));
    await screen.findByText(/^Imported 4 messages/);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(fake.entries.length).toBe(4);
  });

  it("says what is wrong in words: a file that is not a chat, a person not in it", async () => {
    await openImport();
    await previewPath("/home/p/notes.txt");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "File: notes.txt is not a WhatsApp chat export: no line starts with a date and time.",
    );
    expect(screen.queryByRole("group", { name: "Which one is you?" })).toBeNull();

    await fireEvent.input(screen.getByLabelText("or type the file's path"), { target: { value: "  " } });
    await fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/^Type the path of the exported file/);

    // The journal changed its mind about the file between the preview and the import.
    await previewPath(CHAT_PATH);
    await screen.findByRole("group", { name: "Which one is you?" });
    await fireEvent.click(radio("Which one is you?", /Chris/));
    fake.chats[CHAT_PATH] = fake.chats[CHAT_PATH].replace(/Chris/g, "Christopher");
    await fireEvent.click(screen.getByRole("button", { name: "Import 4 messages" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      'Me: "Chris" did not write in this chat; the participants are Dana, Christopher.',
    );
    expect(fake.entries.length).toBe(0);
  });
});

describe("the conversation", () => {
  it("shows the thread by day, theirs and yours on two sides, imported ones labelled, written ones not", async () => {
    await importSample();
    // One written in the composer earlier, the morning after.
    fake.entries.unshift(makeEntry(99, {
      kind: "message", occurred_at: "2026-09-14T09:00:00+01:00", title: "Message to Dana", body: "Friday at 15:30 then.",
      channel: "text", message: { direction: "sent", counterpart: "Dana" }, children: [], people: ["Dana"], tags: [], private: false,
    }));
    await fireEvent.click(screen.getByRole("button", { name: "Open the conversation" }));
    await screen.findByText("Friday at 15:30 then.");
    const listed = fake.calls.filter((c) => c.cmd === "list_entries").at(-1)!.args.filter;
    expect(listed).toMatchObject({ kind: "message", limit: 5000, include_private: true });

    const days = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(days).toEqual(["Saturday 12 September 2026", "Sunday 13 September 2026", "Monday 14 September 2026"]);
    const msgs = Array.from(document.querySelectorAll(".msg"));
    expect(msgs.map((m) => [m.getAttribute("data-direction"), m.querySelector(".text")?.textContent])).toEqual([
      ["received", "Can you have Sam on Friday instead of Saturday?"],
      ["sent", "Yes, Friday works. I will collect from school at 15:30."],
      ["received", "You idiot. Every single time.\nHe was upset all evening."],
      ["sent", "I was there at 15:25."],
      ["sent", "Friday at 15:30 then."],
    ]);
    expect(msgs[0].querySelector(".who")?.textContent).toBe("Dana");
    expect(msgs[1].querySelector(".who")?.textContent).toBe("You");
    expect(msgs[2].querySelector(".source")?.textContent).toBe("Imported from WhatsApp, line 4");
    expect(msgs[4].querySelector(".source")).toBeNull();
  });

  it("marks a heated message with a word, and shows the checker's findings on request", async () => {
    await importSample();
    await fireEvent.click(screen.getByRole("button", { name: "Open the conversation" }));
    const heated = (await screen.findByText(/You idiot/)).closest("li")!;
    const word = within(heated).getByRole("button", { name: /Heated/ });
    expect(heated.classList.contains("flag-hostile")).toBe(true);
    expect(word.getAttribute("aria-expanded")).toBe("false");
    // Calm messages carry no mark.
    const calm = screen.getByText(/Can you have Sam/).closest("li")!;
    expect(within(calm).queryByRole("button", { name: /Heated|Tense/ })).toBeNull();
    await fireEvent.click(word);
    expect(word.getAttribute("aria-expanded")).toBe("true");
    expect(within(heated).getByText(/read this as hostile \(60\/100\)/)).toBeTruthy();
    expect(within(heated).getByText("Name-calling")).toBeTruthy();
  });

  it("filters the thread as you type", async () => {
    await importSample();
    await fireEvent.click(screen.getByRole("button", { name: "Open the conversation" }));
    await screen.findByText(/You idiot/);
    await fireEvent.input(screen.getByLabelText("Search the conversation"), { target: { value: "friday" } });
    await waitFor(() => expect(document.querySelectorAll(".msg").length).toBe(2));
    expect(document.getElementById("thread-count")?.textContent).toBe("2 messages match “friday”.");
    await fireEvent.input(screen.getByLabelText("Search the conversation"), { target: { value: "zebra" } });
    await waitFor(() => expect(document.getElementById("thread-count")?.textContent).toBe("No message matches “zebra”."));
  });

  it("opens a message's journal entry, which says where it came from, and goes back to it", async () => {
    await importSample();
    await fireEvent.click(screen.getByRole("button", { name: "Open the conversation" }));
    const heated = (await screen.findByText(/You idiot/)).closest("li")!;
    const id = Number(heated.id.replace("msg-", ""));
    await fireEvent.click(within(heated).getByRole("button", { name: /Open this message's journal entry/ }));
    const detail = within(await screen.findByRole("complementary", { name: "Entry details" }));
    await detail.findByRole("heading", { name: "Where it came from" });
    expect(document.getElementById("provenance-file")?.textContent).toBe("WhatsApp Chat with Dana.txt");
    expect(document.getElementById("provenance-line")?.textContent).toBe("4");
    const block = document.getElementById("provenance")!;
    expect(block.textContent).toContain("WhatsApp chat export");
    expect(block.textContent).toContain("Day first (dmy): a first number above 12");
    expect(block.textContent).toContain(fake.entries.find((e) => e.id === id)!.message!.import!.file_sha256);
    expect(block.textContent).toMatch(/Imported.*14 Mar 2026/);
    await fireEvent.click(detail.getByRole("button", { name: "Show it in the conversation" }));
    await screen.findByRole("heading", { name: "Conversation" });
    await waitFor(() => expect(document.activeElement?.id).toBe(`msg-${id}`));
  });

  it("says a message written in Evenkeel was not imported", async () => {
    install({ exists: true, unlocked: true });
    fake.entries.unshift(makeEntry(1, {
      kind: "message", occurred_at: "2026-09-14T09:00:00+01:00", title: "Message to Dana", body: "Friday at 15:30 then.",
      channel: "text", message: { direction: "sent", counterpart: "Dana" }, children: [], people: ["Dana"], tags: [], private: false,
    }));
    render(App);
    await fireEvent.click(await screen.findByText("Message to Dana"));
    expect((await screen.findByText(/Written or pasted in Evenkeel/)).textContent).toMatch(/not imported from a file/);
  });
});
