// The HTTP process: validates configuration, applies migrations (embedded default), then serves the
// Remix build behind a few protections every route needs (CSRF origin check, security headers).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { loadEnvOrExit } from "#app/services/env.server.ts";
import { startOutboxWorker } from "#app/services/worker.server.ts";
import { getDb } from "#app/services/db.server.ts";
import { printDemoAccountsIfSeeded } from "./demo-accounts.ts";
import { prepareDatabase } from "./prepare-database.ts";
import { microcache } from "./microcache.ts";
import { isCrossSiteWrite } from "./origin-check.ts";

const env = loadEnvOrExit();

await prepareDatabase(env);

const buildPath = path.resolve("build/index.js");
if (!fs.existsSync(buildPath)) {
  console.error("No build found at build/index.js. Run npm run build first.");
  process.exit(1);
}
const importBuild = async () =>
  (await import(`${pathToFileURL(buildPath).href}?t=${fs.statSync(buildPath).mtimeMs}`)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", "loopback");
app.use(compression());
app.use((req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  if (isCrossSiteWrite(req.method, req.headers.origin, req.headers.host)) {
    res.status(403).type("text/plain").send("Cross-site form submission refused.");
    return;
  }
  next();
});
// Fingerprinted assets never change; everything else in public/ may.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

if (env.NODE_ENV === "production" && env.MICROCACHE_SECONDS > 0) {
  app.use(microcache({ ttlMs: env.MICROCACHE_SECONDS * 1000 }));
}

const getLoadContext = (req: express.Request) => ({ clientAddress: req.ip ?? "unknown" });

if (env.NODE_ENV === "development") {
  // `remix dev` rebuilds into build/; pick up each new build and tell the dev server we are ready.
  let build = await importBuild();
  fs.watch(path.dirname(buildPath), async () => {
    build = await importBuild();
    await broadcastDevReady(build);
  });
  app.all("*", (req, res, next) =>
    createRequestHandler({ build, mode: "development", getLoadContext })(req, res, next),
  );
  await broadcastDevReady(build);
} else {
  app.all("*", createRequestHandler({ build: await importBuild(), mode: env.NODE_ENV, getLoadContext }));
}

const stopWorker = env.OUTBOX_WORKER === "in-process" ? startOutboxWorker() : () => {};
const server = app.listen(env.PORT, () => {
  console.log(`Chợ Phiên is running on http://localhost:${env.PORT} (${env.databaseProvider})`);
});
await printDemoAccountsIfSeeded(getDb(env.DATABASE_URL));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopWorker();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
