// The seller workspace's listings through their routes, as a phone without JavaScript drives them
// (plain form posts; multipart for photos), against a real database and the real photo pipeline:
// quick changes, full edits, photos, the certification review rule, who may do what, and the
// admin's certification queue.
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { isShownToBuyers } from "#app/domain/listing-rules.ts";
import { action as certAction, loader as certLoader } from "#app/routes/admin+/certifications.tsx";
import {
  action as editAction,
  loader as editLoader,
} from "#app/routes/shop+/$sellerId.listings.$productId.tsx";
import { action as listAction, loader as listLoader } from "#app/routes/shop+/$sellerId.listings._index.tsx";
import { action as newAction, loader as newLoader } from "#app/routes/shop+/$sellerId.listings.new.tsx";
import { getDb } from "#app/services/platform/db.server.ts";
import { SEARCH_INDEX_TOPIC } from "#app/services/search/indexer.server.ts";
import { createProduct, createShop, ensurePlaces } from "#tests/fixtures/shops.ts";
import { createUser, signedInRequest } from "#tests/helpers.ts";

const context = { clientAddress: "127.0.0.1" };
type Reply = {
  data: {
    formError?: string | null;
    productId?: string;
    result?: { error?: Record<string, string[] | null> };
  };
  init: { status: number };
};
type Fields = Record<string, string | Blob | (string | Blob)[]>;

/** A GET, or a POST as a browser sends a plain form (urlencoded) or one with files (multipart). */
async function as(userId: string | null, url: string, body?: Fields) {
  let init: RequestInit = {};
  if (body) {
    const multipart = Object.values(body).some((v) => [v].flat().some((x) => x instanceof Blob));
    if (multipart) {
      const form = new FormData();
      for (const [key, value] of Object.entries(body)) {
        for (const v of [value].flat()) {
          if (v instanceof Blob) form.append(key, v, "photo.jpg");
          else form.append(key, v);
        }
      }
      init = { method: "POST", body: form };
    } else {
      init = {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(body as Record<string, string>).toString(),
      };
    }
  }
  const full = `http://localhost${url}`;
  return userId ? signedInRequest(userId, full, init) : new Request(full, init);
}
type Handler<T> = (args: {
  request: Request;
  params: Record<string, string>;
  context: typeof context;
}) => Promise<T>;
const call = <T>(fn: Handler<T>, request: Request, params: Record<string, string> = {}) =>
  fn({ request, params, context }).catch((thrown: unknown) => thrown as T);
const statusOf = (r: unknown) => (r instanceof Response ? r.status : ((r as Reply).init?.status ?? 200));
const reply = (r: unknown) => r as Reply;
const locationOf = (r: unknown) => (r as Response).headers.get("Location");

async function photo(width = 800, height = 600) {
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: 60, g: 160, b: 40 } } })
    .jpeg()
    .toBuffer();
  return new Blob([new Uint8Array(bytes)], { type: "image/jpeg" });
}

const db = () => getDb();
const productOf = (id: string) =>
  db().product.findUniqueOrThrow({
    where: { id },
    include: {
      images: { orderBy: [{ sortOrder: "asc" }, { id: "asc" }] },
      certifications: { orderBy: { kind: "asc" } },
    },
  });
/** Search-index messages that name this product. */
async function indexMessagesFor(productId: string) {
  const messages = await db().outboxMessage.findMany({ where: { topic: SEARCH_INDEX_TOPIC } });
  return messages.filter((m) => (m.payload as { productIds: string[] }).productIds.includes(productId))
    .length;
}
const auditsFor = (entityId: string) =>
  db().auditLog.findMany({ where: { entityId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

async function withPhotos(productId: string, keys: string[]) {
  for (const [sortOrder, storageKey] of keys.entries()) {
    await db().productImage.create({
      data: { productId, storageKey, width: 640, height: 480, sortOrder, alt: storageKey },
    });
  }
}
const photoKeys = async (productId: string) => (await productOf(productId)).images.map((i) => i.storageKey);

let owner: { id: string };
let volunteer: { id: string };
let stranger: { id: string };
let admin: { id: string };
let shop: { id: string };
let strangerShop: { id: string };

beforeAll(async () => {
  await ensurePlaces();
  await db().category.upsert({
    where: { slug: "dac-san" },
    create: { slug: "dac-san", name: "Đặc sản", nameEn: "Specialities" },
    update: {},
  });
  owner = await createUser(["seller"]);
  volunteer = await createUser(["volunteer"]);
  stranger = await createUser(["seller"]);
  admin = await createUser(["admin"]);
  shop = await createShop({ ownerId: owner.id, onboardedById: volunteer.id });
  strangerShop = await createShop({ ownerId: stranger.id });
});

const listUrl = () => `/shop/${shop.id}/listings`;
const params = () => ({ sellerId: shop.id });
const quick = (userId: string, fields: Record<string, string>, url = listUrl()) =>
  as(userId, url, fields).then((request) => call(listAction, request, params()));

describe("the listings page", () => {
  it("lists every product in every status, filters by ?status= and flags low stock", async () => {
    const mango = await createProduct(shop.id, { name: "Xoài cát", stockMilli: 10_000, stepMilli: 500 });
    const garlic = await createProduct(shop.id, { name: "Tỏi Phan Rang", stockMilli: 1000, stepMilli: 500 });
    const statuses = ["draft", "archived", "sold_out"] as const;
    for (const status of statuses) {
      const p = await createProduct(shop.id, { name: `Hàng ${status}`, stockMilli: 0 });
      await db().product.update({ where: { id: p.id }, data: { status } });
    }
    await withPhotos(mango.id, ["mango-1.webp"]);
    await createProduct(strangerShop.id, { name: "Hàng của người khác" });

    const page = await listLoader({ request: await as(owner.id, listUrl()), params: params(), context });
    expect(page.products.map((p) => p.status)).toEqual(["active", "active", "sold_out", "draft", "archived"]);
    expect(page.products.map((p) => p.name)).not.toContain("Hàng của người khác");
    expect(page.counts).toEqual({ active: 2, sold_out: 1, draft: 1, archived: 1 });
    expect(page.products.find((p) => p.id === garlic.id)?.lowStock).toBe(true);
    expect(page.products.find((p) => p.id === mango.id)).toMatchObject({
      lowStock: false,
      photo: { storageKey: "mango-1.webp" },
    });
    expect(page.canWrite).toBe(true);

    const drafts = await listLoader({
      request: await as(owner.id, `${listUrl()}?status=draft`),
      params: params(),
      context,
    });
    expect(drafts.products.map((p) => p.name)).toEqual(["Hàng draft"]);
    const junk = await listLoader({
      request: await as(owner.id, `${listUrl()}?status=deleted`),
      params: params(),
      context,
    });
    expect(junk.status).toBeNull();
    expect(junk.products).toHaveLength(5);
  });
});

describe("quick changes", () => {
  it("restocks by exactly the quantity, audited and indexed, and refuses an off-step one in Vietnamese", async () => {
    const mango = await createProduct(shop.id, { stockMilli: 10_000, stepMilli: 500 });
    const done = await quick(owner.id, { intent: "restock", productId: mango.id, addMilli: "5" });
    expect(statusOf(done)).toBe(302);
    expect(locationOf(done)).toBe(`${listUrl()}?done=restock&product=${mango.id}#p-${mango.id}`);
    expect((await productOf(mango.id)).stockMilli).toBe(15_000);
    const [audit] = await auditsFor(mango.id);
    expect(audit).toMatchObject({
      action: "listing.restock",
      actorId: owner.id,
      onBehalfOfSellerId: shop.id,
      before: { stockMilli: 10_000, status: "active" },
      after: { addMilli: 5000, stockMilli: 15_000, status: "active" },
    });
    expect(await indexMessagesFor(mango.id)).toBe(1);

    const offStep = reply(await quick(owner.id, { intent: "restock", productId: mango.id, addMilli: "1,3" }));
    expect(offStep.init.status).toBe(400);
    expect(offStep.data.formError).toBe(
      "Sản phẩm này bán theo từng 0,5 kg, nên số lượng nhập thêm phải là bội số của 0,5 kg.",
    );
    expect(offStep.data.productId).toBe(mango.id);
    const notANumber = reply(
      await quick(owner.id, { intent: "restock", productId: mango.id, addMilli: "năm" }),
    );
    expect(notANumber.init.status).toBe(400);
    expect(notANumber.data.result?.error?.addMilli).toEqual(["listings.restock.invalid"]);
    expect((await productOf(mango.id)).stockMilli).toBe(15_000);
    expect(await auditsFor(mango.id)).toHaveLength(1);
    expect(await indexMessagesFor(mango.id)).toBe(1);
  });

  it("puts a sold-out product back on sale when restocked", async () => {
    const p = await createProduct(shop.id, { stockMilli: 0, stepMilli: 1000, unit: "hop" });
    await db().product.update({ where: { id: p.id }, data: { status: "sold_out" } });
    expect(statusOf(await quick(owner.id, { intent: "restock", productId: p.id, addMilli: "10" }))).toBe(302);
    expect(await productOf(p.id)).toMatchObject({ status: "active", stockMilli: 10_000 });
  });

  it("changes the price as typed (65.000 → 70.000) and enqueues indexing", async () => {
    const p = await createProduct(shop.id, { priceVnd: 65_000 });
    expect(statusOf(await quick(owner.id, { intent: "price", productId: p.id, priceVnd: "70.000" }))).toBe(
      302,
    );
    expect((await productOf(p.id)).priceVnd).toBe(70_000);
    expect(await indexMessagesFor(p.id)).toBe(1);
    expect((await auditsFor(p.id))[0]).toMatchObject({
      action: "listing.price",
      before: { priceVnd: 65_000 },
      after: { priceVnd: 70_000 },
    });

    const bad = reply(await quick(owner.id, { intent: "price", productId: p.id, priceVnd: "0" }));
    expect(bad.init.status).toBe(400);
    expect(bad.data.result?.error?.priceVnd).toEqual(["onboarding.product.price"]);
    expect((await productOf(p.id)).priceVnd).toBe(70_000);
    expect(await indexMessagesFor(p.id)).toBe(1);
  });

  it("marks sold out (stock emptied), archives, brings back, and refuses a move that does not apply", async () => {
    const p = await createProduct(shop.id, { stockMilli: 4000 });
    await withPhotos(p.id, ["cabbage.webp"]);
    expect(statusOf(await quick(owner.id, { intent: "soldOut", productId: p.id }))).toBe(302);
    expect(await productOf(p.id)).toMatchObject({ status: "sold_out", stockMilli: 0 });
    expect(statusOf(await quick(owner.id, { intent: "archive", productId: p.id }))).toBe(302);
    expect((await productOf(p.id)).status).toBe("archived");
    const wrong = reply(await quick(owner.id, { intent: "archive", productId: p.id }));
    expect(wrong.init.status).toBe(400);
    expect(wrong.data.formError).toBe("Không làm được việc này với sản phẩm ở trạng thái hiện tại.");
    expect(statusOf(await quick(owner.id, { intent: "unarchive", productId: p.id }))).toBe(302);
    // No stock: back as sold out, until restocked.
    expect((await productOf(p.id)).status).toBe("sold_out");
    await quick(owner.id, { intent: "restock", productId: p.id, addMilli: "2" });
    expect(await productOf(p.id)).toMatchObject({ status: "active", stockMilli: 2000 });
    const actions = (await auditsFor(p.id)).map((a) => a.action);
    expect(actions).toEqual(["listing.status", "listing.status", "listing.status", "listing.restock"]);
    expect(await indexMessagesFor(p.id)).toBe(4);
  });

  it("duplicates into a draft copy with the same photos and details, no certification and no stock", async () => {
    const p = await createProduct(shop.id, {
      name: "Mật ong rừng",
      priceVnd: 250_000,
      stepMilli: 1000,
      unit: "hop",
    });
    await db().product.update({ where: { id: p.id }, data: { description: "Mật ong nguyên chất." } });
    await withPhotos(p.id, ["honey-1.webp", "honey-2.webp"]);
    await db().certification.create({
      data: {
        productId: p.id,
        kind: "organic",
        number: "HC-1",
        verifiedAt: new Date(),
        verifiedById: admin.id,
      },
    });
    const done = await quick(owner.id, { intent: "duplicate", productId: p.id });
    expect(statusOf(done)).toBe(302);
    const copyId = /listings\/([^?]+)\?done=duplicate/.exec(locationOf(done)!)![1]!;
    expect(copyId).not.toBe(p.id);
    const copy = await productOf(copyId);
    expect(copy).toMatchObject({
      name: "Mật ong rừng (bản sao)",
      status: "draft",
      stockMilli: 0,
      priceVnd: 250_000,
      unit: "hop",
      stepMilli: 1000,
      description: "Mật ong nguyên chất.",
      categoryId: p.categoryId,
      sellerId: shop.id,
    });
    expect(copy.images.map((i) => i.storageKey)).toEqual(["honey-1.webp", "honey-2.webp"]);
    expect(copy.certifications).toEqual([]);
    expect((await productOf(p.id)).certifications).toHaveLength(1);
    expect((await auditsFor(copyId))[0]).toMatchObject({
      action: "listing.duplicate",
      actorId: owner.id,
      onBehalfOfSellerId: shop.id,
      before: { copiedFrom: p.id },
    });
  });
});

const editUrl = (productId: string) => `/shop/${shop.id}/listings/${productId}`;
const editParams = (productId: string) => ({ sellerId: shop.id, productId });
const edit = (userId: string, productId: string, fields: Fields) =>
  as(userId, editUrl(productId), fields).then((request) => call(editAction, request, editParams(productId)));

/** The full form as the edit page fills it in, with some fields changed. */
async function formOf(productId: string, changes: Record<string, string | undefined> = {}): Promise<Fields> {
  const page = await editLoader({
    request: await as(owner.id, editUrl(productId)),
    params: editParams(productId),
    context,
  });
  const fields = { ...page.defaults, ...changes, intent: "save" };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Fields;
}

describe("editing: what goes live at once and what waits for an admin", () => {
  let ocop: { id: string };

  beforeAll(async () => {
    ocop = await createProduct(shop.id, {
      name: "Yến sào Khánh Hòa",
      priceVnd: 3_000_000,
      unit: "hop",
      stepMilli: 1000,
    });
    await withPhotos(ocop.id, ["yen-1.webp"]);
    await db().certification.create({
      data: {
        productId: ocop.id,
        kind: "ocop",
        stars: 4,
        number: "OCOP-KH-2024-0007",
        expiresAt: new Date("2027-05-01T00:00:00+07:00"),
        photoKey: "ocop-paper.webp",
        verifiedAt: new Date("2025-01-01T00:00:00Z"),
        verifiedById: admin.id,
      },
    });
  });

  it("fills the form with what is saved, the expiry date as typed", async () => {
    const page = await editLoader({
      request: await as(owner.id, editUrl(ocop.id)),
      params: editParams(ocop.id),
      context,
    });
    expect(page.defaults).toMatchObject({
      certKind: "ocop",
      certStars: "4",
      certNumber: "OCOP-KH-2024-0007",
      certExpiresAt: "2027-05-01",
      priceVnd: "3000000",
      stockMilli: "10",
    });
    expect(page.cert).toEqual({ kind: "ocop", stars: 4, verified: true });
  });

  it("saves price, stock and description at once and keeps an unchanged certification verified", async () => {
    const [before] = (await productOf(ocop.id)).certifications;
    const done = await edit(
      owner.id,
      ocop.id,
      await formOf(ocop.id, {
        priceVnd: "3.200.000",
        stockMilli: "12",
        description: "Yến sào đảo thiên nhiên.",
      }),
    );
    expect(statusOf(done)).toBe(302);
    expect(locationOf(done)).toBe(`${listUrl()}?done=update&product=${ocop.id}#p-${ocop.id}`);
    const after = await productOf(ocop.id);
    expect(after).toMatchObject({
      priceVnd: 3_200_000,
      stockMilli: 12_000,
      description: "Yến sào đảo thiên nhiên.",
      status: "active",
    });
    expect(after.certifications).toEqual([before]);
    expect(await indexMessagesFor(ocop.id)).toBe(1);
    expect((await auditsFor(ocop.id)).at(-1)).toMatchObject({
      action: "listing.update",
      actorId: owner.id,
      onBehalfOfSellerId: shop.id,
      after: { certification: "unchanged" },
    });
  });

  it("saves a changed certification unverified, hidden from buyers, while the product stays on sale", async () => {
    const done = await edit(owner.id, ocop.id, await formOf(ocop.id, { certStars: "5" }));
    expect(locationOf(done)).toBe(`${listUrl()}?done=certPending&product=${ocop.id}#p-${ocop.id}`);
    const after = await productOf(ocop.id);
    expect(after.status).toBe("active");
    expect(after.certifications).toHaveLength(1);
    const [cert] = after.certifications;
    expect(cert).toMatchObject({ kind: "ocop", stars: 5, verifiedAt: null, verifiedById: null });
    // The previous certificate photo stays with the claim for the admin to see.
    expect(cert!.photoKey).toBe("ocop-paper.webp");
    expect(isShownToBuyers(cert!)).toBe(false);
    const page = await editLoader({
      request: await as(owner.id, editUrl(ocop.id)),
      params: editParams(ocop.id),
      context,
    });
    expect(page.cert).toEqual({ kind: "ocop", stars: 5, verified: false });
  });

  it("saves a new certification unverified, and removes one without a check", async () => {
    const p = await createProduct(shop.id, { name: "Rau sạch" });
    await withPhotos(p.id, ["rau.webp"]);
    await edit(
      owner.id,
      p.id,
      await formOf(p.id, { certKind: "vietgap", certNumber: "VG-123", certExpiresAt: "2027-01-31" }),
    );
    const [cert] = (await productOf(p.id)).certifications;
    expect(cert).toMatchObject({ kind: "vietgap", number: "VG-123", verifiedAt: null });
    expect(cert!.expiresAt?.toISOString()).toBe("2027-01-30T17:00:00.000Z");
    const removed = await edit(owner.id, p.id, await formOf(p.id, { certKind: "", certNumber: "" }));
    expect(locationOf(removed)).toContain("done=update");
    expect((await productOf(p.id)).certifications).toEqual([]);
  });

  it("refuses bad input with the fields to fix and changes nothing", async () => {
    const before = await productOf(ocop.id);
    const audits = (await auditsFor(ocop.id)).length;
    const bad = reply(
      await edit(owner.id, ocop.id, await formOf(ocop.id, { name: "", priceVnd: "rẻ", stockMilli: "12,3" })),
    );
    expect(bad.init.status).toBe(400);
    expect(bad.data.result?.error).toMatchObject({
      name: ["validation.required"],
      priceVnd: ["onboarding.product.price"],
    });
    expect(await productOf(ocop.id)).toEqual(before);
    expect(await auditsFor(ocop.id)).toHaveLength(audits);
  });
});

describe("photos", () => {
  it("moves photos up and down and removes them, keeping one on a listed product", async () => {
    const p = await createProduct(shop.id, { name: "Nho Ninh Thuận" });
    await withPhotos(p.id, ["a.webp", "b.webp", "c.webp"]);
    const ids = async () => (await productOf(p.id)).images.map((i) => i.id);
    const [a, , c] = await ids();
    expect(locationOf(await edit(owner.id, p.id, { intent: "photoDown", imageId: a! }))).toBe(
      `${editUrl(p.id)}?done=photos#photos`,
    );
    expect(await photoKeys(p.id)).toEqual(["b.webp", "a.webp", "c.webp"]);
    await edit(owner.id, p.id, { intent: "photoUp", imageId: c! });
    expect(await photoKeys(p.id)).toEqual(["b.webp", "c.webp", "a.webp"]);
    const audits = (await auditsFor(p.id)).length;
    const [first] = await ids();
    expect(statusOf(await edit(owner.id, p.id, { intent: "photoUp", imageId: first! }))).toBe(302);
    expect(await photoKeys(p.id)).toEqual(["b.webp", "c.webp", "a.webp"]);
    expect(await auditsFor(p.id)).toHaveLength(audits); // nothing moved, nothing recorded

    await edit(owner.id, p.id, { intent: "photoRemove", imageId: c! });
    await edit(owner.id, p.id, { intent: "photoRemove", imageId: a! });
    expect(await photoKeys(p.id)).toEqual(["b.webp"]);
    const [last] = await ids();
    const refused = reply(await edit(owner.id, p.id, { intent: "photoRemove", imageId: last! }));
    expect(refused.init.status).toBe(400);
    expect(refused.data.formError).toMatch(/ít nhất một ảnh/);
    expect(await photoKeys(p.id)).toEqual(["b.webp"]);

    const other = await createProduct(shop.id);
    await withPhotos(other.id, ["other.webp"]);
    const [otherImage] = (await productOf(other.id)).images;
    expect(statusOf(await edit(owner.id, p.id, { intent: "photoRemove", imageId: otherImage!.id }))).toBe(
      404,
    );

    await quick(owner.id, { intent: "archive", productId: p.id });
    expect(statusOf(await edit(owner.id, p.id, { intent: "photoRemove", imageId: last! }))).toBe(302);
    expect(await photoKeys(p.id)).toEqual([]);
    // With no photo it cannot go back on sale.
    const back = reply(await quick(owner.id, { intent: "unarchive", productId: p.id }));
    expect(back.init.status).toBe(400);
    expect(back.data.formError).toBe("Cần ít nhất một ảnh sản phẩm để đăng bán.");
  });

  it("adds photos through the photo pipeline, last in order, and refuses what is not a photo", async () => {
    const p = await createProduct(shop.id, { name: "Bưởi da xanh" });
    await withPhotos(p.id, ["buoi.webp"]);
    const added = await edit(owner.id, p.id, { intent: "photoAdd", photos: [await photo()] });
    expect(statusOf(added)).toBe(302);
    const after = await productOf(p.id);
    expect(after.images).toHaveLength(2);
    expect(after.images[0]!.storageKey).toBe("buoi.webp");
    expect(after.images[1]).toMatchObject({ alt: "Bưởi da xanh", width: 800, height: 600 });
    expect((after.images[1]!.variants as unknown[]).length).toBeGreaterThan(0);

    const fake = reply(
      await edit(owner.id, p.id, {
        intent: "photoAdd",
        photos: [new Blob(["không phải ảnh"], { type: "image/jpeg" })],
      }),
    );
    expect(fake.init.status).toBe(400);
    expect(fake.data.formError).toMatch(/định dạng|ảnh/i);
    expect((await productOf(p.id)).images).toHaveLength(2);
  });
});

describe("creating a product", () => {
  const fields = {
    name: "Muối Hòn Khói",
    categorySlug: "dac-san",
    description: "Muối hạt phơi nắng.",
    unit: "tui",
    stepMilli: "1",
    priceVnd: "25.000",
    stockMilli: "40",
  };
  const post = async (body: Fields) =>
    call(newAction, await as(owner.id, `${listUrl()}/new`, body), params());

  it("puts it on sale with its photos; its certification waits for an admin", async () => {
    const page = await newLoader({
      request: await as(owner.id, `${listUrl()}/new`),
      params: params(),
      context,
    });
    expect(page.categories.map((c) => c.slug)).toContain("dac-san");
    const done = await post({
      ...fields,
      certKind: "ocop",
      certStars: "3",
      certNumber: "OCOP-KH-2025-0100",
      photos: [await photo()],
      certPhoto: await photo(640, 900),
    });
    expect(statusOf(done)).toBe(302);
    const id = /product=([^#&]+)/.exec(locationOf(done)!)![1]!;
    const created = await productOf(id);
    expect(created).toMatchObject({ status: "active", priceVnd: 25_000, stockMilli: 40_000, unit: "tui" });
    expect(created.images).toHaveLength(1);
    expect(created.certifications[0]).toMatchObject({ kind: "ocop", stars: 3, verifiedAt: null });
    expect(created.certifications[0]!.photoKey).toBeTruthy();
    expect((await auditsFor(id))[0]).toMatchObject({ action: "listing.create", onBehalfOfSellerId: shop.id });
    expect(await indexMessagesFor(id)).toBe(1);
  });

  it("needs a photo and valid fields, and saves nothing otherwise", async () => {
    const count = await db().product.count({ where: { sellerId: shop.id } });
    const noPhoto = reply(await post(fields));
    expect(noPhoto.init.status).toBe(400);
    expect(noPhoto.data.formError).toBe("Cần ít nhất một ảnh sản phẩm để đăng bán.");
    const invalid = reply(await post({ ...fields, stockMilli: "40,5", photos: [await photo()] }));
    expect(invalid.init.status).toBe(400);
    expect(invalid.data.result?.error?.stockMilli).toEqual(["onboarding.product.stockStep"]);
    const noCategory = reply(await post({ ...fields, categorySlug: "khong-co", photos: [await photo()] }));
    expect(noCategory.init.status).toBe(400);
    expect(noCategory.data.formError).toBe("Chọn một danh mục trong danh sách.");
    expect(await db().product.count({ where: { sellerId: shop.id } })).toBe(count);
  });
});

describe("who may change a shop's listings", () => {
  it("lets the delegated volunteer act, recorded as acting for the seller", async () => {
    const p = await createProduct(shop.id, { stockMilli: 1000, stepMilli: 500 });
    expect(statusOf(await quick(volunteer.id, { intent: "restock", productId: p.id, addMilli: "0,5" }))).toBe(
      302,
    );
    expect((await productOf(p.id)).stockMilli).toBe(1500);
    expect((await auditsFor(p.id))[0]).toMatchObject({ actorId: volunteer.id, onBehalfOfSellerId: shop.id });
  });

  it("keeps another seller out (403), and answers 404 for another shop's product, changing nothing", async () => {
    const p = await createProduct(shop.id, { stockMilli: 1000, priceVnd: 50_000 });
    const before = await productOf(p.id);
    expect(statusOf(await call(listLoader, await as(stranger.id, listUrl()), params()))).toBe(403);
    expect(statusOf(await quick(stranger.id, { intent: "price", productId: p.id, priceVnd: "1.000" }))).toBe(
      403,
    );
    expect(statusOf(await edit(stranger.id, p.id, { intent: "soldOut" }))).toBe(403);
    // Through their own shop, with this shop's product id.
    const theirs = { sellerId: strangerShop.id };
    const viaOwnShop = await call(
      listAction,
      await as(stranger.id, `/shop/${strangerShop.id}/listings`, {
        intent: "price",
        productId: p.id,
        priceVnd: "1.000",
      }),
      theirs,
    );
    expect(statusOf(viaOwnShop)).toBe(404);
    const theirEdit = { sellerId: strangerShop.id, productId: p.id };
    const url = `/shop/${strangerShop.id}/listings/${p.id}`;
    expect(statusOf(await call(editLoader, await as(stranger.id, url), theirEdit))).toBe(404);
    expect(
      statusOf(await call(editAction, await as(stranger.id, url, { intent: "archive" }), theirEdit)),
    ).toBe(404);
    // The owner, too, gets 404 for a product that is not in this shop.
    const foreign = await createProduct(strangerShop.id);
    expect(statusOf(await quick(owner.id, { intent: "soldOut", productId: foreign.id }))).toBe(404);
    expect(await productOf(p.id)).toEqual(before);
    expect((await productOf(foreign.id)).status).toBe("active");
    expect(await auditsFor(p.id)).toEqual([]);
  });

  it("shuts out a volunteer once the seller has revoked the delegation (403)", async () => {
    const helper = await createUser(["volunteer"]);
    const revoked = await createShop({
      ownerId: (await createUser(["seller"])).id,
      onboardedById: helper.id,
    });
    const p = await createProduct(revoked.id, { stockMilli: 1000 });
    const revokedParams = { sellerId: revoked.id };
    const url = `/shop/${revoked.id}/listings`;
    const fields = { intent: "restock", productId: p.id, addMilli: "1" };
    expect(statusOf(await call(listAction, await as(helper.id, url, fields), revokedParams))).toBe(302);
    await db().seller.update({ where: { id: revoked.id }, data: { delegationRevokedAt: new Date() } });
    expect(statusOf(await call(listLoader, await as(helper.id, url), revokedParams))).toBe(403);
    expect(statusOf(await call(listAction, await as(helper.id, url, fields), revokedParams))).toBe(403);
    expect((await productOf(p.id)).stockMilli).toBe(2000);
  });

  it("sends a signed-out visitor to sign in", async () => {
    const response = await call(listLoader, await as(null, listUrl()), params());
    expect(statusOf(response)).toBe(302);
  });

  it("lets a suspended shop read its listings but refuses every change (403)", async () => {
    const suspendedOwner = await createUser(["seller"]);
    const suspended = await createShop({ ownerId: suspendedOwner.id, status: "suspended" });
    const p = await createProduct(suspended.id, { stockMilli: 1000, priceVnd: 40_000 });
    await withPhotos(p.id, ["s.webp"]);
    const before = await productOf(p.id);
    const sParams = { sellerId: suspended.id };
    const url = `/shop/${suspended.id}/listings`;
    const page = await listLoader({ request: await as(suspendedOwner.id, url), params: sParams, context });
    expect(page.canWrite).toBe(false);
    expect(page.products).toHaveLength(1);
    const posts = [
      call(
        listAction,
        await as(suspendedOwner.id, url, { intent: "restock", productId: p.id, addMilli: "1" }),
        sParams,
      ),
      call(listAction, await as(suspendedOwner.id, url, { intent: "duplicate", productId: p.id }), sParams),
      call(editAction, await as(suspendedOwner.id, `${url}/${p.id}`, { intent: "soldOut" }), {
        ...sParams,
        productId: p.id,
      }),
      call(
        editAction,
        await as(suspendedOwner.id, `${url}/${p.id}`, { intent: "photoRemove", imageId: "x" }),
        {
          ...sParams,
          productId: p.id,
        },
      ),
      call(newAction, await as(suspendedOwner.id, `${url}/new`, { name: "Mới" }), sParams),
    ];
    for (const response of await Promise.all(posts)) expect(statusOf(response)).toBe(403);
    expect(await productOf(p.id)).toEqual(before);
    expect(await db().product.count({ where: { sellerId: suspended.id } })).toBe(1);
  });
});

describe("the admin's certification queue", () => {
  const certsUrl = "/admin/certifications";
  let cert: { id: string; productId: string };

  beforeAll(async () => {
    const p = await createProduct(shop.id, { name: "Tôm hùm Bình Ba" });
    await withPhotos(p.id, ["tom.webp"]);
    await edit(
      owner.id,
      p.id,
      await formOf(p.id, { certKind: "vietgap", certNumber: "VG-9", certExpiresAt: "2028-01-01" }),
    );
    cert = (await productOf(p.id)).certifications[0]!;
  });

  it("lists certifications waiting for a check, for admins only", async () => {
    const page = await certLoader({ request: await as(admin.id, certsUrl), params: {}, context });
    const row = page.certifications.find((c) => c.id === cert.id);
    expect(row).toMatchObject({ kind: "vietgap", number: "VG-9", product: { name: "Tôm hùm Bình Ba" } });
    expect(page.certifications.every((c) => c.id !== undefined)).toBe(true);
    expect(statusOf(await call(certLoader, await as(owner.id, certsUrl), {}))).toBe(403);
    expect(
      statusOf(
        await call(
          certAction,
          await as(volunteer.id, certsUrl, { intent: "verify", certificationId: cert.id }),
          {},
        ),
      ),
    ).toBe(403);
    expect((await db().certification.findUniqueOrThrow({ where: { id: cert.id } })).verifiedAt).toBeNull();
  });

  it("verifies a certification: shown to buyers from then on, audited and indexed", async () => {
    const indexed = await indexMessagesFor(cert.productId);
    const done = await call(
      certAction,
      await as(admin.id, certsUrl, { intent: "verify", certificationId: cert.id }),
      {},
    );
    expect(locationOf(done)).toBe(`${certsUrl}?done=verify`);
    const verified = await db().certification.findUniqueOrThrow({ where: { id: cert.id } });
    expect(verified.verifiedById).toBe(admin.id);
    expect(isShownToBuyers(verified)).toBe(true);
    expect(await indexMessagesFor(cert.productId)).toBe(indexed + 1);
    expect((await auditsFor(cert.id))[0]).toMatchObject({
      action: "certification.verify",
      actorId: admin.id,
      onBehalfOfSellerId: shop.id,
    });
    const page = await certLoader({ request: await as(admin.id, certsUrl), params: {}, context });
    expect(page.certifications.map((c) => c.id)).not.toContain(cert.id);
    const again = reply(
      await call(
        certAction,
        await as(admin.id, certsUrl, { intent: "verify", certificationId: cert.id }),
        {},
      ),
    );
    expect(again.init.status).toBe(409);
  });

  it("rejects only with a note, which the seller then sees; the product stays on sale", async () => {
    const p = await createProduct(shop.id, { name: "Cà phê Khánh Sơn" });
    await withPhotos(p.id, ["cafe.webp"]);
    await edit(owner.id, p.id, await formOf(p.id, { certKind: "organic", certNumber: "HC-77" }));
    const [pending] = (await productOf(p.id)).certifications;
    const noNote = reply(
      await call(
        certAction,
        await as(admin.id, certsUrl, { intent: "reject", certificationId: pending!.id }),
        {},
      ),
    );
    expect(noNote.init.status).toBe(400);
    expect(noNote.data.result?.error?.note).toEqual(["listings.certQueue.noteRequired"]);
    expect((await productOf(p.id)).certifications).toHaveLength(1);

    const note = "Ảnh giấy chứng nhận bị mờ, không đọc được số.";
    const done = await call(
      certAction,
      await as(admin.id, certsUrl, { intent: "reject", certificationId: pending!.id, note }),
      {},
    );
    expect(locationOf(done)).toBe(`${certsUrl}?done=reject`);
    const after = await productOf(p.id);
    expect(after.certifications).toEqual([]);
    expect(after.status).toBe("active");
    const page = await editLoader({
      request: await as(owner.id, editUrl(p.id)),
      params: editParams(p.id),
      context,
    });
    expect(page.rejection).toMatchObject({ note, kind: "organic" });
  });

  it("does not let an admin check a shop they help run", async () => {
    const adminVolunteer = await createUser(["admin", "volunteer"]);
    const helped = await createShop({ onboardedById: adminVolunteer.id });
    const p = await createProduct(helped.id);
    const own = await db().certification.create({
      data: { productId: p.id, kind: "vietgap", number: "VG-1" },
    });
    const refused = reply(
      await call(
        certAction,
        await as(adminVolunteer.id, certsUrl, { intent: "verify", certificationId: own.id }),
        {},
      ),
    );
    expect(refused.init.status).toBe(403);
    expect((await db().certification.findUniqueOrThrow({ where: { id: own.id } })).verifiedAt).toBeNull();
  });
});
