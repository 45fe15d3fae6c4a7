import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  call,
  commands,
  messageOf,
  type Category,
  type Cursor,
  type Invoice,
  type StatementQuery,
  type StatementRow,
  type Summary,
} from "../api";
import { dateTime, day, money, signedMoney } from "../format";
import { currentLang } from "../i18n";
import { matchInvoices } from "../ledger";
import { Alert, SearchInput } from "../components";
import { keys } from "../queries";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";

const PAGE = 200;
const ROW_HEIGHT = 36;

export const emptyQuery: StatementQuery = {
  merchant: null,
  company: null,
  from: null,
  to: null,
  direction: null,
  state: null,
  search: null,
  allocated: null,
  category: null,
};

/** Waits for typing to pause before asking again. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const column = createColumnHelper<StatementRow>();

/**
 * `focus`: the payment to open, a new object each time it is asked for; `company`: the company
 * the switcher chose (its name; none: all).
 */
export default function Statements({
  focus = null,
  company = null,
}: {
  focus?: { id: number } | null;
  company?: string | null;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const client = useQueryClient();
  const [query, setQuery] = useState<StatementQuery>(emptyQuery);
  const [searchText, setSearchText] = useState("");
  const search = useDebounced(searchText, 250);
  const effective = useMemo(() => ({ ...query, company, search: search.trim() || null }), [query, company, search]);
  const [picked, setSelected] = useState<StatementRow | null>(null);
  const [error, setError] = useState<string | null>(null);

  const merchants = useQuery({ queryKey: keys.merchants, queryFn: () => call(commands.listMerchants()) }).data ?? [];
  const categories = useQuery({ queryKey: keys.categories, queryFn: () => call(commands.listCategories()) }).data?.categories ?? [];
  // The rows come page by page as the list is scrolled; the totals of the whole filtered set
  // follow on their own. A finished sync refetches both (`useBackendChanges`).
  const pages = useInfiniteQuery({
    queryKey: [...keys.statements, effective],
    queryFn: ({ pageParam }) => call(commands.listStatements(effective, pageParam, PAGE)),
    initialPageParam: null as Cursor | null,
    getNextPageParam: (last) => last.next,
  });
  const summary = useQuery({ queryKey: [...keys.summary, effective], queryFn: () => call(commands.statementSummary(effective)) }).data;
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.rows) ?? [], [pages.data]);
  // The open row as last read: a refetch (a sync, a category set) shows its new state.
  const selected = picked ? (rows.find((r) => r.id === picked.id) ?? picked) : null;
  const shownError = error ?? (pages.error ? messageOf(pages.error) : null);

  // Opened from a notification: show that payment's details.
  useEffect(() => {
    if (focus == null) return;
    call(commands.getStatement(focus.id)).then(setSelected, (e) => setError(messageOf(e)));
  }, [focus]);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const columns = useMemo(
    () => [
      column.accessor("posted_at", {
        header: () => t("statements.date"),
        cell: (c) => dateTime(c.getValue(), lang),
        size: 140,
      }),
      column.accessor("merchant", { header: () => t("statements.merchant"), size: 150 }),
      column.accessor("counterparty_name", { header: () => t("statements.counterparty"), size: 220 }),
      column.accessor("purpose", { header: () => t("statements.purpose"), size: 380 }),
      column.accessor("amount", {
        header: () => t("statements.amount"),
        cell: (c) => signedMoney(c.getValue(), c.row.original.currency, c.row.original.direction, lang),
        size: 150,
      }),
      column.accessor("state", { header: () => t("statements.state"), cell: (c) => t(`states.${c.getValue()}`), size: 110 }),
      column.accessor("invoices", {
        header: () => t("statements.invoices"),
        cell: (c) => c.getValue().join(", "),
        size: 120,
      }),
      column.accessor("category", { header: () => t("statements.category"), size: 140 }),
    ],
    [t, lang],
  );

  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => String(r.id) });
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : 0;
  useEffect(() => {
    if (lastIndex >= rows.length - 40) loadMore();
  }, [lastIndex, rows.length, loadMore]);

  const set = (patch: Partial<StatementQuery>) => setQuery((q) => ({ ...q, ...patch }));
  const value = (s: string) => (s === "" ? null : s);
  const tableRows = table.getRowModel().rows;

  return (
    <section className="statements">
      <div className="filters" data-testid="filters">
        <select aria-label={t("statements.merchant")} data-testid="filter-merchant" value={query.merchant ?? ""} onChange={(e) => set({ merchant: value(e.target.value) })}>
          <option value="">{t("statements.merchant")}: {t("common.all")}</option>
          {merchants.map((m) => (
            <option key={m.merchant.id} value={m.merchant.name}>
              {m.merchant.name}
            </option>
          ))}
        </select>
        <label>
          {t("statements.from")}{" "}
          <input type="date" data-testid="filter-from" value={query.from ?? ""} onChange={(e) => set({ from: value(e.target.value) })} />
        </label>
        <label>
          {t("statements.to")} <input type="date" data-testid="filter-to" value={query.to ?? ""} onChange={(e) => set({ to: value(e.target.value) })} />
        </label>
        <select aria-label={t("statements.direction")} data-testid="filter-direction" value={query.direction ?? ""} onChange={(e) => set({ direction: value(e.target.value) })}>
          <option value="">{t("statements.direction")}: {t("common.all")}</option>
          <option value="in">{t("statements.in")}</option>
          <option value="out">{t("statements.out")}</option>
        </select>
        <select aria-label={t("statements.state")} data-testid="filter-state" value={query.state ?? ""} onChange={(e) => set({ state: value(e.target.value) })}>
          <option value="">{t("statements.state")}: {t("common.all")}</option>
          {["pending", "posted", "reversed", "rejected"].map((s) => (
            <option key={s} value={s}>
              {t(`states.${s}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t("statements.allocated")}
          data-testid="filter-allocated"
          value={query.allocated === null ? "" : String(query.allocated)}
          onChange={(e) => set({ allocated: e.target.value === "" ? null : e.target.value === "true" })}
        >
          <option value="">{t("statements.allocated")}: {t("common.all")}</option>
          <option value="true">{t("statements.allocatedYes")}</option>
          <option value="false">{t("statements.allocatedNo")}</option>
        </select>
        <select aria-label={t("statements.category")} data-testid="filter-category" value={query.category ?? ""} onChange={(e) => set({ category: value(e.target.value) })}>
          <option value="">{t("statements.category")}: {t("common.all")}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
        <SearchInput
          text={searchText}
          onText={setSearchText}
          data-testid="filter-search"
          placeholder={t("statements.search")}
        />
        <button
          data-testid="filter-reset"
          onClick={() => {
            setQuery(emptyQuery);
            setSearchText("");
          }}
        >
          {t("statements.reset")}
        </button>
      </div>

      <Alert>{shownError}</Alert>
      {summary && <SummaryBar summary={summary} />}

      <div className="table-and-detail">
        <div className="table" role="table" data-testid="statements-table">
          <div className="thead" role="rowgroup">
            {table.getHeaderGroups().map((g) => (
              <div className="tr" role="row" key={g.id}>
                {g.headers.map((h) => (
                  <div className="th" role="columnheader" key={h.id} style={{ width: h.getSize() }}>
                    {flexRender(h.column.columnDef.header, h.getContext())}
                  </div>
                ))}
              </div>
            ))}
          </div>
          <div className="tbody" ref={scroller} role="rowgroup">
            {rows.length === 0 && <p className="muted empty">{t("statements.empty")}</p>}
            <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
              {items.map((item) => {
                const row = tableRows[item.index];
                if (!row) return null;
                return (
                  <div
                    key={row.id}
                    role="row"
                    data-testid="statement-row"
                    data-key={row.original.key}
                    className={`tr ${row.original.direction} ${row.original.state} ${selected?.id === row.original.id ? "selected" : ""}`}
                    style={{ position: "absolute", top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                    onClick={() => setSelected(row.original)}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <div className={`td ${cell.column.id}`} role="cell" key={cell.id} style={{ width: cell.column.getSize() }} title={String(cell.getValue() ?? "")}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </div>
                    ))}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
        {selected && (
          <Detail row={selected} categories={categories} onChanged={() => void client.invalidateQueries()} onClose={() => setSelected(null)} />
        )}
      </div>
    </section>
  );
}

export function SummaryBar({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <div className="summary" data-testid="summary">
      <span className="count" data-testid="summary-count">
        {t("statements.count", { count: summary.totals.count })}
      </span>
      {Object.entries(summary.totals.per_currency).map(([currency, c]) => (
        <span className="currency-totals" key={currency} data-testid={`totals-${currency}`}>
          <b>{currency}</b> {t("statements.totalIn")}: <span className="in" data-testid={`total-in-${currency}`}>{money(c.incoming, currency, lang)}</span>{" "}
          {t("statements.totalOut")}: <span className="out" data-testid={`total-out-${currency}`}>{money(c.outgoing, currency, lang)}</span>{" "}
          {t("statements.net")}: <span data-testid={`total-net-${currency}`}>{money(c.net, currency, lang)}</span>
        </span>
      ))}
      {summary.balances.map((b) => (
        <span className="balance" key={b.account} data-testid="period-balance">
          {b.merchant ?? b.account}: {t("statements.opening")} {day(b.first_day, lang)} {money(b.opening, b.currency, lang)} → {t("statements.closing")}{" "}
          {day(b.last_day, lang)} {money(b.closing, b.currency, lang)}
        </span>
      ))}
    </div>
  );
}

function Detail({
  row,
  categories,
  onChanged,
  onClose,
}: {
  row: StatementRow;
  categories: Category[];
  onChanged: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setFields(null);
    setError(null);
    call(commands.statementFields(row.id)).then(
      (f) => setFields(f as Record<string, string>),
      (e) => setError(messageOf(e)),
    );
  }, [row.id]);
  const act = async (action: Promise<unknown>) => {
    setError(null);
    try {
      await action;
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <aside className="detail" data-testid="statement-detail">
      <header>
        <h2>{t("statements.details")}</h2>
        <button onClick={onClose}>{t("common.close")}</button>
      </header>
      <Alert>{error}</Alert>
      {row.direction === "in" && row.state === "posted" && <Allocation row={row} act={act} />}
      {row.direction === "out" && (
        <label className="category-pick">
          {t("statements.category")}{" "}
          <select
            data-testid="detail-category"
            value={row.category ?? ""}
            onChange={(e) => void act(call(commands.setCategory(row.id, e.target.value || null)))}
          >
            <option value="">{t("statements.categoryAuto")}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <dl>
        {fields &&
          Object.entries(fields).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
    </aside>
  );
}

/** An incoming payment's invoices: remove one, or allocate to another found by number, customer or amount. */
function Allocation({ row, act }: { row: StatementRow; act: (a: Promise<unknown>) => Promise<void> }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const [invoices, setInvoices] = useState<Invoice[]>([]);
  const [text, setText] = useState("");
  useEffect(() => {
    call(commands.listInvoices()).then(setInvoices, () => setInvoices([]));
  }, [row.id, row.invoices.length]);
  const linked = invoices.filter((i) => row.invoices.includes(i.number));
  const open = invoices.filter((i) => i.status !== "cancelled" && !row.invoices.includes(i.number));
  const found = text.trim() ? matchInvoices(open, text).slice(0, 8) : [];
  return (
    <div className="allocation" data-testid="allocation">
      <h3>{t("statements.invoices")}</h3>
      {linked.length === 0 && <p className="muted">{t("statements.notAllocated")}</p>}
      {linked.map((i) => (
        <div key={i.id} className="linked" data-testid="allocation-invoice">
          № {i.number} · {i.customer_name} · {money(i.amount, i.currency, lang)}{" "}
          <button data-testid="allocation-remove" onClick={() => void act(call(commands.unallocatePayment(row.id, i.id)))}>
            {t("statements.unallocate")}
          </button>
        </div>
      ))}
      <SearchInput
        text={text}
        onText={setText}
        data-testid="allocation-search"
        placeholder={t("statements.findInvoice")}
      />
      {found.map((i) => (
        <div key={i.id} className="candidate">
          № {i.number} · {i.customer_name} · {money(i.amount, i.currency, lang)} ({t(`invoiceStatus.${i.status}`)}){" "}
          <button
            className="primary"
            data-testid="allocation-pick"
            onClick={() => {
              setText("");
              void act(call(commands.allocatePayment(row.id, i.id, null)));
            }}
          >
            {t("statements.allocate")}
          </button>
        </div>
      ))}
    </div>
  );
}
