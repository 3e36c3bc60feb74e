// Foundation figures on the seeded demo data (SQLite, this machine):
// - the home page's data (7 queries) against the cheapest query it makes, and
// - a sign-in (lookup + rate-limit bookkeeping + argon2 verify + session row) against a bare
//   argon2 verify, which is the part meant to be slow.
import fs from "node:fs/promises";
import path from "node:path";
import { hash, verify } from "@node-rs/argon2";
import { login } from "#app/services/identity/auth.server.ts";
import { getHomePage } from "#app/services/catalog/catalog.server.ts";
import type { FileStorage } from "#app/services/platform/storage.server.ts";
import { DEMO_PASSWORD, demoAccounts } from "#prisma/seed/demo-accounts.ts";
import { seedDatabase } from "#prisma/seed/seed.ts";
import { openBenchDatabase, printTable, sample } from "./lib.ts";

const noStorage: FileStorage = { put: async () => {}, get: async () => null };

export async function runFoundationBench() {
  const dir = path.resolve("bench/.out");
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `foundation-${process.pid}.db`);
  const url = `file:${file}`;
  process.env.SESSION_SECRET ??= "bench-session-secret-0123456789abcdef";
  try {
    const db = await openBenchDatabase(url);
    const seedStart = performance.now();
    const summary = await seedDatabase(db, noStorage);
    console.log(
      `Seeded ${summary.sellers} sellers, ${summary.products} products in ${(performance.now() - seedStart).toFixed(0)} ms`,
    );

    const baselineQuery = await sample(300, () =>
      db.product.findMany({ where: { status: "active" }, take: 12 }),
    );
    const home = await sample(300, () => getHomePage());

    const passwordHash = await hash(DEMO_PASSWORD);
    const bareVerify = await sample(30, () => verify(passwordHash, DEMO_PASSWORD));
    let n = 0;
    const signIn = await sample(30, () =>
      login({ identifier: demoAccounts[3].phone, password: DEMO_PASSWORD, clientAddress: `bench-${n++}` }),
    );

    printTable("Foundation (SQLite, seeded demo data)", [
      {
        name: "home page data (getHomePage)",
        ...home,
        baseline: "one findMany of 12 products",
        ratio: home.p50 / baselineQuery.p50,
      },
      { name: "  baseline: findMany 12 products", ...baselineQuery, baseline: "-", ratio: 1 },
      {
        name: "sign-in (login)",
        ...signIn,
        baseline: "bare argon2id verify",
        ratio: signIn.p50 / bareVerify.p50,
      },
      { name: "  baseline: argon2id verify", ...bareVerify, baseline: "-", ratio: 1 },
    ]);
    await db.$disconnect();
  } finally {
    for (const suffix of ["", "-wal", "-shm"]) await fs.rm(file + suffix, { force: true });
  }
}
