// A small marketplace for the hostile-input and authorization suites: an admin, a volunteer who
// onboarded two shops (one still a draft, one approved and handed over to its owner), another shop's
// owner, an unrelated volunteer, a buyer with an order; and what they need to reach every route
// (shop, product, order, import ids). Plus the state the suites compare before and after a request:
// every table's row count and every stored file.
import fs from "node:fs/promises";
import path from "node:path";
import { addToCart, getCartView } from "#app/services/orders/cart.server.ts";
import { placeOrder } from "#app/services/orders/checkout.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { checkoutInput, createProduct, createShop } from "#tests/fixtures/shops.ts";
import { createUser, signedInRequest } from "#tests/helpers.ts";

export type Identity =
  "anonymous" | "buyer" | "owner" | "otherOwner" | "otherVolunteer" | "volunteer" | "admin";

export async function buildWorld() {
  const db = getDb();
  const admin = await createUser(["admin"]);
  const volunteer = await createUser(["volunteer"]);
  const otherVolunteer = await createUser(["volunteer"]);
  const owner = await createUser(["seller"]);
  const otherOwner = await createUser(["seller"]);
  const buyer = await createUser(["buyer"]);

  const shop = await createShop({
    ownerId: owner.id,
    onboardedById: volunteer.id,
    acceptsBankTransfer: true,
  });
  const product = await createProduct(shop.id, { stockMilli: 50_000 });
  const otherShop = await createShop({ ownerId: otherOwner.id });
  const otherProduct = await createProduct(otherShop.id);
  const draft = await createShop({ onboardedById: volunteer.id });
  await db.seller.update({ where: { id: draft.id }, data: { status: "draft" } });
  const draftProduct = await createProduct(draft.id);
  await db.product.update({ where: { id: draftProduct.id }, data: { status: "draft" } });
  const submitted = await createShop({ onboardedById: otherVolunteer.id });
  await db.seller.update({ where: { id: submitted.id }, data: { status: "submitted" } });
  const submittedProduct = await createProduct(submitted.id);
  // Spreadsheet imports waiting in each shop's preview (no rows: confirming one changes nothing).
  const importOf = (sellerId: string, createdById: string) =>
    db.productImport.create({
      data: {
        sellerId,
        createdById,
        fileName: "san-pham.csv",
        rows: { ignoredColumns: [], rows: [] },
        validRows: 0,
        errorRows: 0,
      },
    });
  const shopImport = await importOf(shop.id, owner.id);
  const otherImport = await importOf(otherShop.id, otherOwner.id);

  const added = await addToCart({ userId: buyer.id, guestCartId: null }, product.id, 1_000);
  void added;
  const ownerOfCart = { userId: buyer.id, guestCartId: null };
  const placed = await placeOrder(checkoutInput(await getCartView(ownerOfCart), { [shop.id]: "cod" }), {
    owner: ownerOfCart,
    buyerId: buyer.id,
    locale: "vi",
    siteUrl: "http://localhost",
    cardPayments: null,
  });
  const groupCode = placed.groupCode;
  const orderCode = `${groupCode}-1`;
  // An order of the other shop, so "other data" exists for order routes too.
  const otherCart = { userId: buyer.id, guestCartId: null };
  await addToCart(otherCart, otherProduct.id, 1_000);
  const otherPlaced = await placeOrder(
    checkoutInput(await getCartView(otherCart), { [otherShop.id]: "cod" }),
    { owner: otherCart, buyerId: buyer.id, locale: "vi", siteUrl: "http://localhost", cardPayments: null },
  );

  const users = { admin, volunteer, otherVolunteer, owner, otherOwner, buyer };
  return {
    users,
    shop,
    product,
    otherShop,
    otherProduct,
    draft,
    draftProduct,
    submitted,
    submittedProduct,
    shopImport,
    otherImport,
    groupCode,
    orderCode,
    otherGroupCode: otherPlaced.groupCode,
    otherOrderCode: `${otherPlaced.groupCode}-1`,
    /** A request as this identity would send it (a session cookie for the signed-in ones). */
    async request(identity: Identity, url: string, init: RequestInit = {}) {
      if (identity === "anonymous") return new Request(url, init);
      return signedInRequest(users[identity].id, url, init);
    },
  };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;

// ───────────── What a refused request must leave alone ─────────────

let modelNames: string[] | undefined;
async function models() {
  if (!modelNames) {
    const schema = await fs.readFile(path.resolve("prisma/models.prisma"), "utf8");
    modelNames = [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!);
  }
  return modelNames;
}

/** Row counts of every table, except the rate limiters' own counters (refusals are what they count). */
export async function rowCounts(): Promise<Record<string, number>> {
  const db = getDb() as unknown as Record<string, { count: () => Promise<number> }>;
  const counts: Record<string, number> = {};
  for (const name of await models()) {
    if (name === "RateLimiterFlexible") continue;
    counts[name] = await db[name.charAt(0).toLowerCase() + name.slice(1)]!.count();
  }
  return counts;
}

/** Every file under the storage folder (public and private areas alike). */
export async function storedFiles(): Promise<string[]> {
  const root = path.resolve(process.env.STORAGE_DIR!);
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
