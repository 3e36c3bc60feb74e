// The seller workspace's rules for listings: which edits reach buyers at once and which wait for an
// admin, the status moves a seller can make, topping up stock, and photos. Plain TypeScript shared
// by the server (which enforces every rule) and the pages (which only offer what is allowed).
// Errors are i18n keys, translated where they are shown. The choice is explained in ADR 011.
import { z } from "zod";
import { quantityText, recordId } from "./form-fields.ts";
import { MAX_PRODUCT_PHOTOS, ProductFormSchema } from "./onboarding.ts";

export const productStatuses = ["active", "sold_out", "draft", "archived"] as const;
export type ProductStatus = (typeof productStatuses)[number];

export function isProductStatus(value: unknown): value is ProductStatus {
  return (productStatuses as readonly unknown[]).includes(value);
}

export type RuleError =
  | "listings.error.move"
  | "listings.error.needPhoto"
  | "listings.error.offStep"
  | "listings.error.tooMuch"
  | "listings.error.lastPhoto"
  | "listings.error.tooManyPhotos";

export type RuleResult<T> = { ok: true; value: T } | { ok: false; error: RuleError };
const ok = <T>(value: T): RuleResult<T> => ({ ok: true, value });
const refuse = <T>(error: RuleError): RuleResult<T> => ({ ok: false, error });

// ───────────── What goes live at once, what waits for an admin ─────────────

/**
 * What sellers say about their own goods goes live at once: buyers can report a false listing and
 * admins act on reports (and can suspend the shop).
 */
export const liveAtOnce = [
  "name",
  "categorySlug",
  "description",
  "unit",
  "stepMilli",
  "priceVnd",
  "stockMilli",
  "photos",
  "status",
] as const;

/**
 * A certification is someone else's guarantee (OCOP stars, VietGAP, organic) that buyers filter by
 * and trust, so a new or changed one is saved unverified and shown to no buyer until an admin has
 * checked it. The product itself stays on sale meanwhile. Removing a certification needs no check.
 */
export const checkedByAdmin = ["certKind", "certStars", "certNumber", "certExpiresAt", "certPhoto"] as const;

export type CertificationClaim = {
  kind: string;
  stars: number | null;
  number: string;
  expiresAt: Date | null;
  photoKey: string | null;
};

/** Are these the same claim in every field an admin checks? */
export function sameClaim(a: CertificationClaim, b: CertificationClaim) {
  return (
    a.kind === b.kind &&
    (a.stars ?? null) === (b.stars ?? null) &&
    a.number.trim() === b.number.trim() &&
    (a.expiresAt?.getTime() ?? null) === (b.expiresAt?.getTime() ?? null) &&
    (a.photoKey ?? null) === (b.photoKey ?? null)
  );
}

export type CertificationChange = "none" | "unchanged" | "added" | "changed" | "removed";

export function certificationChange(
  before: CertificationClaim | null,
  after: CertificationClaim | null,
): CertificationChange {
  if (!before) return after ? "added" : "none";
  if (!after) return "removed";
  return sameClaim(before, after) ? "unchanged" : "changed";
}

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000; // UTC+7 all year

/**
 * A stored expiry date as the form shows it ("2027-05-01"). Forms save midnight in Vietnam
 * (17:00 UTC the day before), so reading the UTC date would move it a day back on every save —
 * and make an untouched certification look changed.
 */
export function dateInputValue(date: Date) {
  return new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Does this change need an admin's check before buyers see the certification? */
export const needsVerification = (change: CertificationChange) => change === "added" || change === "changed";

/** What buyers (product pages, cards, search facets) may see: checked by an admin and not expired. */
export function isShownToBuyers(cert: { verifiedAt: Date | null; expiresAt: Date | null }, now = new Date()) {
  return Boolean(cert.verifiedAt) && !(cert.expiresAt && cert.expiresAt < now);
}

// ───────────── Status ─────────────

/** Listed products (for sale, or sold out until restocked) always keep at least one photo. */
export const needsPhoto = (status: ProductStatus) => status === "active" || status === "sold_out";

/** Stock moves a listed product between "active" and "sold out"; drafts and archived ones stay put. */
export function statusForStock(status: ProductStatus, stockMilli: number): ProductStatus {
  if (status === "active" && stockMilli <= 0) return "sold_out";
  if (status === "sold_out" && stockMilli > 0) return "active";
  return status;
}

export const statusMoves = ["publish", "soldOut", "archive", "unarchive"] as const;
export type StatusMove = (typeof statusMoves)[number];

const movesFrom: Record<ProductStatus, readonly StatusMove[]> = {
  active: ["soldOut", "archive"],
  sold_out: ["archive"],
  draft: ["publish", "archive"],
  archived: ["unarchive"],
};

/** The status buttons a product shows (restock, price and duplicate are always offered). */
export const movesFor = (status: ProductStatus) => movesFrom[status];

type Listing = { status: ProductStatus; stockMilli: number; photoCount: number };

/**
 * Where a move takes a product. "Sold out" empties the stock (the seller has none left); putting a
 * draft or archived product on sale makes it active, or sold out when it has no stock, and needs a photo.
 */
export function applyMove(
  move: StatusMove,
  p: Listing,
): RuleResult<{ status: ProductStatus; stockMilli: number }> {
  if (!movesFrom[p.status].includes(move)) return refuse("listings.error.move");
  switch (move) {
    case "soldOut":
      return ok({ status: "sold_out", stockMilli: 0 });
    case "archive":
      return ok({ status: "archived", stockMilli: p.stockMilli });
    case "publish":
    case "unarchive": {
      if (p.photoCount === 0) return refuse("listings.error.needPhoto");
      return ok({ status: p.stockMilli > 0 ? "active" : "sold_out", stockMilli: p.stockMilli });
    }
  }
}

// ───────────── Stock ─────────────

/** A million units: far above any farm's stock, and well inside the database's integer. */
export const MAX_STOCK_MILLI = 1_000_000_000;

/** Adds stock: a whole number of steps (0,5 kg bags, boxes). A sold-out product is back on sale. */
export function restock(
  p: { status: ProductStatus; stockMilli: number; stepMilli: number },
  addMilli: number,
): RuleResult<{ status: ProductStatus; stockMilli: number }> {
  if (!Number.isInteger(addMilli) || addMilli <= 0 || addMilli % p.stepMilli !== 0) {
    return refuse("listings.error.offStep");
  }
  const stockMilli = p.stockMilli + addMilli;
  if (stockMilli > MAX_STOCK_MILLI) return refuse("listings.error.tooMuch");
  return ok({ status: statusForStock(p.status, stockMilli), stockMilli });
}

/** Fewer than three steps left (three 0,5 kg bags, three boxes): time to restock. */
export function isLowStock(p: { status: ProductStatus; stockMilli: number; stepMilli: number }) {
  return p.status === "active" && p.stockMilli < 3 * p.stepMilli;
}

/** What the restock field suggests: ten steps (5 kg when sold by 0,5 kg, 10 boxes). */
export const suggestedRestockMilli = (stepMilli: number) => 10 * stepMilli;

// ───────────── Photos ─────────────

export function canRemovePhoto(status: ProductStatus, photoCount: number): RuleResult<null> {
  return needsPhoto(status) && photoCount <= 1 ? refuse("listings.error.lastPhoto") : ok(null);
}

export function canAddPhotos(photoCount: number, adding: number): RuleResult<null> {
  return photoCount + adding > MAX_PRODUCT_PHOTOS ? refuse("listings.error.tooManyPhotos") : ok(null);
}

/** The list with one item moved a place up or down; null when it is already at that end. */
export function movedInList<T>(items: readonly T[], index: number, direction: "up" | "down"): T[] | null {
  const target = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return null;
  const next = [...items];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

// ───────────── Duplicating ─────────────

const COPY_SUFFIX = " (bản sao)";
const NAME_MAX = 150;

/** "Xoài cát (bản sao)", still within the name's length limit. */
export function copyName(name: string) {
  return `${name.slice(0, NAME_MAX - COPY_SUFFIX.length).trimEnd()}${COPY_SUFFIX}`;
}

// ───────────── Quick actions (one small form each, no JavaScript needed) ─────────────

const productId = recordId("listings.error.notFound");

export const QuickActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("restock"), productId, addMilli: quantityText("listings.restock.invalid") }),
    z.object({ intent: z.literal("price"), productId, priceVnd: ProductFormSchema.shape.priceVnd }),
    z.object({ intent: z.enum(statusMoves), productId }),
    z.object({ intent: z.literal("duplicate"), productId }),
  ],
  { error: "listings.error.intent" },
);
export type QuickAction = z.output<typeof QuickActionSchema>;
export const quickIntents = ["restock", "price", ...statusMoves, "duplicate"] as const;
export type QuickIntent = (typeof quickIntents)[number];

/** What a page may confirm after a change (?done=…), each with its "listings.done.*" message. */
export const doneNotices = [...quickIntents, "create", "update", "certPending", "photos"] as const;
export type DoneNotice = (typeof doneNotices)[number];
export const isDoneNotice = (value: unknown): value is DoneNotice =>
  (doneNotices as readonly unknown[]).includes(value);

// ───────────── Form values ─────────────

/**
 * A quantity as typed back into a form: "12,5", never "1.000" (the quantity parser would read a
 * thousands dot as a decimal point).
 */
export const quantityInput = (milli: number) => String(milli / 1000).replace(".", ",");

/** A price as typed back into a form: "65.000" (dots group thousands; the price parser drops them). */
export const priceInput = (vnd: number) => String(vnd).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
