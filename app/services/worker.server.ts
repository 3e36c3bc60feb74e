// Drains the outbox in the background of the web process (the embedded default).
import { getDb } from "./db.server.ts";
import { drainOutbox } from "./outbox.server.ts";
import { outboxHandlers } from "./outbox-handlers.server.ts";

export function startOutboxWorker({ intervalMs = 1000 } = {}) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await drainOutbox(getDb(), outboxHandlers);
    } catch (error) {
      console.error("Outbox worker:", error);
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
