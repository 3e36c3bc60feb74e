// The outbox: side effects that must not be lost (search indexing, mail) are written as rows in the
// same transaction as the change that causes them, then drained by a worker that retries with
// backoff. A crash between the change and the effect delays the effect; it never drops it.
import type { Db, Prisma } from "./db.server.ts";

type Tx = Pick<Db, "outboxMessage">;

export function enqueue(tx: Tx, topic: string, payload: Prisma.InputJsonValue) {
  return tx.outboxMessage.create({ data: { topic, payload } });
}

export type OutboxHandler = (payload: unknown) => Promise<void>;

export const MAX_ATTEMPTS = 10;
// While a worker runs a message, the message is hidden from other workers for this long.
const LEASE_MS = 5 * 60 * 1000;

/** 1 s, 2 s, 4 s … capped at 10 minutes. */
export function backoffMs(attempts: number) {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 10 * 60 * 1000);
}

/**
 * Runs every due message once. Returns how many succeeded and failed. Safe with several workers:
 * a message is claimed by moving its availableAt forward only if nobody else has.
 */
export async function drainOutbox(
  db: Db,
  handlers: Record<string, OutboxHandler>,
  { batchSize = 50, now = () => new Date() } = {},
) {
  const due = await db.outboxMessage.findMany({
    where: { status: "pending", availableAt: { lte: now() } },
    orderBy: [{ availableAt: "asc" }, { createdAt: "asc" }],
    take: batchSize,
  });
  let succeeded = 0;
  let failed = 0;
  for (const message of due) {
    const claimed = await db.outboxMessage.updateMany({
      where: { id: message.id, status: "pending", availableAt: message.availableAt },
      data: { availableAt: new Date(now().getTime() + LEASE_MS) },
    });
    if (claimed.count !== 1) continue;
    const handler = handlers[message.topic];
    try {
      if (!handler) throw new Error(`No handler for outbox topic "${message.topic}"`);
      await handler(message.payload);
      await db.outboxMessage.update({
        where: { id: message.id },
        data: { status: "done", processedAt: now(), attempts: { increment: 1 }, lastError: null },
      });
      succeeded++;
    } catch (error) {
      const attempts = message.attempts + 1;
      await db.outboxMessage.update({
        where: { id: message.id },
        data: {
          attempts,
          lastError: error instanceof Error ? error.message : String(error),
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          availableAt: new Date(now().getTime() + backoffMs(attempts)),
        },
      });
      failed++;
    }
  }
  return { succeeded, failed };
}

/** Oldest message still waiting, for /healthz: how far behind the side effects are (of one topic). */
export async function outboxLag(db: Db, now = new Date(), topic?: string) {
  const where = topic ? { topic } : {};
  const oldest = await db.outboxMessage.findFirst({
    where: { status: "pending", ...where },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  const [pending, failed] = await Promise.all([
    db.outboxMessage.count({ where: { status: "pending", ...where } }),
    db.outboxMessage.count({ where: { status: "failed", ...where } }),
  ]);
  return { pending, failed, oldestPendingMs: oldest ? now.getTime() - oldest.createdAt.getTime() : 0 };
}
