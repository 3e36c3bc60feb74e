// Personal documents (signed consent forms, certificate photos) live in the private storage area:
// stored there by the wizard and the seller workspace, never served by /images, served by
// /private-files only to the shop's people and admins, and moved there from the public area at start.
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as certQueueLoader } from "#app/routes/admin+/certifications.tsx";
import { loader as reviewLoader } from "#app/routes/admin+/review.$sellerId.tsx";
import { loader as imageLoader } from "#app/routes/_resources+/images.$key.tsx";
import { loader as privateLoader } from "#app/routes/_resources+/private-files.$key.tsx";
import { action as consentAction } from "#app/routes/onboarding+/$sellerId.consent.tsx";
import { action as newListingAction } from "#app/routes/shop+/$sellerId.listings.new.tsx";
import { getDb } from "#app/services/platform/db.server.ts";
import { getEnv, parseEnv } from "#app/services/platform/env.server.ts";
import { encodeImage } from "#app/services/images/pipeline.server.ts";
import { movePrivateDocumentsOutOfPublic } from "#app/services/platform/private-files.server.ts";
import {
  contentKey,
  getPrivateStorage,
  getStorage,
  storageFor,
} from "#app/services/platform/storage.server.ts";
import { prepareDatabase } from "#server/prepare-database.ts";
import { createShop, ensurePlaces } from "#tests/fixtures/shops.ts";
import { createUser, signedInRequest } from "#tests/helpers.ts";

const context = { clientAddress: "127.0.0.1" };
type Fn = (args: {
  request: Request;
  params: Record<string, string>;
  context: typeof context;
}) => Promise<unknown>;
const call = (fn: Fn, request: Request, params: Record<string, string>) =>
  fn({ request, params, context }).catch((thrown: unknown) => thrown);
const statusOf = (r: unknown) =>
  r instanceof Response ? r.status : (r as { init?: { status: number } }).init?.status;

/** A phone photo of a paper form, with the GPS position a phone writes into it. */
async function paperPhoto(width = 3000, height = 4000) {
  const bytes = await sharp({
    create: { width, height, channels: 3, background: { r: 240, g: 236, b: 220 } },
  })
    .jpeg()
    .withExif({ IFD0: { Make: "Phone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "12/1 14/1 0/1" } })
    .toBuffer();
  return new Blob([new Uint8Array(bytes)], { type: "image/jpeg" });
}

function multipart(fields: Record<string, string | Blob>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value instanceof Blob) form.append(name, value, `${name}.jpg`);
    else form.append(name, value);
  }
  return { method: "POST", body: form };
}

const asUser = (userId: string | null, url: string, init: RequestInit = {}) =>
  userId
    ? signedInRequest(userId, `http://localhost${url}`, init)
    : Promise.resolve(new Request(`http://localhost${url}`, init));

async function fetchPrivate(userId: string | null, key: string) {
  return (await call(privateLoader as Fn, await asUser(userId, `/private-files/${key}`), {
    key,
  })) as Response;
}
async function fetchPublic(key: string) {
  return (await imageLoader({
    request: new Request(`http://localhost/images/${key}`),
    params: { key },
    context,
  })) as Response;
}

let volunteer: { id: string };
let teammate: { id: string };
let otherVolunteer: { id: string };
let owner: { id: string };
let stranger: { id: string };
let admin: { id: string };
let draftId = "";

beforeAll(async () => {
  const db = getDb();
  const { commune } = await ensurePlaces();
  volunteer = await createUser(["volunteer"]);
  teammate = await createUser(["volunteer"]);
  otherVolunteer = await createUser(["volunteer"]);
  owner = await createUser(["seller"]);
  stranger = await createUser(["seller"]);
  admin = await createUser(["admin"]);
  const team = await db.volunteerTeam.create({ data: { name: "Tổ Suối Dầu", communeId: commune.id } });
  await db.teamMember.createMany({
    data: [
      { teamId: team.id, userId: volunteer.id },
      { teamId: team.id, userId: teammate.id },
    ],
  });
  const draft = await db.seller.create({
    data: {
      slug: `giay-to-${Date.now()}`,
      kind: "household",
      displayName: "Vườn bưởi chú Tư",
      contactName: "Trần Văn Tư",
      phone: "+84905000333",
      communeId: commune.id,
      status: "draft",
      onboardedById: volunteer.id,
      teamId: team.id,
    },
  });
  draftId = draft.id;
});

describe("a signed consent form", () => {
  let key = "";

  it("is stored in the private area only, as one readable WebP without EXIF", async () => {
    const url = `/onboarding/${draftId}/consent`;
    const response = (await call(
      consentAction as Fn,
      await asUser(
        volunteer.id,
        url,
        multipart({
          method: "paper_photo",
          givenByName: "Trần Văn Tư",
          agree: "on",
          photo: await paperPhoto(),
        }),
      ),
      { sellerId: draftId },
    )) as Response;
    expect(response.status).toBe(302);
    key = (await getDb().sellerConsent.findUniqueOrThrow({ where: { sellerId: draftId } })).photoKey!;
    expect(key).toMatch(/^[0-9a-f]{64}\.webp$/);

    const stored = await getPrivateStorage().get(key);
    expect(stored).not.toBeNull();
    expect(await getStorage().stat(key)).toBeNull();
    const meta = await sharp(stored!).metadata();
    expect(meta.format).toBe("webp");
    expect([meta.width, meta.height]).toEqual([1500, 2000]);
    expect(meta.exif).toBeUndefined();
    // Exactly one file, in the private area; nothing in the public one.
    const publicFiles = [];
    for await (const f of getStorage().list()) publicFiles.push(f.key);
    const privateFiles = [];
    for await (const f of getPrivateStorage().list()) privateFiles.push(f.key);
    expect(publicFiles).toEqual([]);
    expect(privateFiles).toEqual([key]);
  });

  it("is not served by /images (public, cached forever)", async () => {
    expect((await fetchPublic(key)).status).toBe(404);
  });

  it("is served by /private-files to the shop's volunteers and admins, never cached", async () => {
    for (const userId of [volunteer.id, teammate.id, admin.id]) {
      const response = await fetchPrivate(userId, key);
      expect(response.status).toBe(200);
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      expect(response.headers.get("Content-Type")).toBe("image/webp");
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(
        new Uint8Array((await getPrivateStorage().get(key))!),
      );
    }
  });

  it("is refused to everyone else: sign in first, then 403; unknown or malformed keys are 404", async () => {
    const anonymous = await fetchPrivate(null, key);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=%2Fprivate-files%2F/);
    for (const userId of [otherVolunteer.id, stranger.id]) {
      const response = await fetchPrivate(userId, key);
      expect(response.status).toBe(403);
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    }
    const unknown = `${"a".repeat(64)}.webp`;
    expect((await fetchPrivate(admin.id, unknown)).status).toBe(404);
    expect((await fetchPrivate(admin.id, "../../../etc/passwd")).status).toBe(404);
  });

  it("is shown to the admin reviewing the shop through /private-files", async () => {
    const page = (await reviewLoader({
      request: await asUser(admin.id, `/admin/review/${draftId}`),
      params: { sellerId: draftId },
      context,
    })) as { shop: { consent: { photoUrl: string } } };
    expect(page.shop.consent.photoUrl).toBe(`/private-files/${key}`);
  });

  it("is refused to the volunteers once the seller has taken the shop over and revoked them", async () => {
    await getDb().seller.update({
      where: { id: draftId },
      data: { ownerId: owner.id, delegationRevokedAt: new Date() },
    });
    try {
      expect((await fetchPrivate(owner.id, key)).status).toBe(200);
      expect((await fetchPrivate(volunteer.id, key)).status).toBe(403);
      expect((await fetchPrivate(teammate.id, key)).status).toBe(403);
    } finally {
      await getDb().seller.update({
        where: { id: draftId },
        data: { ownerId: null, delegationRevokedAt: null },
      });
    }
  });
});

describe("a certificate photo from the seller workspace", () => {
  it("is private, shown in the admin's queue by /private-files, and readable by the shop's owner", async () => {
    const shop = await createShop({ ownerId: owner.id, onboardedById: volunteer.id });
    const product = new Blob(
      [
        new Uint8Array(
          await sharp({ create: { width: 900, height: 700, channels: 3, background: "#3a7" } })
            .jpeg()
            .toBuffer(),
        ),
      ],
      { type: "image/jpeg" },
    );
    const url = `/shop/${shop.id}/listings/new`;
    const response = (await call(
      newListingAction as Fn,
      await asUser(
        owner.id,
        url,
        multipart({
          name: "Bưởi da xanh",
          categorySlug: "trai-cay",
          unit: "kg",
          stepMilli: "1",
          priceVnd: "50.000",
          stockMilli: "20",
          certKind: "vietgap",
          certNumber: "VietGAP-TT-01-0001",
          photos: product,
          certPhoto: await paperPhoto(2400, 1700),
        }),
      ),
      { sellerId: shop.id },
    )) as Response;
    expect(response.status).toBe(302);
    const cert = await getDb().certification.findFirstOrThrow({
      where: { product: { sellerId: shop.id } },
      include: { product: { include: { images: true } } },
    });
    const key = cert.photoKey!;
    expect(await getPrivateStorage().stat(key)).not.toBeNull();
    expect(await getStorage().stat(key)).toBeNull();
    expect((await fetchPublic(key)).status).toBe(404);
    // The product photo itself is public, as before.
    expect((await fetchPublic(cert.product.images[0]!.storageKey)).status).toBe(200);

    const queue = (await certQueueLoader({
      request: await asUser(admin.id, "/admin/certifications"),
      params: {},
      context,
    })) as { certifications: { id: string; photoUrl: string | null }[] };
    expect(queue.certifications.find((c) => c.id === cert.id)?.photoUrl).toBe(`/private-files/${key}`);
    expect((await fetchPrivate(admin.id, key)).status).toBe(200);
    expect((await fetchPrivate(owner.id, key)).status).toBe(200);
    expect((await fetchPrivate(volunteer.id, key)).status).toBe(200);
    expect((await fetchPrivate(stranger.id, key)).status).toBe(403);
  });

  it("keeps the content checks: a text file sent as a certificate is refused, storing nothing", async () => {
    const seller = await createUser(["seller"]);
    const shop = await createShop({ ownerId: seller.id });
    const reply = await call(
      newListingAction as Fn,
      await asUser(
        seller.id,
        `/shop/${shop.id}/listings/new`,
        multipart({
          name: "Tỏi",
          categorySlug: "trai-cay",
          unit: "kg",
          stepMilli: "1",
          priceVnd: "50.000",
          stockMilli: "20",
          certKind: "organic",
          photos: new Blob([
            new Uint8Array(
              await sharp({ create: { width: 300, height: 300, channels: 3, background: "#aa3" } })
                .png()
                .toBuffer(),
            ),
          ]),
          certPhoto: new Blob(["đây không phải ảnh"], { type: "image/jpeg" }),
        }),
      ),
      { sellerId: shop.id },
    );
    expect(statusOf(reply)).toBe(400);
    expect(await getDb().product.count({ where: { sellerId: shop.id } })).toBe(0);
  });
});

describe("configuration", () => {
  it("keeps the private area apart from the public one", () => {
    const base = { SESSION_SECRET: "s".repeat(40), STORAGE_DIR: "./data/uploads" };
    expect(parseEnv(base).privateStorageDir).toBe("data/uploads/private");
    expect(parseEnv({ ...base, PRIVATE_STORAGE_DIR: "/srv/giay-to" }).privateStorageDir).toBe("/srv/giay-to");
    expect(() => parseEnv({ ...base, PRIVATE_STORAGE_DIR: "data/uploads/" })).toThrow(
      "Invalid configuration: PRIVATE_STORAGE_DIR must not be STORAGE_DIR",
    );
  });
});

describe("documents stored before the private area existed", () => {
  it("are moved out of the public area at start, unless a product photo uses the same bytes; twice is harmless", async () => {
    const db = getDb();
    const areas = storageFor(getEnv());
    const photo = await sharp({ create: { width: 700, height: 500, channels: 3, background: "#c84" } })
      .jpeg()
      .toBuffer();
    // What the old code stored: every public variant, with the 640 px WebP as the consent's key.
    const { image, files } = await encodeImage(new Uint8Array(photo), undefined, ["webp"]);
    for (const f of files) await areas.public.put(f.key, f.bytes);
    const oldConsentKey = image.variants.find((v) => v.width === 640)!.key;
    // A certificate photo that is also a product photo of the same shop: its public copy stays.
    const shared = new Uint8Array(
      await sharp({ create: { width: 64, height: 64, channels: 3, background: "#48c" } })
        .webp()
        .toBuffer(),
    );
    const sharedKey = contentKey(shared, "webp");
    await areas.public.put(sharedKey, shared);

    const seller = await createUser(["seller"]);
    const shop = await createShop({ ownerId: seller.id, onboardedById: volunteer.id });
    await db.sellerConsent.create({
      data: {
        sellerId: shop.id,
        method: "paper_photo",
        givenByName: "Nguyễn Văn Thử",
        photoKey: oldConsentKey,
        takenById: volunteer.id,
        termsVersion: "2026-11",
      },
    });
    const { category } = await ensurePlaces();
    await db.product.create({
      data: {
        slug: `chung-nhan-${Date.now()}`,
        sellerId: shop.id,
        categoryId: category.id,
        name: "Xoài",
        unit: "kg",
        priceVnd: 60_000,
        images: { create: { storageKey: sharedKey, width: 64, height: 64 } },
        certifications: { create: { kind: "vietgap", photoKey: sharedKey } },
      },
    });
    expect((await fetchPublic(oldConsentKey)).status).toBe(200);

    // Through the start-up step itself.
    await prepareDatabase(getEnv());

    expect((await fetchPublic(oldConsentKey)).status).toBe(404);
    const moved = await areas.private.get(oldConsentKey);
    expect(Buffer.from(moved!).equals(Buffer.from(files.find((f) => f.key === oldConsentKey)!.bytes))).toBe(
      true,
    );
    expect((await fetchPrivate(seller.id, oldConsentKey)).status).toBe(200);
    expect((await fetchPublic(sharedKey)).status).toBe(200);
    expect(await areas.private.stat(sharedKey)).not.toBeNull();

    expect(await movePrivateDocumentsOutOfPublic(db, areas)).toBe(0);
    expect(await areas.private.stat(oldConsentKey)).not.toBeNull();
  });
});
