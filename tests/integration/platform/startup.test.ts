// Start-up: bad configuration stops the server with one line naming the variable; the embedded
// default migrates a brand-new database by itself.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseEnv } from "#app/services/platform/env.server.ts";
import { Migrator } from "#app/services/platform/migrations.server.ts";
import { prepareDatabase } from "#server/prepare-database.ts";
import { tmpDir } from "#tests/setup/test-databases.ts";

const root = path.resolve(".");
const tsx = path.join(root, "node_modules/.bin/tsx");

async function startServer(env: Record<string, string>) {
  // Run from an empty folder so that no .env file fills in what the test leaves out.
  const cwd = await fs.mkdtemp(path.join(tmpDir, "startup-"));
  try {
    await promisify(execFile)(tsx, [path.join(root, "server/index.ts")], {
      cwd,
      env: { PATH: process.env.PATH!, ...env } as unknown as NodeJS.ProcessEnv,
      timeout: 20_000,
    });
    return { code: 0, stderr: "" };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  } finally {
    await fs.rm(cwd, { recursive: true, force: true });
  }
}

const secret = "s".repeat(40);

describe("server start-up with bad configuration", () => {
  it.each([
    [
      { SESSION_SECRET: secret, DATABASE_URL: "mysql://localhost/x" },
      /^Invalid configuration: DATABASE_URL must start with file:/,
    ],
    [{ SESSION_SECRET: secret, PORT: "ba nghìn" }, /^Invalid configuration: PORT must be a port number/],
    [{}, /^Invalid configuration: SESSION_SECRET is required/],
    [
      { SESSION_SECRET: secret, COOKIE_SECURE: "maybe" },
      /^Invalid configuration: COOKIE_SECURE must be true or false/,
    ],
  ])("%j stops with exit code 1 and one line", async (env, message) => {
    const { code, stderr } = await startServer(env);
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
  });
});

describe("embedded default", () => {
  it("applies every migration to a brand-new SQLite file at start", async () => {
    const file = path.join(tmpDir, `fresh-${process.pid}-${Date.now()}.db`);
    const env = parseEnv({ SESSION_SECRET: secret, DATABASE_URL: `file:${file}` });
    expect(env.migrateOnStart).toBe(true);
    try {
      await prepareDatabase(env);
      const migrator = await Migrator.open(env.DATABASE_URL);
      try {
        expect((await migrator.status()).upToDate).toBe(true);
      } finally {
        await migrator.close();
      }
    } finally {
      for (const suffix of ["", "-wal", "-shm"]) await fs.rm(file + suffix, { force: true });
    }
  });
});
