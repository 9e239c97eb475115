// UI tests of importing Android texts (an SMS Backup & Restore file) and e-mail beside a WhatsApp
// chat, against a fake backend.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import App from "./App.svelte";
import { CHAT_PATH, CUT_PATH, MBOX_PATH, SMS_PATH, fake, install, useFakeBackend } from "./test-backend";

useFakeBackend();

async function openImport(state: Parameters<typeof install>[0] = {}) {
  install({ exists: true, unlocked: true, ...state });
  render(App);
  await fireEvent.click(await screen.findByRole("button", { name: "Conversation" }));
  await fireEvent.click((await screen.findAllByRole("button", { name: "Import a chat…" }))[0]);
  await screen.findByRole("heading", { name: "Import a WhatsApp chat" });
}

function kinds() {
  return within(screen.getByRole("group", { name: "What are you importing?" }));
}

async function choose(kind: RegExp) {
  await fireEvent.click(kinds().getByRole("radio", { name: kind }));
}

async function previewPath(path: string) {
  await fireEvent.input(screen.getByLabelText("or type the file's path"), { target: { value: path } });
  await fireEvent.click(screen.getByRole("button", { name: "Preview" }));
}

function box(name: RegExp): HTMLInputElement {
  return within(screen.getByRole("group", { name: "Which of these is the other parent?" })).getByRole("checkbox", { name }) as HTMLInputElement;
}

function nameField(): HTMLInputElement {
  return screen.getByLabelText("Their name, as titles will show it") as HTMLInputElement;
}

async function importTexts() {
  await openImport();
  await choose(/Android texts/);
  await previewPath(SMS_PATH);
  await screen.findByRole("group", { name: "Which of these is the other parent?" });
  await fireEvent.click(box(/\+447700900123/));
  await fireEvent.click(screen.getByRole("button", { name: "Import texts" }));
  return screen.findByText(/^Imported 2 texts/);
}

describe("importing texts and e-mail", () => {
  it("asks first what is being imported, as a radio group; WhatsApp is the first choice", async () => {
    await openImport();
    const radios = kinds().getAllByRole("radio") as HTMLInputElement[];
    expect(radios.map((r) => r.value)).toEqual(["whatsapp", "sms", "email"]);
    expect(radios.map((r) => r.name)).toEqual(["import-kind", "import-kind", "import-kind"]);
    expect(radios[0].checked).toBe(true);
    await choose(/Android texts/);
    await screen.findByRole("heading", { name: "Import Android texts" });
    expect(screen.getByText(/SMS Backup & Restore/, { selector: "strong" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Choose a file…" })).toBeTruthy();
    await choose(/E-mail/);
    await screen.findByRole("heading", { name: "Import e-mail" });
  });

  it("previews a chosen SMS backup: each number with its contact name and count, nothing written", async () => {
    await openImport({ messagesPath: SMS_PATH });
    await choose(/Android texts/);
    await fireEvent.click(screen.getByRole("button", { name: "Choose a file…" }));
    await screen.findByText("sms-20260920.xml");
    expect((screen.getByLabelText("or type the file's path") as HTMLInputElement).value).toBe(SMS_PATH);
    expect(document.getElementById("messages-counts")?.textContent).toMatch(/Texts with 3 numbers\s+· 1 record could not be read/);
    const group = within(screen.getByRole("group", { name: "Which of these is the other parent?" }));
    expect(group.getAllByRole("checkbox").map((c) => c.closest("label")?.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "Dana · +447700900123 (2 texts)",
      "Smile Dental · +447700900555 (1 text)",
      "Dana (new) · +447700900777 (1 text)",
    ]);
    expect(fake.calls.map((c) => c.cmd)).not.toContain("import_messages");
    expect((screen.getByRole("button", { name: "Import texts" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("prefills the name from the ticked number, keeps a typed one, and imports every ticked number", async () => {
    await openImport();
    await choose(/Android texts/);
    await previewPath(SMS_PATH);
    await screen.findByRole("group", { name: "Which of these is the other parent?" });
    expect(nameField().value).toBe("");
    await fireEvent.click(box(/\+447700900123/));
    expect(nameField().value).toBe("Dana");
    await fireEvent.click(box(/\+447700900777/));
    expect(nameField().value).toBe("Dana");
    await fireEvent.input(nameField(), { target: { value: "Dana Smith" } });
    await fireEvent.click(box(/\+447700900123/));
    expect(nameField().value).toBe("Dana Smith");
    await fireEvent.click(box(/\+447700900123/));
    await fireEvent.click(screen.getByRole("button", { name: "Import texts" }));
    const summary = await screen.findByText(/^Imported 3 texts/);
    expect(summary.textContent).toBe("Imported 3 texts; 0 were already in the journal.");
    expect(document.getElementById("import-left-out")?.textContent).toBe(
      "Record 4 in the backup could not be read (no date, no sender, a draft or nothing written) and was left out.",
    );
    expect(fake.calls.find((c) => c.cmd === "import_messages")?.args).toEqual({
      path: SMS_PATH, addresses: ["+447700900777", "+447700900123"], name: "Dana Smith",
    });
    expect(fake.entries.map((e) => e.title).sort()).toEqual(["Text from Dana Smith", "Text from Dana Smith", "Text to Dana Smith"]);
  });

  it("shows the imported texts in the thread labelled as texts, and the entry names the backup", async () => {
    const summary = await importTexts();
    expect(summary.textContent).toMatch(/^Imported 2 texts; 0 were already in the journal\./);
    expect(document.getElementById("import-summary")?.textContent).toMatch(/The texts run from 12 Sep 2026, 09:00 to 12 Sep 2026, 09:10\./);
    await fireEvent.click(screen.getByRole("button", { name: "Open the conversation" }));
    const received = (await screen.findByText("Can you have Sam on Friday? 🙏")).closest("li")!;
    expect(received.getAttribute("data-direction")).toBe("received");
    expect(received.querySelector(".who")?.textContent).toBe("Dana");
    expect(received.querySelector(".source")?.textContent).toBe("Imported from texts, record 1");
    const sent = screen.getByText(/I'll collect at 15:30/).closest("li")!;
    expect(sent.getAttribute("data-direction")).toBe("sent");
    expect(sent.querySelector(".source")?.textContent).toBe("Imported from texts, record 2");
    expect(screen.queryByText("Dentist reminder for Sam")).toBeNull();

    await fireEvent.click(within(received).getByRole("button", { name: /Open this message's journal entry/ }));
    const detail = within(await screen.findByRole("complementary", { name: "Entry details" }));
    await detail.findByRole("heading", { name: "Where it came from" });
    const block = document.getElementById("provenance")!;
    expect(block.textContent).toContain("Android texts (an SMS Backup & Restore file)");
    expect(block.textContent).not.toContain("WhatsApp");
    expect(block.textContent).toMatch(/Record\s*1/);
    expect(document.getElementById("provenance-file")?.textContent).toBe("sms-20260920.xml");
  });

  it("imports nothing new from the same backup again", async () => {
    await importTexts();
    // The summary stands alone; starting again brings the choice back, still on texts.
    expect(screen.queryByRole("group", { name: "What are you importing?" })).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "Import another file" }));
    expect((kinds().getByRole("radio", { name: /Android texts/ }) as HTMLInputElement).checked).toBe(true);
    await previewPath(SMS_PATH);
    await screen.findByRole("group", { name: "Which of these is the other parent?" });
    await fireEvent.click(box(/\+447700900123/));
    await fireEvent.click(screen.getByRole("button", { name: "Import texts" }));
    expect((await screen.findByText(/^Imported 0 texts/)).textContent).toMatch(/^Imported 0 texts; 2 were already in the journal\./);
    expect(fake.entries.length).toBe(2);
  });

  it("imports e-mail from a mailbox: senders with names, the subject in the thread's label", async () => {
    await openImport();
    await choose(/E-mail/);
    await previewPath(MBOX_PATH);
    await screen.findByRole("group", { name: "Which of these is the other parent?" });
    expect(document.getElementById("messages-counts")?.textContent).toMatch(/E-mail with 3 addresses\s+· every record read/);
    expect(box(/dana@example\.org/).closest("label")?.textContent?.replace(/\s+/g, " ").trim()).toBe("Dana Smith · dana@example.org (1 e-mail)");
    await fireEvent.click(box(/dana@example\.org/));
    expect(nameField().value).toBe("Dana Smith");
    await fireEvent.click(screen.getByRole("button", { name: "Import e-mails" }));
    expect((await screen.findByText(/^Imported 2 e-mails/)).textContent).toBe("Imported 2 e-mails; 0 were already in the journal.");
    expect(fake.calls.find((c) => c.cmd === "import_messages")?.args).toEqual({ path: MBOX_PATH, addresses: ["dana@example.org"], name: "Dana Smith" });

    await fireEvent.click(screen.getByRole("button", { name: "Open the conversation" }));
    const theirs = (await screen.findByText("Can Sam stay with me for half-term?")).closest("li")!;
    expect(theirs.querySelector(".source")?.textContent).toBe("Imported from e-mail (Half-term)");
    const mine = screen.getByText("Yes, from the Monday.").closest("li")!;
    expect(mine.querySelector(".source")?.textContent).toBe("Imported from e-mail (Re: Half-term)");
    // The subject is searched too.
    await fireEvent.input(screen.getByLabelText("Search the conversation"), { target: { value: "re: half" } });
    await waitFor(() => expect(document.querySelectorAll(".msg").length).toBe(1));

    await fireEvent.input(screen.getByLabelText("Search the conversation"), { target: { value: "" } });
    const again = (await screen.findByText("Can Sam stay with me for half-term?")).closest("li")!;
    await fireEvent.click(within(again).getByRole("button", { name: /Open this message's journal entry/ }));
    await within(await screen.findByRole("complementary", { name: "Entry details" })).findByRole("heading", { name: "Where it came from" });
    expect(document.getElementById("provenance")?.textContent).toMatch(/SourceE-mail/);
  });

  it("follows the file: a mailbox chosen under texts is read as e-mail", async () => {
    await openImport();
    await choose(/Android texts/);
    await previewPath(MBOX_PATH);
    await screen.findByRole("heading", { name: "Import e-mail" });
    expect((kinds().getByRole("radio", { name: /E-mail/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole("button", { name: "Import e-mails" })).toBeTruthy();
  });

  it("says what is wrong in words: not a backup or e-mail, a backup cut short, no path", async () => {
    await openImport();
    await choose(/Android texts/);
    await previewPath("/home/p/photo.jpg");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "File: photo.jpg is neither an SMS Backup & Restore file (.xml) nor e-mail (.eml, .mbox).",
    );
    await previewPath(CUT_PATH);
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe(
        "Sms: the backup ends before its closing </smses>: the file was cut short, so nothing was imported.",
      ),
    );
    expect(screen.queryByRole("group", { name: "Which of these is the other parent?" })).toBeNull();
    await previewPath("  ");
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/^Type the path of the backup file \(\.xml\)/));
    expect(fake.entries.length).toBe(0);
  });

  it("leaves the WhatsApp flow as it was, after a look at the other kinds", async () => {
    await openImport();
    await choose(/E-mail/);
    await choose(/WhatsApp chat/);
    await screen.findByRole("heading", { name: "Import a WhatsApp chat" });
    await previewPath(CHAT_PATH);
    await screen.findByRole("group", { name: "Which one is you?" });
    await fireEvent.click(within(screen.getByRole("group", { name: "Which one is you?" })).getByRole("radio", { name: /Chris/ }));
    await fireEvent.click(screen.getByRole("button", { name: "Import 4 messages" }));
    expect((await screen.findByText(/^Imported 4 messages/)).textContent).toBe(
      "Imported 4 messages; 0 were already in the journal; 1 WhatsApp notice left out.",
    );
    expect(fake.calls.map((c) => c.cmd)).not.toContain("import_preview_messages");
  });
});
