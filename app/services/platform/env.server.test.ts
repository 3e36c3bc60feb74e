import { describe, expect, it } from "vitest";
import { InvalidEnvError, parseEnv } from "./env.server.ts";

const secret = "x".repeat(32);

describe("parseEnv", () => {
  it("defaults to an embedded SQLite file and port 3000", () => {
    const env = parseEnv({ SESSION_SECRET: secret });
    expect(env.DATABASE_URL).toBe("file:./data/cho-phien.db");
    expect(env.databaseProvider).toBe("sqlite");
    expect(env.PORT).toBe(3000);
    expect(env.migrateOnStart).toBe(true);
  });
  it("chooses PostgreSQL by the URL alone, without migrating on start", () => {
    const env = parseEnv({ SESSION_SECRET: secret, DATABASE_URL: "postgresql://u@h/db" });
    expect(env.databaseProvider).toBe("postgresql");
    expect(env.migrateOnStart).toBe(false);
  });
  it("secures cookies in production unless told otherwise", () => {
    expect(parseEnv({ SESSION_SECRET: secret, NODE_ENV: "production" }).cookieSecure).toBe(true);
    expect(
      parseEnv({ SESSION_SECRET: secret, NODE_ENV: "production", COOKIE_SECURE: "false" }).cookieSecure,
    ).toBe(false);
  });
  it("names the malformed variable in one line", () => {
    const attempt = () => parseEnv({ SESSION_SECRET: secret, DATABASE_URL: "mysql://x" });
    expect(attempt).toThrow(InvalidEnvError);
    expect(attempt).toThrow(/^Invalid configuration: DATABASE_URL must start with file:/);
    expect(() => parseEnv({ SESSION_SECRET: secret, PORT: "abc" })).toThrow(/PORT/);
  });
  it("requires a long session secret, and accepts several for rotation", () => {
    expect(() => parseEnv({})).toThrow(/SESSION_SECRET is required/);
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET/);
    expect(parseEnv({ SESSION_SECRET: `${secret},${"y".repeat(40)}` }).SESSION_SECRET).toHaveLength(2);
  });
});

describe("parseEnv: listening, proxies and the public address", () => {
  it("listens on 127.0.0.1 and believes no proxy by default", () => {
    const env = parseEnv({ SESSION_SECRET: secret, NODE_ENV: "production" });
    expect(env.HOST).toBe("127.0.0.1");
    expect(env.trustProxy).toBe(false);
    expect(env.ALLOWED_HOSTS).toEqual([]);
    expect(env.publicUrl).toBe("http://localhost:3000");
  });
  it("takes TRUST_PROXY as Express does: names, addresses, CIDR ranges or a hop count", () => {
    const trust = (TRUST_PROXY: string) => parseEnv({ SESSION_SECRET: secret, TRUST_PROXY }).trustProxy;
    expect(trust("loopback")).toEqual(["loopback"]);
    expect(trust("loopback, 10.0.0.0/8, fd00::1")).toEqual(["loopback", "10.0.0.0/8", "fd00::1"]);
    expect(trust("1")).toBe(1);
    expect(trust("false")).toBe(false);
  });
  it("refuses a TRUST_PROXY that would believe anyone, or that is not an address", () => {
    expect(() => parseEnv({ SESSION_SECRET: secret, TRUST_PROXY: "true" })).toThrow(
      /^Invalid configuration: TRUST_PROXY must name the proxy/,
    );
    expect(() => parseEnv({ SESSION_SECRET: secret, TRUST_PROXY: "10.0.0.0/40" })).toThrow(/TRUST_PROXY/);
    expect(() => parseEnv({ SESSION_SECRET: secret, TRUST_PROXY: "proxy.internal" })).toThrow(/TRUST_PROXY/);
  });
  it("wants HOST as an IP address and ALLOWED_HOSTS as bare host names", () => {
    expect(parseEnv({ SESSION_SECRET: secret, HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
    expect(() => parseEnv({ SESSION_SECRET: secret, HOST: "chophien.vn" })).toThrow(
      /^Invalid configuration: HOST/,
    );
    expect(
      parseEnv({ SESSION_SECRET: secret, ALLOWED_HOSTS: "WWW.chophien.vn, chophien.vn:8443" }).ALLOWED_HOSTS,
    ).toEqual(["www.chophien.vn", "chophien.vn:8443"]);
    expect(() => parseEnv({ SESSION_SECRET: secret, ALLOWED_HOSTS: "https://chophien.vn" })).toThrow(
      /ALLOWED_HOSTS/,
    );
  });
  it("keeps only PUBLIC_URL's origin and refuses one with a path", () => {
    expect(parseEnv({ SESSION_SECRET: secret, PUBLIC_URL: "https://ChoPhien.vn/" }).publicUrl).toBe(
      "https://chophien.vn",
    );
    expect(() => parseEnv({ SESSION_SECRET: secret, PUBLIC_URL: "https://chophien.vn/cho" })).toThrow(
      /PUBLIC_URL must be an origin only/,
    );
    expect(() => parseEnv({ SESSION_SECRET: secret, PUBLIC_URL: "chophien.vn" })).toThrow(/PUBLIC_URL/);
  });
});

describe("parseEnv: the GHN carrier", () => {
  it("leaves GHN off without a token", () => {
    const env = parseEnv({ SESSION_SECRET: secret });
    expect(env.GHN_TOKEN).toBeUndefined();
    expect(env.GHN_SHOP_ID).toBeUndefined();
    expect(env.GHN_API_URL).toBeUndefined();
  });
  it("takes a token with a numeric shop id and an optional gateway", () => {
    const env = parseEnv({
      SESSION_SECRET: secret,
      GHN_TOKEN: "0a1b2c3d-0000-11ee-8000-000000000000",
      GHN_SHOP_ID: "885",
      GHN_API_URL: "https://online-gateway.ghn.vn",
    });
    expect(env.GHN_SHOP_ID).toBe("885");
    expect(env.GHN_API_URL).toBe("https://online-gateway.ghn.vn");
  });
  it("requires GHN_SHOP_ID with GHN_TOKEN, as digits", () => {
    expect(() => parseEnv({ SESSION_SECRET: secret, GHN_TOKEN: "t" })).toThrow(
      /^Invalid configuration: GHN_SHOP_ID is required when GHN_TOKEN is set/,
    );
    expect(() => parseEnv({ SESSION_SECRET: secret, GHN_TOKEN: "t", GHN_SHOP_ID: "shop-1" })).toThrow(
      /GHN_SHOP_ID must be GHN's numeric shop id/,
    );
    expect(() => parseEnv({ SESSION_SECRET: secret, GHN_API_URL: "online-gateway.ghn.vn" })).toThrow(
      /GHN_API_URL/,
    );
  });
});
