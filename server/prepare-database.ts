import type { Env } from "#app/services/platform/env.server.ts";
import { getDb, tuneDatabase } from "#app/services/platform/db.server.ts";
import { deployMigrations } from "#app/services/platform/migrations.server.ts";
import { movePrivateDocumentsOutOfPublic } from "#app/services/platform/private-files.server.ts";
import { ensureRolesAndPermissions } from "#app/services/identity/roles.server.ts";
import { getSearchEngine } from "#app/services/search/engine.server.ts";
import { prepareSearch } from "#app/services/search/startup.server.ts";
import { storageFor } from "#app/services/platform/storage.server.ts";

/**
 * Applies pending migrations when configured to (the embedded default), tunes SQLite, and makes sure
 * the baseline roles and permissions exist, the search index is ready and personal documents are
 * in the private storage area.
 */
export async function prepareDatabase(env: Env) {
  if (env.migrateOnStart) {
    const applied = await deployMigrations(env.DATABASE_URL);
    if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  }
  const db = getDb(env.DATABASE_URL);
  await tuneDatabase(db, env.DATABASE_URL);
  await ensureRolesAndPermissions(db);
  await prepareSearch(db, getSearchEngine());
  // One-off and idempotent: documents stored before the private area existed leave the public one.
  const moved = await movePrivateDocumentsOutOfPublic(db, storageFor(env));
  if (moved) console.log(`Moved ${moved} personal documents out of the public image area.`);
}
