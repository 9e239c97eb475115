// The court bundle screen's plain helpers: the kinds a parent can choose, and what the core's
// progress events mean in words and as a share of the work.
import type { EntryKind, Progress } from "./bindings";

/** The kinds offered as filters; mood check-ins have their own switch. */
export const bundleKinds: { value: EntryKind; label: string }[] = [
  { value: "interaction", label: "Interactions" },
  { value: "missed-contact", label: "Missed contact" },
  { value: "incident", label: "Incidents" },
  { value: "contact", label: "Contact" },
  { value: "message", label: "Messages" },
  { value: "schedule-note", label: "Schedule notes" },
  { value: "plan", label: "Plans" },
  { value: "legal", label: "Legal steps" },
  { value: "note", label: "Notes" },
];

export function progressLabel(p: Progress): string {
  switch (p.stage) {
    case "gathering":
      return "Gathering the entries…";
    case "pictures":
      return `Preparing pictures without their metadata: ${p.done} of ${p.of}`;
    case "layout":
      return "Laying out the pages…";
    case "writing":
      return "Writing the PDF…";
  }
}

/** Pictures take about half the time, layout and writing the rest. */
export function progressShare(p: Progress): number {
  switch (p.stage) {
    case "gathering":
      return 0.05;
    case "pictures":
      return 0.05 + 0.45 * (p.of === 0 ? 1 : p.done / p.of);
    case "layout":
      return 0.5;
    case "writing":
      return 0.85;
  }
}
