// Background work of the web process (the embedded default) or of `npm run worker`: drains the
// outbox every second, and once a minute settles card sessions whose webhook never came.
import { settleStaleCardSessions } from "./card-webhooks.server.ts";
import { getDb } from "./db.server.ts";
import { getEnv } from "./env.server.ts";
import { drainOutbox } from "./outbox.server.ts";
import { outboxHandlers } from "./outbox-handlers.server.ts";
import { cardPaymentsFromEnv } from "./payments/card.server.ts";

const SWEEP_EVERY_MS = 60_000;

export function startOutboxWorker({ intervalMs = 1000 } = {}) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastSweep = 0;
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
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
