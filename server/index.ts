// The HTTP process: validates configuration, applies migrations (embedded default), then serves the
// Remix build behind the protections every route needs (server/app.ts: host check, CSRF origin
// check, security headers).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import type { RequestHandler } from "express";
import { loadEnvOrExit } from "#app/services/platform/env.server.ts";
import { startOutboxWorker } from "#app/services/platform/worker.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { createApp, loadContextOf as getLoadContext } from "./app.ts";
import { printDemoAccountsIfSeeded } from "./demo-accounts.ts";
import { prepareDatabase } from "./prepare-database.ts";

const env = loadEnvOrExit();

await prepareDatabase(env);

const buildPath = path.resolve("build/index.js");
if (!fs.existsSync(buildPath)) {
  console.error("No build found at build/index.js. Run npm run build first.");
  process.exit(1);
}
const importBuild = async () =>
  (await import(`${pathToFileURL(buildPath).href}?t=${fs.statSync(buildPath).mtimeMs}`)) as ServerBuild;

let handler: RequestHandler;
if (env.NODE_ENV === "development") {
  // `remix dev` rebuilds into build/; pick up each new build and tell the dev server we are ready.
  let build = await importBuild();
  fs.watch(path.dirname(buildPath), async () => {
    build = await importBuild();
    await broadcastDevReady(build);
  });
  handler = (req, res, next) =>
    createRequestHandler({ build, mode: "development", getLoadContext })(req, res, next);
  await broadcastDevReady(build);
} else {
  handler = createRequestHandler({ build: await importBuild(), mode: env.NODE_ENV, getLoadContext });
}
const app = createApp(env, handler);

const stopWorker = env.OUTBOX_WORKER === "in-process" ? startOutboxWorker() : () => {};
// HOST defaults to 127.0.0.1: nothing outside this machine reaches the process unless told to.
const server = app.listen(env.PORT, env.HOST, () => {
  const listening = env.HOST.includes(":") ? `[${env.HOST}]:${env.PORT}` : `${env.HOST}:${env.PORT}`;
  console.log(
    `Chợ Phiên is running on ${env.publicUrl} (listening on ${listening}, ${env.databaseProvider})`,
  );
});
await printDemoAccountsIfSeeded(getDb(env.DATABASE_URL));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopWorker();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
