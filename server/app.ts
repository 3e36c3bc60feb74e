// The Express app around the Remix request handler: which proxy to believe, which host names to
// answer for, the CSRF origin check, security headers, static files and the microcache. Kept apart
// from server/index.ts (which starts the process) so tests drive this same stack.
import compression from "compression";
import express from "express";
import type { Env } from "#app/services/platform/env.server.ts";
import { hostCheck, siteAddresses } from "./host-check.ts";
import { microcache } from "./microcache.ts";
import { isCrossSiteWrite } from "./origin-check.ts";

type AppEnv = Pick<
  Env,
  "NODE_ENV" | "PORT" | "publicUrl" | "ALLOWED_HOSTS" | "trustProxy" | "MICROCACHE_SECONDS"
>;

export function createApp(env: AppEnv, handler: express.RequestHandler) {
  const site = siteAddresses(env);
  const app = express();
  app.disable("x-powered-by");
  // false unless TRUST_PROXY names the proxy: X-Forwarded-For from anyone else would let a client
  // choose its own address (and so its own sign-in limit).
  app.set("trust proxy", env.trustProxy);
  app.use(compression());
  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    next();
  });
  // Before anything reads the host, and before the microcache can store a page.
  app.use(hostCheck(site));
  app.use((req, res, next) => {
    if (isCrossSiteWrite(req.method, req.headers.origin, site.origins)) {
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
  app.all("*", handler);
  return app;
}

/** What Remix loaders and actions get as `context`: the client's address, as "trust proxy" allows. */
export const loadContextOf = (req: express.Request) => ({ clientAddress: req.ip ?? "unknown" });
