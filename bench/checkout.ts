// Checkout under a market-day rush: 16 buyers at once (async concurrency in one process, as the web
// server runs them) placing 2,000 prepared guest carts with placeOrder, on SQLite — checkouts per
// second, latency percentiles and sold-out refusals (a few scarce products and one flash sale) — then
// the oversell check: every unit that left the shelf is in an order, none more. The baseline, measured
// in the same run on the same database, is the bare stock-reservation transaction (one conditional
// decrement) at the same concurrency, so the ratio is what the rest of a checkout costs: reading the
// cart, creating the order group, orders and items, emptying the cart, outbox rows and the audit row.
// With TEST_POSTGRES_URL set, the same run repeats on a scratch PostgreSQL database.
// Mail and search indexing are only enqueued here (no outbox worker runs), as in the request itself.
// Sellers have the default delivery zones (15.000 đ within the commune, free from 300.000 đ), so each
// checkout computes and checks delivery fees; the fee check after the run sums them per order group.
import crypto from "node:crypto";
import { type CheckoutInput, cartFingerprint, lineTotalVnd } from "#app/domain/checkout.ts";
import { defaultDeliveryZones } from "#app/domain/delivery.ts";
import { placeOrder, reserveStock } from "#app/services/orders/checkout.server.ts";
import type { Db } from "#app/services/platform/db.server.ts";
import { createCommune, openBenchDatabase, prng, runOnFreshDatabases, summarize } from "./lib.ts";
import { UserError } from "#app/domain/user-error.ts";

const SELLERS = 20;
const PRODUCTS_PER_SELLER = 5;
const CARTS = 2_000;
const WARMUP_CARTS = 64;
const BASELINE_WARMUP = 200;
const CONCURRENCY = 16;
/** One product per four sellers sells fast: picked for 8% of cart lines, with little stock. */
const HOT_EVERY = 4;
const HOT_SHARE = 0.08;
const HOT_STOCK_UNITS = [20, 40, 60, 80, 100];
/**
 * And a flash sale: 100 buyers in a row (from the 1,000th cart) each want one of 30 boxes, so buyers
 * queued together race for the last ones — the refusal inside the transaction, not only at the cart
 * check before it.
 */
const FLASH_FROM = 1_000;
const FLASH_BUYERS = 100;
const FLASH_STOCK_UNITS = 30;
const PLENTY_MILLI = 1_000_000 * 1000;
const TX_OPTIONS = { maxWait: 20_000, timeout: 20_000 }; // as placeOrder's

type Product = {
  id: string;
  sellerId: string;
  priceVnd: number;
  stepMilli: number;
  stockMilli: number;
  kind: "plenty" | "hot" | "flash";
};
type Line = { productId: string; quantityMilli: number; priceVnd: number };
type Cart = { id: string; lines: Line[]; input: CheckoutInput };

// ───────────────────────────── set-up (not timed) ─────────────────────────────

/** Sellers and products as tests/fixtures/shops.ts makes them (bench code may not import tests). */
async function createCatalog(db: Db) {
  const commune = await createCommune(db);
  const category = await db.category.create({
    data: { slug: "trai-cay", name: "Trái cây", nameEn: "Fruit" },
  });
  const rng = prng(20261128);
  const products: Product[] = [];
  for (let s = 0; s < SELLERS; s++) {
    const seller = await db.seller.create({
      data: {
        slug: `vuon-bench-${s}`,
        kind: "household",
        displayName: `Vườn thử ${s}`,
        contactName: "Nguyễn Văn Thử",
        phone: "+84905000111",
        email: `shop-${s}@example.vn`,
        communeId: commune.id,
        status: "approved",
        acceptsCod: true,
      },
    });
    for (let p = 0; p < PRODUCTS_PER_SELLER; p++) {
      const kind = p > 0 ? "plenty" : s % HOT_EVERY === 0 ? "hot" : s === 1 ? "flash" : "plenty";
      const hot = kind !== "plenty";
      const stepMilli = hot ? 1000 : 500;
      const stockMilli =
        kind === "hot"
          ? HOT_STOCK_UNITS[s / HOT_EVERY]! * 1000
          : kind === "flash"
            ? FLASH_STOCK_UNITS * 1000
            : 1_000_000;
      const row = await db.product.create({
        data: {
          slug: `san-pham-bench-${s}-${p}`,
          sellerId: seller.id,
          categoryId: category.id,
          name: hot ? `Yến sào hộp quà ${s}` : `Xoài cát Hòa Lộc ${s}-${p}`,
          unit: hot ? "hop" : "kg",
          priceVnd: rng.int(20, 200) * 1000,
          stockMilli,
          stepMilli,
          status: "active",
        },
        select: { id: true, priceVnd: true },
      });
      products.push({ id: row.id, sellerId: seller.id, priceVnd: row.priceVnd, stepMilli, stockMilli, kind });
    }
  }
  return products;
}

/** Guest carts of 1–3 lines, written as addToCart writes them (one Cart, CartItems with the seen price). */
async function createCarts(db: Db, products: Product[], count: number, seed: number, withHot: boolean) {
  const rng = prng(seed);
  const hot = products.filter((p) => p.kind === "hot");
  const ordinary = products.filter((p) => p.kind === "plenty");
  const flash = products.find((p) => p.kind === "flash")!;
  const carts: Cart[] = [];
  const prefix = crypto.randomBytes(4).toString("hex");
  for (let i = 0; i < count; i++) {
    const chosen = new Map<string, Product>();
    const lineCount = rng.int(1, 3);
    if (withHot && i >= FLASH_FROM && i < FLASH_FROM + FLASH_BUYERS) chosen.set(flash.id, flash);
    while (chosen.size < lineCount) {
      const p = withHot && rng.next() < HOT_SHARE ? rng.pick(hot) : rng.pick(ordinary);
      chosen.set(p.id, p);
    }
    const lines = [...chosen.values()].map((p) => ({
      productId: p.id,
      quantityMilli:
        p.kind === "flash"
          ? p.stepMilli
          : p.kind === "hot"
            ? rng.int(1, 2) * p.stepMilli
            : rng.int(1, 6) * p.stepMilli,
      priceVnd: p.priceVnd,
    }));
    const pay: CheckoutInput["pay"] = {};
    for (const p of chosen.values()) pay[p.sellerId] = "cod";
    // The fee the checkout page would show for the seller's own-commune zone.
    const own = defaultDeliveryZones().own!;
    const subtotals = new Map<string, number>();
    for (const l of lines) {
      const sellerId = chosen.get(l.productId)!.sellerId;
      subtotals.set(sellerId, (subtotals.get(sellerId) ?? 0) + lineTotalVnd(l.priceVnd, l.quantityMilli));
    }
    const ship: CheckoutInput["ship"] = {};
    for (const [sellerId, subtotal] of subtotals) {
      ship[sellerId] = { key: "zone:own", feeVnd: subtotal >= own.freeFromVnd! ? 0 : own.feeVnd };
    }
    const id = `benchcart${prefix}${String(i).padStart(5, "0")}`;
    carts.push({
      id,
      lines,
      input: {
        buyerName: "Trần Thị Mua",
        buyerPhone: "+84912345678",
        buyerEmail: `mua-${i}@example.vn`,
        communeSlug: "cam-lam",
        addressLine: "Thôn Tân Hòa",
        note: "",
        pay,
        ship,
        fingerprint: cartFingerprint(lines),
      },
    });
  }
  await db.cart.createMany({ data: carts.map((c) => ({ id: c.id })) });
  await db.cartItem.createMany({
    data: carts.flatMap((c) =>
      c.lines.map((l) => ({
        cartId: c.id,
        productId: l.productId,
        quantityMilli: l.quantityMilli,
        seenPriceVnd: l.priceVnd,
      })),
    ),
  });
  return carts;
}

// ───────────────────────────── measuring ─────────────────────────────

/**
 * Runs fn over every item with `concurrency` workers pulling from one queue; per-item latency.
 * `between` runs, untimed, on the worker after each item.
 */
async function runConcurrently<T, R>(
  items: T[],
  concurrency: number,
  fn: (item: T) => Promise<R>,
  between?: (done: number) => Promise<void>,
) {
  const results: { item: T; ms: number; result?: R; error?: unknown }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      const start = performance.now();
      try {
        const result = await fn(item);
        results.push({ item, ms: performance.now() - start, result });
      } catch (error) {
        results.push({ item, ms: performance.now() - start, error });
      }
      await between?.(results.length);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - start;
  return { results, wallMs, opsPerSecond: items.length / (wallMs / 1000) };
}

const checkoutOf = (cart: Cart) =>
  placeOrder(cart.input, {
    owner: { userId: null, guestCartId: cart.id },
    buyerId: null,
    locale: "vi",
    siteUrl: "http://localhost:3000",
    cardPayments: null,
  });

/** The baseline: the reservation placeOrder makes for one line, alone in its transaction. */
const reserve = (db: Db, line: Line) => db.$transaction((tx) => reserveStock(tx, line), TX_OPTIONS);

type Outcome = "placed" | "soldOutInTx" | "refusedAtCartCheck" | "error";
function outcomeOf(r: { error?: unknown }): Outcome {
  if (r.error === undefined) return "placed";
  if (r.error instanceof UserError && r.error.messageKey === "checkout.error.soldOut") return "soldOutInTx";
  // The cart check before the transaction already sees too little stock left: "changed".
  if (r.error instanceof UserError && r.error.messageKey === "checkout.error.changed")
    return "refusedAtCartCheck";
  return "error";
}

const n = (x: number) => x.toLocaleString("en");

async function benchOn(label: string, url: string) {
  const db = await openBenchDatabase(url);
  let failed = false;
  try {
    const setupStart = performance.now();
    const products = await createCatalog(db);
    const warmCarts = await createCarts(db, products, WARMUP_CARTS, 1, false);
    const carts = await createCarts(db, products, CARTS, 2, true);
    const lines = carts.reduce((sum, c) => sum + c.lines.length, 0);
    console.log(
      `\nCheckout on ${label}: ${SELLERS} sellers × ${PRODUCTS_PER_SELLER} products (${HOT_STOCK_UNITS.length} scarce: ${HOT_STOCK_UNITS.join("/")} units; a flash sale of ${FLASH_STOCK_UNITS} for ${FLASH_BUYERS} buyers in a row), ${n(CARTS)} guest carts with ${n(lines)} lines, prepared in ${(performance.now() - setupStart).toFixed(0)} ms`,
    );

    // Warm-up on plentiful products only; its orders are part of the oversell check below.
    const warm = await runConcurrently(warmCarts, CONCURRENCY, checkoutOf);
    const warmErrors = warm.results.filter((r) => outcomeOf(r) !== "placed");
    if (warmErrors.length) throw warmErrors[0]!.error;

    // Stock never negative, looked at every 20 checkouts while they run (and again at the end). Not on
    // a timer: with the synchronous SQLite driver the event loop's timers do not fire during the run.
    // On SQLite this read shares the connection with any open checkout, so it sees reservations in flight.
    let minStockSeen = Infinity;
    let looks = 0;
    const lookAtStock = async (done: number) => {
      if (done % 20 !== 0) return;
      const min = await db.product.aggregate({ _min: { stockMilli: true } });
      minStockSeen = Math.min(minStockSeen, min._min.stockMilli ?? Infinity);
      looks++;
    };
    const run = await runConcurrently(carts, CONCURRENCY, checkoutOf, lookAtStock);

    const byOutcome = new Map<Outcome, typeof run.results>();
    for (const r of run.results) {
      const o = outcomeOf(r);
      if (!byOutcome.has(o)) byOutcome.set(o, []);
      byOutcome.get(o)!.push(r);
    }
    const count = (o: Outcome) => byOutcome.get(o)?.length ?? 0;
    const all = summarize(run.results.map((r) => r.ms));
    const placed = summarize((byOutcome.get("placed") ?? []).map((r) => r.ms));

    // ── the oversell check: every unit that left the shelf is in an order, and no more ──
    const initial = new Map(products.map((p) => [p.id, p.stockMilli]));
    const expected = new Map(products.map((p) => [p.id, 0]));
    for (const r of [...warm.results, ...(byOutcome.get("placed") ?? [])]) {
      for (const l of r.item.lines) expected.set(l.productId, expected.get(l.productId)! + l.quantityMilli);
    }
    const finals = await db.product.findMany({ select: { id: true, stockMilli: true } });
    const ordered = await db.orderItem.groupBy({ by: ["productId"], _sum: { quantityMilli: true } });
    const orderedOf = new Map(ordered.map((o) => [o.productId, o._sum.quantityMilli ?? 0]));
    const groups = await db.orderGroup.count();
    const problems: string[] = [];
    for (const f of finals) {
      const taken = initial.get(f.id)! - f.stockMilli;
      const inOrders = orderedOf.get(f.id) ?? 0;
      if (f.stockMilli < 0) problems.push(`${f.id}: stock ${f.stockMilli} < 0`);
      if (taken !== inOrders || inOrders !== expected.get(f.id)) {
        problems.push(
          `${f.id}: stock went down by ${taken}, orders hold ${inOrders}, placed checkouts ordered ${expected.get(f.id)}`,
        );
      }
    }
    if (minStockSeen < 0) problems.push(`stock seen at ${minStockSeen} during the run`);
    if (groups !== warm.results.length + count("placed")) {
      problems.push(`${groups} order groups for ${warm.results.length + count("placed")} placed checkouts`);
    }
    const soldOut = finals.filter((f) => f.stockMilli === 0).length;
    // ── the fee check: every group's total is its goods plus the fees the buyer was shown ──
    const totals = await db.orderGroup.findMany({
      select: { code: true, totalVnd: true, orders: { select: { subtotalVnd: true, deliveryFeeVnd: true } } },
    });
    let feesVnd = 0;
    let feeProblems = 0;
    for (const g of totals) {
      const sum = g.orders.reduce((s, o) => s + o.subtotalVnd + o.deliveryFeeVnd, 0);
      feesVnd += g.orders.reduce((s, o) => s + o.deliveryFeeVnd, 0);
      if (sum !== g.totalVnd && feeProblems++ < 5)
        problems.push(`${g.code}: total ${g.totalVnd} ≠ goods + fees ${sum}`);
    }

    // ── the baseline: the bare reservation, same products and quantities, stock made plentiful ──
    await db.product.updateMany({ data: { stockMilli: PLENTY_MILLI } });
    const firstLines = carts.map((c) => c.lines[0]!);
    await runConcurrently(firstLines.slice(0, BASELINE_WARMUP), CONCURRENCY, (l) => reserve(db, l));
    const base = await runConcurrently(firstLines, CONCURRENCY, (l) => reserve(db, l));
    const baseFailed = base.results.filter((r) => r.error !== undefined || r.result?.count !== 1).length;
    const b = summarize(base.results.map((r) => r.ms));

    const f = (x: number) => x.toFixed(1).padStart(7);
    console.log(
      `  what (${CONCURRENCY} concurrent)                         ops/s   p50 ms   p95 ms   p99 ms   ×base p95   base ops/s ÷ ops/s`,
    );
    console.log(
      `  ${"checkout: placeOrder, all outcomes".padEnd(45)} ${run.opsPerSecond.toFixed(0).padStart(6)}  ${f(all.p50)}  ${f(all.p95)}  ${f(all.p99)}   ${`${(all.p95 / b.p95).toFixed(1)}×`.padStart(8)}   ${`${(base.opsPerSecond / run.opsPerSecond).toFixed(1)}×`.padStart(8)}`,
    );
    console.log(
      `  ${"  of which placed".padEnd(45)} ${"".padStart(6)}  ${f(placed.p50)}  ${f(placed.p95)}  ${f(placed.p99)}   ${`${(placed.p95 / b.p95).toFixed(1)}×`.padStart(8)}`,
    );
    console.log(
      `  ${"  baseline: bare reservation tx (1 line)".padEnd(45)} ${base.opsPerSecond.toFixed(0).padStart(6)}  ${f(b.p50)}  ${f(b.p95)}  ${f(b.p99)}   ${"1.0×".padStart(8)}   ${"1.0×".padStart(8)}` +
        (baseFailed ? `   (${baseFailed} did not reserve)` : ""),
    );
    console.log(
      `  outcomes: ${n(count("placed"))} placed, ${n(count("soldOutInTx") + count("refusedAtCartCheck"))} refused as sold out (${n(count("soldOutInTx"))} in the transaction, ${n(count("refusedAtCartCheck"))} at the cart check before it), ${n(count("error"))} errors; ${soldOut} of ${products.length} products sold out; ${(run.wallMs / 1000).toFixed(1)} s`,
    );
    const firstError = byOutcome.get("error")?.[0]?.error;
    if (firstError) {
      failed = true;
      console.error(`  unexpected error (first of ${count("error")}): ${String(firstError)}`);
    }
    if (problems.length) {
      failed = true;
      console.error(`  OVERSELL CHECK FAILED on ${label}:`);
      for (const p of problems.slice(0, 10)) console.error(`    ${p}`);
    } else {
      console.log(
        `  oversell check: OK — for all ${products.length} products, initial − final stock = ordered quantity (${n(groups)} order groups); lowest stock in ${looks} looks during the run ${minStockSeen / 1000}, none negative`,
      );
      console.log(
        `  fee check: OK — every group total = goods + delivery fees (${n(feesVnd)} đ of fees over ${n(totals.length)} groups)`,
      );
    }
  } finally {
    await db.$disconnect();
  }
  return !failed;
}

export async function runCheckoutBench() {
  await runOnFreshDatabases("checkout", benchOn, "PostgreSQL (adapter-pg, default pool of 10)");
}
