// GET /healthz — JSON status of the database and the side-effect queue, for monitors and deploys.
import { getEnv } from "#app/services/env.server.ts";
import { getDb } from "#app/services/db.server.ts";
import { outboxLag } from "#app/services/outbox.server.ts";

export async function loader() {
  const env = getEnv();
  const db = getDb();
  const started = performance.now();
  const database = await db.$queryRawUnsafe("SELECT 1").then(
    () => ({
      status: "ok" as const,
      provider: env.databaseProvider,
      latencyMs: Math.round(performance.now() - started),
    }),
    (error: unknown) => ({
      status: "error" as const,
      provider: env.databaseProvider,
      error: error instanceof Error ? error.message : String(error),
    }),
  );
  const outbox = database.status === "ok" ? await outboxLag(db) : null;
  const ok = database.status === "ok";
  return Response.json(
    { status: ok ? "ok" : "error", services: { database, outbox } },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
