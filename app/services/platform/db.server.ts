// One Prisma client per process, for whichever database DATABASE_URL names.
// SQLite and PostgreSQL each have a generated client (the provider is fixed at generation time);
// both expose the same model API, so the app is typed against the SQLite one.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "#app/generated/prisma/postgresql/client.ts";
import { PrismaClient as SqliteClient } from "#app/generated/prisma/sqlite/client.ts";
import { providerOf } from "#app/domain/database-url.ts";
import { serializeTransactions } from "./sqlite-serialized-adapter.server.ts";

export type Db = InstanceType<typeof SqliteClient>;
/** The client an interactive transaction hands its callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type { Prisma } from "#app/generated/prisma/sqlite/client.ts";

export function createDb(url: string): Db {
  if (providerOf(url) === "sqlite") {
    // One connection for the whole process: without the wrapper, other requests' queries would run
    // inside whichever interactive transaction is open. PostgreSQL has a pool, so needs none of this.
    return new SqliteClient({ adapter: serializeTransactions(new PrismaBetterSqlite3({ url })) });
  }
  const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
  return client as unknown as Db;
}

/**
 * Settings a SQLite file needs for a web server: WAL lets readers proceed during a write, and a busy
 * timeout makes concurrent writers wait instead of failing with SQLITE_BUSY.
 */
export async function tuneDatabase(db: Db, url: string) {
  if (providerOf(url) !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
}

// Kept on globalThis so that dev-mode rebuilds reuse the connection instead of opening more.
const globalForDb = globalThis as unknown as { __chophienDb?: { url: string; db: Db } };

export function getDb(url = process.env.DATABASE_URL ?? "file:./data/cho-phien.db"): Db {
  const cached = globalForDb.__chophienDb;
  if (cached && cached.url === url) return cached.db;
  const db = createDb(url);
  globalForDb.__chophienDb = { url, db };
  return db;
}
