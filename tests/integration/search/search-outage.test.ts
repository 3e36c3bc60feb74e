// Stopping the search engine mid-way loses no update: changes made while it is down stay in the
// outbox, are retried with backoff, and all land once it is back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/services/platform/db.server.ts";
import { setProductStatus } from "#tests/fixtures/status-changes.ts";
import { drainOutbox } from "#app/services/platform/outbox.server.ts";
import { MeilisearchEngine } from "#app/services/search/meilisearch.server.ts";
import { indexProducts, reindexAll, SEARCH_INDEX_TOPIC } from "#app/services/search/indexer.server.ts";
import { sellers } from "#prisma/seed/data/sellers.ts";
import { seedDatabase } from "#prisma/seed/seed.ts";
import { MeilisearchFake } from "#tests/fakes/meilisearch-fake.ts";
import { MemoryStorage } from "#tests/helpers.ts";

let fake: MeilisearchFake;
let engine: MeilisearchEngine;

beforeAll(async () => {
  fake = await new MeilisearchFake({ apiKey: "outage-key" }).start();
  engine = new MeilisearchEngine({
    host: fake.url,
    apiKey: "outage-key",
    indexName: "products",
    taskTimeoutMs: 2000,
  });
  await seedDatabase(getDb(), new MemoryStorage(), { sellers: sellers.slice(0, 6) });
  await reindexAll(getDb(), engine);
});
afterAll(async () => {
  await engine.close();
  await fake.stop();
});

describe("a Meilisearch outage", () => {
  it("delays indexing but loses no update", async () => {
    const db = getDb();
    const handlers = {
      [SEARCH_INDEX_TOPIC]: async (payload: unknown) =>
        indexProducts(db, engine, (payload as { productIds: string[] }).productIds),
    };
    const indexedIds = () => new Set(fake.documents("products").map((d) => d.id as string));
    const before = indexedIds();
    const products = await db.product.findMany({
      where: { id: { in: [...before] } },
      take: 3,
      orderBy: { id: "asc" },
    });
    expect(products).toHaveLength(3);

    await fake.stop();
    for (const product of products) {
      await setProductStatus({ productId: product.id, status: "archived" });
    }
    let clock = Date.now();
    const now = () => new Date(clock);
    expect(await drainOutbox(db, handlers, { now })).toEqual({ succeeded: 0, failed: 3 });
    const waiting = await db.outboxMessage.findMany({
      where: { topic: SEARCH_INDEX_TOPIC, status: "pending" },
    });
    expect(waiting).toHaveLength(3);
    expect(waiting.every((m) => m.attempts === 1 && m.lastError)).toBe(true);

    // A second failure while still down, then the engine comes back.
    clock += 60_000;
    expect(await drainOutbox(db, handlers, { now })).toEqual({ succeeded: 0, failed: 3 });
    await fake.start();
    clock += 60_000;
    expect(await drainOutbox(db, handlers, { now })).toEqual({ succeeded: 3, failed: 0 });

    const after = indexedIds();
    for (const product of products) expect(after.has(product.id)).toBe(false);
    expect(after.size).toBe(before.size - 3);
    expect(await db.outboxMessage.count({ where: { topic: SEARCH_INDEX_TOPIC, status: "pending" } })).toBe(0);
  });
});
