// Amounts and dates as people read them: Ukrainian `1 234,56 ₴` first, English on request.
// Amounts arrive from the backend as decimal strings and are formatted as strings, so no
// amount ever passes through a float.

export type Lang = "uk" | "en";

const locales: Record<Lang, string> = { uk: "uk-UA", en: "en-GB" };

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(lang: Lang, currency: string): Intl.NumberFormat {
  const key = `${lang}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locales[lang], {
      style: "currency",
      currency,
      currencyDisplay: "narrowSymbol",
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    moneyFormats.set(key, format);
  }
  return format;
}

/** `"1234.5", "UAH"` → `1 234,50 ₴` (uk) or `₴1,234.50` (en). */
export function money(amount: string, currency: string, lang: Lang): string {
  const code = /^[A-Z]{3}$/.test(currency) ? currency : "UAH";
  // Intl takes a decimal string exactly (no rounding through a double).
  return moneyFormat(lang, code).format(amount as Intl.StringNumericLiteral);
}

/** A signed amount for the statements list: incoming `+`, outgoing `−`. */
export function signedMoney(amount: string, currency: string, direction: string, lang: Lang): string {
  const text = money(amount, currency, lang);
  return direction === "out" ? `−${text}` : `+${text}`;
}

/** `2026-11-20T14:05:00+02:00` → `20.11.2026 14:05` in the bank's own (Kyiv) time. */
export function dateTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[lang], {
    timeZone: "Europe/Kyiv",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** `2026-11-20` → `20.11.2026`. */
export function day(isoDay: string, lang: Lang): string {
  const [y, m, d] = isoDay.split("-").map(Number);
  if (!y || !m || !d) return isoDay;
  return new Intl.DateTimeFormat(locales[lang], { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}
