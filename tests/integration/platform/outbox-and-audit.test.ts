import { describe, expect, it } from "vitest";
import { recordAudit } from "#app/services/platform/audit.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import {
  backoffMs,
  drainOutbox,
  enqueue,
  MAX_ATTEMPTS,
  outboxLag,
} from "#app/services/platform/outbox.server.ts";
import { createUser } from "#tests/helpers.ts";

const topic = (name: string) => `${name}-${Math.random().toString(36).slice(2)}`;

describe("outbox", () => {
  it("loses the message when the transaction that wrote it rolls back, and keeps it when it commits", async () => {
    const db = getDb();
    const t = topic("rollback");
    await expect(
      db.$transaction(async (tx) => {
        await enqueue(tx, t, { n: 1 });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.outboxMessage.count({ where: { topic: t } })).toBe(0);
    await db.$transaction(async (tx) => {
      await enqueue(tx, t, { n: 2 });
    });
    expect(await db.outboxMessage.count({ where: { topic: t } })).toBe(1);
  });

  it("runs each message once and marks it done", async () => {
    const db = getDb();
    const t = topic("ok");
    await enqueue(db, t, { product: "xoai" });
    const seen: unknown[] = [];
    const handlers = { [t]: async (payload: unknown) => void seen.push(payload) };
    expect(await drainOutbox(db, handlers)).toMatchObject({ succeeded: 1 });
    expect(await drainOutbox(db, handlers)).toMatchObject({ succeeded: 0 });
    expect(seen).toEqual([{ product: "xoai" }]);
    expect(await db.outboxMessage.findFirst({ where: { topic: t } })).toMatchObject({
      status: "done",
      attempts: 1,
    });
  });

  it("retries a failing effect with growing delays, then gives up and keeps the error", async () => {
    const db = getDb();
    const t = topic("fail");
    await enqueue(db, t, {});
    let clock = Date.now();
    const now = () => new Date(clock);
    const handlers = {
      [t]: async () => {
        throw new Error("mail server down");
      },
    };
    await drainOutbox(db, handlers, { now });
    let message = await db.outboxMessage.findFirstOrThrow({ where: { topic: t } });
    expect(message).toMatchObject({ status: "pending", attempts: 1, lastError: "mail server down" });
    expect(message.availableAt.getTime()).toBe(clock + backoffMs(1));
    // Not due yet: nothing happens.
    expect(await drainOutbox(db, handlers, { now })).toMatchObject({ failed: 0 });
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      clock += backoffMs(i) + 1;
      await drainOutbox(db, handlers, { now });
    }
    message = await db.outboxMessage.findFirstOrThrow({ where: { topic: t } });
    expect(message).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
  });

  it("does not let two workers run the same message", async () => {
    const db = getDb();
    const t = topic("race");
    await enqueue(db, t, {});
    let runs = 0;
    const handlers = { [t]: async () => void runs++ };
    await Promise.all([drainOutbox(db, handlers), drainOutbox(db, handlers), drainOutbox(db, handlers)]);
    expect(runs).toBe(1);
  });

  it("reports how far behind it is", async () => {
    const db = getDb();
    await enqueue(db, topic("lag"), {});
    const lag = await outboxLag(db, new Date(Date.now() + 5000));
    expect(lag.pending).toBeGreaterThanOrEqual(1);
    expect(lag.oldestPendingMs).toBeGreaterThanOrEqual(5000);
  });
});

describe("audit log", () => {
  it("records actor, on-behalf-of and before/after, together with the change or not at all", async () => {
    const db = getDb();
    const volunteer = await createUser(["volunteer"]);
    const entityId = `seller-${Date.now()}`;
    await db.$transaction(async (tx) => {
      await recordAudit(tx, {
        actorId: volunteer.id,
        onBehalfOfSellerId: entityId,
        action: "seller.update",
        entityType: "Seller",
        entityId,
        before: { story: "" },
        after: { story: "Vườn xoài ba đời", at: new Date("2026-11-28T00:00:00Z") },
      });
    });
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit(tx, {
          actorId: volunteer.id,
          action: "seller.delete",
          entityType: "Seller",
          entityId,
        });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow();
    const rows = await db.auditLog.findMany({ where: { entityId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: volunteer.id,
      onBehalfOfSellerId: entityId,
      action: "seller.update",
      before: { story: "" },
      after: { story: "Vườn xoài ba đời", at: "2026-11-28T00:00:00.000Z" },
    });
  });
});
