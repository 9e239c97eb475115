// UI tests of the court bundle screen against a fake backend: the live preview follows the
// selection, the export sends exactly what was chosen, and the result can be shown in its folder.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import App from "./App.svelte";
import { BUNDLE_OUT, call, fake, install, makeEntry, useFakeBackend } from "./test-backend";

useFakeBackend();

function entries() {
  return [
    makeEntry(1, { ...call, title: "Handover at the library", occurred_at: "2026-01-09T18:05:00+00:00" }),
    makeEntry(2, { ...call, title: "Only for me", private: true, occurred_at: "2026-01-10T21:00:00+00:00" }),
    makeEntry(3, { ...call, kind: "incident", channel: undefined, title: "Nobody came", occurred_at: "2026-02-20T18:40:00+00:00" }),
  ];
}

async function openBundle(state: Parameters<typeof install>[0] = {}) {
  install({ exists: true, unlocked: true, entries: entries(), ...state });
  render(App);
  await fireEvent.click(await screen.findByRole("button", { name: "Court bundle" }));
  await screen.findByRole("heading", { name: "Court bundle" });
}

function preview() {
  return within(screen.getByRole("complementary", { name: "Preview" }));
}

describe("the court bundle screen", () => {
  it("previews the chronology and the page count, following the selection", async () => {
    await openBundle();
    await waitFor(() => expect(preview().getByText(/About 5 pages/)).toBeTruthy());
    expect(preview().getByText("Handover at the library")).toBeTruthy();
    expect(preview().queryByText("Only for me")).toBeNull();

    await fireEvent.click(screen.getByLabelText("Include entries marked private"));
    await waitFor(() => expect(preview().getByText("Only for me")).toBeTruthy());

    await fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-02-01" } });
    await waitFor(() => expect(preview().queryByText("Handover at the library")).toBeNull());
    expect(preview().getByText("Nobody came")).toBeTruthy();

    await fireEvent.click(screen.getByLabelText("Incidents"));
    await waitFor(() => {
      const last = fake.calls.filter((c) => c.cmd === "bundle_preview").pop()!;
      expect(last.args.options.selection.kinds).toEqual(["incident"]);
    });
  });

  it("warns in the preview when the bundle would pass the court's 350 pages", async () => {
    await openBundle({ pagesPerEntry: 200 });
    await waitFor(() => expect(preview().getByText(/Practice Direction 27A allows 350/)).toBeTruthy());
  });

  it("says what is wrong with a selection, and asks for the parent's name before writing anything", async () => {
    await openBundle();
    await fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-03-01" } });
    await fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-02-01" } });
    await waitFor(() => expect(preview().getByText(/2026-02-01 is before 2026-03-01/)).toBeTruthy());

    await fireEvent.click(screen.getByRole("button", { name: "Create bundle" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Enter your name for the front sheet");
    expect(document.activeElement?.id).toBe("bundle-parent-name");
    expect(fake.calls.some((c) => c.cmd === "export_bundle")).toBe(false);
  });

  it("exports what was chosen, remembers the front sheet, and shows the file in its folder", async () => {
    await openBundle({ bundleCase: { case_name: "Re S", case_number: "ZE26P00123", court: "", hearing_date: null, parent_name: "" } });
    await waitFor(() => expect((screen.getByLabelText("Case number") as HTMLInputElement).value).toBe("ZE26P00123"));
    expect((screen.getByLabelText("Save as") as HTMLInputElement).value).toBe(BUNDLE_OUT);
    await fireEvent.input(screen.getByLabelText("Your name"), { target: { value: "Jordan Smith" } });
    await fireEvent.click(screen.getByLabelText(/Continuous/));
    await fireEvent.click(screen.getByLabelText("Exhibits"));
    await fireEvent.click(screen.getByRole("button", { name: "Create bundle" }));

    const done = await screen.findByText(/^Saved 5 pages to/);
    expect(done.textContent).toContain(BUNDLE_OUT);
    const sent = fake.calls.find((c) => c.cmd === "export_bundle")!.args;
    expect(sent.out).toBe(BUNDLE_OUT);
    expect(sent.replace).toBe(false);
    expect(sent.options.numbering).toBe("continuous");
    expect(sent.options.sections.exhibits).toBe(false);
    expect(sent.options.case.parent_name).toBe("Jordan Smith");
    expect(fake.bundleCase.parent_name).toBe("Jordan Smith");

    await fireEvent.click(screen.getByRole("button", { name: "Show in folder" }));
    expect(fake.calls.some((c) => c.cmd === "bundle_reveal")).toBe(true);
  });

  it("takes the file from the save dialog, which has already asked about replacing it", async () => {
    await openBundle({ savePath: "/home/p/court/bundle.pdf" });
    await fireEvent.click(screen.getByRole("button", { name: "Choose…" }));
    await waitFor(() => expect((screen.getByLabelText("Save as") as HTMLInputElement).value).toBe("/home/p/court/bundle.pdf"));
    await fireEvent.input(screen.getByLabelText("Your name"), { target: { value: "Jordan" } });
    await fireEvent.click(screen.getByRole("button", { name: "Create bundle" }));
    await screen.findByText(/^Saved/);
    expect(fake.calls.find((c) => c.cmd === "export_bundle")!.args.replace).toBe(true);
  });

  it("opens with Ctrl+E", async () => {
    install({ exists: true, unlocked: true, entries: entries() });
    render(App);
    await screen.findByRole("button", { name: "Court bundle" });
    await fireEvent.keyDown(window, { key: "e", ctrlKey: true });
    await screen.findByRole("heading", { name: "Court bundle" });
  });
});
