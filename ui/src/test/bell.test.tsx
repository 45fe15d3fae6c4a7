import { describe, expect, it, vi } from "vitest";
import { invoke } from "./backend";
import { screen } from "@testing-library/react";
import { renderWithQueries } from "./queries";
import userEvent from "@testing-library/user-event";
import "../i18n";


import Bell from "../Bell";

const notice = (id: number, read: boolean, error: string | null = null) => ({
  id,
  kind: "payment",
  title: `Надійшла оплата ${id}`,
  body: "від ТОВ «Ромашка»",
  target: { screen: "statements", id: 40 + id },
  created_at: "2026-11-28T10:00:00Z",
  read,
  delivery_error: error,
});

describe("Bell", () => {

  it("counts the unread, keeps delivery failures visible and opens a notice's target", async () => {
    invoke.mockImplementation((cmd: string) =>
      Promise.resolve(cmd === "list_notices" ? [notice(2, false, "Не вдалося показати сповіщення"), notice(1, true)] : null),
    );
    const onOpen = vi.fn();
    const user = userEvent.setup();
    renderWithQueries(<Bell onOpen={onOpen} />);
    expect(await screen.findByTestId("bell-unread")).toHaveTextContent("1");
    await user.click(screen.getByTestId("bell"));
    const items = screen.getAllByTestId("bell-item");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("Не вдалося показати сповіщення");
    await user.click(items[0]);
    expect(invoke).toHaveBeenCalledWith("mark_notices_read", { id: 2 });
    expect(onOpen).toHaveBeenCalledWith({ screen: "statements", id: 42 });
  });
});
