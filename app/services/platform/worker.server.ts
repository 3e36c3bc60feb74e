// Background work of the web process (the embedded default) or of `npm run worker`: drains the
// outbox every second, once a minute settles card sessions whose webhook never came, and once a day
// removes stored files no row refers to (storage-gc.server.ts).
import { settleStaleCardSessions } from "../orders/card-webhooks.server.ts";
import { getDb } from "./db.server.ts";
import { getEnv } from "./env.server.ts";
import { drainOutbox } from "./outbox.server.ts";
import { outboxHandlers } from "./outbox-handlers.server.ts";
import { cardPaymentsFromEnv } from "../payments/card.server.ts";
import { collectGarbage } from "./storage-gc.server.ts";
import { storageFor } from "./storage.server.ts";

const SWEEP_EVERY_MS = 60_000;
const STORAGE_GC_EVERY_MS = 24 * 60 * 60 * 1000;
// The first sweep of stored files waits a few minutes: start-up (and a short-lived worker) stays quick.
const STORAGE_GC_FIRST_AFTER_MS = 5 * 60_000;

export function startOutboxWorker({
  intervalMs = 1000,
  storageGcFirstAfterMs = STORAGE_GC_FIRST_AFTER_MS,
}: { intervalMs?: number; storageGcFirstAfterMs?: number } = {}) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastSweep = 0;
  let lastStorageGc = Date.now() - STORAGE_GC_EVERY_MS + storageGcFirstAfterMs;
  const tick = async () => {
    try {
      await drainOutbox(getDb(), outboxHandlers);
    } catch (error) {
      console.error("Outbox worker:", error);
    }
    if (Date.now() - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = Date.now();
      try {
        const env = getEnv();
        const payments = cardPaymentsFromEnv(env);
        if (payments) await settleStaleCardSessions(payments, { siteUrl: env.publicUrl });
      } catch (error) {
        console.error("Card session sweep:", error);
      }
    }
    if (Date.now() - lastStorageGc >= STORAGE_GC_EVERY_MS) {
      lastStorageGc = Date.now();
      // Not awaited: walking a large storage must not hold up mail and search indexing.
      collectGarbage(getDb(), storageFor(getEnv())).then(
        ({ removed }) => {
          if (removed.length) console.log(`Storage sweep: removed ${removed.length} unreferenced files.`);
        },
        (error: unknown) => console.error("Storage sweep:", error),
      );
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
