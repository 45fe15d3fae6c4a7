import { describe, expect, it } from "vitest";
import { invoke } from "./backend";
import { screen } from "@testing-library/react";
import { renderWithQueries } from "./queries";
import "../i18n";
import Review from "../screens/Review";

const item = (statement_id: number, company: string) => ({
  statement_id,
  key: `R/${statement_id}`,
  posted_at: "2026-11-20T10:00:00+02:00",
  amount: "100.00",
  currency: "UAH",
  payer: "ТОВ «Клієнт»",
  payer_tax_id: "",
  purpose: "Оплата рах. 7",
  reason: "several invoices have this number",
  since: "2026-11-20T10:00:00+02:00",
  company,
  candidates: [],
});

describe("The review queue with the switcher on one company", () => {
  it("shows that company's payments only", async () => {
    invoke.mockImplementation((cmd: string) =>
      Promise.resolve(cmd === "review_queue" ? [item(1, "ТОВ «Ромашка»"), item(2, "ФОП Шевчук")] : []),
    );
    renderWithQueries(<Review company="ФОП Шевчук" />);
    const shown = await screen.findAllByTestId("review-item");
    expect(shown.map((s) => s.getAttribute("data-key"))).toEqual(["R/2"]);
  });
});
