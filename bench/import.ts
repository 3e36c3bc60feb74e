// Product import from a spreadsheet: a 2,000-row XLSX read, checked and stored as a preview, then
// committed, on a fresh SQLite database that already holds 10,000 products of other shops (as a
// busy marketplace would; the slug check reads the table). Each phase is timed, and the two requests
// the volunteer waits for (upload → preview, confirm → saved) are compared with the 10-second target.
// The baseline, measured in the same run on the same database, is a bare createMany of the same
// 2,000 rows in one transaction: the ratio is what the checks, slugs, audit and outbox cost on top.
// With TEST_POSTGRES_URL set, the same run repeats on a scratch PostgreSQL database.
// Not measured: reading the multipart upload (the bench starts from the file's bytes).
import crypto from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import writeXlsxFile from "write-excel-file/node";
import { checkSheet } from "#app/domain/product-import.ts";
import type { CurrentUser } from "#app/services/identity/auth.server.ts";
import type { Db } from "#app/services/platform/db.server.ts";
import { commitImport, previewImport, readSpreadsheet } from "#app/services/shops/import.server.ts";
import { productFields } from "#app/services/catalog/product-writes.server.ts";
import type { ShopContext } from "#app/services/shops/workspace.server.ts";
import { createCommune, openBenchDatabase, printTable, runOnFreshDatabases, summarize } from "./lib.ts";

const ROWS = 2_000;
const OTHER_PRODUCTS = 10_000;
const RUNS = 5;
const TARGET_MS = 10_000;

const categories = [
  { slug: "trai-cay", name: "Trái cây", nameEn: "Fruit" },
  { slug: "rau-cu", name: "Rau củ, gia vị", nameEn: "Vegetables and herbs" },
  { slug: "hai-san-kho", name: "Hải sản khô, một nắng", nameEn: "Dried seafood" },
  { slug: "nuoc-mam-muoi", name: "Nước mắm, muối", nameEn: "Fish sauce and salt" },
  { slug: "hat-mat-ong", name: "Hạt, mật ong, đặc sản khô", nameEn: "Nuts, honey and pantry" },
];
const kinds = [
  { name: "Xoài cát Hòa Lộc", category: "Trái cây", unit: "kg", step: 0.5 },
  { name: "Tỏi Phan Rang", category: "rau cu", unit: "kg", step: 0.5 },
  { name: "Mực một nắng", category: "hai-san-kho", unit: "kg", step: 0.5 },
  { name: "Nước mắm cá cơm", category: "Nước mắm, muối", unit: "chai", step: 1 },
  { name: "Hạt điều rang muối", category: "hat mat ong", unit: "hộp", step: 1 },
];
const header = ["Tên sản phẩm", "Danh mục", "Đơn vị", "Bước", "Giá (đ)", "Tồn kho", "Mô tả"];

/** A sheet as Excel saves one: numbers as number cells, text with accents (or without). */
function sheetRows(run: number) {
  const rows: (string | number)[][] = [header];
  for (let i = 0; i < ROWS; i++) {
    const k = kinds[i % kinds.length]!;
    rows.push([
      `${k.name} lô ${run}-${i + 1}`,
      k.category,
      k.unit,
      k.step,
      (40 + (i % 60)) * 1000,
      k.step * (i % 40),
      `Hàng vụ mới, giao trong ngày ở Nha Trang. Mã ${i + 1}.`,
    ]);
  }
  return rows;
}

async function createShopWorld(db: Db) {
  const commune = await createCommune(db);
  await db.category.createMany({ data: categories.map((c, i) => ({ ...c, sortOrder: i })) });
  const categoryIds = (await db.category.findMany({ select: { id: true } })).map((c) => c.id);
  const user = await db.user.create({ data: { name: "Tình nguyện viên bench", phone: "+84900000999" } });
  const seller = (slug: string) =>
    db.seller.create({
      data: {
        slug,
        kind: "household",
        displayName: `Vườn ${slug}`,
        contactName: "Nguyễn Văn Thử",
        phone: "+84905000111",
        communeId: commune.id,
        status: "approved",
        onboardedById: user.id,
      },
    });
  const shop = await seller("vuon-nhap");
  const baselineShop = await seller("vuon-baseline");
  const others = await seller("vuon-khac");
  for (let from = 0; from < OTHER_PRODUCTS; from += 1000) {
    await db.product.createMany({
      data: Array.from({ length: 1000 }, (_, i) => ({
        slug: `san-pham-khac-${from + i}`,
        sellerId: others.id,
        categoryId: categoryIds[(from + i) % categoryIds.length]!,
        name: `Sản phẩm khác ${from + i}`,
        unit: "kg" as const,
        priceVnd: 50_000,
        stockMilli: 10_000,
        status: "active" as const,
      })),
    });
  }
  const context: ShopContext = {
    user: {
      id: user.id,
      name: user.name,
      phone: user.phone,
      email: null,
      createdAt: user.createdAt,
      roles: ["volunteer"],
      grants: [],
    } satisfies CurrentUser,
    role: "delegate",
    seller: { ...shop, suspended: false },
  };
  return { context, baselineSellerId: baselineShop.id };
}

async function benchOn(label: string, url: string) {
  const db = await openBenchDatabase(url);
  try {
    const { context, baselineSellerId } = await createShopWorld(db);
    const files = await Promise.all(
      Array.from({ length: RUNS + 1 }, (_, run) => writeXlsxFile(sheetRows(run)).toBuffer()),
    );
    console.log(
      `\nImport on ${label}: ${ROWS.toLocaleString("en")} rows × 7 columns, XLSX of ${(files[0]!.byteLength / 1024).toFixed(0)} KB; ${OTHER_PRODUCTS.toLocaleString("en")} other products in the table; ${RUNS} runs after a warm-up`,
    );

    const times = { read: [] as number[], check: [] as number[], preview: [] as number[] };
    const commitTimes: number[] = [];
    const baselineTimes: number[] = [];
    const stalls: number[] = [];
    const dbCategories = await db.category.findMany({ select: { slug: true, name: true, nameEn: true } });
    for (let run = 0; run <= RUNS; run++) {
      const bytes = new Uint8Array(files[run]!);
      let start = performance.now();
      const sheet = await readSpreadsheet(bytes);
      const read = performance.now() - start;
      start = performance.now();
      const checked = checkSheet(sheet, dbCategories);
      const check = performance.now() - start;
      if (!checked.ok || checked.rows.some((r) => r.errors.length)) throw new Error("bench sheet has errors");

      // The upload request's work: read + check again + store the preview.
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      start = performance.now();
      const importId = await previewImport(context, { name: `bench-${run}.xlsx`, bytes });
      const preview = performance.now() - start;
      // A stall is recorded when the late timer finally fires: give it the chance before stopping.
      await new Promise((resolve) => setTimeout(resolve, 30));
      loop.disable();

      start = performance.now();
      const created = await commitImport(context, importId);
      const commit = performance.now() - start;
      if (created !== ROWS) throw new Error(`committed ${created} rows, expected ${ROWS}`);

      // Baseline: the same 2,000 products, already validated, inserted bare in one transaction.
      const products = checked.rows.map((r) => r.product!);
      const categoryId = new Map(
        (await db.category.findMany({ select: { id: true, slug: true } })).map((c) => [c.slug, c.id]),
      );
      const prefix = crypto.randomBytes(4).toString("hex");
      start = performance.now();
      await db.$transaction(
        async (tx) => {
          for (let from = 0; from < products.length; from += 500) {
            await tx.product.createMany({
              data: products.slice(from, from + 500).map((p, i) => ({
                slug: `baseline-${prefix}-${from + i}`,
                sellerId: baselineSellerId,
                categoryId: categoryId.get(p.categorySlug)!,
                ...productFields(p),
                status: "active" as const,
              })),
            });
          }
        },
        { timeout: 60_000 },
      );
      const baseline = performance.now() - start;

      if (run === 0) continue; // warm-up
      times.read.push(read);
      times.check.push(check);
      times.preview.push(preview);
      commitTimes.push(commit);
      baselineTimes.push(baseline);
      stalls.push(loop.max / 1e6);
    }

    const base = summarize(baselineTimes);
    const totals = times.preview.map((p, i) => p + commitTimes[i]!);
    const row = (name: string, values: number[]) => {
      const s = summarize(values);
      return {
        name,
        p50: s.p50,
        p95: s.p95,
        baseline: "bare createMany, 2,000 rows",
        ratio: s.p50 / base.p50,
      };
    };
    printTable(`Import of ${ROWS.toLocaleString("en")} rows on ${label} (${RUNS} runs)`, [
      row("read XLSX (unzip + parse sheet)", times.read),
      row("check rows (header, units, schema)", times.check),
      row("upload → preview stored (all above)", times.preview),
      row("confirm → commit (one transaction)", commitTimes),
      row("total: preview + commit", totals),
      { name: "  baseline: bare createMany", ...base, baseline: "-", ratio: 1 },
    ]);
    const total = summarize(totals);
    const verdict = total.p95 < TARGET_MS ? "within" : "OVER";
    console.log(
      `  target: ${ROWS.toLocaleString("en")} rows in under ${TARGET_MS / 1000} s — total p50 ${(total.p50 / 1000).toFixed(2)} s, p95 ${(total.p95 / 1000).toFixed(2)} s: ${verdict} target (${((total.p95 / TARGET_MS) * 100).toFixed(0)}% of the budget at p95)`,
    );
    console.log(
      `  longest event-loop stall during the upload request: p50 ${summarize(stalls).p50.toFixed(0)} ms, max ${Math.max(...stalls).toFixed(0)} ms`,
    );
    return total.p95 < TARGET_MS;
  } finally {
    await db.$disconnect();
  }
}

export async function runImportBench() {
  await runOnFreshDatabases("import", benchOn);
}
