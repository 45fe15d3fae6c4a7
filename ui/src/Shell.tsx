// The window around every screen: the app's state (loading, recovery, the first run), the menu,
// the bell and the demo banner. Screens are the router's (`router.tsx`).
import { Link, Outlet, useNavigate } from "@tanstack/react-router";
import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call, commands, events, messageOf, type AppInfo, type Company, type Target } from "./api";
import Bell from "./Bell";
import { Alert } from "./components";
import { setLanguage } from "./i18n";
import { keys, useBackendChanges } from "./queries";
import { useQuery } from "@tanstack/react-query";
import { routeOf, SCREENS } from "./routes";
import Recovery from "./screens/Recovery";
import Welcome from "./screens/Welcome";

type ShellState = {
  info: AppInfo;
  /** Every company, by name. */
  companies: Company[];
  /** The company the switcher chose; none: all of them. Every screen shows only its rows. */
  company: Company | null;
  /** Reads the app's state again (after a merchant was added or removed). */
  refresh: () => Promise<void>;
  /** The first run's "add an account" form is open. */
  adding: boolean;
  setAdding: (adding: boolean) => void;
};
/** How many times a notice's target was opened, to tell one opening from the next. */
let openings = 0;

const ShellContext = createContext<ShellState | null>(null);

/** The app's state, for the screens that depend on it. */
export function useShell(): ShellState {
  const state = useContext(ShellContext);
  if (!state) throw new Error("useShell outside the shell");
  return state;
}

export default function Shell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const companies = useQuery({ queryKey: keys.companies, queryFn: () => call(commands.listCompanies()) }).data ?? [];
  const [companyId, setCompanyId] = useState<number | null>(null);
  const company = companies.find((c) => c.id === companyId) ?? null;

  useBackendChanges();

  // Each opening is a new history entry, even of the route already shown: the screen opens the
  // row again (`useFocus`).
  const open = useCallback(
    (target: Target) => void navigate({ ...routeOf(target), state: { opened: ++openings } }),
    [navigate],
  );

  useEffect(() => {
    const unlisten = events.navigate.listen((e) => open(e.payload.target));
    return () => {
      void unlisten.then((f) => f());
    };
  }, [open]);

  // The team's server stopped answering (and when it is back): said at once, until it is.
  const [serverProblem, setServerProblem] = useState<string | null>(null);
  useEffect(() => {
    const unlisten = events.teamServer.listen((e) => setServerProblem(e.payload.reachable ? null : (e.payload.problem ?? "")));
    return () => {
      void unlisten.then((f) => f());
    };
  }, []);

  // What `--open` asked for is opened once the app's state is read; the latest `open` is used
  // without making `refresh` change (and re-run) on every navigation.
  const openRef = useRef(open);
  openRef.current = open;
  const refresh = useCallback(async () => {
    try {
      const next = await call(commands.appInfo());
      setLanguage(next.language);
      setInfo(next);
      if (next.open) openRef.current(next.open);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);

  // Once, when the window opens.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const setDemo = async (on: boolean) => {
    try {
      setInfo(await call(commands.setDemo(on)));
      void navigate({ to: "/statements" });
    } catch (e) {
      setError(messageOf(e));
    }
  };

  if (error && !info) return <Alert>{error}</Alert>;
  if (!info) return <p className="muted">{t("common.loading")}</p>;

  if (info.recovery) return <Recovery recovery={info.recovery} onDone={setInfo} />;

  if (info.merchants === 0 && !adding) {
    return (
      <Welcome
        onAdd={() => {
          setAdding(true);
          void navigate({ to: "/merchants" });
        }}
        onDemo={() => void setDemo(true)}
      />
    );
  }

  return (
    <ShellContext.Provider value={{ info, companies, company, refresh, adding, setAdding }}>
      <div className="app">
        <header>
          <h1>{t("app.title")}</h1>
          <nav>
            {SCREENS.map((s) => (
              <Link key={s} to={`/${s}`} data-testid={`nav-${s}`} className="nav" activeProps={{ className: "nav active" }}>
                {t(`nav.${s}`)}
              </Link>
            ))}
          </nav>
          {companies.length > 1 && (
            <select
              className="company-switcher"
              data-testid="company-switcher"
              aria-label={t("companies.switcher")}
              value={company?.id ?? ""}
              onChange={(e) => setCompanyId(e.target.value === "" ? null : Number(e.target.value))}
            >
              <option value="">{t("companies.all")}</option>
              {companies.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
          <Bell onOpen={open} />
          {info.demo && (
            <div className="demo-banner" data-testid="demo-banner">
              {t("app.demo")} <button onClick={() => void setDemo(false)}>{t("app.leaveDemo")}</button>
            </div>
          )}
        </header>
        {serverProblem && (
          <p role="alert" className="error" data-testid="team-server-away">
            {serverProblem}
          </p>
        )}
        {error && (
          <p role="alert" className="error" onClick={() => setError(null)}>
            {error}
          </p>
        )}
        <main>
          <Outlet />
        </main>
      </div>
    </ShellContext.Provider>
  );
}
