// Every write that matters leaves a row: who, on whose behalf, what, before and after.
import type { Db, Prisma } from "./db.server.ts";

type Tx = Pick<Db, "auditLog">;

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
export function recordAudit(tx: Tx, entry: AuditEntry) {
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
