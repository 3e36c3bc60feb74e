import { describe, expect, it } from "vitest";
import { normalizeHost, siteAddresses } from "./host-check.ts";

const base = { NODE_ENV: "production" as const, PORT: 3000, ALLOWED_HOSTS: [] as string[] };

describe("siteAddresses", () => {
  it("is PUBLIC_URL's host and ALLOWED_HOSTS in production", () => {
    const site = siteAddresses({
      ...base,
      publicUrl: "https://chophien.vn",
      ALLOWED_HOSTS: ["www.chophien.vn"],
    });
    expect([...site.hosts]).toEqual(["chophien.vn", "www.chophien.vn"]);
    expect([...site.origins]).toEqual(["https://chophien.vn", "https://www.chophien.vn"]);
  });

  it("adds the loopback names on PORT in development and test", () => {
    for (const NODE_ENV of ["development", "test"] as const) {
      const site = siteAddresses({ ...base, NODE_ENV, publicUrl: "https://chophien.vn" });
      expect(site.hosts).toEqual(new Set(["chophien.vn", "localhost:3000", "127.0.0.1:3000", "[::1]:3000"]));
      expect(site.origins.has("http://127.0.0.1:3000")).toBe(true);
    }
  });

  it("adds them in production when PUBLIC_URL is itself a loopback address (the default)", () => {
    const site = siteAddresses({ ...base, publicUrl: "http://localhost:3100", PORT: 3100 });
    expect(site.hosts.has("127.0.0.1:3100")).toBe(true);
    expect(site.hosts.has("127.0.0.1:3000")).toBe(false);
  });
});

describe("normalizeHost", () => {
  it("lower-cases and drops the scheme's default port", () => {
    expect(normalizeHost("ChoPhien.VN:443", "https:")).toBe("chophien.vn");
    expect(normalizeHost("chophien.vn:80", "http:")).toBe("chophien.vn");
    expect(normalizeHost("[::1]:3000", "http:")).toBe("[::1]:3000");
  });
  it.each(["evil.example/path", "a@evil.example", "evil.example:99999", "", " chophien.vn", "a b"])(
    "refuses %j",
    (value) => {
      expect(normalizeHost(value, "https:")).toBeNull();
    },
  );
});
