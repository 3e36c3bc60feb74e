// Small helpers shared by the benchmarks: timing samples, percentiles, a printed table, a seeded
// PRNG, and fresh databases to run on. Benches may not import tests/, so the few rows they share
// with tests/fixtures are written here again.
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { type Db, getDb, tuneDatabase } from "#app/services/platform/db.server.ts";
import { deployMigrations } from "#app/services/platform/migrations.server.ts";

export async function sample(runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(10, runs); i++) await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return summarize(times);
}

/** Percentiles and mean of `times` (ms); NaN where there are none. */
export function summarize(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    runs: times.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

export type Row = { name: string; p50: number; p95: number; baseline: string; ratio: number };

export function printTable(title: string, rows: Row[]) {
  console.log(`\n${title}`);
  console.log("  what                                  p50 ms   p95 ms   ×baseline (p50)  baseline");
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(36)} ${r.p50.toFixed(2).padStart(7)}  ${r.p95.toFixed(2).padStart(7)}   ${r.ratio.toFixed(2).padStart(8)}×       ${r.baseline}`,
    );
  }
}

/** mulberry32: small, fast, good enough for picking words; the same data on every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}

// ───────────────────────────── databases ─────────────────────────────

/** Points the app at `url`, applies the migrations and tunes the connection. The caller disconnects. */
export async function openBenchDatabase(url: string): Promise<Db> {
  process.env.DATABASE_URL = url;
  await deployMigrations(url);
  const db = getDb(url);
  await tuneDatabase(db, url);
  return db;
}

/**
 * Runs `bench` on a fresh SQLite file and, with TEST_POSTGRES_URL set, again on a scratch PostgreSQL
 * database dropped afterwards. Its files (database, uploads, mail, search index) live in a folder
 * under bench/.out removed at the end. A run that returns false sets a failing exit code.
 */
export async function runOnFreshDatabases(
  name: string,
  bench: (label: string, url: string) => Promise<boolean>,
  postgresLabel = "PostgreSQL",
) {
  const dir = path.resolve("bench/.out", `${name}-${process.pid}`);
  await fs.mkdir(dir, { recursive: true });
  process.env.SESSION_SECRET ??= "bench-session-secret-0123456789abcdef";
  process.env.MAIL_CAPTURE_DIR = path.join(dir, "mail");
  process.env.STORAGE_DIR = path.join(dir, "uploads");
  process.env.SEARCH_INDEX_PATH = path.join(dir, "search.db");
  let ok = true;
  try {
    ok = (await bench("SQLite", `file:${path.join(dir, `${name}.db`)}`)) && ok;

    const server = process.env.TEST_POSTGRES_URL;
    if (server) {
      const database = `chophien_bench_${name}_${Date.now().toString(36)}_${process.pid}`;
      const admin = async (sql: string) => {
        const client = new pg.Client({ connectionString: server });
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end();
        }
      };
      await admin(`CREATE DATABASE "${database}"`);
      try {
        const url = new URL(server);
        url.pathname = `/${database}`;
        ok = (await bench(postgresLabel, url.toString())) && ok;
      } finally {
        await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      }
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  if (!ok) process.exitCode = 1;
}

/** The one commune the bench sellers live in (as tests/fixtures/shops.ts makes it). */
export function createCommune(db: Db) {
  return db.commune.create({
    data: {
      slug: "cam-lam",
      name: "Cam Lâm",
      fullName: "Xã Cam Lâm",
      type: "xa",
      formerDistrict: "Cam Lâm",
      formerDistricts: ["Cam Lâm"],
      mergedFrom: [],
    },
  });
}
