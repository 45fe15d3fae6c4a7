// The backend as the window's tests see it (mocked for every test in `setup.ts`): what the
// window asks is recorded by `invoke`, whose answers a test sets, and `listeners` holds what
// the window listens to, so a test can say "a sync finished".
import { vi } from "vitest";

export const invoke = vi.fn();
export const listeners = new Map<string, (event: { payload: unknown }) => void>();
