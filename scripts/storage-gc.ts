// npm run storage:gc [-- --older-than-hours 24] [--dry-run]
// Removes stored files (public and private areas) that no row refers to and that are older than the
// age limit, and prints each one. The outbox worker runs the same sweep once a day.
import { parseArgs } from "node:util";
import { z } from "zod";
import { getDb } from "#app/services/platform/db.server.ts";
import { loadEnvOrExit } from "#app/services/platform/env.server.ts";
import { collectGarbage, DEFAULT_GC_AGE_MS } from "#app/services/platform/storage-gc.server.ts";
import { storageFor } from "#app/services/platform/storage.server.ts";

const usage = "usage: npm run storage:gc -- [--older-than-hours N] [--dry-run]";

const ArgsSchema = z.object({
  // At least an hour: an upload stores its files moments before the row that refers to them.
  "older-than-hours": z.coerce
    .number({ error: "--older-than-hours must be a number of hours" })
    .min(1, "--older-than-hours must be at least 1")
    .max(24 * 365, "--older-than-hours must be at most a year")
    .default(DEFAULT_GC_AGE_MS / 3_600_000),
  "dry-run": z.boolean().default(false),
});

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(1);
}

let raw: Record<string, unknown>;
try {
  raw = parseArgs({
    options: { "older-than-hours": { type: "string" }, "dry-run": { type: "boolean" } },
  }).values;
} catch (error) {
  fail((error as Error).message);
}
const parsed = ArgsSchema.safeParse(raw);
if (!parsed.success) fail(parsed.error.issues[0]!.message);
const { "older-than-hours": hours, "dry-run": dryRun } = parsed.data;

const env = loadEnvOrExit();
const db = getDb(env.DATABASE_URL);
const { scanned, removed } = await collectGarbage(db, storageFor(env), {
  olderThanMs: hours * 3_600_000,
  dryRun,
});
const kilobytes = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;
for (const file of removed) {
  console.log(
    `${dryRun ? "would remove" : "removed"} ${file.area.padEnd(7)} ${file.key} ${kilobytes(file.size)} (${file.modifiedAt.toISOString()})`,
  );
}
const total = removed.reduce((sum, f) => sum + f.size, 0);
console.log(
  `${dryRun ? "Would remove" : "Removed"} ${removed.length} of ${scanned} stored files (${kilobytes(total)}) ` +
    `not referenced by any row and older than ${hours} h.`,
);
await db.$disconnect();
