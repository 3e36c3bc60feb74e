// Once per run: build a template database with every migration applied. Each test file then gets
// its own copy (file-database.ts), which is far faster than migrating per file.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { deployMigrations } from "#app/services/platform/migrations.server.ts";
import {
  ensureTmpDir,
  postgresDatabaseUrl,
  testProvider,
  tmpDir,
  withPostgresAdmin,
} from "./test-databases.ts";

declare module "vitest" {
  export interface ProvidedContext {
    testRunId: string;
    templateDatabase: string; // a file path (SQLite) or a database name (PostgreSQL)
  }
}

export default async function setup(project: TestProject) {
  const runId = `chophien_test_${Date.now().toString(36)}_${crypto.randomBytes(3).toString("hex")}`;
  await ensureTmpDir();
  project.provide("testRunId", runId);
  if (testProvider() === "sqlite") {
    const template = path.join(tmpDir, `${runId}_template.db`);
    await deployMigrations(`file:${template}`);
    project.provide("templateDatabase", template);
    return async () => {
      for (const file of await fs.readdir(tmpDir)) {
        if (file.startsWith(runId)) await fs.rm(path.join(tmpDir, file), { force: true, recursive: true });
      }
    };
  }
  const template = `${runId}_template`;
  await withPostgresAdmin((admin) => admin.query(`CREATE DATABASE "${template}"`));
  await deployMigrations(postgresDatabaseUrl(template));
  project.provide("templateDatabase", template);
  return async () => {
    await withPostgresAdmin(async (admin) => {
      const { rows } = await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE $1",
        [`${runId}%`],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
  };
}
