// The backend, through the generated bindings: a command's error becomes a thrown `AppError`
// carrying the backend's code and its message in the user's language.
import type { Code, CommandError } from "./bindings";

export { commands, events, SETTINGS } from "./bindings";
export type * from "./bindings";

export class AppError extends Error {
  readonly code: Code;
  constructor(error: CommandError) {
    super(error.message);
    this.code = error.code;
  }
}

type Reply<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

export async function call<T>(reply: Promise<Reply<T>>): Promise<T> {
  const r = await reply;
  if (r.status === "error") throw new AppError(r.error);
  return r.data;
}

export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === "string") return e;
  return JSON.stringify(e);
}
