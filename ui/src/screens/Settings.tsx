import { useEffect, useState } from "react";
import { useForm, type UseFormRegister } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { call, commands, messageOf, SETTINGS, type Employee, type Kind, type SettingGroup, type Settings as SettingsT } from "../api";
import { Alert, Notice } from "../components";
import { keys } from "../queries";
import Team from "./Team";
import { useQuery, useQueryClient } from "@tanstack/react-query";

type Values = Record<keyof SettingsT, string | boolean>;
type Key = keyof SettingsT;
const GROUPS: SettingGroup[] = ["app", "sync", "ledger", "notices", "mail"];

/** One setting's control, chosen by its kind in the backend's list (`SETTINGS`). */
function Field({ spec, register }: { spec: (typeof SETTINGS)[number]; register: UseFormRegister<Values> }) {
  const { t } = useTranslation();
  const key = spec.key as Key;
  const testid = `setting-${key}`;
  const label = t(`settings.${key}`);
  const kind = spec.kind;
  switch (kind.type) {
    case "switch":
      return (
        <label className="check">
          <input type="checkbox" data-testid={testid} {...register(key)} />
          {label}
        </label>
      );
    case "choice":
      return (
        <label>
          {label}
          <select data-testid={testid} {...register(key)}>
            {kind.options.map((o) => (
              <option key={o} value={o}>
                {t(`settings.options.${key}.${o}`, { defaultValue: o })}
              </option>
            ))}
          </select>
        </label>
      );
    case "number":
      return (
        <label>
          {label}
          <input type="number" inputMode="numeric" min={kind.min} max={kind.max} step={1} data-testid={testid} {...register(key)} />
        </label>
      );
    default:
      return (
        <label>
          {label}
          <input
            type={kind.type === "email" ? "email" : "text"}
            maxLength={kind.type === "text" ? kind.max : undefined}
            placeholder={kind.type === "times" ? "09:00,18:00" : kind.type === "hours" ? "08:00-19:00" : undefined}
            data-testid={testid}
            {...register(key)}
          />
        </label>
      );
  }
}

function toValues(s: SettingsT): Values {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === "number" ? String(v) : v])) as Values;
}

/** The changed fields as `vypyska settings set KEY VALUE` takes them. */
export function changesOf(saved: Values, edited: Values): Record<string, string> {
  const changes: Record<string, string> = {};
  for (const key of Object.keys(edited) as (keyof Values)[]) {
    if (edited[key] === saved[key]) continue;
    const v = edited[key];
    changes[key] = typeof v === "boolean" ? (v ? "on" : "off") : v.trim();
  }
  return changes;
}

export default function Settings({ onSaved }: { onSaved: (language: string) => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<Values | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { register, handleSubmit, reset, formState } = useForm<Values>();

  // Read once, to fill the form: a refetch (after a background sync) must not overwrite what is
  // being typed, so this is not a cached query.
  useEffect(() => {
    call(commands.getSettings()).then(
      (s) => {
        const values = toValues(s);
        setSaved(values);
        reset(values);
      },
      (e) => setError(messageOf(e)),
    );
  }, [reset]);

  const submit = handleSubmit(async (edited) => {
    if (!saved) return;
    setError(null);
    setNotice(null);
    try {
      const next = toValues(await call(commands.saveSettings(changesOf(saved, edited))));
      setSaved(next);
      reset(next);
      setNotice(t("settings.saved"));
      onSaved(String(next.language));
    } catch (e) {
      setError(messageOf(e));
    }
  });

  if (!saved) return <p className="muted">{t("common.loading")}</p>;
  return (
    <section className="page">
    <form className="settings" data-testid="settings-form" onSubmit={submit}>
      {GROUPS.map((group) => (
        <fieldset key={group} data-testid={`settings-group-${group}`}>
          <legend>{t(`settings.groups.${group}`)}</legend>
          {SETTINGS.filter((spec) => spec.group === group).map((spec) => (
            <Field key={spec.key} spec={spec} register={register} />
          ))}
        </fieldset>
      ))}
      <Alert testid="settings-error">{error}</Alert>
      {!formState.isDirty && <Notice testid="settings-saved">{notice}</Notice>}
      {formState.isDirty && <p className="muted">{t("settings.unsaved")}</p>}
      <button type="submit" className="primary" data-testid="settings-save">
        {t("common.save")}
      </button>
    </form>
    <Employees />
    <Mail />
    <Team />
    </section>
  );
}

const KINDS: Kind[] = ["payment", "invoice_paid", "review", "trouble"];
/** The form's values: the chosen companies as the checkboxes give them (their ids as text). */
type EmployeeForm = Omit<Employee, "companies"> & { companies: string[] };
const blank: EmployeeForm = { id: 0, name: "", email: "", this_computer: true, kinds: ["payment"], companies: [] };
const asForm = (e: Employee): EmployeeForm => ({ ...e, companies: e.companies.map(String) });
/** A checkbox group's value: one checked box may come as a bare value. */
const checked = <T,>(v: T | T[] | false | undefined): T[] => (Array.isArray(v) ? v : v ? [v] : []);

/** Who hears of what: desktop notifications for those at this computer. */
export function Employees() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const employees = useQuery({ queryKey: keys.employees, queryFn: () => call(commands.listEmployees()) });
  const list = employees.data ?? [];
  const setList = (next: Employee[]) => client.setQueryData(keys.employees, next);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, reset } = useForm<EmployeeForm>({ defaultValues: blank });
  const companies = useQuery({ queryKey: keys.companies, queryFn: () => call(commands.listCompanies()) }).data ?? [];
  const companyName = (id: number) => companies.find((c) => c.id === id)?.name ?? String(id);

  const run = async (action: Promise<Employee[]>) => {
    setError(null);
    try {
      setList(await action);
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    }
  };
  const [editing, setEditing] = useState<number>(0);
  const add = handleSubmit(async (v) => {
    const kinds = checked(v.kinds) as Kind[];
    const chosen = checked(v.companies).map(Number);
    if (await run(call(commands.saveEmployee({ ...v, id: editing, kinds, companies: chosen })))) {
      setEditing(0);
      reset(blank);
    }
  });

  return (
    <div className="employees settings" data-testid="employees">
      <h2>{t("employees.title")}</h2>
      <p className="muted">{t("employees.intro")}</p>
      <table className="grid">
        <tbody>
          {list.map((e) => (
            <tr key={e.id} data-testid="employee-row">
              <td>
                {e.name} <span className="muted">{e.email}</span>
              </td>
              <td>{e.this_computer ? t("employees.thisComputer") : ""}</td>
              <td>{e.kinds.map((k) => t(`employees.kinds.${k}`)).join(", ")}</td>
              {companies.length > 1 && (
                <td data-testid="employee-companies">
                  {e.companies.length ? e.companies.map(companyName).join(", ") : t("employees.allCompanies")}
                </td>
              )}
              <td className="actions">
                <button
                  data-testid="employee-edit"
                  onClick={() => {
                    setEditing(e.id);
                    reset(asForm(e));
                  }}
                >
                  {t("invoices.edit")}
                </button>
                <button className="danger" onClick={() => void run(call(commands.removeEmployee(e.id)))}>
                  {t("merchants.remove")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={add} className="employee-form">
        <label>
          {t("employees.name")} <input data-testid="employee-name" {...register("name")} />
        </label>
        <label>
          {t("employees.email")} <input data-testid="employee-email" type="email" {...register("email")} />
        </label>
        <label className="check">
          <input type="checkbox" {...register("this_computer")} /> {t("employees.thisComputer")}
        </label>
        <fieldset>
          <legend>{t("employees.hears")}</legend>
          {KINDS.map((k) => (
            <label key={k} className="check">
              <input type="checkbox" value={k} data-testid={`employee-kind-${k}`} {...register("kinds")} /> {t(`employees.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        {companies.length > 1 && (
          <fieldset data-testid="employee-company-choice">
            <legend>{t("employees.ofCompanies")}</legend>
            {companies.map((c) => (
              <label key={c.id} className="check">
                <input type="checkbox" value={String(c.id)} data-testid={`employee-company-${c.id}`} {...register("companies")} /> {c.name}
              </label>
            ))}
            <p className="muted">{t("employees.noneMeansAll")}</p>
          </fieldset>
        )}
        <Alert testid="employee-error">{error ?? (employees.error ? messageOf(employees.error) : null)}</Alert>
        <div className="actions">
          <button type="submit" data-testid="employee-add">
            {editing ? t("common.save") : t("employees.add")}
          </button>
          {editing !== 0 && (
            <button
              type="button"
              onClick={() => {
                setEditing(0);
                reset(blank);
              }}
            >
              {t("common.cancel")}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}

/** The mail server's password (to the OS keyring) and a test letter. */
export function Mail() {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [to, setTo] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const act = async (action: Promise<unknown>, done: string) => {
    setError(null);
    setNotice(null);
    try {
      await action;
      setNotice(done);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <div className="settings mail" data-testid="mail">
      <h2>{t("mail.title")}</h2>
      <p className="muted">{t("mail.intro")}</p>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void act(call(commands.setSmtpPassword(password)), t("mail.passwordSaved")).then(() => setPassword(""));
        }}
      >
        <input type="password" autoComplete="off" placeholder={t("mail.password")} value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit">{t("mail.savePassword")}</button>
      </form>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void act(call(commands.sendTestEmail(to.trim())), t("mail.sent", { to: to.trim() }));
        }}
      >
        <input type="email" data-testid="mail-test-to" placeholder={t("mail.testTo")} value={to} onChange={(e) => setTo(e.target.value)} />
        <button type="submit" data-testid="mail-test">
          {t("mail.sendTest")}
        </button>
      </form>
      <Alert testid="mail-error">{error}</Alert>
      <Notice>{notice}</Notice>
    </div>
  );
}
