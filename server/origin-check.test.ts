import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "./origin-check.ts";

describe("isCrossSiteWrite", () => {
  it("lets same-origin form posts through", () => {
    expect(isCrossSiteWrite("POST", "http://localhost:3000", "localhost:3000")).toBe(false);
  });
  it("refuses a post from another site", () => {
    expect(isCrossSiteWrite("POST", "https://evil.example", "localhost:3000")).toBe(true);
    expect(isCrossSiteWrite("POST", "null", "localhost:3000")).toBe(true);
  });
  it("never blocks reads", () => {
    expect(isCrossSiteWrite("GET", "https://evil.example", "localhost:3000")).toBe(false);
  });
});
