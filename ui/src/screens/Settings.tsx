import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { call, commands, messageOf, type Settings as SettingsT } from "../api";

type Values = Record<keyof SettingsT, string | boolean>;
const TEXT_KEYS = [
  "sync_times",
  "sync_every_minutes",
  "work_hours",
  "lookback_days",
  "first_sync_days",
  "page_limit",
  "default_expense_category",
  "notify_employees",
] as const;
const FLAG_KEYS = ["autostart", "auto_allocate"] as const;

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
      <label>
        {t("settings.language")}
        <select data-testid="setting-language" {...register("language")}>
          <option value="uk">Українська</option>
          <option value="en">English</option>
        </select>
      </label>
      {TEXT_KEYS.map((key) => (
        <label key={key}>
          {t(`settings.${key}`)}
          <input data-testid={`setting-${key}`} {...register(key)} />
        </label>
      ))}
      {FLAG_KEYS.map((key) => (
        <label key={key} className="check">
          <input type="checkbox" data-testid={`setting-${key}`} {...register(key)} />
          {t(`settings.${key}`)}
        </label>
      ))}
      {error && (
        <p role="alert" className="error" data-testid="settings-error">
          {error}
        </p>
      )}
      {notice && !formState.isDirty && (
        <p className="notice" data-testid="settings-saved">
          {notice}
        </p>
      )}
      {formState.isDirty && <p className="muted">{t("settings.unsaved")}</p>}
      <button type="submit" className="primary" data-testid="settings-save">
        {t("common.save")}
      </button>
    </form>
    </section>
  );
}
