import { describe, expect, it } from "vitest";
import { accentedWords, foldedWords, typoBudget, typoDistance } from "./search-text.ts";

describe("words", () => {
  it("splits on anything that is not a letter or digit, keeping or folding accents", () => {
    expect(accentedWords("Nước mắm Cà Ná, 40°N!")).toEqual(["nước", "mắm", "cà", "ná", "40", "n"]);
    expect(foldedWords("Đặc sản Khánh Hòa")).toEqual(["dac", "san", "khanh", "hoa"]);
  });
});

describe("typo rules", () => {
  it("allows no typo under 5 letters, one from 5, two from 9", () => {
    expect(typoBudget("xoai")).toBe(0);
    expect(typoBudget("huong")).toBe(1);
    expect(typoBudget("chocolate")).toBe(2);
  });
  it("counts an adjacent swap as one typo", () => {
    expect(typoDistance("huogn", "huong", 2)).toBe(1);
  });
  it("counts an edit of the first letter as two", () => {
    expect(typoDistance("buong", "huong", 2)).toBe(2);
    expect(typoDistance("thanh", "tranh", 2)).toBe(1);
  });
  it("stops early when beyond the budget", () => {
    expect(typoDistance("mango", "xoai", 1)).toBe(2);
  });
});
