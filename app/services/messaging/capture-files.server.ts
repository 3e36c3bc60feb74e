// The capture adapters (mail, SMS) keep one JSON file per message, for development and tests.
// Files on disk rather than memory, because Playwright tests read them from another process.
import fs from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";

// Names sort by time; messages written within the same millisecond by this process keep their order.
let lastMs = 0;
let sameMs = 0;
function sortableStamp(ms: number) {
  sameMs = ms === lastMs ? sameMs + 1 : 0;
  lastMs = ms;
  return `${new Date(ms).toISOString().replace(/[:.]/g, "-")}_${String(sameMs).padStart(4, "0")}`;
}

/** Writes `record` as `<sortable time>_<id>.json` in `dir` (created if need be). */
export async function writeCapturedFile(dir: string, record: { id: string; sentAt: string }) {
  const file = path.join(dir, `${sortableStamp(Date.parse(record.sentAt))}_${record.id}.json`);
  await fs.mkdir(dir, { recursive: true });
  // Write then rename, so a reader never sees half a message. The temp name is not *.json.
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, JSON.stringify(record, null, 2));
  await fs.rename(temp, file);
}

/** Captured records, oldest first. A directory that does not exist yet holds none. */
export async function readCapturedFiles<T>(
  dir: string,
  schema: z.ZodType<T>,
  keep: (record: T) => boolean = () => true,
): Promise<T[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const records: T[] = [];
  for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
    let json: string;
    try {
      json = await fs.readFile(path.join(dir, name), "utf8");
    } catch (error) {
      // Deleted since the listing (a test clearing the directory): it is no longer a message.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    const record = schema.parse(JSON.parse(json));
    if (keep(record)) records.push(record);
  }
  return records;
}
