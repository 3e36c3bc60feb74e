// Which host names this server answers for. The Host header (and X-Forwarded-Host) is whatever the
// client wrote, and Remix builds request.url from it: left unchecked, `Host: evil.example` would reach
// every loader that reads the request's address and could be stored by the microcache for the next
// visitor. Absolute links come from PUBLIC_URL anyway; refusing other hosts with 421 Misdirected
// Request also stops DNS-rebinding pages from talking to a server on this machine.
//
// The rule: PUBLIC_URL's host, the ALLOWED_HOSTS list, and — in development and test, or when
// PUBLIC_URL is itself a loopback address (the default http://localhost:PORT) — localhost,
// 127.0.0.1 and [::1] on PORT. X-Forwarded-Host counts only from a proxy named by TRUST_PROXY.
import type { NextFunction, Request, Response } from "express";
import { type Env, hostPattern } from "#app/services/platform/env.server.ts";

const loopbackNames = ["localhost", "127.0.0.1", "[::1]"];
// Health probes (load balancers, orchestrators) address the server by its IP; /healthz answers JSON
// with no links, so any Host may ask for it.
const anyHostPaths = new Set(["/healthz"]);

export type SiteAddresses = {
  /** "https:" or "http:", PUBLIC_URL's scheme. */
  protocol: string;
  /** Host (with port unless it is the scheme's default) values that are served. */
  hosts: ReadonlySet<string>;
  /** Origins a state-changing request may come from (server/origin-check.ts). */
  origins: ReadonlySet<string>;
};

export function siteAddresses(
  env: Pick<Env, "publicUrl" | "ALLOWED_HOSTS" | "NODE_ENV" | "PORT">,
): SiteAddresses {
  const publicUrl = new URL(env.publicUrl);
  const protocol = publicUrl.protocol;
  const hosts = new Set([publicUrl.host]);
  for (const entry of env.ALLOWED_HOSTS) {
    const host = normalizeHost(entry, protocol);
    if (host) hosts.add(host);
  }
  const origins = new Set([...hosts].map((host) => `${protocol}//${host}`));
  if (env.NODE_ENV !== "production" || loopbackNames.includes(publicUrl.hostname)) {
    for (const name of loopbackNames) {
      hosts.add(`${name}:${env.PORT}`);
      // Local servers are reached over plain http.
      origins.add(`http://${name}:${env.PORT}`);
    }
  }
  return { protocol, hosts, origins };
}

/** "ChoPhien.vn:443" → "chophien.vn" for https; null for anything that is not a bare host[:port]. */
export function normalizeHost(value: string, protocol: string): string | null {
  if (!hostPattern.test(value)) return null;
  try {
    return new URL(`${protocol}//${value}`).host;
  } catch {
    return null;
  }
}

type TrustFn = (address: string | undefined, hop: number) => boolean;

/**
 * The host the client asked for: the first X-Forwarded-Host when the connection comes from a trusted
 * proxy, otherwise Host. Leaves X-Forwarded-Host holding only what was believed (or nothing), since
 * Remix's Express adapter reads a port from it whatever "trust proxy" says.
 */
export function requestedHost(req: Request, protocol: string): string | null {
  let value = req.headers.host;
  const forwarded = req.headers["x-forwarded-host"];
  if (forwarded !== undefined) {
    // Express's compiled "trust proxy" setting, the same test req.hostname and req.ip use.
    const trusted = (req.app.get("trust proxy fn") as TrustFn)(req.socket.remoteAddress, 0);
    if (trusted) {
      value = String(forwarded).split(",")[0]!.trim();
      req.headers["x-forwarded-host"] = value;
    } else {
      delete req.headers["x-forwarded-host"];
    }
  }
  return value ? normalizeHost(value, protocol) : null;
}

export function hostCheck(site: SiteAddresses) {
  return function hostCheckMiddleware(req: Request, res: Response, next: NextFunction) {
    const host = requestedHost(req, site.protocol);
    if ((host && site.hosts.has(host)) || anyHostPaths.has(req.path)) return next();
    res
      .status(421)
      .type("text/plain")
      .send("Misdirected request: this server does not answer for that host.");
  };
}
