// The admins' review queue and decisions, through the routes' loaders and actions with real Requests.
import { beforeAll, describe, expect, it } from "vitest";
import type { RoleName } from "#app/domain/permissions.ts";
import { action as decide, loader as shopLoader } from "#app/routes/admin+/review.$sellerId.tsx";
import { loader as queueLoader } from "#app/routes/admin+/review._index.tsx";
import { getDb } from "#app/services/platform/db.server.ts";
import { reviewEn, reviewVi } from "#app/i18n/review.messages.ts";
import { createUser, signedInRequest, thrown } from "#tests/helpers.ts";

const context = { clientAddress: "127.0.0.1" };
type Reply = {
  data: { result: { error?: Record<string, string[] | null> }; formError?: string | null };
  init: { status: number };
};

let communeId: string;
let categoryId: string;
let volunteer: Awaited<ReturnType<typeof createUser>>;
let admin: Awaited<ReturnType<typeof createUser>>;
let counter = 0;

beforeAll(async () => {
  const db = getDb();
  const commune = await db.commune.create({
    data: {
      slug: `cam-lam-review-${Date.now()}`,
      name: "Cam Lâm",
      fullName: "Xã Cam Lâm",
      type: "xa",
      formerDistrict: "Cam Lâm",
      formerDistricts: ["Cam Lâm"],
      mergedFrom: [],
    },
  });
  const category = await db.category.create({
    data: { slug: `trai-cay-review-${Date.now()}`, name: "Trái cây", nameEn: "Fruit" },
  });
  communeId = commune.id;
  categoryId = category.id;
  volunteer = await createUser(["volunteer"]);
  admin = await createUser(["admin"]);
});

const variant = (width: number, format: "avif" | "webp" | "jpg", key: string) => ({
  width,
  height: Math.round((width * 3) / 4),
  format,
  key,
  bytes: 1000,
});

/** A shop as the onboarding wizard leaves it: consent, cover, bank details, one product with a photo. */
async function makeShop({
  status = "submitted",
  onboardedById = volunteer.id,
  consent = true,
  submittedAt = new Date(),
}: {
  status?: "draft" | "submitted" | "approved";
  onboardedById?: string;
  consent?: boolean;
  submittedAt?: Date;
} = {}) {
  const db = getDb();
  const n = ++counter;
  const seller = await db.seller.create({
    data: {
      slug: `vuon-xoai-review-${n}-${Date.now()}`,
      kind: "household",
      displayName: `Vườn xoài cô Ba ${n}`,
      contactName: "Nguyễn Thị Ba",
      phone: "+84905123456",
      email: "coba@example.vn",
      communeId,
      addressLine: "Thôn Tân Hòa",
      story: "Ba thế hệ trồng xoài cát Hòa Lộc trên đất Cam Lâm, không dùng thuốc kích thích.",
      makes: "Xoài cát Hòa Lộc, xoài Úc",
      coverPhoto: {
        key: `cover-${n}.webp`,
        width: 1600,
        height: 1200,
        blurDataUrl: "data:image/webp;base64,AAAA",
        variants: [variant(640, "webp", `cover-${n}-640.webp`), variant(640, "jpg", `cover-${n}-640.jpg`)],
      },
      acceptsCod: true,
      acceptsBankTransfer: true,
      bankBin: "970436",
      bankAccountNumber: "0071000123456",
      bankAccountName: "NGUYEN THI BA",
      status,
      submittedAt: status === "draft" ? null : submittedAt,
      onboardedById,
    },
  });
  if (consent) {
    await db.sellerConsent.create({
      data: {
        sellerId: seller.id,
        method: "paper_photo",
        givenByName: "Nguyễn Thị Ba",
        photoKey: `consent-${n}.jpg`,
        takenById: onboardedById,
        termsVersion: "2026-11",
      },
    });
  }
  const product = await db.product.create({
    data: {
      slug: `xoai-cat-review-${n}-${Date.now()}`,
      sellerId: seller.id,
      categoryId,
      name: "Xoài cát Hòa Lộc",
      description: "Xoài chín cây, hái theo đơn.",
      unit: "kg",
      priceVnd: 65000,
      stockMilli: 50000,
      stepMilli: 500,
      status: "active",
      images: {
        create: {
          storageKey: `xoai-${n}.webp`,
          alt: "Xoài cát chín vàng",
          width: 1600,
          height: 1200,
          variants: [variant(320, "webp", `xoai-${n}-320.webp`), variant(640, "jpg", `xoai-${n}-640.jpg`)],
          blurDataUrl: "data:image/webp;base64,BBBB",
        },
      },
      certifications: {
        create: {
          kind: "vietgap",
          number: "VG-KH-0042",
          expiresAt: new Date("2027-06-30T00:00:00+07:00"),
          photoKey: `vietgap-${n}.jpg`,
        },
      },
    },
  });
  return { seller, product };
}

const shopUrl = (sellerId: string) => `http://localhost/admin/review/${sellerId}`;

async function postDecision(
  userId: string,
  sellerId: string,
  fields: Record<string, string>,
  cookie?: string,
) {
  const headers = new Headers((await signedInRequest(userId, shopUrl(sellerId))).headers);
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  if (cookie) headers.set("Cookie", `${headers.get("Cookie")}; ${cookie}`);
  const request = new Request(shopUrl(sellerId), {
    method: "POST",
    headers,
    body: new URLSearchParams(fields).toString(),
  });
  return decide({ request, params: { sellerId }, context });
}

async function snapshotOf(sellerId: string) {
  const db = getDb();
  const seller = await db.seller.findUniqueOrThrow({
    where: { id: sellerId },
    select: { status: true, reviewNote: true, approvedAt: true, reviewedById: true },
  });
  const audits = await db.auditLog.count({ where: { onBehalfOfSellerId: sellerId } });
  return { ...seller, audits };
}

async function indexingMessagesFor(productId: string) {
  const messages = await getDb().outboxMessage.findMany({ where: { topic: "search.index" } });
  return messages.filter((m) => (m.payload as { productIds?: string[] }).productIds?.includes(productId));
}

describe("GET /admin/review", () => {
  it("lists submitted shops, oldest first, with commune, volunteer, product count; not drafts", async () => {
    const older = await makeShop({ submittedAt: new Date("2026-01-02T08:00:00Z") });
    const newer = await makeShop({ submittedAt: new Date("2026-01-05T08:00:00Z") });
    const draft = await makeShop({ status: "draft" });
    const approved = await makeShop({ status: "approved" });

    const request = await signedInRequest(admin.id, "http://localhost/admin/review");
    const data = await queueLoader({ request, params: {}, context });
    const ids = data.shops.map((s) => s.id);
    expect(ids).toContain(older.seller.id);
    expect(ids).toContain(newer.seller.id);
    expect(ids).not.toContain(draft.seller.id);
    expect(ids).not.toContain(approved.seller.id);
    expect(ids.indexOf(older.seller.id)).toBeLessThan(ids.indexOf(newer.seller.id));
    expect(data.shops.find((s) => s.id === older.seller.id)).toEqual({
      id: older.seller.id,
      displayName: older.seller.displayName,
      kind: "household",
      communeName: "Cam Lâm",
      volunteerName: volunteer.name,
      productCount: 1,
      submittedAt: new Date("2026-01-02T08:00:00Z"),
    });
    expect(data.title).toBe(reviewVi["review.queue.title"]);
  });

  it("sends an anonymous visitor to sign in", async () => {
    const response = await thrown(() =>
      queueLoader({ request: new Request("http://localhost/admin/review"), params: {}, context }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("who may review", () => {
  it.each([["buyer"], ["volunteer"], ["seller"]] as [RoleName][])(
    "refuses a %s with 403 on the queue, the shop and the decision",
    async (role) => {
      const user = await createUser([role]);
      const { seller } = await makeShop();
      const queue = await thrown(async () =>
        queueLoader({
          request: await signedInRequest(user.id, "http://localhost/admin/review"),
          params: {},
          context,
        }),
      );
      expect(queue.status).toBe(403);
      const shop = await thrown(async () =>
        shopLoader({
          request: await signedInRequest(user.id, shopUrl(seller.id)),
          params: { sellerId: seller.id },
          context,
        }),
      );
      expect(shop.status).toBe(403);
      const before = await snapshotOf(seller.id);
      const decision = await thrown(() => postDecision(user.id, seller.id, { intent: "approve" }));
      expect(decision.status).toBe(403);
      expect(await snapshotOf(seller.id)).toEqual(before);
    },
  );
});

describe("GET /admin/review/:sellerId", () => {
  it("shows the shop in full: photos from /images, the consent form and certificates from /private-files", async () => {
    const { seller, product } = await makeShop();
    const request = await signedInRequest(admin.id, shopUrl(seller.id));
    const { shop, ownWork } = await shopLoader({ request, params: { sellerId: seller.id }, context });
    expect(ownWork).toBe(false);
    expect(shop).toMatchObject({
      id: seller.id,
      displayName: seller.displayName,
      contactName: "Nguyễn Thị Ba",
      phone: "+84905123456",
      status: "submitted",
      commune: { name: "Cam Lâm", fullName: "Xã Cam Lâm", formerDistrict: "Cam Lâm" },
      onboardedBy: { id: volunteer.id, name: volunteer.name },
      makes: "Xoài cát Hòa Lộc, xoài Úc",
      payment: {
        acceptsCod: true,
        acceptsBankTransfer: true,
        bankBin: "970436",
        bankAccountNumber: "0071000123456",
        bankAccountName: "NGUYEN THI BA",
      },
      consent: {
        method: "paper_photo",
        givenByName: "Nguyễn Thị Ba",
        takenByName: volunteer.name,
        termsVersion: "2026-11",
        photoUrl: expect.stringMatching(/^\/private-files\/consent-\d+\.jpg$/),
      },
      coverPhoto: {
        storageKey: expect.stringMatching(/^cover-/),
        width: 1600,
        height: 1200,
        alt: seller.displayName,
      },
    });
    expect(shop.consent?.givenAt).toBeInstanceOf(Date);
    expect(shop.coverPhoto?.variants).toHaveLength(2);
    expect(shop.products).toHaveLength(1);
    expect(shop.products[0]).toMatchObject({
      id: product.id,
      name: "Xoài cát Hòa Lộc",
      unit: "kg",
      priceVnd: 65000,
      stockMilli: 50000,
      stepMilli: 500,
      category: { name: "Trái cây", nameEn: "Fruit" },
      photos: [
        {
          storageKey: expect.stringMatching(/^xoai-/),
          alt: "Xoài cát chín vàng",
          blurDataUrl: "data:image/webp;base64,BBBB",
          variants: [
            expect.objectContaining({ format: "webp", width: 320 }),
            expect.objectContaining({ format: "jpg" }),
          ],
        },
      ],
      certifications: [
        {
          kind: "vietgap",
          number: "VG-KH-0042",
          photoUrl: expect.stringMatching(/^\/private-files\/vietgap-\d+\.jpg$/),
        },
      ],
    });
  });

  it("is a 404 for an unknown seller", async () => {
    const request = await signedInRequest(admin.id, shopUrl("khong-co"));
    const response = await thrown(() => shopLoader({ request, params: { sellerId: "khong-co" }, context }));
    expect(response.status).toBe(404);
  });
});

describe("POST /admin/review/:sellerId", () => {
  it("approves: status, approvedAt, an audit row and indexing of the products", async () => {
    const { seller, product } = await makeShop();
    const response = (await postDecision(admin.id, seller.id, { intent: "approve", note: "" })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin/review");

    const db = getDb();
    const after = await db.seller.findUniqueOrThrow({ where: { id: seller.id } });
    expect(after.status).toBe("approved");
    expect(after.approvedAt).toBeInstanceOf(Date);
    expect(after.reviewedById).toBe(admin.id);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "review.approve", entityId: seller.id },
    });
    expect(audit).toMatchObject({ actorId: admin.id, onBehalfOfSellerId: seller.id, entityType: "Seller" });
    expect(await indexingMessagesFor(product.id)).toHaveLength(1);
  });

  it("refuses to request changes without a note: 400, the error under the note, nothing changed", async () => {
    const { seller, product } = await makeShop();
    const before = await snapshotOf(seller.id);
    const reply = (await postDecision(admin.id, seller.id, {
      intent: "request_changes",
      note: "",
    })) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(reply.data.result.error?.note).toEqual(["review.note.changesRequired"]);
    expect(await snapshotOf(seller.id)).toEqual(before);
    expect(await indexingMessagesFor(product.id)).toHaveLength(0);
  });

  it("refuses a note that is too short or too long", async () => {
    const { seller } = await makeShop();
    const short = (await postDecision(admin.id, seller.id, {
      intent: "reject",
      note: " ab ",
    })) as unknown as Reply;
    expect(short.init.status).toBe(400);
    expect(short.data.result.error?.note).toEqual(["review.note.tooShort"]);
    const long = (await postDecision(admin.id, seller.id, {
      intent: "reject",
      note: "x".repeat(1001),
    })) as unknown as Reply;
    expect(long.init.status).toBe(400);
    expect(long.data.result.error?.note).toEqual(["review.note.tooLong"]);
    expect((await snapshotOf(seller.id)).status).toBe("submitted");
  });

  it("refuses an unknown intent with 400", async () => {
    const { seller } = await makeShop();
    const reply = (await postDecision(admin.id, seller.id, { intent: "publish" })) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(reply.data.result.error?.intent).toEqual(["review.intent.invalid"]);
    expect((await snapshotOf(seller.id)).status).toBe("submitted");
  });

  it("requests changes with a note the volunteer will see", async () => {
    const { seller } = await makeShop();
    const note = "Ảnh bìa bị mờ, nhờ chụp lại giúp.";
    const response = (await postDecision(admin.id, seller.id, {
      intent: "request_changes",
      note,
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin/review");
    const after = await snapshotOf(seller.id);
    expect(after).toMatchObject({
      status: "changes_requested",
      reviewNote: note,
      approvedAt: null,
      audits: 1,
    });
  });

  it("rejects with a reason", async () => {
    const { seller } = await makeShop();
    const response = (await postDecision(admin.id, seller.id, {
      intent: "reject",
      note: "  Sản phẩm không thuộc danh mục được bán.  ",
    })) as Response;
    expect(response.status).toBe(302);
    expect(await snapshotOf(seller.id)).toMatchObject({
      status: "rejected",
      reviewNote: "Sản phẩm không thuộc danh mục được bán.",
      approvedAt: null,
    });
  });

  it("does not let an admin decide a shop they onboarded: 403 with a message, status unchanged", async () => {
    const adminVolunteer = await createUser(["admin", "volunteer"]);
    const { seller } = await makeShop({ onboardedById: adminVolunteer.id });
    const before = await snapshotOf(seller.id);

    const page = await shopLoader({
      request: await signedInRequest(adminVolunteer.id, shopUrl(seller.id)),
      params: { sellerId: seller.id },
      context,
    });
    expect(page.ownWork).toBe(true);

    const reply = (await postDecision(adminVolunteer.id, seller.id, {
      intent: "approve",
    })) as unknown as Reply;
    expect(reply.init.status).toBe(403);
    expect([reply.data.formError]).toEqual([reviewVi["review.ownWork"]]);
    expect(await snapshotOf(seller.id)).toEqual(before);

    const english = (await postDecision(
      adminVolunteer.id,
      seller.id,
      { intent: "reject", note: "Không đạt yêu cầu." },
      "lang=en",
    )) as unknown as Reply;
    expect(english.init.status).toBe(403);
    expect([english.data.formError]).toEqual([reviewEn["review.ownWork"]]);
    expect(await snapshotOf(seller.id)).toEqual(before);
  });

  it.each([["draft"], ["approved"]] as const)(
    "answers 409 for a %s shop and changes nothing",
    async (status) => {
      const { seller, product } = await makeShop({ status });
      const before = await snapshotOf(seller.id);
      const reply = (await postDecision(admin.id, seller.id, {
        intent: "request_changes",
        note: "Nhờ bổ sung ảnh.",
      })) as unknown as Reply;
      expect(reply.init.status).toBe(409);
      expect([reply.data.formError]).toEqual([reviewVi["review.notSubmitted"]]);
      expect(await snapshotOf(seller.id)).toEqual(before);
      expect(await indexingMessagesFor(product.id)).toHaveLength(0);
    },
  );

  it("answers 409 with a message, not a 500, when approving a shop without consent", async () => {
    const { seller } = await makeShop({ consent: false });
    const before = await snapshotOf(seller.id);
    const reply = (await postDecision(admin.id, seller.id, { intent: "approve" })) as unknown as Reply;
    expect(reply.init.status).toBe(409);
    expect(reply.data.formError).toEqual(expect.any(String));
    expect(reply.data.formError).not.toBe("onboarding.missing.consent");
    expect(await snapshotOf(seller.id)).toEqual(before);
  });

  it("is a 404 for an unknown seller", async () => {
    const response = await thrown(() => postDecision(admin.id, "khong-co", { intent: "approve" }));
    expect(response.status).toBe(404);
  });
});
