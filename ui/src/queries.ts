import { QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { events } from "./api";

/**
 * What the window has fetched from the backend, cached by key. The backend says when the data
 * changed (a sync finished, new notices, a change made in another window): every query is then
 * fetched again if shown, so no screen goes stale while a background sync runs.
 */
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The backend is on this computer: its answers are fresh until it says otherwise.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: Infinity },
    },
  });
}

/** Query keys: one per backend read, so a change can name what it touched. */
export const keys = {
  invoices: ["list_invoices"] as const,
  reviewQueue: ["review_queue"] as const,
  merchants: ["list_merchants"] as const,
  categories: ["list_categories"] as const,
  statements: ["list_statements"] as const,
  summary: ["statement_summary"] as const,
  syncState: ["sync_state"] as const,
  syncRuns: ["sync_runs"] as const,
  notices: ["list_notices"] as const,
  employees: ["list_employees"] as const,
  companies: ["list_companies"] as const,
  team: ["team_status"] as const,
};

/** Refetches every query when the backend tells of a change. Mounted once, in the app. */
export function useBackendChanges(): void {
  const client = useQueryClient();
  useEffect(() => {
    const invalidate = () => void client.invalidateQueries();
    const stops = [
      events.syncFinished.listen(invalidate),
      events.noticesChanged.listen(invalidate),
      // Another desktop of the team changed the books.
      events.booksChanged.listen(invalidate),
    ];
    return () => {
      for (const stop of stops) void stop.then((f) => f());
    };
  }, [client]);
}
