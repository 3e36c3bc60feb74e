// Before each test file: a fresh copy of the migrated template database, and the environment the
// app's services read. Test files never share rows.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { postgresDatabaseUrl, testProvider, tmpDir, withPostgresAdmin } from "./test-databases.ts";

const runId = inject("testRunId");
const template = inject("templateDatabase");
const suffix = `${process.env.VITEST_POOL_ID ?? "0"}_${crypto.randomBytes(4).toString("hex")}`;

if (testProvider() === "sqlite") {
  const file = path.join(tmpDir, `${runId}_${suffix}.db`);
  await fs.copyFile(template, file);
  process.env.DATABASE_URL = `file:${file}`;
} else {
  const database = `${runId}_${suffix}`;
  await withPostgresAdmin((admin) => admin.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`));
  process.env.DATABASE_URL = postgresDatabaseUrl(database);
}
process.env.SESSION_SECRET ??= "test-session-secret-that-is-long-enough-0123456789";
process.env.NODE_ENV = "test";
process.env.STORAGE_DIR = path.join(tmpDir, `${runId}_${suffix}_uploads`);
process.env.SEARCH_INDEX_PATH = path.join(tmpDir, `${runId}_${suffix}_search.db`);
process.env.MAIL_CAPTURE_DIR = path.join(tmpDir, `${runId}_${suffix}_mail`);
process.env.SMS_CAPTURE_DIR = path.join(tmpDir, `${runId}_${suffix}_sms`);

afterAll(async () => {
  const { getDb } = await import("#app/services/platform/db.server.ts");
  await getDb().$disconnect();
});
