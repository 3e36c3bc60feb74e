import { describe, expect, it } from "vitest";
import { formatQuantity, isValidQuantity, toMilli, unitLabel } from "./units.ts";

describe("quantities", () => {
  it("stores half a kilo exactly", () => {
    expect(toMilli(0.5)).toBe(500);
    expect(toMilli(0.1 + 0.2)).toBe(300);
  });
  it("accepts only whole multiples of the step", () => {
    expect(isValidQuantity(1500, 500)).toBe(true);
    expect(isValidQuantity(1200, 500)).toBe(false);
    expect(isValidQuantity(0, 500)).toBe(false);
    expect(isValidQuantity(-500, 500)).toBe(false);
  });
  it("formats with the locale's decimal separator", () => {
    expect(formatQuantity(1500, "vi")).toBe("1,5");
    expect(formatQuantity(1500, "en")).toBe("1.5");
  });
  it("names local units in both languages", () => {
    expect(unitLabel("nai", "vi")).toBe("nải");
    expect(unitLabel("chuc", "en")).toBe("ten");
  });
});
