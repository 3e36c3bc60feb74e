import { describe, expect, it } from "vitest";
import { formatVnd, parseVndInput } from "./money.ts";

describe("formatVnd", () => {
  it("shows đồng with dot thousands and the ₫ sign in Vietnamese", () => {
    expect(formatVnd(150000, "vi").replace(/\s/g, " ")).toBe("150.000 ₫");
  });
  it("never shows decimals", () => {
    expect(formatVnd(1234567, "en")).toBe("₫1,234,567");
  });
});

describe("parseVndInput", () => {
  it.each([
    ["150.000", 150000],
    ["150000", 150000],
    ["150,000", 150000],
    ["1.500.000 đ", 1500000],
    [" 300 000 ₫ ", 300000],
  ])("reads %j as %d đồng", (text, amount) => {
    expect(parseVndInput(text)).toBe(amount);
  });
  it.each(["", "abc", "15.5", "1.50.000", "-2000", "12,34"])("refuses %j", (text) => {
    expect(parseVndInput(text)).toBeNull();
  });
});
