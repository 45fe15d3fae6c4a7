import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call, commands, messageOf } from "../api";
import { dateTime, day, money } from "../format";
import { currentLang } from "../i18n";
import { keys } from "../queries";
import { Alert } from "../components";

/**
 * The payments automatic allocation could not decide: a person picks the invoice, or none.
 * `company`: the company chosen in the switcher (its payments only; none: all).
 */
export default function Review({ onChanged, company = null }: { onChanged?: () => void; company?: string | null }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const client = useQueryClient();
  const queue = useQuery({ queryKey: keys.reviewQueue, queryFn: () => call(commands.reviewQueue()) });
  const items = queue.data ? queue.data.filter((i) => company == null || i.company === company) : null;
  const [failed, setFailed] = useState<string | null>(null);
  const error = failed ?? (queue.error ? messageOf(queue.error) : null);

  const act = async (action: Promise<unknown>) => {
    setFailed(null);
    try {
      await action;
      // A decision changes the queue, the invoices' paid amounts and the statements.
      await client.invalidateQueries();
      onChanged?.();
    } catch (e) {
      setFailed(messageOf(e));
    }
  };

  return (
    <section className="page review" data-testid="review">
      <p className="muted">{t("review.intro")}</p>
      <Alert>{error}</Alert>
      {items && items.length === 0 && (
        <p className="muted" data-testid="review-empty">
          {t("review.empty")}
        </p>
      )}
      <ul className="review-list">
        {items?.map((item) => (
          <li key={item.statement_id} data-testid="review-item" data-key={item.key}>
            <div>
              <b>{money(item.amount, item.currency, lang)}</b> {t("review.from")} {item.payer}{" "}
              <span className="muted">{item.payer_tax_id}</span> · {dateTime(item.posted_at, lang)}
              {item.company && (
                <span className="company" data-testid="review-company">
                  {" "}
                  · {item.company}
                </span>
              )}
            </div>
            <div className="purpose">{item.purpose}</div>
            <table className="grid">
              <tbody>
                {item.candidates.map((c) => (
                  <tr key={c.invoice_id} data-testid="review-candidate" data-number={c.number}>
                    <td>
                      {t("invoices.number")} {c.number} · {day(c.issued_on, lang)}
                    </td>
                    <td>{c.customer_name}</td>
                    <td className="num">
                      {t("review.outstanding")} {money(c.outstanding, item.currency, lang)}
                    </td>
                    <td>
                      {c.same_payer && <span className="evidence">{t("review.samePayer")}</span>}
                      {c.same_amount && <span className="evidence">{t("review.sameAmount")}</span>}
                    </td>
                    <td>
                      <button
                        className="primary"
                        data-testid="review-accept"
                        onClick={() => void act(call(commands.acceptSuggestion(item.statement_id, c.invoice_id)))}
                      >
                        {t("review.accept")}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button data-testid="review-reject" onClick={() => void act(call(commands.rejectSuggestion(item.statement_id)))}>
              {t("review.reject")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
