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
