// A few seconds of server-side caching for the storefront pages anonymous buyers load (the same
// idea as nginx "microcaching"): under a burst of visitors, one render serves everyone for a few
// seconds (MICROCACHE_SECONDS). Signed-in users, buyers with a cart, non-GET requests, the JSON API and anything that sets a
// cookie are never cached, so nothing personal is ever shared. Prices and stock may be up to a few
// seconds old on these pages; checkout re-reads both from the database. See docs/decisions/008.
import type { NextFunction, Request, Response } from "express";

const MAX_ENTRIES = 1_000;
const cacheablePaths = /^\/($|search$|san-pham\/|nguoi-ban\/|danh-muc\/|xa-phuong\/)/;

type Entry = { expires: number; status: number; headers: Record<string, string>; body: Buffer };

export function microcache({ ttlMs, now = () => Date.now() }: { ttlMs: number; now?: () => number }) {
  const entries = new Map<string, Entry>();

  return function microcacheMiddleware(req: Request, res: Response, next: NextFunction) {
    const cookies = req.headers.cookie ?? "";
    if (
      req.method !== "GET" ||
      !cacheablePaths.test(req.path) ||
      /(?:^|;\s*)(?:__session|cart|orders)=/.test(cookies)
    ) {
      return next();
    }
    const lang = /(?:^|;\s*)lang=(\w+)/.exec(cookies)?.[1] ?? "";
    // No host in the key, and none needed: server/host-check.ts refuses unknown hosts before this
    // runs, and pages build their absolute links from PUBLIC_URL, so one path renders the same
    // whichever allowed host asked for it.
    const key = `${lang}|${req.originalUrl}`;
    const hit = entries.get(key);
    if (hit && hit.expires > now()) {
      res.status(hit.status).set(hit.headers).set("X-Microcache", "hit");
      res.end(hit.body);
      return;
    }
    entries.delete(key);

    // Record what the app sends, then keep it if it is a plain 200 with no cookie.
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk) chunks.push(Buffer.from(chunk as Buffer));
      return write(chunk, ...rest);
    }) as Response["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Buffer));
      if (res.statusCode === 200 && !res.getHeader("set-cookie")) {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.getHeaders())) {
          if (name !== "content-length" && name !== "content-encoding" && value !== undefined)
            headers[name] = String(value);
        }
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        entries.set(key, { expires: now() + ttlMs, status: 200, headers, body: Buffer.concat(chunks) });
      }
      return end(chunk, ...rest);
    }) as Response["end"];
    res.set("X-Microcache", "miss");
    next();
  };
}
