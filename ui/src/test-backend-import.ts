// The fake backend's importers: a WhatsApp chat, an SMS backup and a mailbox (see test-backend.ts).
import { emit } from "@tauri-apps/api/event";
import type { ChatFile, ChatMessage, Correspondent, ImportSummary, MessagesFile } from "./lib/bindings";
import { fake, fakeCheck, makeEntry } from "./test-backend";
import { invalid } from "./test-backend-schedule";

export const CHAT_PATH = "/home/p/Downloads/WhatsApp Chat with Dana.txt";
export const AMBIGUOUS_PATH = "/home/p/Downloads/ambiguous.txt";

export const CHATS: Record<string, string> = {
  [CHAT_PATH]: [
    "12/09/2026, 08:01 - Messages and calls are end-to-end encrypted.",
    "12/09/2026, 08:14 - Dana: Can you have Sam on Friday instead of Saturday?",
    "12/09/2026, 08:20 - Chris: Yes, Friday works. I will collect from school at 15:30.",
    "13/09/2026, 19:02 - Dana: You idiot. Every single time.",
    "He was upset all evening.",
    "13/09/2026, 19:10 - Chris: I was there at 15:25.",
  ].join("\n"),
  [AMBIGUOUS_PATH]: [
    "03/04/2026, 09:00 - Dana: Is Sam with you at Easter?",
    "04/04/2026, 10:00 - Chris: Yes, from Friday.",
  ].join("\n"),
  "/home/p/notes.txt": "Shopping: milk, bread.",
};

function sha(text: string): string {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(16).padStart(8, "0").repeat(8);
}

function fakeParse(path: string, order: string | null) {
  const text = fake.chats[path];
  const name = path.split("/").pop()!;
  if (text === undefined) invalid("file", `${path} cannot be read: no such file`);
  const lines = text.split("\n");
  const head = /^(\d\d)\/(\d\d)\/(\d{4}), (\d\d:\d\d) - (.*)$/;
  if (!lines.some((l) => head.test(l))) invalid("file", `${name} is not a WhatsApp chat export: no line starts with a date and time`);
  const ambiguous = lines.every((l) => !head.test(l) || Number(l.slice(0, 2)) <= 12);
  const messages: ChatMessage[] = [];
  lines.forEach((l, i) => {
    const m = head.exec(l);
    if (!m) {
      messages[messages.length - 1].text += `\n${l}`;
      return;
    }
    const [day, month] = order === "mdy" ? [m[2], m[1]] : [m[1], m[2]];
    const at = `${m[3]}-${month}-${day}T${m[4]}:00+01:00`;
    const said = /^([^:]+): (.*)$/.exec(m[5]);
    messages.push({
      line: i + 1, at, sender_as_written: said?.[1] ?? null, sender: said?.[1] ?? null, text: said ? said[2] : m[5],
      kind: said ? { type: "text" } : { type: "system" }, edited: false,
    });
  });
  return { name, text, ambiguous, messages };
}

export function fakePreview(path: string, order: string | null): ChatFile {
  const chat = fakeParse(path, order);
  const file = { name: chat.name, sha256: sha(chat.text) };
  if (chat.ambiguous && !order) {
    return {
      path, file,
      preview: {
        participants: [], messages: 0, notices: 0, unreadable: 0,
        date_question: { example: "03/04/2026", day_first: "3 April 2026", month_first: "4 March 2026" },
      },
    };
  }
  const said = chat.messages.filter((m) => m.sender);
  const counts = new Map<string, number>();
  for (const m of said) counts.set(m.sender!, (counts.get(m.sender!) ?? 0) + 1);
  return {
    path, file,
    preview: {
      participants: [...counts.entries()].sort((a, b) => b[1] - a[1]),
      messages: said.length, notices: chat.messages.length - said.length, unreadable: 0,
      date_reading: order ? { order: order as "dmy", reason: "chosen by the user" } : { order: "dmy", reason: "a first number above 12 (13/09/2026)" },
      first: said[0], last: said[said.length - 1],
    },
  };
}

export async function fakeImport(path: string, me: string, other: string, order: string | null): Promise<ImportSummary> {
  const preview = fakePreview(path, order);
  const chat = fakeParse(path, order);
  const people = preview.preview.participants.map(([n]) => n);
  for (const [role, name] of [["me", me], ["other", other]]) {
    if (!people.includes(name)) invalid(role, `"${name}" did not write in this chat; the participants are ${people.join(", ")}`);
  }
  const said = chat.messages.filter((m) => m.sender);
  const seen = fake.entries.filter((e) => e.message?.import?.file_sha256 === preview.file.sha256).length;
  const fresh = seen ? [] : said;
  for (const [i, m] of fresh.entries()) {
    const sent = m.sender === me;
    const counterpart = sent || m.sender === other ? other : m.sender!;
    fake.entries.unshift(makeEntry(fake.entries.length + 1, {
      kind: "message", occurred_at: m.at, title: sent ? `WhatsApp to ${other}` : `WhatsApp from ${counterpart}`, body: m.text,
      channel: "text",
      message: {
        direction: sent ? "sent" : "received", counterpart, tone: fakeCheck(m.text),
        import: {
          source: "whatsapp", file_name: preview.file.name, file_sha256: preview.file.sha256, line: m.line,
          sender_as_written: m.sender_as_written!, date_reading: `${preview.preview.date_reading!.order}: ${preview.preview.date_reading!.reason}`,
          third_party: !sent && m.sender !== other,
        },
      },
      children: [], people: [counterpart], tags: ["imported", "whatsapp"], private: false,
    }));
    if (fake.events) await emit("import-progress", { done: i + 1, total: fresh.length });
  }
  // Built apart from the return so the journal's newer fields (attachments) need no change here.
  const summary = {
    attachments: 0,
    imported: fresh.length, skipped_duplicates: said.length - fresh.length, unreadable: [], notices: chat.messages.length - said.length,
    participants: people, date_order: preview.preview.date_reading!.order, source_sha256: preview.file.sha256,
    first: fresh.length ? `${fresh[0].at} WhatsApp` : undefined, last: fresh.length ? `${fresh[fresh.length - 1].at} WhatsApp` : undefined,
  };
  return summary;
}

// Texts and e-mail, simply: each file is a list of records already read, as the core's readers
// give them; numbers match on their last ten digits, addresses in any case.

export const SMS_PATH = "/home/p/Downloads/sms-20260920.xml";
export const MBOX_PATH = "/home/p/Downloads/Dana.mbox";
export const CUT_PATH = "/home/p/Downloads/sms-cut.xml";

export interface FakeRecord {
  record: number;
  /** Who it was with: a number, or for e-mail the sender as written ("Dana Smith <dana@example.org>"). */
  address: string;
  name: string | null;
  sent: boolean;
  at: string;
  body: string;
  subject?: string;
}

export interface FakeMailbox {
  source: "sms" | "email";
  records: FakeRecord[];
  /** Records that could not be read (a draft, no date). */
  unreadable: number[];
}

export const MAILBOXES: Record<string, FakeMailbox> = {
  [SMS_PATH]: {
    source: "sms",
    unreadable: [4],
    records: [
      { record: 1, address: "+447700900123", name: "Dana", sent: false, at: "2026-09-12T09:00:00+01:00", body: "Can you have Sam on Friday? 🙏" },
      { record: 2, address: "07700 900123", name: "Dana", sent: true, at: "2026-09-12T09:10:00+01:00", body: "Yes, I'll collect at 15:30 & drop him home Sunday." },
      { record: 3, address: "+447700900555", name: "Smile Dental", sent: false, at: "2026-09-12T09:23:20+01:00", body: "Dentist reminder for Sam" },
      { record: 5, address: "+447700900777", name: "Dana (new)", sent: false, at: "2026-09-14T12:46:40+01:00", body: "You idiot. Every single time." },
    ],
  },
  [MBOX_PATH]: {
    source: "email",
    unreadable: [],
    records: [
      { record: 1, address: "Dana Smith <dana@example.org>", name: "Dana Smith", sent: false, at: "2026-10-01T08:30:00+01:00", subject: "Half-term", body: "Can Sam stay with me for half-term?" },
      { record: 2, address: "Chris <chris@example.net>", name: "Chris", sent: true, at: "2026-10-01T12:00:00+01:00", subject: "Re: Half-term", body: "Yes, from the Monday." },
      { record: 3, address: "Oak Primary <office@oak.sch.uk>", name: "Oak Primary", sent: false, at: "2026-10-02T16:00:00+01:00", subject: "Newsletter", body: "Harvest festival on Friday." },
    ],
  },
};

function digits(number: string): string {
  return number.replace(/\D/g, "").slice(-10);
}

function addressOf(r: FakeRecord, source: string): string {
  return source === "sms" ? r.address : (/<([^>]+)>/.exec(r.address)?.[1] ?? r.address).toLowerCase();
}

function fakeReadMessages(path: string): { file: MessagesFile; box: FakeMailbox } {
  const name = path.split("/").pop()!;
  if (path === CUT_PATH) invalid("sms", "the backup ends before its closing </smses>: the file was cut short, so nothing was imported");
  const box = fake.mailboxes[path];
  if (!box) {
    if (!/\.(xml|eml|mbox)$/.test(path)) invalid("file", `${name} is neither an SMS Backup & Restore file (.xml) nor e-mail (.eml, .mbox)`);
    invalid("file", `${path} cannot be read: no such file`);
  }
  const correspondents: Correspondent[] = [];
  for (const r of box.records) {
    // A text sent to a number counts for that number; an e-mail counts for its sender.
    const address = addressOf(r, box.source);
    const key = box.source === "sms" ? digits(address) : address;
    const known = correspondents.find((c) => (box.source === "sms" ? digits(c.address) : c.address) === key);
    if (known) known.messages++;
    else correspondents.push({ address, name: r.name, messages: 1 });
  }
  correspondents.sort((a, b) => b.messages - a.messages);
  return {
    box,
    file: { path, file: { name, sha256: sha(JSON.stringify(box)) }, source: box.source, correspondents, unreadable: box.unreadable.length },
  };
}

export function fakePreviewMessages(path: string): MessagesFile {
  return fakeReadMessages(path).file;
}

export function fakeImportMessages(path: string, addresses: string[], name: string): ImportSummary {
  if (!addresses.length) invalid("other", "choose the other parent's number or address");
  const { file, box } = fakeReadMessages(path);
  const wanted = addresses.map((a) => (box.source === "sms" ? digits(a) : a.toLowerCase()));
  const mine = box.records.filter((r) => {
    const a = addressOf(r, box.source);
    if (box.source === "sms") return wanted.includes(digits(a));
    // E-mail: from one of the other parent's addresses, or sent by the parent (to them, simply).
    return wanted.includes(a) || r.sent;
  });
  const label = box.source === "sms" ? "Text" : "Email";
  const seen = fake.entries.filter((e) => e.message?.import?.file_sha256 === file.file.sha256).length;
  const fresh = seen ? [] : mine;
  let first: string | undefined;
  let last: string | undefined;
  for (const r of fresh) {
    const title = `${label} ${r.sent ? "to" : "from"} ${name}${r.subject ? `: ${r.subject}` : ""}`;
    first ??= `${r.at} ${title}`;
    last = `${r.at} ${title}`;
    fake.entries.unshift(makeEntry(fake.entries.length + 1, {
      kind: "message", occurred_at: r.at, title, body: r.body, channel: box.source === "sms" ? "text" : "email",
      message: {
        direction: r.sent ? "sent" : "received", counterpart: name, tone: fakeCheck(r.body),
        import: {
          source: box.source, file_name: file.file.name, file_sha256: file.file.sha256, line: r.record,
          sender_as_written: r.sent && box.source === "sms" ? "me" : r.address,
          date_reading: box.source === "sms" ? "the backup's times, in milliseconds since 1970 (UTC)" : "the Date header of each message, with its own offset",
          third_party: false,
        },
      },
      children: [], people: [name], tags: ["imported", box.source], private: false,
    }));
  }
  return {
    attachments: 0, imported: fresh.length, skipped_duplicates: mine.length - fresh.length, unreadable: box.unreadable, notices: 0,
    participants: addresses, date_order: box.source === "sms" ? "epoch milliseconds" : "the Date header of each message",
    source_sha256: file.file.sha256, first, last,
  };
}
