// The storefront over HTTP: the production build and server (scripts/start-seeded-server.ts, seeded demo data),
// loaded with autocannon, against a bare Node http server that answers the same bytes for the same
// URLs — so the ratio is what rendering (loaders, React SSR, Express, compression middleware) costs
// per request on this machine. Both servers run in a child process; autocannon runs in this one.
// Then the weight of a product page on first load (gzip), against the issue's budget.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { summarize } from "./lib.ts";

const CONNECTIONS = 32;
const DURATION_S = 10;
const WARMUP_S = 2;
const TARGET_PRODUCT_P95_MS = 50;
const TARGET_WEIGHT_KB = 150;

type Fetched = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A plain GET that sends only the headers given (fetch() would add Accept-Encoding and decode). */
function get(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${url}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${output}`)),
    );
  });
}

/** Starts a child and resolves when `ready` answers; rejects if the child dies first. */
async function startChild(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: string,
  timeoutMs: number,
) {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output = (output + d).slice(-20_000)));
  child.stderr!.on("data", (d) => (output = (output + d).slice(-20_000)));
  let exited: number | null = null;
  child.on("exit", (code) => (exited = code ?? -1));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) throw new Error(`${name} exited (${exited}) before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`${name} not ready after ${timeoutMs} ms:\n${output}`);
    }
    const ok = await get(ready).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, output: () => output };
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopChild(child: ChildProcess | null | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 6_000);
  await exited;
  clearTimeout(timer);
}

// The bare server: one Node http server answering each path with the bytes and Content-Type the app
// answered (read from a manifest file), nothing else.
const bareServerSource = `
const http = require("node:http");
const fs = require("node:fs");
const pages = JSON.parse(fs.readFileSync(process.env.BARE_MANIFEST, "utf8"));
const bodies = new Map(pages.map((p) => [p.path, { body: fs.readFileSync(p.file), type: p.contentType }]));
http.createServer((req, res) => {
  if (req.url === "/healthz") { res.writeHead(200, { "Content-Type": "text/plain" }); res.end("ok"); return; }
  const page = bodies.get(req.url);
  if (!page) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "Content-Type": page.type, "Content-Length": page.body.length });
  res.end(page.body);
}).listen(Number(process.env.BARE_PORT), "127.0.0.1");
`;

type Load = {
  rps: number;
  p50: number;
  p95: number; // computed from every response's latency
  p97_5: number; // autocannon's histogram
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
};

/** Warm-up, then a measured autocannon run; p95 is computed from each response's own latency. */
async function load(
  url: string,
  connections = CONNECTIONS,
  duration = DURATION_S,
  headers: Record<string, string> = {},
): Promise<Load> {
  await autocannon({ url, connections, duration: WARMUP_S, headers });
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const exact = summarize(latencies.length ? latencies : [NaN]);
  return {
    rps: result.requests.average,
    p50: exact.p50,
    p95: exact.p95,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function attributes(tag: string) {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z:-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
    attrs[m[1]!.toLowerCase()] = (m[3] ?? m[4] ?? m[5] ?? "").replace(/&amp;/g, "&");
  }
  return attrs;
}

/** The assets a browser fetches on first load of a page, as the HTML names them. */
function assetsOf(html: string) {
  const css = new Set<string>();
  const js = new Set<string>();
  const images = new Set<string>();
  const other = new Set<string>();
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const a = attributes(tag);
    if (!a.href) continue;
    const rel = (a.rel ?? "").toLowerCase().split(/\s+/);
    if (rel.includes("stylesheet")) css.add(a.href);
    else if (rel.includes("modulepreload")) js.add(a.href);
    else if (rel.includes("preload") && a.as === "image") images.add(a.href);
    else other.add(`${a.rel} ${a.href}`);
  }
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const a = attributes(tag);
    if (a.src) js.add(a.src);
  }
  // Remix's inline module script imports the manifest, the entry and the route modules.
  for (const m of html.matchAll(/<script\b[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/gi)) {
    for (const i of m[1]!.matchAll(/import\s*(?:[^"']*?from\s*)?["']([^"']+)["']/g)) js.add(i[1]!);
  }
  for (const [tag] of html.matchAll(/<img\b[^>]*>/gi)) {
    const a = attributes(tag);
    if (a.src) images.add(a.src);
  }
  return { css: [...css], js: [...js], images: [...images], other: [...other] };
}

/** Bytes on the wire with gzip: the server's own gzip when it compressed, else zlib level 6. */
async function gzipWeight(url: string) {
  const r = await get(url, { "Accept-Encoding": "gzip" });
  if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
  const byServer = r.headers["content-encoding"] === "gzip";
  const raw = byServer ? zlib.gunzipSync(r.body) : r.body;
  return {
    gzip: byServer ? r.body.length : zlib.gzipSync(r.body, { level: 6 }).length,
    raw: raw.length,
    byServer,
    body: raw,
    type: String(r.headers["content-type"] ?? ""),
  };
}

export async function runStorefrontBench() {
  const root = process.cwd();
  const dir = path.resolve("bench/.out", `storefront-${process.pid}`);
  await fs.mkdir(dir, { recursive: true });
  let app: ChildProcess | null = null;
  let bare: ChildProcess | null = null;
  try {
    const buildStart = performance.now();
    await run("npx", ["remix", "build"], { ...process.env, NODE_ENV: "production" });
    console.log(
      `\nStorefront: production build in ${((performance.now() - buildStart) / 1000).toFixed(1)} s`,
    );

    const appPort = await freePort();
    const startStart = performance.now();
    const started = await startChild(
      "the app server",
      ["--import", "tsx", path.join(root, "scripts/start-seeded-server.ts")],
      {
        ...process.env,
        SEEDED_SERVER_DIR: path.join(dir, "app"),
        PORT: String(appPort),
        LOG_REQUESTS: "false",
      },
      `http://127.0.0.1:${appPort}/healthz`,
      180_000,
    );
    app = started.child;
    console.log(
      `  server seeded and ready on port ${appPort} in ${((performance.now() - startStart) / 1000).toFixed(1)} s`,
    );

    const appBase = `http://127.0.0.1:${appPort}`;
    const found = JSON.parse((await get(`${appBase}/api/search?q=xoai&perPage=1`)).body.toString("utf8")) as {
      hits: { url: string; name: string }[];
    };
    const productPath = found.hits[0]?.url;
    if (!productPath) throw new Error("no product found for /api/search?q=xoai");

    const pages = [
      { name: "home /", path: "/" },
      { name: "search /search?q=xoai+cam+lam", path: "/search?q=xoai+cam+lam" },
      { name: "product (first hit for xoai)", path: productPath },
    ];

    // The bytes each page answers without Accept-Encoding, as autocannon asks for them.
    const manifest = [];
    for (const [i, page] of pages.entries()) {
      const r = await get(appBase + page.path);
      if (r.status !== 200) throw new Error(`${page.path} answered ${r.status}`);
      const file = path.join(dir, `page-${i}.html`);
      await fs.writeFile(file, r.body);
      manifest.push({ path: page.path, file, contentType: String(r.headers["content-type"] ?? "text/html") });
      console.log(`  ${page.name.padEnd(34)} ${page.path} — ${kb(r.body.length)} of HTML`);
    }
    const manifestFile = path.join(dir, "bare-manifest.json");
    await fs.writeFile(manifestFile, JSON.stringify(manifest));
    const barePort = await freePort();
    bare = (
      await startChild(
        "the bare server",
        ["-e", bareServerSource],
        { ...process.env, BARE_MANIFEST: manifestFile, BARE_PORT: String(barePort) },
        `http://127.0.0.1:${barePort}/healthz`,
        10_000,
      )
    ).child;
    const bareBase = `http://127.0.0.1:${barePort}`;

    const results: { name: string; app: Load; bare: Load }[] = [];
    for (const page of pages) {
      const appLoad = await load(appBase + page.path);
      const bareLoad = await load(bareBase + page.path);
      results.push({ name: page.name, app: appLoad, bare: bareLoad });
    }
    // The app serves anonymous storefront pages from a 5-second microcache (docs/decisions/008).
    // A session cookie bypasses it, so this row is the cost of rendering every request.
    const productUncached = await load(appBase + productPath, CONNECTIONS, DURATION_S, {
      Cookie: "__session=bench",
    });
    // Latency without queueing: one connection at a time on the product page.
    const productSingle = await load(appBase + productPath, 1, 5);
    const bareSingle = await load(bareBase + productPath, 1, 5);

    const f = (n: number) => n.toFixed(1).padStart(7);
    console.log(
      `\nStorefront under load (autocannon, ${CONNECTIONS} connections, ${DURATION_S} s after a ${WARMUP_S} s warm-up; no Accept-Encoding)`,
    );
    console.log(
      "  page / server                       req/s    p50 ms   p95 ms  p97.5 ms   p99 ms   ×bare req/s  ×bare p95",
    );
    const line = (label: string, l: Load, base?: Load) =>
      console.log(
        `  ${label.padEnd(34)} ${l.rps.toFixed(0).padStart(6)}  ${f(l.p50)}  ${f(l.p95)}  ${f(l.p97_5)}  ${f(l.p99)}   ${(base ? `${(l.rps / base.rps).toFixed(3)}×` : "-").padStart(10)}  ${(base ? `${(l.p95 / base.p95).toFixed(1)}×` : "-").padStart(8)}` +
          (l.non2xx || l.errors ? `   (${l.non2xx} non-2xx, ${l.errors} errors)` : ""),
      );
    for (const r of results) {
      line(r.name, r.app, r.bare);
      line("  baseline: bare http, same bytes", r.bare);
    }
    line("product, uncached (every request rendered)", productUncached, results[2]!.bare);
    line("product, 1 connection (no queueing)", productSingle, bareSingle);
    line("  baseline: bare http, 1 connection", bareSingle);
    console.log(
      "  p95 is computed from every 2xx response's latency (autocannon's 'response' events); p97.5 and p99 are autocannon's own histogram, which records whole milliseconds.",
    );
    const product = results[2]!.app;
    console.log(
      `  target: product page p95 ≤ ${TARGET_PRODUCT_P95_MS} ms — ${product.p95.toFixed(1)} ms at ${CONNECTIONS} connections: ${product.p95 <= TARGET_PRODUCT_P95_MS ? "MET" : "NOT MET"}; ${productSingle.p95.toFixed(1)} ms at 1 connection: ${productSingle.p95 <= TARGET_PRODUCT_P95_MS ? "MET" : "NOT MET"}`,
    );

    // Page weight of the product page on first load.
    const html = await gzipWeight(appBase + productPath);
    const assets = assetsOf(html.body.toString("utf8"));
    console.log(`\nProduct page weight on first load (gzip; ${productPath})`);
    console.log("  resource                                                      raw        gzip   gzip by");
    const row = (label: string, w: { raw: number; gzip: number; byServer: boolean }) =>
      console.log(
        `  ${label.padEnd(58)} ${kb(w.raw).padStart(9)}  ${kb(w.gzip).padStart(9)}   ${w.byServer ? "server" : "zlib -6"}`,
      );
    row("HTML", html);
    const totals = { html: html.gzip, css: 0, js: 0 };
    for (const [kind, urls] of [
      ["css", assets.css],
      ["js", assets.js],
    ] as const) {
      for (const u of urls) {
        const w = await gzipWeight(new URL(u, appBase).href);
        totals[kind] += w.gzip;
        row(`${kind.toUpperCase()} ${u}`, w);
      }
    }
    const total = totals.html + totals.css + totals.js;
    const baselineHtml = html.gzip;
    console.log(
      `  total HTML + CSS + JS: ${kb(total)} gzip (HTML ${kb(totals.html)}, CSS ${kb(totals.css)} in ${assets.css.length} files, JS ${kb(totals.js)} in ${assets.js.length} files) — ${(total / baselineHtml).toFixed(1)}× the HTML alone`,
    );
    console.log(
      `  target: ≤ ${TARGET_WEIGHT_KB} KB — ${kb(total)}: ${total <= TARGET_WEIGHT_KB * 1024 ? "MET" : "NOT MET"}`,
    );
    let imageBytes = 0;
    for (const u of assets.images) {
      const r = await get(new URL(u, appBase).href, { Accept: "image/avif,image/webp,*/*" });
      imageBytes += r.body.length;
      console.log(`  image (not counted) ${u}: ${kb(r.body.length)} ${r.headers["content-type"] ?? ""}`);
    }
    console.log(
      `  images: ${assets.images.length} (<img src> / preload), ${kb(imageBytes)} — excluded from the total`,
    );
    if (assets.other.length) console.log(`  other links (not counted): ${assets.other.join(", ")}`);
  } finally {
    await stopChild(bare);
    await stopChild(app);
    await fs.rm(dir, { recursive: true, force: true });
  }
}
