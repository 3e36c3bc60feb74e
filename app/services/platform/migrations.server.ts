// Offline Prisma Migrate. The Prisma CLI needs a native schema-engine binary that these machines
// cannot download, so we drive the WASM schema engine (@prisma/schema-engine-wasm) through the same
// driver adapters the app uses. It reads and writes ordinary prisma/<provider>/migrations folders and
// the standard _prisma_migrations table, so a machine with the native binary can run
// `prisma migrate deploy` on the same folders. See docs/decisions/002-offline-migrations.md.
//
// Each adapter workaround below is a known gap between the WASM engine and the 7.10 adapters.
import fs from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { parse as parsePgUrl } from "pg-connection-string";
import { providerOf, sqliteFilePath, type Provider } from "#app/domain/database-url.ts";

/** The nearest folder above this module with a package.json: the same wherever the module sits. */
function findProjectRoot(from: string) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}
const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** Where a provider's schema files and migrations live: prisma/<provider>/ by default. */
export type MigrationPaths = { schemaDir: string; migrationsDir: string };

export function defaultPaths(provider: Provider): MigrationPaths {
  const schemaDir = path.join(projectRoot, "prisma", provider);
  return { schemaDir, migrationsDir: path.join(schemaDir, "migrations") };
}

const noFilters = { externalTables: [], externalEnums: [] };

// The engine's API is untyped JS; these are the few shapes we read back.
type Engine = {
  applyMigrations(p: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diagnoseMigrationHistory(p: unknown): Promise<{
    history: unknown;
    failedMigrationNames: string[];
    editedMigrationNames: string[];
  }>;
  devDiagnostic(p: unknown): Promise<{ action: { tag: string; reason?: string } }>;
  evaluateDataLoss(p: unknown): Promise<{
    unexecutableSteps: { message: string }[];
    warnings: { message: string }[];
  }>;
  createMigration(p: unknown): Promise<{
    migrationScript: string | null;
    generatedMigrationName: string;
    extension: string;
    connectorType: string;
  }>;
  diff(p: unknown): Promise<{ exitCode: number; stdout?: string }>;
  reset(p: unknown): Promise<void>;
  free(): void;
};

type AnyAdapterFactory = Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0];

function sqliteAdapterFactory(url: string): AnyAdapterFactory {
  const factory = new PrismaBetterSqlite3({ url });
  // The engine replays migration.sql files on its in-memory shadow database with executeRaw,
  // which better-sqlite3 refuses for multi-statement SQL. Send parameterless scripts to exec().
  const connectShadow = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const shadow = await connectShadow();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = (query) =>
      query.args.length ? executeRaw(query) : shadow.executeScript(query.sql).then(() => 0);
    return shadow;
  };
  return factory as unknown as AnyAdapterFactory;
}

let pgCharPatched = false;
function pgAdapterFactory(url: string): AnyAdapterFactory {
  // Introspection returns Postgres "char" (oid 18) columns, which adapter-pg 7.10 cannot
  // deserialize. In the migration path only, report them as text (oid 25): the values are strings.
  if (!pgCharPatched) {
    const pg = createRequire(createRequire(import.meta.url).resolve("@prisma/adapter-pg"))("pg");
    const addFields = pg.Result.prototype.addFields;
    pg.Result.prototype.addFields = function (fields: { dataTypeID: number }[]) {
      for (const f of fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
      return addFields.call(this, fields);
    };
    pgCharPatched = true;
  }
  // Discrete fields, not connectionString: pg lets a connectionString override the `database`
  // that the shadow-database connection sets.
  const { schema, ...config } = parsePgUrl(url);
  const options = typeof schema === "string" ? { schema } : undefined;
  type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
  // adapter-pg's executeScript splits on every ';' (breaks $$ bodies and strings):
  // send the whole script as one simple-protocol query, as the native engine does.
  const wholeScript = (adapter: PgAdapter) => {
    adapter.executeScript = async (script: string) => {
      await (adapter.underlyingDriver() as { query(s: string): Promise<unknown> }).query(script);
    };
    return adapter;
  };
  const pgConfig = config as ConstructorParameters<typeof PrismaPg>[0];
  const factory = new PrismaPg(pgConfig, options);
  const connectMain = factory.connect.bind(factory);
  factory.connect = async () => wholeScript(await connectMain());
  // adapter-pg drops its temporary shadow database before closing the pool that uses it.
  // Close first, then drop.
  factory.connectToShadowDb = async () => {
    const main = await factory.connect();
    const database = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = wholeScript(
      await new PrismaPg({ ...(pgConfig as object), database } as typeof pgConfig, options).connect(),
    );
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  };
  return factory as unknown as AnyAdapterFactory;
}

let engineClass: Promise<{ new: (...args: unknown[]) => Promise<Engine> }> | undefined;
function loadSchemaEngine() {
  engineClass ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = await import(gluePath);
    const wasm = await fs.readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), {
      "./schema_engine_bg.js": glue,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return glue.SchemaEngine;
  })();
  return engineClass;
}

async function readSchemaFiles(dir: string) {
  const names = (await fs.readdir(dir)).filter((f) => f.endsWith(".prisma")).sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      return { path: file, content: await fs.readFile(file, "utf8") };
    }),
  );
}

async function readMigrations(baseDir: string) {
  const lockPath = "migration_lock.toml";
  const lock = await fs.readFile(path.join(baseDir, lockPath), "utf8").catch(() => null);
  const entries = await fs.readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const content = await fs.readFile(path.join(baseDir, entry.name, "migration.sql"), "utf8").then(
      (value) => ({ tag: "ok", value }),
      (error: Error) => ({ tag: "error", value: error.message }),
    );
    migrationDirectories.push({ path: entry.name, migrationFile: { path: "migration.sql", content } });
  }
  return {
    baseDir,
    lockfile: { path: lockPath, content: lock },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

export class Migrator {
  private constructor(
    readonly url: string,
    readonly provider: Provider,
    private engine: Engine,
    private readonly schemaFiles: { path: string; content: string }[],
    private readonly paths: MigrationPaths,
    // Connections the engine opened; disposed on close().
    private readonly opened: { dispose(): Promise<void> }[],
  ) {}

  static async open(url: string, paths?: MigrationPaths) {
    const provider = providerOf(url);
    const resolved = paths ?? defaultPaths(provider);
    const schemaFiles = await readSchemaFiles(resolved.schemaDir);
    const opened: { dispose(): Promise<void> }[] = [];
    const engine = await Migrator.newEngine(url, provider, schemaFiles, opened);
    return new Migrator(url, provider, engine, schemaFiles, resolved, opened);
  }

  private static async newEngine(
    url: string,
    provider: Provider,
    schemaFiles: { path: string; content: string }[],
    opened: { dispose(): Promise<void> }[],
  ) {
    const SchemaEngine = await loadSchemaEngine();
    const factory = provider === "sqlite" ? sqliteAdapterFactory(url) : pgAdapterFactory(url);
    // Remember the connections the engine opens: freeing the engine does not close them, and an
    // open SQLite handle would keep the file locked for the app.
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
      const adapter = await connect();
      opened.push(adapter);
      return adapter;
    };
    if (provider === "sqlite") {
      await fs.mkdir(path.dirname(sqliteFilePath(url)), { recursive: true });
    }
    return SchemaEngine.new(
      { datamodels: schemaFiles.map((f) => [f.path, f.content]) },
      () => {},
      bindMigrationAwareSqlAdapterFactory(factory),
    );
  }

  private migrations() {
    return readMigrations(this.paths.migrationsDir);
  }

  /** Applies pending migrations; returns the names applied. */
  async deploy() {
    const { appliedMigrationNames } = await this.engine.applyMigrations({
      migrationsList: await this.migrations(),
      filters: noFilters,
    });
    return appliedMigrationNames;
  }

  async status() {
    const diagnosis = await this.engine.diagnoseMigrationHistory({
      migrationsList: await this.migrations(),
      optInToShadowDatabase: false,
      filters: noFilters,
    });
    return {
      diagnosis,
      upToDate: !diagnosis.history && diagnosis.failedMigrationNames.length === 0,
    };
  }

  /** Drops everything and applies all migrations. */
  async reset() {
    if (this.provider === "sqlite") {
      // Through an adapter, reset() only deletes rows on SQLite; the tables stay and the next
      // apply fails with "table already exists". Delete the file instead.
      this.engine.free();
      const file = sqliteFilePath(this.url);
      for (const suffix of ["", "-wal", "-shm", "-journal"]) await fs.rm(file + suffix, { force: true });
      this.engine = await Migrator.newEngine(this.url, this.provider, this.schemaFiles, this.opened);
    } else {
      await this.engine.reset({ filter: noFilters });
    }
    return this.deploy();
  }

  /**
   * Like `prisma migrate dev`: applies pending migrations, then writes a new migration for what
   * the models changed. Refuses data loss unless accepted.
   */
  async createMigration(name: string, { acceptDataLoss = false } = {}) {
    const migrationsList = () => this.migrations();
    // Apply what is committed first. (Diagnosing a database without _prisma_migrations fails in the
    // WASM engine and leaves it unable to find its shadow database afterwards.)
    await this.deploy();
    const diagnosis = await this.engine.devDiagnostic({
      migrationsList: await migrationsList(),
      filters: noFilters,
    });
    if (diagnosis.action.tag === "reset") {
      throw new Error(
        `The development database has drifted (${diagnosis.action.reason}). Run npm run db:reset.`,
      );
    }
    const schema = { files: this.schemaFiles };
    const loss = await this.engine.evaluateDataLoss({
      migrationsList: await migrationsList(),
      schema,
      filters: noFilters,
    });
    if (loss.unexecutableSteps.length) {
      throw new Error(loss.unexecutableSteps.map((s) => s.message).join("\n"));
    }
    if (loss.warnings.length && !acceptDataLoss) {
      throw new Error(
        `This migration would lose data (re-run with --accept-data-loss):\n${loss.warnings
          .map((w) => w.message)
          .join("\n")}`,
      );
    }
    const out = await this.engine.createMigration({
      draft: false,
      migrationName: name.replace(/[^A-Za-z0-9_]/g, "_"),
      migrationsList: await migrationsList(),
      schema,
      filters: noFilters,
    });
    if (out.migrationScript == null) return null;
    const dir = path.join(this.paths.migrationsDir, out.generatedMigrationName);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, `migration.${out.extension}`), out.migrationScript);
    await fs.writeFile(
      path.join(this.paths.migrationsDir, "migration_lock.toml"),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${out.connectorType}"\n`,
    );
    await this.deploy();
    return out.generatedMigrationName;
  }

  /**
   * SQL that would take a database built from the committed migrations to the models.
   * Empty when they agree. Uses a shadow database, never the target's data.
   */
  async drift() {
    const result = await this.engine.diff({
      from: { tag: "migrations", ...(await this.migrations()) },
      to: { tag: "schemaDatamodel", files: this.schemaFiles },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    return result.exitCode === 2 ? (result.stdout ?? "").trim() || "(differences)" : "";
  }

  async close() {
    this.engine.free();
    await Promise.allSettled(this.opened.splice(0).map((adapter) => adapter.dispose()));
  }
}

/** Opens, applies pending migrations, closes. */
export async function deployMigrations(url: string) {
  const migrator = await Migrator.open(url);
  try {
    return await migrator.deploy();
  } finally {
    await migrator.close();
  }
}
