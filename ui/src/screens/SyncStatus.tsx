import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call, commands, events, messageOf, type RunRecord, type SyncEvent, type SyncState } from "../api";
import { dateTime, day } from "../format";
import { currentLang } from "../i18n";
import { Alert } from "../components";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../queries";

/** Per merchant: the last progress line of the running sync. */
type Progress = Record<string, string>;

export default function SyncStatus() {
  const { t } = useTranslation();
  const lang = currentLang();
  const client = useQueryClient();
  const stateQuery = useQuery({ queryKey: keys.syncState, queryFn: () => call(commands.syncState()) });
  const state: SyncState | null = stateQuery.data ?? null;
  const setState = (f: (s: SyncState | undefined) => SyncState | undefined) => client.setQueryData(keys.syncState, f);
  const runs: RunRecord[] = useQuery({ queryKey: keys.syncRuns, queryFn: () => call(commands.syncRuns(50)) }).data ?? [];
  const [progress, setProgress] = useState<Progress>({});
  const [error, setError] = useState<string | null>(null);


  useEffect(() => {
    const off = [
      events.syncProgress.listen((e) => {
        setState((s) => (s ? { ...s, running: true } : s));
        setProgress((p) => ({ ...p, ...describe(e.payload.event, t) }));
      }),
      // The runs and the state are refetched by `useBackendChanges`.
      events.syncFinished.listen(() => setProgress({})),
    ];
    return () => off.forEach((p) => void p.then((f) => f()));
  }, [client, t]);

  const syncNow = async () => {
    try {
      await call(commands.syncNow());
      setState((s) => (s ? { ...s, running: true } : s));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section className="sync">
      <div className="sync-head">
        <button className="primary" data-testid="sync-now" disabled={state?.running} onClick={() => void syncNow()}>
          {state?.running ? t("sync.running") : t("sync.now")}
        </button>
        <span data-testid="sync-status">{state?.status}</span>
      </div>
      <Alert>{error}</Alert>
      <ul className="progress" data-testid="sync-progress">
        {Object.entries(progress).map(([m, line]) => (
          <li key={m}>{line}</li>
        ))}
      </ul>
      <h2>{t("sync.history")}</h2>
      <table className="runs" data-testid="sync-runs">
        <thead>
          <tr>
            <th>{t("sync.started")}</th>
            <th>{t("statements.merchant")}</th>
            <th>{t("sync.outcome")}</th>
            <th>{t("sync.range")}</th>
            <th>{t("sync.pages")}</th>
            <th>{t("sync.rows")}</th>
            <th>{t("sync.new")}</th>
            <th>{t("sync.updated")}</th>
            <th>{t("sync.error")}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} className={r.outcome} data-testid="sync-run">
              <td>{dateTime(r.started_at, lang)}</td>
              <td>{r.merchant ?? "—"}</td>
              <td>{t(`sync.outcomes.${r.outcome}`)}</td>
              <td>{r.range_from && r.range_to ? `${day(r.range_from, lang)} … ${day(r.range_to, lang)}` : ""}</td>
              <td>{r.pages}</td>
              <td>{r.rows_seen}</td>
              <td>{r.rows_new}</td>
              <td>{r.rows_updated}</td>
              <td className="error-text">{r.error_message ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function describe(e: SyncEvent, t: (k: string, o?: Record<string, unknown>) => string): Progress {
  switch (e.kind) {
    case "merchant_started":
      return { [e.merchant]: `${e.merchant}: ${day(e.from, currentLang())} … ${day(e.to, currentLang())}` };
    case "page_stored":
      return { [e.merchant]: t("sync.progress", { merchant: e.merchant, page: e.page, rows: e.rows }) };
    case "merchant_finished":
      return {
        [e.merchant]: e.warning
          ? `${e.merchant}: ${t("sync.outcomes.warning")}, ${t("sync.new")} ${e.summary.new}. ${e.warning}`
          : `${e.merchant}: ${t("sync.outcomes.ok")}, ${t("sync.new")} ${e.summary.new}`,
      };
    case "merchant_failed":
    case "merchant_skipped":
      return { [e.merchant]: `${e.merchant}: ${e.message}` };
    default:
      return {};
  }
}
