import "@testing-library/jest-dom/vitest";
import { beforeEach, vi } from "vitest";
import { invoke, listeners } from "./backend";

vi.mock("@tauri-apps/api/core", async () => {
  const backend = await import("./backend");
  return { invoke: (...args: unknown[]) => backend.invoke(...args) };
});
vi.mock("@tauri-apps/api/event", async () => {
  const backend = await import("./backend");
  return {
    listen: (name: string, cb: (event: { payload: unknown }) => void) => {
      backend.listeners.set(name, cb);
      return Promise.resolve(() => backend.listeners.delete(name));
    },
  };
});

beforeEach(() => {
  invoke.mockReset();
  listeners.clear();
});
