import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call, commands, type Notice, type Target } from "./api";
import { dateTime } from "./format";
import { currentLang } from "./i18n";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "./queries";

/** The bell: recent notices, so a dismissed popup is not lost; a click opens what it is about. */
export default function Bell({ onOpen }: { onOpen: (target: Target) => void }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const client = useQueryClient();
  // Refetched when the backend tells of new notices (`useBackendChanges`).
  const notices: Notice[] = useQuery({ queryKey: keys.notices, queryFn: () => call(commands.listNotices()).catch(() => []) }).data ?? [];
  const [open, setOpen] = useState(false);


  const unread = notices.filter((n) => !n.read).length;
  const pick = async (n: Notice) => {
    setOpen(false);
    await call(commands.markNoticesRead(n.id)).catch(() => undefined);
    void client.invalidateQueries({ queryKey: keys.notices });
    onOpen(n.target);
  };

  return (
    <div className="bell">
      <button data-testid="bell" aria-label={t("bell.title")} onClick={() => setOpen(!open)}>
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && <span className="badge" data-testid="bell-unread">{unread}</span>}
      </button>
      {open && (
        <div className="bell-list" data-testid="bell-list" role="dialog">
          <header>
            <b>{t("bell.title")}</b>
            {unread > 0 && (
              <button onClick={() => void call(commands.markNoticesRead(null)).then(() => client.invalidateQueries({ queryKey: keys.notices }))}>{t("bell.allRead")}</button>
            )}
          </header>
          {notices.length === 0 && <p className="muted">{t("bell.empty")}</p>}
          <ul>
            {notices.map((n) => (
              <li key={n.id} className={n.read ? "read" : "unread"} data-testid="bell-item" onClick={() => void pick(n)}>
                <div className="title">{n.title}</div>
                <div>{n.body}</div>
                <div className="muted">
                  {dateTime(n.created_at, lang)}
                  {n.delivery_error && <span className="error-text"> · {n.delivery_error}</span>}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
