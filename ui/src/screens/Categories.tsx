import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { call, commands, messageOf, type CategoriesView, type CategoryChange, type Field, type Op } from "../api";
import { Alert, Notice } from "../components";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../queries";

const FIELDS: Field[] = ["tax_id", "iban", "name", "purpose"];
const OPS: Op[] = ["equals", "contains", "regex"];

/** Is `pattern` a regular expression the backend can use? (Its check is the final word.) */
export function validRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, "iu");
    return true;
  } catch {
    return false;
  }
}

export default function Categories() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useQuery({ queryKey: keys.categories, queryFn: () => call(commands.listCategories()) });
  const view: CategoriesView | null = query.data ?? null;
  // A change of categories or rules re-categorises payments: every other list is read again.
  const setView = (v: CategoriesView) => {
    client.setQueryData(keys.categories, v);
    void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== keys.categories[0] });
  };
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [newName, setNewName] = useState("");


  const change = async (c: CategoryChange) => {
    setError(null);
    setNotice(null);
    try {
      setView(await call(commands.changeCategories(c)));
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    }
  };

  const reapply = async () => {
    setError(null);
    try {
      const done = await call(commands.applyRules(true));
      setNotice(t("categories.reapplied", { assigned: done.assigned, changed: done.changed }));
      void client.invalidateQueries();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const companies = useQuery({ queryKey: keys.companies, queryFn: () => call(commands.listCompanies()) }).data ?? [];
  // `company`: the id of the company a rule is limited to, as the list gives it ("" for all).
  const rule = useForm<{ field: Field; op: Op; pattern: string; category: string; company: string }>({
    defaultValues: { field: "purpose", op: "contains", pattern: "", category: "", company: "" },
  });
  const op = rule.watch("op");
  const addRule = rule.handleSubmit(async ({ company, ...v }) => {
    const company_id = company === "" ? null : Number(company);
    if (await change({ action: "add_rule", ...v, company_id })) rule.reset({ ...v, company, pattern: "" });
  });

  return (
    <section className="page categories" data-testid="categories">
      <Alert>{error}</Alert>
      <Notice testid="categories-notice">{notice}</Notice>
      <h2>{t("categories.list")}</h2>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void change({ action: "add", name: newName }).then((ok) => ok && setNewName(""));
        }}
      >
        <input data-testid="category-name" value={newName} placeholder={t("categories.name")} onChange={(e) => setNewName(e.target.value)} />
        <button type="submit">{t("categories.add")}</button>
      </form>
      <table className="grid" data-testid="category-list">
        <tbody>
          {view?.categories.map((c) => (
            <tr key={c.id} data-testid="category-row" data-name={c.name}>
              <td>{c.name}</td>
              <td className="num muted">{t("statements.count", { count: c.rows })}</td>
              <td className="actions">
                <button
                  onClick={() => {
                    const name = window.prompt(t("categories.rename"), c.name);
                    if (name) void change({ action: "rename", name: c.name, new_name: name });
                  }}
                >
                  {t("categories.rename")}
                </button>
                <button className="danger" onClick={() => void change({ action: "remove", name: c.name })}>
                  {t("merchants.remove")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("categories.rules")}</h2>
      <p className="muted">{t("categories.rulesIntro")}</p>
      <table className="grid" data-testid="rule-list">
        <tbody>
          {view?.rules.map((r, n) => (
            <tr key={r.id} data-testid="rule-row">
              <td>{n + 1}.</td>
              <td>
                {t(`categories.fields.${r.field}`)} {t(`categories.ops.${r.op}`)} «{r.pattern}»
              </td>
              <td>→ {r.category}</td>
              {companies.length > 1 && (
                <td className="muted" data-testid="rule-company">
                  {r.company ? r.company.name : t("categories.everyCompany")}
                </td>
              )}
              <td className="actions">
                <button disabled={n === 0} aria-label={t("categories.up")} onClick={() => void change({ action: "move_rule", id: r.id, up: true })}>
                  ↑
                </button>
                <button
                  disabled={n === view.rules.length - 1}
                  aria-label={t("categories.down")}
                  onClick={() => void change({ action: "move_rule", id: r.id, up: false })}
                >
                  ↓
                </button>
                <button className="danger" onClick={() => void change({ action: "remove_rule", id: r.id })}>
                  {t("merchants.remove")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline" onSubmit={addRule} data-testid="rule-form">
        <select aria-label={t("categories.field")} {...rule.register("field")}>
          {FIELDS.map((f) => (
            <option key={f} value={f}>
              {t(`categories.fields.${f}`)}
            </option>
          ))}
        </select>
        <select aria-label={t("categories.op")} {...rule.register("op")}>
          {OPS.map((o) => (
            <option key={o} value={o}>
              {t(`categories.ops.${o}`)}
            </option>
          ))}
        </select>
        <input
          data-testid="rule-pattern"
          placeholder={t("categories.pattern")}
          {...rule.register("pattern", {
            validate: (p) =>
              p.trim() === "" ? t("categories.patternRequired") : op === "regex" && !validRegex(p) ? t("categories.regexInvalid") : true,
          })}
        />
        <input
          data-testid="rule-category"
          list="category-names"
          placeholder={t("categories.name")}
          {...rule.register("category", { validate: (c) => c.trim() !== "" || t("categories.nameRequired") })}
        />
        <datalist id="category-names">
          {view?.categories.map((c) => (
            <option key={c.id} value={c.name} />
          ))}
        </datalist>
        {companies.length > 1 && (
          <select aria-label={t("categories.company")} data-testid="rule-company-choice" {...rule.register("company")}>
            <option value="">{t("categories.everyCompany")}</option>
            {companies.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        )}
        <button type="submit" data-testid="rule-add">
          {t("categories.addRule")}
        </button>
        {(rule.formState.errors.pattern || rule.formState.errors.category) && (
          <span className="field-error" data-testid="rule-error">
            {rule.formState.errors.pattern?.message ?? rule.formState.errors.category?.message}
          </span>
        )}
      </form>
      <p>
        <button data-testid="rules-reapply" onClick={() => void reapply()}>
          {t("categories.reapply")}
        </button>{" "}
        <span className="muted">{t("categories.reapplyHint")}</span>
      </p>
    </section>
  );
}
