// The offline migration runner, on whichever provider this run uses: it applies, reports status,
// writes a new migration for a model change, and its drift check sees a missing migration.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { providerOf } from "#app/domain/database-url.ts";
import { defaultPaths, Migrator } from "#app/services/platform/migrations.server.ts";
import { tmpDir } from "#tests/setup/test-databases.ts";

const url = process.env.DATABASE_URL!;
const provider = providerOf(url);

describe(`offline migrations (${provider})`, () => {
  it("finds the test database up to date and the committed migrations matching the models", async () => {
    const migrator = await Migrator.open(url);
    try {
      expect((await migrator.status()).upToDate).toBe(true);
      expect(await migrator.deploy()).toEqual([]);
      expect(await migrator.drift()).toBe("");
    } finally {
      await migrator.close();
    }
  });

  it.runIf(provider === "sqlite")("creates a migration against a brand-new database file too", async () => {
    const scratch = path.join(tmpDir, `migrations-fresh-${process.pid}-${Date.now()}`);
    const real = defaultPaths(provider);
    await fs.cp(real.migrationsDir, path.join(scratch, "migrations"), { recursive: true });
    await fs.copyFile(path.join(real.schemaDir, "schema.prisma"), path.join(scratch, "schema.prisma"));
    const models = await fs.readFile(path.join(real.schemaDir, "models.prisma"), "utf8");
    await fs.writeFile(
      path.join(scratch, "models.prisma"),
      `${models}\nmodel FreshProbe {\n  id String @id\n}\n`,
    );
    const paths = { schemaDir: scratch, migrationsDir: path.join(scratch, "migrations") };
    const migrator = await Migrator.open(`file:${path.join(scratch, "fresh.db")}`, paths);
    try {
      expect(await migrator.createMigration("fresh_probe")).toMatch(/_fresh_probe$/);
      expect((await migrator.status()).upToDate).toBe(true);
    } finally {
      await migrator.close();
      await fs.rm(scratch, { recursive: true, force: true });
    }
  });

  it("creates, applies and then no longer reports drift for a new model", async () => {
    // A scratch copy of prisma/<provider> with one more model, so the real folders stay untouched.
    const scratch = path.join(tmpDir, `migrations-${provider}-${process.pid}-${Date.now()}`);
    const real = defaultPaths(provider);
    await fs.cp(real.migrationsDir, path.join(scratch, "migrations"), { recursive: true });
    const models = await fs.readFile(path.join(real.schemaDir, "models.prisma"), "utf8");
    const header = await fs.readFile(path.join(real.schemaDir, "schema.prisma"), "utf8");
    await fs.writeFile(path.join(scratch, "schema.prisma"), header);
    await fs.writeFile(
      path.join(scratch, "models.prisma"),
      `${models}\nmodel MigrationProbe {\n  id   String @id\n  note String\n}\n`,
    );
    const paths = { schemaDir: scratch, migrationsDir: path.join(scratch, "migrations") };
    const migrator = await Migrator.open(url, paths);
    try {
      expect(await migrator.drift()).toMatch(/MigrationProbe/);
      const name = await migrator.createMigration("add_probe");
      expect(name).toMatch(/^\d{14}_add_probe$/);
      const sql = await fs.readFile(path.join(paths.migrationsDir, name!, "migration.sql"), "utf8");
      expect(sql).toMatch(/CREATE TABLE "MigrationProbe"/);
      expect(await migrator.drift()).toBe("");
      expect((await migrator.status()).upToDate).toBe(true);
    } finally {
      await migrator.close();
      await fs.rm(scratch, { recursive: true, force: true });
    }
  });
});
