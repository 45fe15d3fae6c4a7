import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call, commands, messageOf, type AppInfo, type RecoveryView } from "../api";
import { day } from "../format";
import { currentLang } from "../i18n";
import { Alert } from "../components";

/** Shown instead of everything else when the database was found damaged at start. */
export default function Recovery({ recovery, onDone }: { recovery: RecoveryView; onDone: (info: AppInfo) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const act = async (restore: boolean) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await call(restore ? commands.restoreBackup() : commands.dismissRecovery()));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="welcome" data-testid="recovery">
      <h1>{t("recovery.title")}</h1>
      <p>{t("recovery.text")}</p>
      <p>
        {t("recovery.kept")} <code data-testid="recovery-kept">{recovery.kept}</code>
      </p>
      <p>
        {recovery.backup_day
          ? t("recovery.offer", { day: day(recovery.backup_day, currentLang()) })
          : t("recovery.noBackup")}
      </p>
      <Alert>{error}</Alert>
      <div className="actions">
        {recovery.backup_day && (
          <button className="primary" data-testid="recovery-restore" disabled={busy} onClick={() => void act(true)}>
            {t("recovery.restore")}
          </button>
        )}
        <button data-testid="recovery-dismiss" disabled={busy} onClick={() => void act(false)}>
          {t("recovery.empty")}
        </button>
      </div>
    </section>
  );
}
