import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { call, commands, messageOf, SETTINGS, type Company, type CompanyValue, type NewCompany, type Vat } from "../api";
import { Alert, Notice } from "../components";
import { keys } from "../queries";

/** The form's fields: the VAT status as its kind and its one value. */
type FormValues = Omit<NewCompany, "vat"> & { vat: Vat["type"]; ipn: string; group: string };

function toForm(c: Company | null): FormValues {
  return {
    name: c?.name ?? "",
    kind: c?.kind ?? "",
    tax_id: c?.tax_id ?? "",
    vat: c?.vat.type ?? "none",
    ipn: c?.vat.type === "payer" ? c.vat.ipn : "",
    group: c?.vat.type === "single_tax" ? String(c.vat.group) : "3",
    address: c?.address ?? "",
    invoice_merchant_id: c?.invoice_merchant_id ?? null,
    signer: c?.signer ?? "",
  };
}

/** The form's fields as the backend takes them. */
export function toInput(v: FormValues): NewCompany {
  const vat: Vat =
    v.vat === "payer" ? { type: "payer", ipn: v.ipn.trim() } : v.vat === "single_tax" ? { type: "single_tax", group: Number(v.group) } : { type: "none" };
  return {
    name: v.name.trim(),
    kind: v.kind.trim(),
    tax_id: v.tax_id.trim(),
    vat,
    address: v.address.trim(),
    invoice_merchant_id: v.invoice_merchant_id,
    signer: v.signer.trim(),
  };
}

/** The companies and their requisites (what invoices and exports print). */
export default function Companies() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const companies = useQuery({ queryKey: keys.companies, queryFn: () => call(commands.listCompanies()) });
  const [editing, setEditing] = useState<Company | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = companies.data ?? [];

  return (
    <section className="page companies" data-testid="companies">
      <div className="toolbar">
        <button className="primary" data-testid="company-new" onClick={() => setEditing("new")}>
          {t("companies.new")}
        </button>
      </div>
      <Alert>{companies.error ? messageOf(companies.error) : null}</Alert>
      <Notice testid="company-notice">{notice}</Notice>
      {editing && (
        <CompanyForm
          company={editing === "new" ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(next) => {
            client.setQueryData(keys.companies, next);
            // Names shown beside accounts, invoices and payments change with it.
            void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== keys.companies[0] });
            setEditing(null);
            setNotice(t("companies.saved"));
          }}
        />
      )}
      {list.length === 0 && <p className="muted">{t("companies.none")}</p>}
      <table className="grid" data-testid="company-list">
        <thead>
          <tr>
            <th>{t("companies.name")}</th>
            <th>{t("companies.taxId")}</th>
            <th>{t("companies.vat")}</th>
            <th>{t("companies.address")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.id} data-testid="company-row">
              <td>
                {c.name} <span className="muted">{c.kind}</span>
              </td>
              <td>{c.tax_id || <span className="muted">{t("companies.unknown")}</span>}</td>
              <td>
                {c.vat.type === "payer"
                  ? t("companies.vatPayer", { ipn: c.vat.ipn })
                  : c.vat.type === "single_tax"
                    ? t("companies.singleTax", { group: c.vat.group })
                    : t("companies.noVat")}
              </td>
              <td>{c.address}</td>
              <td>
                <button data-testid="company-edit" onClick={() => setEditing(c)}>
                  {t("companies.edit")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function CompanyForm({
  company,
  onSaved,
  onCancel,
}: {
  company: Company | null;
  onSaved: (list: Company[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, watch } = useForm<FormValues>({ defaultValues: toForm(company) });
  const vat = watch("vat");
  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      onSaved(await call(commands.saveCompany(company?.id ?? null, toInput(v))));
    } catch (e) {
      setError(messageOf(e));
    }
  });
  return (
    <form className="merchant-form" data-testid="company-form" onSubmit={submit}>
      <label>
        {t("companies.name")}
        <input data-testid="company-name" autoComplete="off" {...register("name")} />
      </label>
      <label>
        {t("companies.kind")}
        <input data-testid="company-kind" autoComplete="off" placeholder="ТОВ, ФОП, ПП…" {...register("kind")} />
      </label>
      <label>
        {t("companies.taxId")}
        <input data-testid="company-tax-id" inputMode="numeric" autoComplete="off" {...register("tax_id")} />
      </label>
      <label>
        {t("companies.vat")}
        <select data-testid="company-vat" {...register("vat")}>
          <option value="none">{t("companies.noVat")}</option>
          <option value="payer">{t("companies.vatPayerOption")}</option>
          <option value="single_tax">{t("companies.singleTaxOption")}</option>
        </select>
      </label>
      {vat === "payer" && (
        <label>
          {t("companies.ipn")}
          <input data-testid="company-ipn" inputMode="numeric" autoComplete="off" {...register("ipn")} />
        </label>
      )}
      {vat === "single_tax" && (
        <label>
          {t("companies.group")}
          <select data-testid="company-group" {...register("group")}>
            <option value="1">1</option>
            <option value="2">2</option>
            <option value="3">3</option>
          </select>
        </label>
      )}
      <label>
        {t("companies.address")}
        <input data-testid="company-address" autoComplete="off" {...register("address")} />
      </label>
      <label>
        {t("companies.signer")}
        <input data-testid="company-signer" autoComplete="off" {...register("signer")} />
      </label>
      <Alert testid="company-error">{error}</Alert>
      {company && <OwnSettings companyId={company.id} />}
      <div className="actions">
        <button type="submit" className="primary" data-testid="company-save">
          {t("common.save")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/**
 * The settings a company may set for itself (automatic allocation, the default expense
 * category): each either the global value or the company's own, changed at once.
 */
export function OwnSettings({ companyId }: { companyId: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ["company_settings", companyId] as const;
  const values = useQuery({ queryKey: key, queryFn: () => call(commands.companySettings(companyId)) });
  const [error, setError] = useState<string | null>(null);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const save = async (setting: string, value: string | null) => {
    setError(null);
    try {
      client.setQueryData(key, await call(commands.saveCompanySetting(companyId, setting, value)));
      // What allocation and categories do for this company's payments follows it.
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== key[0] });
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const kindOf = (k: string) => SETTINGS.find((s) => s.key === k)?.kind.type;
  return (
    <fieldset className="own-settings" data-testid="company-own-settings">
      <legend>{t("companies.ownSettings")}</legend>
      <p className="muted">{t("companies.ownSettingsIntro")}</p>
      {(values.data ?? []).map((v: CompanyValue) => (
        <div key={v.key} className="own-setting" data-testid={`own-${v.key}`}>
          <span>{t(`settings.${v.key}`)}</span>
          {kindOf(v.key) === "switch" ? (
            <select
              data-testid={`own-${v.key}-value`}
              value={v.own ? v.value : ""}
              onChange={(e) => void save(v.key, e.target.value === "" ? null : e.target.value)}
            >
              <option value="">{t("companies.asEveryone", { value: t(`companies.switch.${v.global}`) })}</option>
              <option value="on">{t("companies.switch.on")}</option>
              <option value="off">{t("companies.switch.off")}</option>
            </select>
          ) : (
            <span className="inline">
              <input
                data-testid={`own-${v.key}-value`}
                value={texts[v.key] ?? v.value}
                onChange={(e) => setTexts({ ...texts, [v.key]: e.target.value })}
              />
              <button type="button" data-testid={`own-${v.key}-save`} onClick={() => void save(v.key, texts[v.key] ?? v.value)}>
                {t("common.save")}
              </button>
              {v.own && (
                <button
                  type="button"
                  data-testid={`own-${v.key}-reset`}
                  onClick={() => {
                    const { [v.key]: _typed, ...rest } = texts;
                    setTexts(rest);
                    void save(v.key, null);
                  }}
                >
                  {t("companies.useGlobal")}
                </button>
              )}
            </span>
          )}
          <span className="muted" data-testid={`own-${v.key}-whose`}>
            {v.own ? t("companies.ownValue") : t("companies.globalValue")}
          </span>
        </div>
      ))}
      <Alert testid="own-settings-error">{error}</Alert>
    </fieldset>
  );
}
