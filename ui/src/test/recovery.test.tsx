import { describe, expect, it, vi } from "vitest";
import { invoke } from "./backend";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "../i18n";


import Recovery from "../screens/Recovery";

const kept = "/home/o/.local/share/vypyska/damaged/vypyska-damaged-20261128T090000Z.sqlite3";

describe("Recovery", () => {

  it("says where the damaged file is, offers the backup by its day and restores it", async () => {
    const user = userEvent.setup();
    const info = { version: "0.1.0", demo: false, language: "uk", merchants: 2, open: null, recovery: null };
    invoke.mockResolvedValue(info);
    const done = vi.fn();
    render(<Recovery recovery={{ kept, backup_day: "2026-11-27" }} onDone={done} />);
    expect(screen.getByTestId("recovery-kept")).toHaveTextContent(kept);
    expect(screen.getByTestId("recovery")).toHaveTextContent("27.11.2026");
    await user.click(screen.getByTestId("recovery-restore"));
    expect(invoke).toHaveBeenCalledWith("restore_backup");
    expect(done).toHaveBeenCalledWith(info);
  });

  it("without a backup offers only the empty database", () => {
    render(<Recovery recovery={{ kept, backup_day: null }} onDone={() => {}} />);
    expect(screen.queryByTestId("recovery-restore")).toBeNull();
    expect(screen.getByTestId("recovery-dismiss")).toBeEnabled();
  });

  it("shows a failed restore in words and stays", async () => {
    const user = userEvent.setup();
    invoke.mockRejectedValueOnce({ code: "disk_full", message: "На диску закінчилося місце" });
    const done = vi.fn();
    render(<Recovery recovery={{ kept, backup_day: "2026-11-27" }} onDone={done} />);
    await user.click(screen.getByTestId("recovery-restore"));
    expect(await screen.findByRole("alert")).toHaveTextContent("закінчилося місце");
    expect(done).not.toHaveBeenCalled();
  });
});
