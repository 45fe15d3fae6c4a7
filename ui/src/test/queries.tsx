import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { newQueryClient } from "../queries";

/** Renders a screen as the app does: under its own query cache. */
export function renderWithQueries(ui: ReactElement) {
  return render(<QueryClientProvider client={newQueryClient()}>{ui}</QueryClientProvider>);
}
