// Creating and dropping the throwaway databases of a test run, for both providers.
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export type TestProvider = "sqlite" | "postgresql";

export const tmpDir = path.resolve("tests/.tmp");

export function testProvider(): TestProvider {
  const value = process.env.TEST_DATABASE ?? "sqlite";
  if (value !== "sqlite" && value !== "postgresql") {
    throw new Error(`TEST_DATABASE must be sqlite or postgresql, got "${value}"`);
  }
  return value;
}

export function postgresServerUrl() {
  return process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function postgresDatabaseUrl(database: string) {
  const url = new URL(postgresServerUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withPostgresAdmin<T>(run: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: postgresServerUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function ensureTmpDir() {
  await fs.mkdir(tmpDir, { recursive: true });
}
