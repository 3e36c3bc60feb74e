import { type Env } from "#app/services/env.server.ts";
import { getDb, tuneDatabase } from "#app/services/db.server.ts";
import { deployMigrations } from "#app/services/migrations.server.ts";

/** Applies pending migrations when configured to (the embedded default) and tunes SQLite. */
export async function prepareDatabase(env: Env) {
  if (env.migrateOnStart) {
    const applied = await deployMigrations(env.DATABASE_URL);
    if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  }
  await tuneDatabase(getDb(env.DATABASE_URL), env.DATABASE_URL);
}
