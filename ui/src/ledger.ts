// Helpers of the ledger screens (invoices, statements, merchants) that more than one screen uses.
import type { Invoice } from "./api";

/** The currencies an account or an invoice may be in. */
export const CURRENCIES = ["UAH", "USD", "EUR", "GBP", "PLN", "CHF"];

/** Invoices whose number, customer, tax code or amount contain `text`. */
export function matchInvoices(list: Invoice[], text: string): Invoice[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return list;
  const digits = needle.replace(/\s/g, "").replace(",", ".");
  return list.filter(
    (i) =>
      i.number.toLowerCase().includes(needle) ||
      i.customer_name.toLowerCase().includes(needle) ||
      i.customer_tax_id.includes(needle) ||
      i.amount.includes(digits),
  );
}
