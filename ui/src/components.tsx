// Small parts every screen uses, so that each looks and behaves the same everywhere.
import type { InputHTMLAttributes, ReactNode } from "react";

/** A mistake or a refusal, read out by screen readers; nothing when there is none. */
export function Alert({ children, testid, wide }: { children: ReactNode; testid?: string; wide?: boolean }) {
  if (children == null || children === false || children === "") return null;
  return (
    <p role="alert" className={wide ? "error wide" : "error"} data-testid={testid}>
      {children}
    </p>
  );
}

/** What just went right ("Збережено."); nothing when there is nothing to say. */
export function Notice({ children, testid }: { children: ReactNode; testid?: string }) {
  if (children == null || children === false || children === "") return null;
  return (
    <p className="notice" role="status" data-testid={testid}>
      {children}
    </p>
  );
}

/** A search field: the value as typed goes to `onText`. */
export function SearchInput({
  text,
  onText,
  ...rest
}: { text: string; onText: (text: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type">) {
  return <input type="search" className="search" value={text} onChange={(e) => onText(e.target.value)} {...rest} />;
}
