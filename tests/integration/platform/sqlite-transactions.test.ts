import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/services/platform/db.server.ts";
import { createProduct, createShop } from "#tests/fixtures/shops.ts";

/** A promise the test settles by hand, to hold a transaction open at a chosen point. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** True if `promise` has not settled after a moment: a query that is (still) waiting for the lock. */
async function stillPending(promise: Promise<unknown>) {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await sleep(50);
  return !settled;
}

// PostgreSQL gives every transaction its own pooled connection; the single shared connection these
// tests guard against exists only on SQLite (see app/services/platform/sqlite-serialized-adapter.server.ts).
describe.skipIf(process.env.TEST_DATABASE === "postgresql")("SQLite transactions and other requests", () => {
  it("keeps a query from outside waiting until the open transaction ends, and never shows it uncommitted rows", async () => {
    const db = getDb();
    const shop = await createShop();
    const written = gate();
    const finish = gate();
    let productId = "";
    const transaction = db.$transaction(async (tx) => {
      const product = await tx.product.create({
        data: {
          slug: `chua-luu-${shop.id}`,
          sellerId: shop.id,
          categoryId: (await tx.category.findFirstOrThrow()).id,
          name: "Chưa lưu",
          unit: "kg",
          priceVnd: 1_000,
          stockMilli: 1_000,
          stepMilli: 1_000,
          status: "active",
        },
      });
      productId = product.id;
      written.open();
      await finish.opened;
      throw new Error("thôi, không bán nữa");
    });
    const failed = expect(transaction).rejects.toThrow("thôi, không bán nữa");
    await written.opened;

    const events: string[] = [];
    const read = db.product.findUnique({ where: { id: productId } }).then((row) => {
      events.push("read");
      return row;
    });
    expect(await stillPending(read)).toBe(true);
    events.push("rollback");
    finish.open();
    await failed;

    expect(await read).toBeNull();
    expect(events).toEqual(["rollback", "read"]);
  });

  it("keeps a write made from outside when the open transaction rolls back", async () => {
    const db = getDb();
    const shop = await createShop();
    const product = await createProduct(shop.id, { stockMilli: 5_000 });
    const written = gate();
    const finish = gate();
    const transaction = db.$transaction(async (tx) => {
      await tx.product.update({ where: { id: product.id }, data: { stockMilli: 0 } });
      written.open();
      await finish.opened;
      throw new Error("hết hàng");
    });
    const failed = expect(transaction).rejects.toThrow("hết hàng");
    await written.opened;

    const outside = db.product.update({ where: { id: product.id }, data: { name: "Xoài tượng" } });
    expect(await stillPending(outside)).toBe(true);
    finish.open();
    await failed;
    await outside;

    expect(await db.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({
      name: "Xoài tượng",
      stockMilli: 5_000,
    });
  });

  it("sells exactly the stock to 50 concurrent buyers while 50 plain reads run alongside", async () => {
    const db = getDb();
    const shop = await createShop();
    const product = await createProduct(shop.id, { stockMilli: 10_000, stepMilli: 1_000 });
    const buy = () =>
      db.$transaction(
        async (tx) => {
          const reserved = await tx.product.updateMany({
            where: { id: product.id, stockMilli: { gte: 1_000 } },
            data: { stockMilli: { decrement: 1_000 } },
          });
          // Yield to the event loop inside the transaction, as real work (hashing, I/O) would.
          await sleep(1);
          return reserved.count;
        },
        { maxWait: 20_000, timeout: 20_000 },
      );
    const read = () =>
      db.product.findUniqueOrThrow({ where: { id: product.id }, select: { stockMilli: true } });

    const [sold, seen] = await Promise.all([
      Promise.all(Array.from({ length: 50 }, buy)),
      Promise.all(Array.from({ length: 50 }, read)),
    ]);

    expect(sold.reduce((a, b) => a + b, 0)).toBe(10);
    for (const { stockMilli } of seen) {
      expect(stockMilli).toBeGreaterThanOrEqual(0);
      expect(stockMilli % 1_000).toBe(0);
    }
    expect(await read()).toEqual({ stockMilli: 0 });
  });

  it("still runs a batch transaction, all or nothing", async () => {
    const db = getDb();
    const shop = await createShop();
    const a = await createProduct(shop.id, { stockMilli: 3_000 });
    const b = await createProduct(shop.id, { stockMilli: 3_000 });

    const [updated, count] = await db.$transaction([
      db.product.update({ where: { id: a.id }, data: { stockMilli: 2_000 } }),
      db.product.count({ where: { sellerId: shop.id } }),
    ]);
    expect(updated.stockMilli).toBe(2_000);
    expect(count).toBe(2);

    // The second statement breaks the unique slug, so the first one is undone too.
    await expect(
      db.$transaction([
        db.product.update({ where: { id: a.id }, data: { stockMilli: 0 } }),
        db.product.update({ where: { id: b.id }, data: { slug: a.slug } }),
      ]),
    ).rejects.toThrow();
    expect(await db.product.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ stockMilli: 2_000 });
  });

  it("lets waiting queries through once a stuck transaction times out", async () => {
    const db = getDb();
    const shop = await createShop();
    const product = await createProduct(shop.id, { stockMilli: 4_000 });
    const finish = gate();
    const written = gate();
    const transaction = db.$transaction(
      async (tx) => {
        await tx.product.update({ where: { id: product.id }, data: { stockMilli: 0 } });
        written.open();
        await finish.opened;
      },
      { timeout: 200 },
    );
    const failed = expect(transaction).rejects.toThrow(/timeout|expired|closed/i);
    await written.opened;

    const read = db.product.findUniqueOrThrow({ where: { id: product.id }, select: { stockMilli: true } });
    // Still held open by the test, yet the read gets through: the timeout rolled back and let go.
    expect(await read).toEqual({ stockMilli: 4_000 });
    finish.open();
    await failed;
  });
});
