import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { invoke } from "./backend";
import { renderWithQueries } from "./queries";
import "../i18n";
import Team from "../screens/Team";

const solo = { mode: "solo", server: null, employee: null, connected: true, problem: null, accounts: [] };
const joined = {
  mode: "team",
  server: "postgres://olena@db.example.com:5432/books",
  employee: "Олена",
  connected: true,
  problem: null,
  accounts: [{ name: "Основний", account: "UA21", token_here: false, last_sync: "2026-12-01T11:00:05Z", last_outcome: "ok", last_by: "Тарас" }],
};

describe("the team section", () => {
  it("joins a team's books as an employee, says who this computer is, and leaves again", async () => {
    let status: unknown = solo;
    invoke.mockImplementation((cmd: string) => {
      if (cmd === "join_team") status = joined;
      if (cmd === "leave_team") status = solo;
      return Promise.resolve(status);
    });
    renderWithQueries(<Team />);
    const user = userEvent.setup();
    await user.type(await screen.findByTestId("team-url"), " postgres://olena@db.example.com:5432/books ");
    await user.type(screen.getByTestId("team-employee"), "Олена");
    await user.type(screen.getByTestId("team-password"), "s3cret");
    await user.click(screen.getByTestId("team-join"));
    expect(invoke).toHaveBeenCalledWith("join_team", {
      url: "postgres://olena@db.example.com:5432/books",
      employee: "Олена",
      password: "s3cret",
      caFile: null,
    });
    expect((await screen.findByTestId("team-status")).textContent).toContain("«Олена»");
    // The account this computer holds no token of is synced elsewhere; the password is gone.
    expect(screen.getByTestId("team-account").textContent).toContain("синхронізує інший комп'ютер");
    expect(screen.getByTestId("team-account").textContent).toContain("Тарас");
    expect(document.body.textContent).not.toContain("s3cret");
    await user.click(screen.getByTestId("team-leave"));
    expect(await screen.findByTestId("team-join")).toBeTruthy();
  });

  it("says a refusal in words and keeps what was typed", async () => {
    invoke.mockImplementation((cmd: string) =>
      cmd === "team_status"
        ? Promise.resolve(solo)
        : Promise.reject({ code: "untrusted_certificate", message: "Сертифікату сервера бази даних не можна довіряти" }),
    );
    renderWithQueries(<Team />);
    const user = userEvent.setup();
    await user.type(await screen.findByTestId("team-url"), "postgres://db.example.com/books");
    await user.click(screen.getByTestId("team-create"));
    expect((await screen.findByTestId("team-error")).textContent).toContain("не можна довіряти");
    expect((screen.getByTestId("team-url") as HTMLInputElement).value).toBe("postgres://db.example.com/books");
  });
});
