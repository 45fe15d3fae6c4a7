import { useCallback, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { electronicFormatIBAN, isValidIBAN } from "ibantools";
import { call, commands, messageOf, type Company, type MerchantInput, type MerchantView } from "../api";
import { dateTime, money } from "../format";
import { currentLang } from "../i18n";
import { Alert, Notice } from "../components";
import { CURRENCIES } from "../ledger";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../queries";

/** Ukrainian IBAN: UA, two check digits, 25 more digits, valid checksum. */
export function validIban(text: string): boolean {
  const iban = electronicFormatIBAN(text) ?? "";
  return /^UA\d{27}$/.test(iban) && isValidIBAN(iban);
}

/**
 * `company`: the company chosen in the switcher (none: all), whose accounts are shown and to
 * which a new one goes; `companies`: every company, to name each account's when there are
 * several.
 */
type Props = { startAdding: boolean; onChanged: () => void; company?: Company | null; companies?: Company[] };

export default function Merchants({ startAdding, onChanged, company = null, companies = [] }: Props) {
  const { t } = useTranslation();
  const lang = currentLang();
  const [adding, setAdding] = useState(startAdding);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [replacing, setReplacing] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);

  const client = useQueryClient();
  const merchants = useQuery({ queryKey: keys.merchants, queryFn: () => call(commands.listMerchants()) });
  const list: MerchantView[] = (merchants.data ?? []).filter((m) => company == null || m.merchant.company_id === company.id);
  const companyName = (id: number | null) => companies.find((c) => c.id === id)?.name;
  // A change of accounts touches every list (statements of a removed account, the menu's counts).
  const load = useCallback(() => void client.invalidateQueries(), [client]);

  const remove = async (name: string, deleteStatements: boolean) => {
    setRemoving(null);
    try {
      await call(commands.removeMerchant(name, deleteStatements));
      load();
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section className="merchants">
      <Alert>{error ?? (merchants.error ? messageOf(merchants.error) : null)}</Alert>
      <Notice testid="merchant-notice">{notice}</Notice>
      {!adding && (
        <button className="primary" data-testid="merchant-add" onClick={() => setAdding(true)}>
          {t("merchants.add")}
        </button>
      )}
      {adding && (
        <MerchantForm
          company={company}
          onCancel={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            setNotice(t("merchants.added"));
            load();
            onChanged();
          }}
        />
      )}
      {list.length === 0 && !adding && <p className="muted">{t("merchants.none")}</p>}
      <ul className="merchant-list" data-testid="merchant-list">
        {list.map(({ merchant, last_run, balance }) => (
          <li key={merchant.id} data-testid="merchant-item">
            <div className="merchant-head">
              <b data-testid="merchant-name">{merchant.name}</b> <span className="muted">{merchant.account}</span> · {merchant.currency}
              {companies.length > 1 && (
                <span className="company-tag" data-testid="merchant-company">
                  {companyName(merchant.company_id)}
                </span>
              )}
            </div>
            <div>
              {t("merchants.lastSync")}:{" "}
              {last_run ? (
                <span className={`outcome ${last_run.outcome}`}>
                  {dateTime(last_run.started_at, lang)} — {t(`sync.outcomes.${last_run.outcome}`)}
                  {last_run.error_message ? `: ${last_run.error_message}` : ""}
                </span>
              ) : (
                t("merchants.never")
              )}
            </div>
            {balance && (
              <div>
                {t("merchants.balance")}: {money(balance.closing, balance.currency, lang)}
              </div>
            )}
            <div className="actions">
              <button data-testid="merchant-rename" onClick={() => setRenaming(merchant.name)}>
                {t("merchants.rename")}
              </button>
              <button onClick={() => setReplacing(merchant.name)}>{t("merchants.replaceToken")}</button>
              <button className="danger" data-testid="merchant-remove" onClick={() => setRemoving(merchant.name)}>
                {t("merchants.remove")}
              </button>
            </div>
            {renaming === merchant.name && (
              <Rename
                name={merchant.name}
                onDone={(newName) => {
                  setRenaming(null);
                  setNotice(t("merchants.renamed", { name: newName }));
                  load();
                  onChanged();
                }}
                onCancel={() => setRenaming(null)}
              />
            )}
            {replacing === merchant.name && (
              <ReplaceToken
                name={merchant.name}
                onDone={() => {
                  setReplacing(null);
                  setNotice(t("merchants.tokenReplaced"));
                }}
                onCancel={() => setReplacing(null)}
              />
            )}
            {removing === merchant.name && (
              <div className="confirm" role="dialog" data-testid="remove-dialog">
                <p>{t("merchants.removeAsk", { name: merchant.name })}</p>
                <button onClick={() => void remove(merchant.name, false)}>{t("merchants.keepStatements")}</button>
                <button className="danger" onClick={() => void remove(merchant.name, true)}>
                  {t("merchants.removeStatements")}
                </button>
                <button onClick={() => setRemoving(null)}>{t("common.cancel")}</button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

type FormValues = { name: string; account: string; currency: string; client_id: string; token: string };

export function MerchantForm({
  onAdded,
  onCancel,
  company = null,
}: {
  onAdded: () => void;
  onCancel: () => void;
  /** The company the account goes to; none: recognised from the bank's name for it. */
  company?: Company | null;
}) {
  const { t } = useTranslation();
  const [bankError, setBankError] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const {
    register,
    handleSubmit,
    trigger,
    getValues,
    formState: { errors },
  } = useForm<FormValues>({
    mode: "onBlur",
    defaultValues: { name: "", account: "", currency: "UAH", client_id: "", token: "" },
  });

  const input = (): MerchantInput => {
    const v = getValues();
    return {
      name: v.name.trim(),
      account: electronicFormatIBAN(v.account) ?? v.account,
      currency: v.currency,
      client_id: v.client_id.trim() || null,
      token: v.token.trim(),
      company: company?.name ?? null,
    };
  };

  const run = async (what: "check" | "add") => {
    setBankError(null);
    setChecked(false);
    if (!(await trigger())) return;
    setBusy(true);
    try {
      if (what === "check") {
        await call(commands.checkConnection(input()));
        setChecked(true);
      } else {
        await call(commands.addMerchant(input()));
        onAdded();
      }
    } catch (e) {
      setBankError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="merchant-form" data-testid="merchant-form" onSubmit={handleSubmit(() => run("add"))} noValidate>
      <label>
        {t("merchants.name")}
        <input data-testid="field-name" {...register("name", { validate: (v) => v.trim() !== "" || t("merchants.nameRequired") })} />
        {errors.name && <span className="field-error" data-testid="error-name">{errors.name.message}</span>}
      </label>
      <label>
        {t("merchants.account")}
        <input
          data-testid="field-account"
          placeholder="UA00 0000 0000 0000 0000 0000 0000 0"
          {...register("account", { validate: (v) => validIban(v) || t("merchants.ibanInvalid") })}
        />
        {errors.account && <span className="field-error" data-testid="error-account">{errors.account.message}</span>}
      </label>
      <label>
        {t("merchants.currency")}
        <select data-testid="field-currency" {...register("currency")}>
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("merchants.clientId")}
        <input data-testid="field-client-id" autoComplete="off" {...register("client_id")} />
      </label>
      <label>
        {t("merchants.token")}
        <input
          type="password"
          data-testid="field-token"
          autoComplete="off"
          {...register("token", { validate: (v) => v.trim() !== "" || t("merchants.tokenRequired") })}
        />
        {errors.token && <span className="field-error" data-testid="error-token">{errors.token.message}</span>}
        <small className="muted">{t("merchants.tokenHint")}</small>
      </label>
      <Alert testid="merchant-error">{bankError}</Alert>
      {checked && <Notice testid="connection-ok">{t("merchants.connectionOk")}</Notice>}
      <div className="actions">
        <button type="button" data-testid="merchant-check" disabled={busy} onClick={() => void run("check")}>
          {busy ? t("merchants.checking") : t("merchants.check")}
        </button>
        <button type="submit" className="primary" data-testid="merchant-save" disabled={busy}>
          {t("common.save")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function ReplaceToken({ name, onDone, onCancel }: { name: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit } = useForm<{ client_id: string; token: string }>({ defaultValues: { client_id: "", token: "" } });
  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      await call(commands.replaceToken(name, v.client_id.trim() || null, v.token.trim()));
      onDone();
    } catch (e) {
      setError(messageOf(e));
    }
  });
  return (
    <form className="replace-token" onSubmit={submit}>
      <label>
        {t("merchants.clientId")} <input autoComplete="off" {...register("client_id")} />
      </label>
      <label>
        {t("merchants.token")} <input type="password" autoComplete="off" {...register("token", { required: true })} />
      </label>
      <Alert>{error}</Alert>
      <button type="submit" className="primary">
        {t("common.save")}
      </button>
      <button type="button" onClick={onCancel}>
        {t("common.cancel")}
      </button>
    </form>
  );
}

export function Rename({ name, onDone, onCancel }: { name: string; onDone: (newName: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<{ name: string }>({ defaultValues: { name } });
  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      const m = await call(commands.renameMerchant(name, v.name.trim()));
      onDone(m.name);
    } catch (e) {
      setError(messageOf(e));
    }
  });
  return (
    <form className="rename" onSubmit={submit}>
      <label>
        {t("merchants.newName")}{" "}
        <input
          data-testid="rename-input"
          autoComplete="off"
          {...register("name", { validate: (s) => s.trim() !== "" || t("merchants.nameRequired") })}
        />
      </label>
      {errors.name && <span className="field-error">{errors.name.message}</span>}
      <Alert>{error}</Alert>
      <button type="submit" className="primary">
        {t("common.save")}
      </button>
      <button type="button" onClick={onCancel}>
        {t("common.cancel")}
      </button>
    </form>
  );
}
