// npm run db:* — the project's offline replacement for `prisma migrate` (see docs/decisions/002).
//   migrate --name N [--accept-data-loss]   write a migration for SQLite AND PostgreSQL, apply to DATABASE_URL
//   deploy                                   apply pending migrations to DATABASE_URL
//   status                                   is DATABASE_URL up to date? (exit 1 if not)
//   reset --force                            drop everything in DATABASE_URL and re-apply
//   drift [--sqlite-only]                    fail if either provider's migrations differ from the models
import { parseArgs } from "node:util";
import { z } from "zod";
import { Migrator } from "#app/services/platform/migrations.server.ts";
import { loadDotEnv } from "#app/services/platform/dotenv.server.ts";

loadDotEnv();
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: "string" },
    force: { type: "boolean", default: false },
    "accept-data-loss": { type: "boolean", default: false },
    "postgres-url": { type: "string" },
    "sqlite-only": { type: "boolean", default: false },
  },
});

const Command = z.enum(["migrate", "deploy", "status", "reset", "drift"], {
  error: "usage: db.ts migrate --name N | deploy | status | reset --force | drift",
});
const parsedCommand = Command.safeParse(positionals[0]);
if (!parsedCommand.success) fail(parsedCommand.error.issues[0]?.message ?? "bad command");
const command = parsedCommand.data;

const url = process.env.DATABASE_URL ?? "file:./data/cho-phien.db";
// Creating or diffing PostgreSQL migrations needs a server for the shadow database.
const postgresUrl =
  values["postgres-url"] ??
  process.env.MIGRATIONS_POSTGRES_URL ??
  "postgresql://postgres@127.0.0.1:5432/postgres";

// Throwaway databases to create migrations against, so no real database is touched.
async function createScratchDatabases() {
  const { rm } = await import("node:fs/promises");
  const { default: pg } = await import("pg");
  const name = `cho_phien_migrate_scratch_${process.pid}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const scratchUrl = new URL(postgresUrl);
  scratchUrl.pathname = `/${name}`;
  const sqliteFile = `data/.migrate-scratch-${process.pid}.db`;
  return {
    sqlite: `file:./${sqliteFile}`,
    postgresql: scratchUrl.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.end();
      await rm(sqliteFile, { force: true });
    },
  };
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function withMigrator<T>(target: string, run: (m: Migrator) => Promise<T>) {
  const migrator = await Migrator.open(target);
  try {
    return await run(migrator);
  } finally {
    await migrator.close();
  }
}

try {
  switch (command) {
    case "deploy": {
      const applied = await withMigrator(url, (m) => m.deploy());
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
      break;
    }
    case "status": {
      const { upToDate, diagnosis } = await withMigrator(url, (m) => m.status());
      console.log(upToDate ? "Database is up to date." : JSON.stringify(diagnosis, null, 2));
      if (!upToDate) process.exitCode = 1;
      break;
    }
    case "reset": {
      if (!values.force) fail("db:reset deletes every row in DATABASE_URL; pass --force.");
      const applied = await withMigrator(url, (m) => m.reset());
      console.log(`Reset. Applied: ${applied.join(", ")}`);
      break;
    }
    case "migrate": {
      const name = z
        .string({ error: "--name is required (letters, digits, _)" })
        .regex(/^\w+$/, "--name: letters, digits and _ only")
        .safeParse(values.name);
      if (!name.success) fail(name.error.issues[0]?.message ?? "bad --name");
      const options = { acceptDataLoss: values["accept-data-loss"] };
      // Both providers get the same migration so they never drift apart. The SQLite one is
      // created against a throwaway file; PostgreSQL's against a shadow database on the server.
      const scratch = await createScratchDatabases();
      try {
        for (const target of [scratch.sqlite, scratch.postgresql]) {
          const created = await withMigrator(target, (m) => m.createMigration(name.data, options));
          console.log(created ? `Created ${created} (${target.split(":")[0]})` : "Already in sync.");
        }
      } finally {
        await scratch.drop();
      }
      const applied = await withMigrator(url, (m) => m.deploy());
      if (applied.length) console.log(`Applied to DATABASE_URL: ${applied.join(", ")}`);
      break;
    }
    case "drift": {
      let drifted = false;
      // The SQLite check needs no server; PostgreSQL's needs one for its shadow database.
      const targets = values["sqlite-only"] ? ["file::memory:"] : ["file::memory:", postgresUrl];
      for (const target of targets) {
        const sql = await withMigrator(target, (m) => m.drift());
        const provider = target.startsWith("file:") ? "sqlite" : "postgresql";
        if (sql) {
          drifted = true;
          console.error(`prisma/${provider}/migrations do not match prisma/models.prisma:\n${sql}`);
        } else console.log(`prisma/${provider}: migrations match the models.`);
      }
      if (drifted) process.exitCode = 1;
      break;
    }
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
