// The window's screens as routes. A notice's target (`statements:42`, what `--open` takes and a
// clicked notification opens) is the route `/statements?id=42`: the bell, a notification and
// `--open` all navigate the same way, and the screen opens what the route names.
import {
  createHashHistory,
  createRootRoute,
  createRoute,
  createRouter,
  redirect,
  useLocation,
  useSearch,
  type RouterHistory,
} from "@tanstack/react-router";
import { useMemo } from "react";
import { focusSearch, type Focus, type Screen } from "./routes";
import Shell, { useShell } from "./Shell";
import Categories from "./screens/Categories";
import Companies from "./screens/Companies";
import Invoices from "./screens/Invoices";
import Merchants from "./screens/Merchants";
import Review from "./screens/Review";
import Settings from "./screens/Settings";
import Statements from "./screens/Statements";
import SyncStatus from "./screens/SyncStatus";
import { setLanguage } from "./i18n";

/**
 * The row the route names, as a new object on every navigation: opening the same notification
 * twice opens its row again even when the screen had closed it in between.
 */
function useFocus(): { id: number } | null {
  const { id } = useSearch({ strict: false }) as Focus;
  const at = useLocation({ select: (l) => l.state.__TSR_key });
  return useMemo(() => (id != null ? { id } : null), [id, at]);
}

const root = createRootRoute({ component: Shell });
const page = (path: Screen, component: () => React.ReactNode, withFocus = false) =>
  createRoute({ getParentRoute: () => root, path, component, ...(withFocus ? { validateSearch: focusSearch } : {}) });

function StatementsPage() {
  const { info, company } = useShell();
  return <Statements key={String(info.demo)} focus={useFocus()} company={company?.name ?? null} />;
}
function InvoicesPage() {
  const { company, companies } = useShell();
  return <Invoices focus={useFocus()} company={company} named={companies.length > 1} />;
}
function ReviewPage() {
  const { company } = useShell();
  return <Review company={company?.name ?? null} />;
}
function MerchantsPage() {
  const { adding, refresh, setAdding, company, companies } = useShell();
  return (
    <Merchants
      startAdding={adding}
      company={company}
      companies={companies}
      onChanged={() => {
        // Leave the first-run "adding" state only once the new count is known, or the
        // welcome screen would flash back in between.
        void refresh().then(() => setAdding(false));
      }}
    />
  );
}

const tree = root.addChildren([
  createRoute({
    getParentRoute: () => root,
    path: "/",
    beforeLoad: () => {
      throw redirect({ to: "/statements", replace: true });
    },
  }),
  page("statements", StatementsPage, true),
  page("invoices", InvoicesPage, true),
  page("review", ReviewPage, true),
  page("categories", Categories),
  page("merchants", MerchantsPage, true),
  page("companies", Companies),
  page("sync", SyncStatus),
  page("settings", () => <Settings onSaved={(lang) => setLanguage(lang)} />),
]);

/** The router over the window's address (`#/statements?id=42`), or over a test's history. */
export function newRouter(history: RouterHistory = createHashHistory()) {
  return createRouter({ routeTree: tree, history, defaultPreload: false });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof newRouter>;
  }
}
