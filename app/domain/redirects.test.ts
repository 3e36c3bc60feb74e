import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirects.ts";

describe("safeRedirect", () => {
  it("keeps paths on this site, with their query and hash", () => {
    expect(safeRedirect("/account?tab=1#x")).toBe("/account?tab=1#x");
    expect(safeRedirect("/shop/abc/orders")).toBe("/shop/abc/orders");
  });

  it("percent-encodes what a Location header cannot carry raw", () => {
    expect(safeRedirect("/tìm-kiếm?q=cà phê")).toBe("/t%C3%ACm-ki%E1%BA%BFm?q=c%C3%A0%20ph%C3%AA");
  });

  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\t\\evil.example",
    "/\n/evil.example",
    "/\r\nSet-Cookie: x=1",
    "/a\u0000b",
    "\\/evil.example",
    " /account",
    "account",
    "",
    "/".repeat(2001),
    null,
    undefined,
    42,
  ])("refuses %j and uses the fallback", (to) => {
    expect(safeRedirect(to, "/home")).toBe("/home");
  });
});
