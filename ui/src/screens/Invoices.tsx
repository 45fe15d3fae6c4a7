import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { isValidIBAN, electronicFormatIBAN } from "ibantools";
import { call, commands, messageOf, type Company, type ImportPreview, type Invoice, type InvoiceInput, type InvoicePayment } from "../api";
import { dateTime, day, money } from "../format";
import { currentLang } from "../i18n";
import { keys } from "../queries";
import { CURRENCIES, matchInvoices } from "../ledger";
import { Alert, Notice, SearchInput } from "../components";

/** An amount as people type it (`1 234,56`): a positive decimal, at most two decimals. */
export function validAmount(text: string): boolean {
  const cleaned = text.replace(/\s/g, "").replace(",", ".");
  return /^\d+(\.\d{1,2})?$/.test(cleaned) && Number(cleaned) > 0;
}

/**
 * `focus`: the invoice to open, a new object each time it is asked for; `company`: the company
 * chosen in the switcher (none: all); `named`: whether rows name their company (there are
 * several).
 */
export default function Invoices({
  focus,
  company = null,
  named = false,
}: {
  focus?: { id: number } | null;
  company?: Company | null;
  named?: boolean;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const client = useQueryClient();
  const invoices = useQuery({ queryKey: keys.invoices, queryFn: () => call(commands.listInvoices()) });
  const list = useMemo(
    () => (invoices.data ?? []).filter((i) => company == null || i.company_id === company.id),
    [invoices.data, company],
  );
  const [text, setText] = useState("");
  const [editing, setEditing] = useState<Invoice | "new" | null>(null);
  const [opened, setOpened] = useState<number | null>(focus?.id ?? null);
  useEffect(() => {
    if (focus != null) {
      setOpened(focus.id);
      setText("");
    }
  }, [focus]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [importing, setImporting] = useState<{ file: number[]; preview: ImportPreview } | null>(null);

  // Saving, importing, cancelling or allocating changes the invoices and what they were paid.
  const load = useCallback(() => void client.invalidateQueries(), [client]);
  const shownError = error ?? (invoices.error ? messageOf(invoices.error) : null);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setNotice(null);
    try {
      const bytes = Array.from(new Uint8Array(await file.arrayBuffer()));
      setImporting({ file: bytes, preview: await call(commands.importInvoices(bytes, false, company?.id ?? null)) });
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const save = async () => {
    if (!importing) return;
    try {
      const done = await call(commands.importInvoices(importing.file, true, company?.id ?? null));
      if (done.errors.length > 0) {
        setImporting({ ...importing, preview: done });
        return;
      }
      setImporting(null);
      setNotice(t("invoices.imported", { count: done.imported }));
      load();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const shown = useMemo(() => matchInvoices(list, text).slice().reverse(), [list, text]);

  const allocate = async () => {
    setError(null);
    try {
      const s = await call(commands.runAllocation());
      setNotice(t("invoices.allocated", { allocated: s.allocated, suggested: s.suggested, unallocated: s.unallocated }));
      load();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const cancel = async (invoice: Invoice) => {
    try {
      await call(commands.cancelInvoice(invoice.id));
      load();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section className="page invoices">
      <div className="toolbar">
        <button className="primary" data-testid="invoice-new" onClick={() => setEditing("new")}>
          {t("invoices.new")}
        </button>
        <button data-testid="invoice-allocate" onClick={() => void allocate()}>
          {t("invoices.runAllocation")}
        </button>
        <label className="file">
          {t("invoices.import")}{" "}
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="invoice-import"
            onChange={(e) => {
              void pick(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
        </label>
        <SearchInput
          text={text}
          onText={setText}
          data-testid="invoice-search"
          placeholder={t("invoices.search")}
        />
      </div>
      <Alert>{shownError}</Alert>
      <Notice testid="invoice-notice">{notice}</Notice>
      {importing && (
        <ImportView preview={importing.preview} onSave={() => void save()} onCancel={() => setImporting(null)} />
      )}
      {editing && (
        <InvoiceForm
          invoice={editing === "new" ? null : editing}
          companyId={company?.id ?? null}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice(t("invoices.saved"));
            load();
          }}
        />
      )}
      {shown.length === 0 && <p className="muted">{t("invoices.none")}</p>}
      <table className="grid" data-testid="invoice-list">
        <thead>
          <tr>
            <th>{t("invoices.number")}</th>
            {named && <th>{t("companies.company")}</th>}
            <th>{t("invoices.date")}</th>
            <th>{t("invoices.customer")}</th>
            <th className="num">{t("invoices.amount")}</th>
            <th className="num">{t("invoices.paid")}</th>
            <th>{t("invoices.status")}</th>
            <th>{t("invoices.due")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((i) => (
            <InvoiceRow
              key={i.id}
              invoice={i}
              open={opened === i.id}
              onToggle={() => setOpened(opened === i.id ? null : i.id)}
              onEdit={() => setEditing(i)}
              onCancel={() => void cancel(i)}
              lang={lang}
              named={named}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function InvoiceRow({
  invoice: i,
  open,
  onToggle,
  onEdit,
  onCancel,
  lang,
  named,
}: {
  invoice: Invoice;
  open: boolean;
  onToggle: () => void;
  onEdit: () => void;
  onCancel: () => void;
  lang: ReturnType<typeof currentLang>;
  named: boolean;
}) {
  const { t } = useTranslation();
  const [payments, setPayments] = useState<InvoicePayment[] | null>(null);
  useEffect(() => {
    if (open) call(commands.invoicePayments(i.id)).then(setPayments, () => setPayments([]));
  }, [open, i.id, i.paid]);
  return (
    <>
      <tr className={`invoice ${i.status}`} data-testid="invoice-row" data-number={i.number} onClick={onToggle}>
        <td>{i.number}</td>
        {named && <td data-testid="invoice-company">{i.company}</td>}
        <td>{day(i.issued_on, lang)}</td>
        <td>
          {i.customer_name} <span className="muted">{i.customer_tax_id}</span>
        </td>
        <td className="num">{money(i.amount, i.currency, lang)}</td>
        <td className="num">{money(i.paid, i.currency, lang)}</td>
        <td data-testid="invoice-status">
          <span className={`status ${i.status}`}>{t(`invoiceStatus.${i.status}`)}</span>
        </td>
        <td>{i.due_on ? day(i.due_on, lang) : ""}</td>
        <td className="actions" onClick={(e) => e.stopPropagation()}>
          <button onClick={onEdit}>{t("invoices.edit")}</button>
          {i.status !== "cancelled" && (
            <button className="danger" onClick={onCancel}>
              {t("invoices.cancel")}
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr className="invoice-payments" data-testid="invoice-payments">
          <td colSpan={named ? 9 : 8}>
            {i.note && <p className="muted">{i.note}</p>}
            {i.currency === "UAH" && i.status !== "cancelled" && i.status !== "paid" && <PaymentCode invoiceId={i.id} />}
            {payments && payments.length === 0 && <p className="muted">{t("invoices.noPayments")}</p>}
            {payments && payments.length > 0 && (
              <ul>
                {payments.map((p) => (
                  <li key={p.statement_id}>
                    {dateTime(p.posted_at, lang)} · {p.payer} · <b>{money(p.amount, i.currency, lang)}</b> ·{" "}
                    <span className="muted">
                      {t(`invoices.source.${p.source}`)}: {p.reason}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

/** The invoice's NBU payment QR code, as the PDF prints it, with the purpose the payment will carry;
 * or, when the company lacks a detail the code needs, what to fix. */
export function PaymentCode({ invoiceId }: { invoiceId: number }) {
  const { t } = useTranslation();
  const code = useQuery({
    queryKey: ["paymentCode", invoiceId],
    queryFn: () => call(commands.invoicePaymentCode(invoiceId, "003")),
    retry: false,
  });
  if (code.isError) {
    return (
      <p className="error" data-testid="payment-code-error">
        {messageOf(code.error)}
      </p>
    );
  }
  if (!code.data) return null;
  return (
    <figure className="payment-code" data-testid="payment-code">
      <img
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.data.svg)}`}
        alt={t("invoices.paymentCode")}
        width={176}
        height={176}
      />
      <figcaption>
        <b>{t("invoices.scanInBankApp")}</b>
        <span className="muted" data-testid="payment-code-purpose">
          {code.data.purpose}
        </span>
      </figcaption>
    </figure>
  );
}

/** What a CSV file holds, row by row, with its errors; nothing is saved unless every row is good. */
export function ImportView({ preview, onSave, onCancel }: { preview: ImportPreview; onSave: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const bad = preview.errors.length > 0;
  return (
    <div className="import" data-testid="import-preview">
      <p>{t("invoices.importRows", { count: preview.invoices.length })}</p>
      {bad && (
        <ul className="error" data-testid="import-errors">
          {preview.errors.map((e) => (
            <li key={`${e.line}:${e.message}`}>
              {t("invoices.line", { line: e.line })}: {e.message}
            </li>
          ))}
        </ul>
      )}
      <table className="grid">
        <tbody>
          {preview.invoices.map((i) => (
            <tr key={i.number}>
              <td>{i.number}</td>
              <td>{day(i.issued_on, lang)}</td>
              <td>
                {i.customer_name} <span className="muted">{i.customer_tax_id}</span>
              </td>
              <td className="num">{money(i.amount, i.currency, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {bad && <p className="muted">{t("invoices.importFix")}</p>}
      <div className="actions">
        <button className="primary" data-testid="import-save" disabled={bad || preview.invoices.length === 0} onClick={onSave}>
          {t("invoices.importSave")}
        </button>
        <button onClick={onCancel}>{t("common.cancel")}</button>
      </div>
    </div>
  );
}

type FormValues = InvoiceInput & { due_on: string };

/** Today in Kyiv as `YYYY-MM-DD` (built from parts: locales differ in their date order). */
export function todayKyiv(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Kyiv", year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** `companyId`: the company a new invoice is issued by (none: the only one). */
export function InvoiceForm({
  invoice,
  companyId = null,
  onSaved,
  onCancel,
}: {
  invoice: Invoice | null;
  companyId?: number | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({
    defaultValues: {
      number: invoice?.number ?? "",
      amount: invoice?.amount ?? "",
      currency: invoice?.currency ?? "UAH",
      issued_on: invoice?.issued_on ?? todayKyiv(),
      customer_name: invoice?.customer_name ?? "",
      customer_tax_id: invoice?.customer_tax_id ?? "",
      customer_iban: invoice?.customer_iban ?? "",
      due_on: invoice?.due_on ?? "",
      note: invoice?.note ?? "",
      // An edited invoice stays with its company; a new one is the chosen company's.
      company_id: invoice?.company_id ?? companyId,
    },
  });
  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      await call(
        commands.saveInvoice(invoice?.id ?? null, {
          ...v,
          number: v.number.trim(),
          customer_iban: electronicFormatIBAN(v.customer_iban) ?? "",
          due_on: v.due_on || null,
        }, invoice?.revision ?? null),
      );
      onSaved();
    } catch (e) {
      setError(messageOf(e));
      // Someone else changed it meanwhile: the list shows it as it is now (the form keeps
      // what was typed).
      if ((e as { code?: string }).code === "changed_meanwhile") void client.invalidateQueries({ queryKey: keys.invoices });
    }
  });
  return (
    <form className="invoice-form" onSubmit={submit} data-testid="invoice-form">
      <label>
        {t("invoices.number")}
        <input data-testid="invoice-number" autoComplete="off" {...register("number", { validate: (s) => s.trim() !== "" || t("invoices.numberRequired") })} />
        {errors.number && <span className="field-error">{errors.number.message}</span>}
      </label>
      <label>
        {t("invoices.amount")}
        <input data-testid="invoice-amount" inputMode="decimal" autoComplete="off" {...register("amount", { validate: (s) => validAmount(s) || t("invoices.amountInvalid") })} />
        {errors.amount && (
          <span className="field-error" data-testid="invoice-amount-error">
            {errors.amount.message}
          </span>
        )}
      </label>
      <label>
        {t("merchants.currency")}
        <select {...register("currency")}>
          {CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        {t("invoices.date")}
        <input type="date" data-testid="invoice-date" {...register("issued_on", { required: t("invoices.dateRequired") })} />
        {errors.issued_on && <span className="field-error">{errors.issued_on.message}</span>}
      </label>
      <label>
        {t("invoices.customer")}
        <input data-testid="invoice-customer" autoComplete="off" {...register("customer_name")} />
      </label>
      <label>
        {t("invoices.taxId")}
        <input
          data-testid="invoice-tax-id"
          inputMode="numeric"
          autoComplete="off"
          {...register("customer_tax_id", { validate: (s) => /^(\d{8}|\d{10})?$/.test(s.trim()) || t("invoices.taxIdInvalid") })}
        />
        {errors.customer_tax_id && <span className="field-error">{errors.customer_tax_id.message}</span>}
      </label>
      <label>
        {t("invoices.iban")}
        <input
          autoComplete="off"
          {...register("customer_iban", {
            validate: (s) => s.trim() === "" || isValidIBAN(electronicFormatIBAN(s) ?? "") || t("merchants.ibanInvalid"),
          })}
        />
        {errors.customer_iban && <span className="field-error">{errors.customer_iban.message}</span>}
      </label>
      <label>
        {t("invoices.due")}
        <input type="date" {...register("due_on")} />
      </label>
      <label className="wide">
        {t("invoices.note")}
        <input autoComplete="off" {...register("note")} />
      </label>
      <Alert testid="invoice-error" wide>{error}</Alert>
      <div className="actions wide">
        <button type="submit" className="primary" data-testid="invoice-save" disabled={isSubmitting}>
          {t("common.save")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
