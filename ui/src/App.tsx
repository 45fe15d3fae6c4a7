import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call, commands, events, messageOf, type AppInfo, type Target } from "./api";
import Bell from "./Bell";
import { useBackendChanges } from "./queries";
import { setLanguage } from "./i18n";
import Categories from "./screens/Categories";
import Invoices from "./screens/Invoices";
import Merchants from "./screens/Merchants";
import Recovery from "./screens/Recovery";
import Review from "./screens/Review";
import Settings from "./screens/Settings";
import Statements from "./screens/Statements";
import SyncStatus from "./screens/SyncStatus";
import Welcome from "./screens/Welcome";

type Screen = "statements" | "invoices" | "review" | "categories" | "merchants" | "sync" | "settings";
const screens: Screen[] = ["statements", "invoices", "review", "categories", "merchants", "sync", "settings"];

export default function App() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [screen, setScreen] = useState<Screen>("statements");
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  // What a clicked notification (or the bell) asked to show; a new object each time, so the
  // same target twice still reopens it.
  const [focus, setFocus] = useState<{ target: Target } | null>(null);

  useBackendChanges();

  const open = useCallback((target: Target) => {
    setScreen(screens.includes(target.screen as Screen) ? (target.screen as Screen) : "statements");
    setFocus({ target });
  }, []);

  useEffect(() => {
    const unlisten = events.navigate.listen((e) => open(e.payload.target));
    return () => {
      void unlisten.then((f) => f());
    };
  }, [open]);

  const refresh = useCallback(async () => {
    try {
      const next = await call(commands.appInfo());
      setLanguage(next.language);
      setInfo(next);
      if (next.open) open(next.open);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [open]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const setDemo = async (on: boolean) => {
    try {
      setInfo(await call(commands.setDemo(on)));
      setScreen("statements");
    } catch (e) {
      setError(messageOf(e));
    }
  };

  if (error && !info) return <p role="alert" className="error">{error}</p>;
  if (!info) return <p className="muted">{t("common.loading")}</p>;

  if (info.recovery) return <Recovery recovery={info.recovery} onDone={setInfo} />;

  if (info.merchants === 0 && !adding) {
    return (
      <Welcome
        onAdd={() => {
          setAdding(true);
          setScreen("merchants");
        }}
        onDemo={() => void setDemo(true)}
      />
    );
  }

  return (
    <div className="app">
      <header>
        <h1>{t("app.title")}</h1>
        <nav>
          {screens.map((s) => (
            <button
              key={s}
              data-testid={`nav-${s}`}
              className={s === screen ? "active" : ""}
              onClick={() => setScreen(s)}
            >
              {t(`nav.${s}`)}
            </button>
          ))}
        </nav>
        <Bell onOpen={open} />
        {info.demo && (
          <div className="demo-banner" data-testid="demo-banner">
            {t("app.demo")} <button onClick={() => void setDemo(false)}>{t("app.leaveDemo")}</button>
          </div>
        )}
      </header>
      {error && (
        <p role="alert" className="error" onClick={() => setError(null)}>
          {error}
        </p>
      )}
      <main>
        {screen === "statements" && (
          <Statements key={String(info.demo)} focus={focus?.target.screen === "statements" ? focus.target.id : null} />
        )}
        {screen === "invoices" && <Invoices focus={focus?.target.screen === "invoices" ? focus.target.id : null} />}
        {screen === "review" && <Review />}
        {screen === "categories" && <Categories />}
        {screen === "merchants" && (
          <Merchants
            startAdding={adding}
            onChanged={() => {
              // Leave the first-run "adding" state only once the new count is known, or the
              // welcome screen would flash back in between.
              void refresh().then(() => setAdding(false));
            }}
          />
        )}
        {screen === "sync" && <SyncStatus />}
        {screen === "settings" && <Settings onSaved={(lang) => setLanguage(lang)} />}
      </main>
    </div>
  );
}
