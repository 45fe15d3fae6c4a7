// Team mode on the settings screen, as `vypyska team` does it: where the books are, joining a
// team's books as one of its employees or moving this computer's books onto a team's server,
// and going back to this computer's own file. The password goes to the OS keyring and is never
// shown again.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { call, commands, messageOf } from "../api";
import { Alert, Notice } from "../components";
import { dateTime } from "../format";
import { currentLang } from "../i18n";
import { keys } from "../queries";

export default function Team() {
  const { t } = useTranslation();
  const lang = currentLang();
  const client = useQueryClient();
  const status = useQuery({ queryKey: keys.team, queryFn: () => call(commands.teamStatus()) });
  const [url, setUrl] = useState("");
  const [employee, setEmployee] = useState("");
  const [password, setPassword] = useState("");
  const [caFile, setCaFile] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (action: () => Promise<unknown>, done: string) => {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      client.setQueryData(keys.team, await action());
      setPassword("");
      setNotice(done);
      // Every screen now shows the other books.
      void client.invalidateQueries();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const s = status.data;
  return (
    <div className="settings team" data-testid="team">
      <h2>{t("team.title")}</h2>
      {s && s.mode === "team" ? (
        <>
          <p data-testid="team-status">
            {s.employee ? t("team.joinedAs", { server: s.server, employee: s.employee }) : t("team.onServer", { server: s.server })}
          </p>
          {s.connected ? (
            <table className="grid" data-testid="team-accounts">
              <tbody>
                {s.accounts.map((a) => (
                  <tr key={a.account} data-testid="team-account">
                    <td>{a.name}</td>
                    <td>{a.token_here ? t("team.tokenHere") : t("team.tokenElsewhere")}</td>
                    <td className="muted">
                      {a.last_sync ? t("team.lastSync", { at: dateTime(a.last_sync, lang), who: a.last_by ?? "—" }) : t("team.neverSynced")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Alert testid="team-problem">{s.problem}</Alert>
          )}
          <button type="button" className="danger" data-testid="team-leave" disabled={busy} onClick={() => void act(() => call(commands.leaveTeam()), t("team.left"))}>
            {t("team.leave")}
          </button>
        </>
      ) : (
        <>
          <p className="muted">{t("team.intro")}</p>
          <form className="team-form" onSubmit={(e) => e.preventDefault()}>
            <label>
              {t("team.url")}
              <input data-testid="team-url" placeholder="postgres://olena@db.example.com:5432/books" value={url} onChange={(e) => setUrl(e.target.value)} />
            </label>
            <label>
              {t("team.employee")}
              <input data-testid="team-employee" value={employee} onChange={(e) => setEmployee(e.target.value)} />
            </label>
            <label>
              {t("team.password")}
              <input data-testid="team-password" type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
            <label>
              {t("team.caFile")}
              <input data-testid="team-ca-file" value={caFile} onChange={(e) => setCaFile(e.target.value)} />
            </label>
            <div className="actions">
              <button
                type="button"
                className="primary"
                data-testid="team-join"
                disabled={busy}
                onClick={() => void act(() => call(commands.joinTeam(url.trim(), employee.trim(), password || null, caFile.trim() || null)), t("team.joined"))}
              >
                {t("team.join")}
              </button>
              <button
                type="button"
                data-testid="team-create"
                disabled={busy}
                onClick={() => void act(() => call(commands.createTeam(url.trim(), password || null, caFile.trim() || null)), t("team.created"))}
              >
                {t("team.create")}
              </button>
            </div>
          </form>
        </>
      )}
      <Alert testid="team-error">{error ?? (status.error ? messageOf(status.error) : null)}</Alert>
      <Notice testid="team-notice">{notice}</Notice>
    </div>
  );
}
