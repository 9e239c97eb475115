// The fake backend's court bundle (see test-backend.ts): a preview from the fake entries, and
// an export that emits progress and remembers the case details, as the core does.
import { emit } from "@tauri-apps/api/event";
import type { BundleOptions, CaseDetails, Preview } from "./lib/bindings";
import { fake } from "./test-backend";
import { invalid } from "./test-backend-schedule";

export const BUNDLE_OUT = "/home/p/Documents/Evenkeel bundle 2026-12-04.pdf";

export function fakeBundleDefaults(): { case: CaseDetails; out: string } {
  return { case: fake.bundleCase, out: BUNDLE_OUT };
}

function chosen(o: BundleOptions) {
  const s = o.selection;
  if (s.from && s.to && s.from > s.to) invalid("to", `${s.to} is before ${s.from}; the bundle would be empty`);
  return fake.entries
    .filter((e) => s.include_private || !e.private)
    .filter((e) => e.kind !== "mood" || s.include_mood)
    .filter((e) => s.kinds.length === 0 || s.kinds.includes(e.kind))
    .filter((e) => (!s.from || e.occurred_at.slice(0, 10) >= s.from) && (!s.to || e.occurred_at.slice(0, 10) <= s.to))
    .sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
}

export function fakeBundlePreview(o: BundleOptions): Preview {
  const entries = chosen(o);
  const pages = 3 + entries.length * fake.pagesPerEntry;
  return {
    chronology: entries.map((e) => [e.occurred_at.slice(0, 16).replace("T", " "), e.title]),
    entries: entries.filter((e) => e.kind !== "message").length,
    messages: entries.filter((e) => e.kind === "message").length,
    exhibits: entries.reduce((n, e) => n + e.attachments.length, 0),
    pages,
    warnings: pages > 350 ? [`about ${pages} pages: Practice Direction 27A allows 350 unless the court agrees to more`] : [],
  };
}

export async function fakeExportBundle(o: BundleOptions, out: string) {
  if (!o.case.parent_name.trim()) invalid("parent_name", "the front sheet needs the name of the parent whose record this is");
  if (!out.endsWith(".pdf")) invalid("out", "the bundle's file name must end in .pdf");
  const preview = fakeBundlePreview(o);
  if (fake.events) {
    await emit("bundle-progress", { stage: "gathering" });
    await emit("bundle-progress", { stage: "layout" });
  }
  fake.bundleCase = o.case;
  fake.exported = out;
  return { path: out, manifest: out.replace(/\.pdf$/, ".manifest.json"), pages: preview.pages, warnings: preview.warnings };
}
