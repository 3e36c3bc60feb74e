// The HTTP stack of server/app.ts, with a stand-in for Remix that renders links from the request's
// address exactly as @remix-run/express builds request.url (req.hostname, which follows "trust
// proxy", plus a port read from X-Forwarded-Host or Host) — the way pages did before PUBLIC_URL.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { RequestHandler } from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, loadContextOf } from "./app.ts";

type AppEnv = Parameters<typeof createApp>[0];
const production: AppEnv = {
  NODE_ENV: "production",
  PORT: 3000,
  publicUrl: "https://chophien.vn",
  ALLOWED_HOSTS: ["www.chophien.vn"],
  trustProxy: false,
  MICROCACHE_SECONDS: 5,
};

let renders = 0;
const remixLike: RequestHandler = (req, res) => {
  renders++;
  const port = (req.get("X-Forwarded-Host") ?? req.get("host"))?.split(":")[1];
  const origin = `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}`;
  res
    .type("html")
    .send(
      `<link rel="canonical" href="${origin}${req.path}"><p>${loadContextOf(req).clientAddress}</p><p>${renders}</p>`,
    );
};

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function start(env: AppEnv) {
  const server = createApp(env, remixLike).listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as AddressInfo).port;
  /** A request with exactly these headers (fetch() would not let a test set Host). */
  return (path: string, headers: Record<string, string>, method = "GET") =>
    new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on("error", reject);
      req.end();
    });
}

describe("host check", () => {
  it("answers 421 to a host that is not the site's, and serves the configured ones", async () => {
    const get = await start(production);
    expect((await get("/", { Host: "evil.example" })).status).toBe(421);
    expect((await get("/", { Host: "chophien.vn.evil.example" })).status).toBe(421);
    expect((await get("/", { Host: "chophien.vn:8443" })).status).toBe(421);
    expect((await get("/", { Host: "chophien.vn/x" })).status).toBe(421);
    expect((await get("/", { Host: "ChoPhien.vn" })).status).toBe(200);
    expect((await get("/", { Host: "chophien.vn:443" })).status).toBe(200);
    expect((await get("/", { Host: "www.chophien.vn" })).status).toBe(200);
    // In production a loopback name is not the site unless PUBLIC_URL is one.
    expect((await get("/", { Host: "localhost:3000" })).status).toBe(421);
  });

  it("lets health probes ask for /healthz by any host", async () => {
    const get = await start(production);
    expect((await get("/healthz", { Host: "10.0.0.7:3000" })).status).toBe(200);
  });

  it("ignores X-Forwarded-Host unless TRUST_PROXY names the proxy", async () => {
    const get = await start(production);
    const page = await get("/", { Host: "chophien.vn", "X-Forwarded-Host": "evil.example:666" });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain("evil.example");
    expect(page.body).not.toContain(":666");
  });

  it("checks X-Forwarded-Host from a trusted proxy instead of Host", async () => {
    const get = await start({ ...production, trustProxy: ["loopback"] });
    expect((await get("/", { Host: "127.0.0.1:3000", "X-Forwarded-Host": "evil.example" })).status).toBe(421);
    const page = await get("/", { Host: "127.0.0.1:3000", "X-Forwarded-Host": "chophien.vn, evil.example" });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain("evil.example");
  });

  it("serves localhost, 127.0.0.1 and [::1] on PORT in development", async () => {
    const get = await start({
      ...production,
      NODE_ENV: "development",
      publicUrl: "http://localhost:3000",
      ALLOWED_HOSTS: [],
    });
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000"]) {
      expect((await get("/", { Host: host })).status).toBe(200);
    }
    expect((await get("/", { Host: "localhost:4000" })).status).toBe(421);
    expect((await get("/", { Host: "evil.example" })).status).toBe(421);
  });
});

describe("client address", () => {
  it("is the connection's unless TRUST_PROXY names the proxy", async () => {
    const direct = await start(production);
    const spoofed = await direct("/", { Host: "chophien.vn", "X-Forwarded-For": "203.0.113.9" });
    expect(spoofed.body).not.toContain("203.0.113.9");
    expect(spoofed.body).toMatch(/127\.0\.0\.1/);

    const proxied = await start({ ...production, trustProxy: ["loopback"] });
    const forwarded = await proxied("/", { Host: "chophien.vn", "X-Forwarded-For": "203.0.113.9" });
    expect(forwarded.body).toContain("<p>203.0.113.9</p>");
  });
});

describe("microcache", () => {
  it("cannot be poisoned through Host or X-Forwarded-Host", async () => {
    const get = await start(production);
    const poison = await get("/san-pham/xoai-cat", { Host: "evil.example" });
    expect(poison.status).toBe(421);
    await get("/san-pham/xoai-cat", { Host: "chophien.vn", "X-Forwarded-Host": "evil.example" });
    const visitor = await get("/san-pham/xoai-cat", { Host: "chophien.vn" });
    expect(visitor.headers["x-microcache"]).toBe("hit");
    expect(visitor.body).toContain('//chophien.vn/san-pham/xoai-cat"');
    expect(visitor.body).not.toContain("evil.example");
  });
});

describe("CSRF origin check", () => {
  it("compares Origin with the configured origins", async () => {
    const post = async (headers: Record<string, string>) =>
      (await start(production))("/gio-hang", headers, "POST");
    expect((await post({ Host: "chophien.vn", Origin: "https://chophien.vn" })).status).toBe(200);
    expect((await post({ Host: "chophien.vn", Origin: "https://www.chophien.vn" })).status).toBe(200);
    expect((await post({ Host: "chophien.vn", Origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ Host: "chophien.vn", Origin: "http://chophien.vn" })).status).toBe(403);
    // A forged Host matching a forged Origin no longer passes.
    expect((await post({ Host: "evil.example", Origin: "https://evil.example" })).status).toBe(421);
  });
});
