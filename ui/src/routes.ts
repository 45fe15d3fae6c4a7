// The window's addresses: the menu's screens and the route of a notice's target.
import type { Screen as TargetScreen, Target } from "./api";

/** The screens of the menu, in its order. */
export const SCREENS = ["statements", "invoices", "review", "categories", "merchants", "companies", "sync", "settings"] as const;
export type Screen = (typeof SCREENS)[number];

/** What a route says to open on its screen: `?id=42`. */
export type Focus = { id?: number };
export const focusSearch = (search: Record<string, unknown>): Focus => {
  const id = Number(search.id);
  return Number.isSafeInteger(id) && id > 0 ? { id } : {};
};

/** The route of a notice's target. */
export function routeOf(target: Target): { to: `/${TargetScreen}`; search: Focus } {
  return { to: `/${target.screen}`, search: target.id != null ? { id: target.id } : {} };
}


declare module "@tanstack/history" {
  interface HistoryState {
    /** When a notice's target was opened (a new value for each opening). */
    opened?: number;
  }
}
