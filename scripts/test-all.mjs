#!/usr/bin/env node
// npm test — the whole suite, in the order that fails fastest:
// typecheck, lint, migration drift, unit + integration on SQLite, integration on PostgreSQL
// (always in CI, locally when TEST_POSTGRES_URL is set), then end-to-end in Chromium.
// Ends with one line "N passed, N failed" over every test run; a step that fails without a failed
// test to show for it (typecheck, lint, a server that would not start) counts as one failure, so the
// line can never read "0 failed" on a red run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const resultsDir = path.resolve("test-results");
fs.mkdirSync(resultsDir, { recursive: true });
const withPostgres = Boolean(process.env.CI || process.env.TEST_POSTGRES_URL);
const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let passed = 0;
let failed = 0;
const failures = [];

/**
 * Runs one step; `count` reads its report and returns the tests it ran. A report left by an earlier
 * run is removed first, so a step that dies before writing one is never credited with old results.
 */
function run(title, command, args, { env = {}, report, count } = {}) {
  console.log(`\n━━ ${title}`);
  if (report) fs.rmSync(report, { force: true });
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const ok = result.status === 0;
  console.log(`━━ ${title}: ${ok ? "ok" : "FAILED"} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const tests = report && count && fs.existsSync(report) ? count(report) : { passed: 0, failed: 0 };
  passed += tests.passed;
  failed += tests.failed;
  if (!ok) {
    failures.push(title);
    if (tests.failed === 0) failed += 1;
  }
  return ok;
}

function countVitest(file) {
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  return { passed: report.numPassedTests, failed: report.numFailedTests };
}

function countPlaywright(file) {
  const { stats } = JSON.parse(fs.readFileSync(file, "utf8"));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
}

run("typecheck", "npx", ["tsc", "--noEmit"]);
run("lint", "npx", ["eslint", "."]);
run("migrations match the models", "npx", [
  "tsx",
  "scripts/db.ts",
  "drift",
  ...(withPostgres ? ["--postgres-url", postgresUrl] : ["--sqlite-only"]),
]);

const sqliteReport = path.join(resultsDir, "vitest-sqlite.json");
run(
  "unit and integration tests (SQLite)",
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${sqliteReport}`],
  { report: sqliteReport, count: countVitest },
);

if (withPostgres) {
  const pgReport = path.join(resultsDir, "vitest-postgresql.json");
  run(
    "integration tests (PostgreSQL)",
    "npx",
    [
      "vitest",
      "run",
      "--project",
      "integration",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${pgReport}`,
    ],
    {
      env: { TEST_DATABASE: "postgresql", TEST_POSTGRES_URL: postgresUrl },
      report: pgReport,
      count: countVitest,
    },
  );
} else {
  console.log("\n(PostgreSQL integration run skipped: set TEST_POSTGRES_URL to include it; CI always does.)");
}

// On a fresh machine (as root, like CI) fetch Debian's Chromium; never a downloaded browser build.
if (
  !fs.existsSync(chromium) &&
  !process.env.CHROMIUM_PATH &&
  process.getuid?.() === 0 &&
  fs.existsSync("/usr/bin/apt-get")
) {
  run("install Debian's Chromium", "sh", [
    "-c",
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium",
  ]);
}

if (fs.existsSync(chromium)) {
  const e2eReport = path.join(resultsDir, "e2e.json");
  run(
    "end-to-end tests (Chromium, production build)",
    "npx",
    ["playwright", "test", "--reporter=list,json"],
    { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport }, report: e2eReport, count: countPlaywright },
  );
} else {
  failures.push("end-to-end tests");
  failed += 1;
  console.error(
    `\nChromium not found at ${chromium}: install it with apt-get install -y chromium (or set CHROMIUM_PATH).`,
  );
}

if (failures.length) console.error(`\nFailed steps: ${failures.join(", ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failures.length || failed ? 1 : 0);
