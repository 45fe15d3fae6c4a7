import { describe, expect, it } from "vitest";
import { invoke } from "./backend";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithQueries } from "./queries";
import "../i18n";


import i18n from "../i18n";
import Settings, { changesOf, Employees } from "../screens/Settings";
import { SETTINGS } from "../bindings";
import { SummaryBar } from "../screens/Statements";

describe("changesOf", () => {
  it("sends only what changed, as the CLI takes it", () => {
    const saved = { language: "uk", sync_times: "09:00", autostart: true, lookback_days: "3" } as never;
    const edited = { language: "uk", sync_times: " 08:30,17:45 ", autostart: false, lookback_days: "3" } as never;
    expect(changesOf(saved, edited)).toEqual({ sync_times: "08:30,17:45", autostart: "off" });
  });
});

describe("the settings form", () => {
  it("has words for every setting, group and choice the backend lists, in both languages", () => {
    for (const lng of ["uk", "en"]) {
      const t = i18n.getFixedT(lng);
      for (const spec of SETTINGS) {
        expect(i18n.exists(`settings.${spec.key}`, { lng }), `${lng}: settings.${spec.key}`).toBe(true);
        expect(i18n.exists(`settings.groups.${spec.group}`, { lng }), `${lng}: group ${spec.group}`).toBe(true);
        if (spec.kind.type === "choice") {
          for (const o of spec.kind.options) expect(t(`settings.options.${spec.key}.${o}`)).not.toContain("settings.");
        }
      }
    }
  });

  it("gives each kind its control: a switch, a list, a number field", async () => {
    invoke.mockImplementation((cmd: string) =>
      Promise.resolve(
        cmd === "get_settings"
          ? { language: "uk", sync_times: "09:00", sync_every_minutes: 0, work_hours: "08:00-19:00", lookback_days: 3, first_sync_days: 30, page_limit: 100, autostart: true, auto_allocate: true, default_expense_category: "Інші витрати", notify_summary_above: 5, smtp_host: "", smtp_port: 587, smtp_tls: "starttls", smtp_user: "", smtp_from: "" }
          : cmd === "list_employees" ? [] : null,
      ),
    );
    renderWithQueries(<Settings onSaved={() => {}} />);
    expect(((await screen.findByTestId("setting-autostart")) as HTMLInputElement).type).toBe("checkbox");
    const tls = screen.getByTestId("setting-smtp_tls") as HTMLSelectElement;
    expect(tls.tagName).toBe("SELECT");
    expect([...tls.options].map((o) => o.value)).toEqual(["starttls", "tls", "none"]);
    const port = screen.getByTestId("setting-smtp_port") as HTMLInputElement;
    expect([port.type, port.min, port.max]).toEqual(["number", "1", "65535"]);
    expect(screen.getByTestId("settings-group-mail")).toContainElement(port);
  });
});

describe("SummaryBar", () => {
  it("shows totals per currency and the period's balances in Ukrainian form", () => {
    render(
      <SummaryBar
        summary={{
          totals: {
            count: 5,
            per_currency: {
              UAH: { incoming: "1234.56", outgoing: "1000", net: "234.56", count: 4 },
              USD: { incoming: "10", outgoing: "0", net: "10", count: 1 },
            },
          },
          balances: [
            { merchant: "ФОП", account: "UA1", currency: "UAH", first_day: "2026-11-01", last_day: "2026-11-27", opening: "100", closing: "334.56" },
          ],
        }}
      />,
    );
    const plain = (id: string) => screen.getByTestId(id).textContent!.replace(/[\u00a0\u202f]/g, " ");
    expect(plain("summary-count")).toBe("5 записів");
    expect(plain("total-in-UAH")).toBe("1 234,56 ₴");
    expect(plain("total-out-UAH")).toBe("1 000,00 ₴");
    expect(plain("total-net-USD")).toBe("10,00 $");
    expect(plain("period-balance")).toContain("01.11.2026 100,00 ₴");
    expect(plain("period-balance")).toContain("27.11.2026 334,56 ₴");
  });
});

describe("Employees", () => {
  it("adds one with the kinds ticked, then edits them by id", async () => {
    const olena = { id: 3, name: "Олена", email: "olena@example.com", this_computer: true, kinds: ["payment"], companies: [] };
    invoke.mockImplementation((cmd: string) => Promise.resolve(cmd === "list_employees" || cmd === "list_companies" ? [] : [olena]));
    const user = userEvent.setup();
    renderWithQueries(<Employees />);
    await user.type(screen.getByTestId("employee-name"), "Олена");
    await user.type(screen.getByTestId("employee-email"), "olena@example.com");
    await user.click(screen.getByTestId("employee-kind-review"));
    await user.click(screen.getByTestId("employee-add"));
    expect(invoke).toHaveBeenCalledWith("save_employee", {
      employee: { id: 0, name: "Олена", email: "olena@example.com", this_computer: true, kinds: ["payment", "review"], companies: [] },
    });
    await user.click(await screen.findByTestId("employee-edit"));
    await user.click(screen.getByTestId("employee-kind-trouble"));
    await user.click(screen.getByTestId("employee-add"));
    expect(invoke).toHaveBeenLastCalledWith("save_employee", {
      employee: expect.objectContaining({ id: 3, kinds: ["payment", "trouble"] }),
    });
  });
});

describe("Employees of several companies", () => {
  it("hear of the companies ticked for them, and the list says which", async () => {
    const companies = [
      { id: 1, name: "ТОВ «Ромашка»" },
      { id: 2, name: "ФОП Шевчук" },
    ];
    const taras = { id: 4, name: "Тарас", email: "", this_computer: true, kinds: ["payment"], companies: [2] };
    invoke.mockImplementation((cmd: string) =>
      Promise.resolve(cmd === "list_companies" ? companies : cmd === "list_employees" ? [] : [taras]),
    );
    const user = userEvent.setup();
    renderWithQueries(<Employees />);
    await user.type(screen.getByTestId("employee-name"), "Тарас");
    await user.click(await screen.findByTestId("employee-company-2"));
    await user.click(screen.getByTestId("employee-add"));
    expect(invoke).toHaveBeenCalledWith("save_employee", {
      employee: expect.objectContaining({ id: 0, name: "Тарас", companies: [2] }),
    });
    expect(await screen.findByTestId("employee-companies")).toHaveTextContent("ФОП Шевчук");
    // Editing keeps the choice; unticking it leaves every company.
    await user.click(screen.getByTestId("employee-edit"));
    expect(screen.getByTestId("employee-company-2")).toBeChecked();
    await user.click(screen.getByTestId("employee-company-2"));
    await user.click(screen.getByTestId("employee-add"));
    expect(invoke).toHaveBeenLastCalledWith("save_employee", {
      employee: expect.objectContaining({ id: 4, companies: [] }),
    });
  });
});
