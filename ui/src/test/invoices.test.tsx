import { describe, expect, it, vi } from "vitest";
import { invoke, listeners } from "./backend";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "../i18n";


import type { Invoice } from "../api";
import { ImportView, InvoiceForm, PaymentCode, todayKyiv, validAmount } from "../screens/Invoices";
import { matchInvoices } from "../ledger";
import { act, waitFor } from "@testing-library/react";
import { useBackendChanges } from "../queries";
import Review from "../screens/Review";
import { renderWithQueries } from "./queries";
import { validRegex } from "../screens/Categories";

function invoice(patch: Partial<Invoice>): Invoice {
  return {
    id: 1,
    company_id: 1,
    company: "ТОВ «Тест»",
    number: "СФ-000123",
    issued_on: "2026-11-01",
    customer_name: "ТОВ «Ромашка»",
    customer_tax_id: "14360570",
    customer_iban: "",
    amount: "1250.50",
    currency: "UAH",
    paid: "0",
    status: "open",
    due_on: null,
    note: "",
    statements: [],
    revision: 3,
    ...patch,
  };
}

describe("validAmount", () => {
  it("takes amounts as people type them", () => {
    for (const ok of ["1 234,56", "12500", "0.01", "1\u00a0000,5"]) expect(validAmount(ok), ok).toBe(true);
  });
  it("refuses zero, negatives, words and fractions of a kopiyka", () => {
    for (const bad of ["0", "-5", "сто", "1,234,5", "1.005", ""]) expect(validAmount(bad), bad).toBe(false);
  });
});

describe("matchInvoices", () => {
  const list = [invoice({ id: 1 }), invoice({ id: 2, number: "45", customer_name: "ФОП Шевчук", customer_tax_id: "3012345678", amount: "300" })];
  it("finds by number, customer, tax code and amount", () => {
    expect(matchInvoices(list, "сф-0001").map((i) => i.id)).toEqual([1]);
    expect(matchInvoices(list, "шевчук").map((i) => i.id)).toEqual([2]);
    expect(matchInvoices(list, "14360570").map((i) => i.id)).toEqual([1]);
    expect(matchInvoices(list, "1250,5").map((i) => i.id)).toEqual([1]);
    expect(matchInvoices(list, "  ")).toHaveLength(2);
  });
});

describe("InvoiceForm", () => {

  it("refuses a bad amount inline and sends nothing", async () => {
    const user = userEvent.setup();
    renderWithQueries(<InvoiceForm invoice={null} onSaved={() => {}} onCancel={() => {}} />);
    await user.type(screen.getByTestId("invoice-number"), "СФ-1");
    await user.type(screen.getByTestId("invoice-amount"), "сто гривень");
    await user.click(screen.getByTestId("invoice-save"));
    expect(await screen.findByTestId("invoice-amount-error")).toBeInTheDocument();
    expect(invoke).not.toHaveBeenCalled();
  });

  it("edits an invoice by id and shows the backend's refusal", async () => {
    invoke.mockRejectedValueOnce({ code: "invoice_exists", message: "Рахунок № 45 вже є." });
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderWithQueries(<InvoiceForm invoice={invoice({ id: 7 })} onSaved={onSaved} onCancel={() => {}} />);
    const number = screen.getByTestId("invoice-number");
    await user.clear(number);
    await user.type(number, " 45 ");
    await user.click(screen.getByTestId("invoice-save"));
    expect(await screen.findByTestId("invoice-error")).toHaveTextContent("Рахунок № 45 вже є.");
    expect(onSaved).not.toHaveBeenCalled();
    // The edit names the revision it was made on.
    expect(invoke).toHaveBeenCalledWith("save_invoice", {
      id: 7,
      input: expect.objectContaining({ number: "45", amount: "1250.50", customer_tax_id: "14360570", due_on: null }),
      revision: 3,
    });
  });

  it("says another person's change meanwhile and keeps what was typed", async () => {
    invoke.mockImplementation((cmd: string) =>
      cmd === "save_invoice"
        ? Promise.reject({ code: "changed_meanwhile", message: "Рахунок-фактуру СФ-000123 тим часом змінив хтось інший" })
        : Promise.resolve([]),
    );
    const user = userEvent.setup();
    renderWithQueries(<InvoiceForm invoice={invoice({ id: 7 })} onSaved={() => {}} onCancel={() => {}} />);
    const amount = screen.getByTestId("invoice-amount");
    await user.clear(amount);
    await user.type(amount, "999");
    await user.click(screen.getByTestId("invoice-save"));
    expect(await screen.findByTestId("invoice-error")).toHaveTextContent("змінив хтось інший");
    expect((screen.getByTestId("invoice-amount") as HTMLInputElement).value).toBe("999");
  });
});

describe("Review", () => {

  it("shows the evidence and accepts the chosen invoice", async () => {
    const item = {
      statement_id: 9,
      key: "R1/1",
      posted_at: "2026-11-20T10:00:00+02:00",
      amount: "300.00",
      currency: "UAH",
      payer: "ФОП Шевчук",
      payer_tax_id: "3012345678",
      purpose: "Оплата рах. 45",
      reason: "several invoices have this number",
      since: "2026-11-20T10:05:00Z",
      candidates: [
        { invoice_id: 1, number: "A-45", customer_name: "ТОВ А", issued_on: "2026-11-01", outstanding: "500.00", same_payer: false, same_amount: false },
        { invoice_id: 2, number: "B-45", customer_name: "ФОП Шевчук", issued_on: "2026-11-02", outstanding: "300.00", same_payer: true, same_amount: true },
      ],
    };
    invoke.mockImplementation((cmd: string) => Promise.resolve(cmd === "review_queue" ? (invoke.mock.calls.length > 2 ? [] : [item]) : null));
    const user = userEvent.setup();
    renderWithQueries(<Review />);
    const rows = await screen.findAllByTestId("review-candidate");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent("той самий код платника");
    expect(rows[1]).toHaveTextContent("сума дорівнює залишку");
    expect(rows[0]).not.toHaveTextContent("той самий код платника");
    await user.click(screen.getAllByTestId("review-accept")[1]);
    expect(invoke).toHaveBeenCalledWith("accept_suggestion", { statementId: 9, invoiceId: 2 });
    expect(await screen.findByTestId("review-empty")).toBeInTheDocument();
  });
});

describe("a background sync", () => {

  it("refreshes the review queue it changed, without leaving the screen", async () => {
    const item = (id: number) => ({
      statement_id: id,
      key: `R${id}/1`,
      posted_at: "2026-11-20T10:00:00+02:00",
      amount: "300.00",
      currency: "UAH",
      payer: "ФОП Шевчук",
      payer_tax_id: "",
      purpose: "Оплата рах. 45",
      reason: "several invoices have this number",
      since: "2026-11-20T10:05:00Z",
      candidates: [
        { invoice_id: 1, number: "A-45", customer_name: "ТОВ А", issued_on: "2026-11-01", outstanding: "500.00", same_payer: false, same_amount: false },
      ],
    });
    let queue = [item(1)];
    invoke.mockImplementation((cmd: string) => Promise.resolve(cmd === "review_queue" ? queue : null));
    function Shown() {
      useBackendChanges();
      return <Review />;
    }
    renderWithQueries(<Shown />);
    expect(await screen.findAllByTestId("review-item")).toHaveLength(1);
    // The timer's sync put a second payment in the queue; the backend says the sync finished.
    queue = [item(1), item(2)];
    await act(async () => listeners.get("sync-finished")?.({ payload: { status: "", new: 1, failed: 0 } }));
    await waitFor(() => expect(screen.getAllByTestId("review-item")).toHaveLength(2));
  });
});

describe("validRegex", () => {
  it("tells a usable pattern from a broken one", () => {
    expect(validRegex("^ГУ\\s+ДПС")).toBe(true);
    expect(validRegex("(unclosed")).toBe(false);
  });
});

describe("ImportView", () => {
  const row = { number: "СФ-1", issued_on: "2026-11-01", customer_name: "ТОВ «Ромашка»", customer_tax_id: "", amount: "1250.50", currency: "UAH" };

  it("lists a clean file's invoices and lets it be saved", async () => {
    const onSave = vi.fn();
    const user = userEvent.setup();
    render(<ImportView preview={{ invoices: [row], errors: [], imported: 0 }} onSave={onSave} onCancel={() => {}} />);
    expect(screen.getByTestId("import-preview")).toHaveTextContent("1 250,50");
    await user.click(screen.getByTestId("import-save"));
    expect(onSave).toHaveBeenCalled();
  });

  it("shows each bad row by its line and saves nothing", () => {
    render(
      <ImportView
        preview={{ invoices: [row], errors: [{ line: 3, message: "сума не число" }], imported: 0 }}
        onSave={() => {}}
        onCancel={() => {}}
      />,
    );
    expect(screen.getByTestId("import-errors")).toHaveTextContent("рядок 3: сума не число");
    expect(screen.getByTestId("import-save")).toBeDisabled();
  });
});

describe("todayKyiv", () => {
  it("is the Kyiv date, also when it is still yesterday in UTC", () => {
    expect(todayKyiv(new Date("2026-11-27T22:30:00Z"))).toBe("2026-11-28");
    expect(todayKyiv(new Date("2026-06-30T12:00:00Z"))).toBe("2026-06-30");
  });
});

describe("PaymentCode", () => {
  it("shows the invoice's QR code and the purpose the payment will carry", async () => {
    invoke.mockResolvedValueOnce({
      format: "003",
      content: "https://qr.bank.gov.ua/QkNE",
      purpose: "Оплата за рахунком № СФ-000123 від 01.11.2026, сума 1 250,50 грн, без ПДВ",
      svg: '<svg xmlns="http://www.w3.org/2000/svg"><text>₴</text></svg>',
    });
    renderWithQueries(<PaymentCode invoiceId={1} />);
    const figure = await screen.findByTestId("payment-code");
    expect(invoke).toHaveBeenCalledWith("invoice_payment_code", { id: 1, format: "003" });
    const img = figure.querySelector("img")!;
    expect(decodeURIComponent(img.getAttribute("src")!)).toContain("<text>₴</text>");
    expect(screen.getByText("Відскануйте сканером у застосунку банку")).toBeInTheDocument();
    expect(screen.getByTestId("payment-code-purpose")).toHaveTextContent("№ СФ-000123");
  });

  it("says what the company lacks instead of a code", async () => {
    invoke.mockRejectedValueOnce({ code: "missing_details", message: "У компанії «ТОВ «Тест»» немає ЄДРПОУ чи РНОКПП" });
    renderWithQueries(<PaymentCode invoiceId={1} />);
    expect(await screen.findByTestId("payment-code-error")).toHaveTextContent("немає ЄДРПОУ чи РНОКПП");
    expect(screen.queryByTestId("payment-code")).toBeNull();
  });
});
