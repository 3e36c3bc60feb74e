// Importing a shop's products from a spreadsheet, in two steps. The upload is read, every row is
// checked and the result is stored as a ProductImport preview: nothing touches Product yet. When the
// volunteer confirms, every row is saved in one transaction, or none is.
//
// The products go on sale at once (active; sold out when the stock is 0), as a product added in the
// wizard does: the shop is approved (requireShop refuses a suspended one and the transaction checks
// again) and the volunteer saw and confirmed each row exactly as it is saved.
import { parse as parseCsv } from "csv-parse/sync";
import { readSheet } from "read-excel-file/universal";
import {
  checkSheet,
  importLimits,
  type ImportedProduct,
  type ImportRow,
} from "#app/domain/product-import.ts";
import { slugify } from "#app/domain/text.ts";
import { auditedChange } from "../platform/audit.server.ts";
import { getDb, type Tx } from "../platform/db.server.ts";
import { productFields } from "../catalog/product-writes.server.ts";
import { onBehalfOf, type ShopContext } from "./workspace.server.ts";
import { UserError } from "#app/domain/user-error.ts";
import { notFound } from "#app/services/http/replies.server.ts";

const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));
export const tooLargeError = () =>
  new UserError("import.file.tooLarge", { megabytes: megabytes(importLimits.maxBytes) });
const unsupported = () => new UserError("import.file.unsupported");

// ───────────── Reading the file: judged by its content, not its name ─────────────

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // "PK\x03\x04": an XLSX is a ZIP archive
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // an old .xls (or a password-protected workbook)
const UTF16LE_BOM = [0xff, 0xfe]; // Excel's "Unicode text"

/** Rows of cells from an XLSX (its first sheet) or a CSV file. */
export async function readSpreadsheet(bytes: Uint8Array): Promise<unknown[][]> {
  if (bytes.byteLength > importLimits.maxBytes) throw tooLargeError();
  if (startsWith(bytes, ZIP)) return readXlsx(bytes);
  if (startsWith(bytes, OLE)) throw new UserError("import.file.xls");
  return readCsv(decodeText(bytes));
}

async function readXlsx(bytes: Uint8Array) {
  const unpacked = declaredXmlBytes(bytes);
  if (unpacked === null) throw unsupported();
  if (unpacked > importLimits.maxUnpackedBytes) throw tooLargeError();
  const copy = bytes.slice().buffer; // an ArrayBuffer of exactly these bytes
  try {
    // The "universal" reader unzips with fflate from the ZIP's central directory, into buffers of the
    // sizes declared there (checked above), so a ZIP bomb cannot inflate past the limit. (The Node
    // reader streams local headers instead, which a crafted file can make lie.)
    return (await readSheet(copy)) as unknown[][];
  } catch {
    // Whatever the reader trips on in an uploaded file, the answer is the same: it cannot be read.
    throw unsupported();
  }
}

/**
 * The total uncompressed size of the XML parts (the only ones the reader unpacks), from the ZIP's
 * central directory; null when there is no valid central directory.
 */
function declaredXmlBytes(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, bytes.byteLength - 22 - 0xffff); // the record ends with a ≤ 64 KB comment
  for (let end = bytes.byteLength - 22; end >= lowest; end--) {
    if (view.getUint32(end, true) !== 0x06054b50) continue;
    const entries = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) return null;
      const size = view.getUint32(at + 24, true);
      const nameLength = view.getUint16(at + 28, true);
      const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
      if (name.endsWith(".xml") || name.endsWith(".rels")) {
        if (size === 0xffffffff) return Infinity; // ZIP64: far beyond any limit of ours
        total += size;
      }
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    return total;
  }
  return null;
}

function decodeText(bytes: Uint8Array) {
  if (startsWith(bytes, UTF16LE_BOM)) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes.includes(0)) throw unsupported(); // binary: not a text file
  try {
    // Strict UTF-8: a CSV saved in a legacy code page would otherwise import garbled names.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UserError("import.file.encoding");
  }
}

/**
 * Comma, semicolon (Excel in vi-VN, where the comma is the decimal mark) or tab: the one that splits
 * the first lines most, outside quotes (a title or a blank line may come before the header). Excel's
 * "sep=;" first line is honoured.
 */
function readCsv(text: string): string[][] {
  let body = text.replace(/^\uFEFF/, "");
  let delimiter: string | undefined;
  const sepLine = /^sep=(.)\r?\n/i.exec(body);
  if (sepLine) {
    delimiter = sepLine[1]!;
    body = body.slice(sepLine[0].length);
  }
  delimiter ??= guessDelimiter(body.split(/\r?\n/, 10).join("\n"));
  try {
    return parseCsv(body, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false, // keeps row numbers as the spreadsheet shows them
    }) as string[][];
  } catch {
    throw unsupported();
  }
}

function guessDelimiter(lines: string) {
  const counts = new Map([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const ch of lines) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

// ───────────── The preview ─────────────

/** What ProductImport.rows holds; written only by previewImport. */
export type StoredImport = { ignoredColumns: string[]; rows: ImportRow[] };

// A preview nobody confirmed within a week is dropped when the shop uploads again.
const ABANDONED_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

/** Reads and checks the file and stores the preview. Saves no product. Returns the import's id. */
export async function previewImport(shop: ShopContext, file: { name: string; bytes: Uint8Array }) {
  const sheet = await readSpreadsheet(file.bytes);
  const db = getDb();
  const categories = await db.category.findMany({ select: { slug: true, name: true, nameEn: true } });
  const result = checkSheet(sheet, categories);
  if (!result.ok) throw new UserError(result.key, result.values);
  const errorRows = result.rows.filter((r) => r.errors.length).length;
  const stored: StoredImport = { ignoredColumns: result.ignoredColumns, rows: result.rows };
  await db.productImport.deleteMany({
    where: {
      sellerId: shop.seller.id,
      committedAt: null,
      createdAt: { lt: new Date(Date.now() - ABANDONED_AFTER_MS) },
    },
  });
  const created = await db.productImport.create({
    data: {
      sellerId: shop.seller.id,
      createdById: shop.user.id,
      fileName: fileNameOf(file.name),
      rows: stored,
      validRows: result.rows.length - errorRows,
      errorRows,
    },
    select: { id: true },
  });
  return created.id;
}

function fileNameOf(name: string) {
  return (name.split(/[\\/]/).pop() ?? "").trim().slice(0, 200) || "bang-tinh";
}

/** An import of this shop, or a 404. */
export async function getImport(sellerId: string, importId: string) {
  const found = await getDb().productImport.findFirst({ where: { id: importId, sellerId } });
  if (!found) throw notFound();
  const stored = found.rows as unknown as StoredImport;
  if (!Array.isArray(stored?.rows)) throw new Error(`ProductImport ${importId} holds no rows`);
  return { ...found, rows: stored.rows, ignoredColumns: stored.ignoredColumns ?? [] };
}

// ───────────── Confirming: all or nothing ─────────────

/** Rows per createMany (and per search-indexing message). */
export const COMMIT_CHUNK = 500;
const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

/** Saves every row of a checked import in one transaction. Returns how many products were created. */
export async function commitImport(shop: ShopContext, importId: string) {
  const sellerId = shop.seller.id;
  const actor = { actorId: shop.user.id, onBehalfOfSellerId: onBehalfOf(shop) };
  return auditedChange(
    actor,
    "product.import",
    async (tx) => {
      const found = await tx.productImport.findFirst({
        where: { id: importId, sellerId },
        select: { id: true, rows: true, errorRows: true, fileName: true },
      });
      if (!found) throw new UserError("import.notFound", {}, 404);
      const products = ((found.rows as unknown as StoredImport).rows ?? [])
        .map((r) => r.product)
        .filter((p): p is ImportedProduct => p !== null);
      if (found.errorRows > 0 || !products.length) throw new UserError("import.notReady", {}, 409);
      // The guard against a second confirmation (a double tap, or two tabs): only the transaction
      // that flips committedAt from null goes on; on PostgreSQL the other waits for it, then finds none.
      const claimed = await tx.productImport.updateMany({
        where: { id: importId, committedAt: null },
        data: { committedAt: new Date() },
      });
      if (claimed.count !== 1) throw new UserError("import.alreadyCommitted", {}, 409);

      const seller = await tx.seller.findUniqueOrThrow({ where: { id: sellerId }, select: { status: true } });
      if (seller.status !== "approved") throw new UserError("import.shopNotApproved", {}, 403);
      const categories = await tx.category.findMany({ select: { id: true, slug: true } });
      const categoryId = new Map(categories.map((c) => [c.slug, c.id]));
      if (products.some((p) => !categoryId.has(p.categorySlug))) throw new UserError("import.stale", {}, 409);

      const slugs = await uniqueSlugs(tx, sellerId, products);
      const createdIds: string[] = [];
      for (let from = 0; from < products.length; from += COMMIT_CHUNK) {
        const chunk = products.slice(from, from + COMMIT_CHUNK);
        const created = await tx.product.createManyAndReturn({
          data: chunk.map((p, i) => ({
            slug: slugs[from + i]!,
            sellerId,
            categoryId: categoryId.get(p.categorySlug)!,
            ...productFields(p),
            status: p.stockMilli > 0 ? ("active" as const) : ("sold_out" as const),
          })),
          select: { id: true },
        });
        createdIds.push(...created.map((c) => c.id));
      }
      const active = products.filter((p) => p.stockMilli > 0).length;
      return {
        entityType: "ProductImport",
        entityId: importId,
        after: {
          fileName: found.fileName,
          created: products.length,
          active,
          soldOut: products.length - active,
        },
        reindex: createdIds,
        result: products.length,
      };
    },
    TX_OPTIONS,
  );
}

/**
 * Slugs as the wizard makes them ("name-<end of the seller id>"), numbered when taken. Every slug
 * that could collide contains the seller's suffix or is one of the bases, so one query finds them.
 */
async function uniqueSlugs(tx: Tx, sellerId: string, products: ImportedProduct[]) {
  const suffix = sellerId.slice(-6);
  const bases = products.map((p) => slugify(`${p.name} ${suffix}`));
  const taken = new Set(
    (
      await tx.product.findMany({
        where: { OR: [{ slug: { contains: suffix } }, { slug: { in: [...new Set(bases)] } }] },
        select: { slug: true },
      })
    ).map((p) => p.slug),
  );
  return bases.map((base) => {
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    return slug;
  });
}
