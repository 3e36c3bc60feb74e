// Every write that matters leaves a row: who, on whose behalf, what, before and after.
import { enqueueIndexing } from "../search/indexer.server.ts";
import { getDb, type Db, type Prisma, type Tx } from "./db.server.ts";

export type AuditEntry = {
  actorId: string | null;
  onBehalfOfSellerId?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/** Call inside the same transaction as the change, so the record and the change land together. */
export function recordAudit(tx: Pick<Db, "auditLog">, entry: AuditEntry) {
  return tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      onBehalfOfSellerId: entry.onBehalfOfSellerId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}

// Dates and other non-JSON values become their JSON form; undefined becomes "no value".
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

/** What a change made, for its audit row, and the products whose search documents it touched. */
export type AuditedResult<T> = {
  result: T;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** When the seller is only known once the change ran (a new shop). */
  onBehalfOfSellerId?: string;
  /** Products to re-index: queued in the same transaction, so the index can lag but never miss. */
  reindex?: readonly string[];
  /** Nothing changed (a photo already first moved up): no audit row, nothing to index. */
  unchanged?: boolean;
};

const INDEX_BATCH = 500;

type Actor = { actorId: string | null; onBehalfOfSellerId?: string | null };

/**
 * The shape of every change a person makes: one transaction that runs the change, writes its audit
 * row and queues search indexing, so the three land together or not at all.
 */
export function auditedChange<T>(
  actor: Actor,
  action: string,
  run: (tx: Tx) => Promise<AuditedResult<T>>,
  options?: { maxWait?: number; timeout?: number },
): Promise<T> {
  return getDb().$transaction(async (tx) => {
    const { result, reindex = [], unchanged, onBehalfOfSellerId, ...entry } = await run(tx);
    if (unchanged) return result;
    await recordAudit(tx, {
      actorId: actor.actorId,
      onBehalfOfSellerId: onBehalfOfSellerId ?? actor.onBehalfOfSellerId ?? null,
      action,
      ...entry,
    });
    // One outbox message per batch, so the worker indexes a big import in pieces.
    for (let from = 0; from < reindex.length; from += INDEX_BATCH) {
      await enqueueIndexing(tx, reindex.slice(from, from + INDEX_BATCH));
    }
    return result;
  }, options);
}
