// npm run worker — drains the outbox (search indexing, mail) in its own process, for scale-out
// deployments that set OUTBOX_WORKER=off on the web processes.
import { loadEnvOrExit } from "#app/services/platform/env.server.ts";
import { getDb, tuneDatabase } from "#app/services/platform/db.server.ts";
import { getSearchEngine } from "#app/services/search/engine.server.ts";
import { startOutboxWorker } from "#app/services/platform/worker.server.ts";

const env = loadEnvOrExit();
await tuneDatabase(getDb(env.DATABASE_URL), env.DATABASE_URL);
await getSearchEngine().setup();
const stop = startOutboxWorker();
console.log(`Outbox worker running (${env.databaseProvider}, search: ${getSearchEngine().name}).`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stop();
    process.exit(0);
  });
}
