import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "./origin-check.ts";

const site = new Set(["https://chophien.vn", "http://localhost:3000"]);

describe("isCrossSiteWrite", () => {
  it("lets form posts from the site's own origins through", () => {
    expect(isCrossSiteWrite("POST", "https://chophien.vn", site)).toBe(false);
    expect(isCrossSiteWrite("POST", "http://localhost:3000", site)).toBe(false);
  });
  it("refuses a post from another site", () => {
    expect(isCrossSiteWrite("POST", "https://evil.example", site)).toBe(true);
    expect(isCrossSiteWrite("POST", "null", site)).toBe(true);
    expect(isCrossSiteWrite("POST", "not a url", site)).toBe(true);
  });
  it("compares with the configured origins, not with whatever Host the request names", () => {
    // The old check passed when Origin matched Host; both come from the client.
    expect(isCrossSiteWrite("POST", "https://evil.example", new Set(["https://chophien.vn"]))).toBe(true);
    // Another scheme or port is another origin.
    expect(isCrossSiteWrite("POST", "http://chophien.vn", site)).toBe(true);
    expect(isCrossSiteWrite("POST", "http://localhost:3001", site)).toBe(true);
  });
  it("never blocks reads", () => {
    expect(isCrossSiteWrite("GET", "https://evil.example", site)).toBe(false);
  });
});
