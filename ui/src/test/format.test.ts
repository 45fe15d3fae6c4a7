import { describe, expect, it } from "vitest";
import { dateTime, day, money, signedMoney } from "../format";

// Intl separates groups and the sign with no-break spaces; people read them as spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("money", () => {
  it("reads as Ukrainians write it", () => {
    expect(plain(money("1234.56", "UAH", "uk"))).toBe("1 234,56 ₴");
    expect(plain(money("0.5", "UAH", "uk"))).toBe("0,50 ₴");
    expect(plain(money("1000000", "USD", "uk"))).toBe("1 000 000,00 $");
  });

  it("keeps every digit of amounts a float would round", () => {
    expect(plain(money("90071992547409.93", "UAH", "uk"))).toBe("90 071 992 547 409,93 ₴");
  });

  it("has an English form", () => {
    expect(money("1234.56", "UAH", "en")).toBe("₴1,234.56");
  });

  it("signs incoming and outgoing payments", () => {
    expect(plain(signedMoney("10", "UAH", "in", "uk"))).toBe("+10,00 ₴");
    expect(plain(signedMoney("10", "UAH", "out", "uk"))).toBe("−10,00 ₴");
  });
});

describe("dates", () => {
  it("shows the bank's Kyiv time whatever the offset it came with", () => {
    expect(dateTime("2026-11-20T12:05:00Z", "uk")).toBe("20.11.2026, 14:05");
    expect(dateTime("2026-07-01T00:30:00+03:00", "uk")).toBe("01.07.2026, 00:30");
  });

  it("shows a day without shifting it", () => {
    expect(day("2026-01-01", "uk")).toBe("01.01.2026");
  });
});
