import { describe, expect, it } from "vitest";
import { invoke, listeners } from "./backend";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryHistory, RouterProvider } from "@tanstack/react-router";
import "../i18n";


import { newRouter } from "../router";
import { routeOf } from "../routes";
import { renderWithQueries } from "./queries";

const invoice = (id: number, number: string, company_id = 1) => ({
  id,
  company_id,
  company: company_id === 1 ? "ТОВ «Ромашка»" : "ФОП Шевчук",
  number,
  issued_on: "2026-11-01",
  customer_name: "ТОВ «Ромашка»",
  customer_tax_id: "14360570",
  customer_iban: "",
  amount: "100",
  currency: "UAH",
  paid: "0",
  status: "open",
  due_on: null,
  note: "",
  statements: [],
});

const company = (id: number, name: string) => ({
  id,
  name,
  kind: "",
  tax_id: "",
  vat: { type: "none" },
  address: "",
  invoice_merchant_id: null,
  signer: "",
});

function backend(open: unknown, companies: unknown[] = []) {
  invoke.mockImplementation((cmd: string) => {
    const replies: Record<string, unknown> = {
      app_info: { version: "1", demo: false, language: "uk", merchants: 1, open, recovery: null },
      list_invoices: [invoice(7, "СФ-7"), invoice(8, "СФ-8")],
      invoice_payments: [],
      list_notices: [],
      list_companies: companies,
      list_statements: { rows: [], next: null },
      statement_summary: { totals: { count: 0, per_currency: {} }, balances: [] },
      list_merchants: [],
      list_categories: { categories: [], rules: [] },
      review_queue: [],
    };
    return Promise.resolve(replies[cmd] ?? null);
  });
}

describe("routes", () => {
  it("are the notices' targets", () => {
    expect(routeOf({ screen: "statements", id: 42 })).toEqual({ to: "/statements", search: { id: 42 } });
    expect(routeOf({ screen: "review", id: null })).toEqual({ to: "/review", search: {} });
  });

  it("open what `--open` named, and a clicked notification opens it again after it was closed", async () => {
    backend({ screen: "invoices", id: 7 });
    const router = newRouter(createMemoryHistory({ initialEntries: ["/"] }));
    renderWithQueries(<RouterProvider router={router} />);
    await waitFor(() => expect(router.state.location.href).toBe("/invoices?id=7"));
    expect(await screen.findByTestId("invoice-payments")).toBeInTheDocument();
    expect(invoke).toHaveBeenCalledWith("invoice_payments", { id: 7 });

    // Closed by hand, then the same notification clicked again: open again.
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId("invoice-row").find((r) => r.dataset.number === "СФ-7")!);
    expect(screen.queryByTestId("invoice-payments")).toBeNull();
    act(() => listeners.get("navigate")!({ payload: { target: { screen: "invoices", id: 7 } } }));
    expect(await screen.findByTestId("invoice-payments")).toBeInTheDocument();

    // The menu is links to the same routes.
    await user.click(screen.getByTestId("nav-review"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/review"));
    expect(screen.getByTestId("nav-review")).toHaveClass("active");
  });

  it("shows one company's rows when the switcher picks it, and names the company beside each", async () => {
    backend(null, [company(1, "ТОВ «Ромашка»"), company(2, "ФОП Шевчук")]);
    invoke.mockImplementation((cmd: string, args: unknown) => {
      const replies: Record<string, unknown> = {
        app_info: { version: "1", demo: false, language: "uk", merchants: 1, open: null, recovery: null },
        list_companies: [company(1, "ТОВ «Ромашка»"), company(2, "ФОП Шевчук")],
        list_invoices: [invoice(7, "СФ-0001", 1), invoice(8, "СФ-0001", 2)],
        list_notices: [],
        list_statements: { rows: [], next: null },
        statement_summary: { totals: { count: 0, per_currency: {} }, balances: [] },
        list_merchants: [],
        list_categories: { categories: [], rules: [] },
      };
      void args;
      return Promise.resolve(replies[cmd] ?? null);
    });
    const router = newRouter(createMemoryHistory({ initialEntries: ["/invoices"] }));
    renderWithQueries(<RouterProvider router={router} />);
    const user = userEvent.setup();
    const switcher = (await screen.findByTestId("company-switcher")) as HTMLSelectElement;
    await waitFor(() => expect(screen.getAllByTestId("invoice-row")).toHaveLength(2));
    expect(screen.getAllByTestId("invoice-company").map((c) => c.textContent)).toEqual(["ФОП Шевчук", "ТОВ «Ромашка»"]);
    await user.selectOptions(switcher, "2");
    await waitFor(() => expect(screen.getAllByTestId("invoice-row")).toHaveLength(1));
    expect(screen.getByTestId("invoice-company")).toHaveTextContent("ФОП Шевчук");
    // The statements ask for that company's rows.
    await user.click(screen.getByTestId("nav-statements"));
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith("list_statements", expect.objectContaining({ query: expect.objectContaining({ company: "ФОП Шевчук" }) })),
    );
  });
});
