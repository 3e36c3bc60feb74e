// The onboarding wizard through its routes, as a volunteer's browser would drive it (no JavaScript:
// plain form posts, multipart for photos), against a real database and the real photo pipeline.
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as homeLoader } from "#app/routes/onboarding+/_index.tsx";
import { action as newSeller } from "#app/routes/onboarding+/new.tsx";
import { loader as sellerStepLoader } from "#app/routes/onboarding+/$sellerId.seller.tsx";
import { action as consentAction } from "#app/routes/onboarding+/$sellerId.consent.tsx";
import { action as storyAction } from "#app/routes/onboarding+/$sellerId.story.tsx";
import { action as paymentAction } from "#app/routes/onboarding+/$sellerId.payment.tsx";
import { action as newProduct } from "#app/routes/onboarding+/$sellerId.products.new.tsx";
import { action as reviewAction, loader as reviewLoader } from "#app/routes/onboarding+/$sellerId.review.tsx";
import { getDb } from "#app/services/platform/db.server.ts";
import { pngHeaderOnly } from "#tests/fixtures/image-headers.ts";
import { ensurePlaces } from "#tests/fixtures/shops.ts";
import { createUser, signedInRequest } from "#tests/helpers.ts";

const context = { clientAddress: "127.0.0.1" };
type Reply = {
  data: { formError?: string | null; result?: { error?: Record<string, string[]> } };
  init: { status: number };
};

async function as(userId: string, url: string, body?: Record<string, string | Blob | string[]>) {
  let init: RequestInit = {};
  if (body) {
    const form = new FormData();
    for (const [key, value] of Object.entries(body)) {
      for (const v of Array.isArray(value) ? value : [value]) {
        if (v instanceof Blob) form.append(key, v, "photo.jpg");
        else form.append(key, v);
      }
    }
    init = { method: "POST", body: form };
  }
  return signedInRequest(userId, `http://localhost${url}`, init);
}
const call = <T>(
  fn: (args: { request: Request; params: Record<string, string>; context: typeof context }) => Promise<T>,
  request: Request,
  params: Record<string, string> = {},
) => fn({ request, params, context }).catch((thrown: unknown) => thrown as T);
const statusOf = (r: unknown) => (r instanceof Response ? r.status : (r as Reply).init.status);

let volunteer: { id: string };
let teammate: { id: string };
let otherTeam: { id: string };
let sellerUser: { id: string };

async function photo(width = 800, height = 600) {
  return new Blob(
    [
      await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 160, b: 40 } } })
        .jpeg()
        .withExif({ IFD0: { Make: "Phone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "12/1 14/1 0/1" } })
        .toBuffer(),
    ],
    { type: "image/jpeg" },
  );
}

async function storedFiles() {
  const dir = process.env.STORAGE_DIR!;
  const files = await fs.readdir(dir, { recursive: true }).catch(() => []);
  return (files as string[]).filter((f) => path.extname(f)).length;
}

beforeAll(async () => {
  const db = getDb();
  const { commune } = await ensurePlaces();
  const team = await db.volunteerTeam.create({ data: { name: "Tổ Cam Lâm", communeId: commune.id } });
  const team2 = await db.volunteerTeam.create({ data: { name: "Tổ khác", communeId: commune.id } });
  volunteer = await createUser(["volunteer"]);
  teammate = await createUser(["volunteer"]);
  otherTeam = await createUser(["volunteer"]);
  sellerUser = await createUser(["seller"]);
  await db.teamMember.createMany({
    data: [
      { teamId: team.id, userId: volunteer.id },
      { teamId: team.id, userId: teammate.id },
      { teamId: team2.id, userId: otherTeam.id },
    ],
  });
});

const step1 = {
  kind: "household",
  displayName: "Vườn xoài cô Hạnh",
  contactName: "Lê Thị Hạnh",
  phone: "0905 123 456",
  communeSlug: "cam-lam",
  addressLine: "Thôn Tân Xương 1",
};

describe("the volunteer onboarding wizard", () => {
  let sellerId = "";

  it("is for volunteers only", async () => {
    expect(statusOf(await call(homeLoader, await as(sellerUser.id, "/onboarding")))).toBe(403);
    const anonymous = await call(homeLoader, new Request("http://localhost/onboarding"));
    expect(statusOf(anonymous)).toBe(302);
  });

  it("creates a draft with a normalised phone, the volunteer's team, and an audit row", async () => {
    const response = (await call(newSeller, await as(volunteer.id, "/onboarding/new", step1))) as Response;
    expect(response.status).toBe(302);
    sellerId = response.headers.get("Location")!.split("/")[2]!;
    expect(response.headers.get("Location")).toBe(`/onboarding/${sellerId}/consent`);
    const seller = await getDb().seller.findUniqueOrThrow({
      where: { id: sellerId },
      include: { team: true },
    });
    expect(seller).toMatchObject({ phone: "+84905123456", status: "draft", onboardedById: volunteer.id });
    expect(seller.team?.name).toBe("Tổ Cam Lâm");
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entityId: sellerId } });
    expect(audit).toMatchObject({
      actorId: volunteer.id,
      onBehalfOfSellerId: sellerId,
      action: "onboarding.seller.create",
    });
  });

  it("refuses a bad phone or an unknown commune with the field to fix", async () => {
    const badPhone = (await call(
      newSeller,
      await as(volunteer.id, "/onboarding/new", { ...step1, phone: "12345" }),
    )) as unknown as Reply;
    expect(badPhone.init.status).toBe(400);
    expect(badPhone.data.result?.error?.phone).toEqual(["validation.phone"]);
    const badCommune = (await call(
      newSeller,
      await as(volunteer.id, "/onboarding/new", { ...step1, communeSlug: "khong-co" }),
    )) as unknown as Reply;
    expect(badCommune.init.status).toBe(400);
    expect(badCommune.data.formError).toBe("Chọn một xã, phường trong danh sách.");
  });

  it("lets the team share a shop, and keeps other teams and sellers out (403)", async () => {
    const params = { sellerId };
    expect(
      await call(sellerStepLoader, await as(teammate.id, `/onboarding/${sellerId}/seller`), params),
    ).toMatchObject({
      defaults: { displayName: "Vườn xoài cô Hạnh", phone: "0905 123 456" },
    });
    expect(
      statusOf(
        await call(sellerStepLoader, await as(otherTeam.id, `/onboarding/${sellerId}/seller`), params),
      ),
    ).toBe(403);
    expect(
      statusOf(
        await call(sellerStepLoader, await as(sellerUser.id, `/onboarding/${sellerId}/seller`), params),
      ),
    ).toBe(403);
    expect(
      statusOf(
        await call(sellerStepLoader, await as(volunteer.id, "/onboarding/nope/seller"), { sellerId: "nope" }),
      ),
    ).toBe(404);
  });

  it("records consent only with the agreement ticked, with who gave and who took it", async () => {
    const url = `/onboarding/${sellerId}/consent`;
    const unticked = (await call(
      consentAction,
      await as(volunteer.id, url, { method: "typed_name", givenByName: "Lê Thị Hạnh" }),
      { sellerId },
    )) as unknown as Reply;
    expect(unticked.init.status).toBe(400);
    expect(await getDb().sellerConsent.count({ where: { sellerId } })).toBe(0);
    const ok = (await call(
      consentAction,
      await as(volunteer.id, url, { method: "typed_name", givenByName: "Lê Thị Hạnh", agree: "on" }),
      { sellerId },
    )) as Response;
    expect(ok.headers.get("Location")).toBe(`/onboarding/${sellerId}/story`);
    expect(await getDb().sellerConsent.findUniqueOrThrow({ where: { sellerId } })).toMatchObject({
      method: "typed_name",
      givenByName: "Lê Thị Hạnh",
      takenById: volunteer.id,
    });
  });

  it("refuses a fake photo (a text file named .jpg) and a pixel bomb with a message, storing nothing", async () => {
    const url = `/onboarding/${sellerId}/story`;
    const story = {
      story: "Cô Hạnh trồng xoài trên đất đồi Cam Lâm từ năm 2003.",
      makes: "Xoài cát Hòa Lộc",
    };
    const before = await storedFiles();
    const fake = (await call(
      storyAction,
      await as(volunteer.id, url, { ...story, cover: new Blob(["không phải ảnh"], { type: "image/jpeg" }) }),
      { sellerId },
    )) as unknown as Reply;
    expect(fake.init.status).toBe(400);
    expect(fake.data.formError).toMatch(/định dạng|ảnh/i);
    const bomb = new Blob([pngHeaderOnly(30000, 30000)], { type: "image/png" });
    const bombReply = (await call(storyAction, await as(volunteer.id, url, { ...story, cover: bomb }), {
      sellerId,
    })) as unknown as Reply;
    expect(bombReply.init.status).toBe(400);
    expect(bombReply.data.formError).toMatch(/độ phân giải/);
    expect(await storedFiles()).toBe(before);
    expect((await getDb().seller.findUniqueOrThrow({ where: { id: sellerId } })).story).toBe("");
  });

  it("saves the story with a cover photo whose published variants carry no EXIF or GPS", async () => {
    const url = `/onboarding/${sellerId}/story`;
    const response = (await call(
      storyAction,
      await as(volunteer.id, url, {
        story: "Cô Hạnh trồng xoài trên đất đồi Cam Lâm từ năm 2003.",
        makes: "Xoài cát Hòa Lộc",
        cover: await photo(),
      }),
      { sellerId },
    )) as Response;
    expect(response.status).toBe(302);
    const { coverPhoto } = await getDb().seller.findUniqueOrThrow({ where: { id: sellerId } });
    const variants = (coverPhoto as { variants: { key: string }[] }).variants;
    expect(variants.length).toBeGreaterThan(0);
    const { getStorage } = await import("#app/services/platform/storage.server.ts");
    for (const v of variants) {
      const meta = await sharp((await getStorage().get(v.key)) as Uint8Array).metadata();
      expect(meta.exif).toBeUndefined();
    }
  });

  it("needs an account for bank transfer, and reads prices and quantities as people type them", async () => {
    const pay = (await call(
      paymentAction,
      await as(volunteer.id, `/onboarding/${sellerId}/payment`, { acceptsBankTransfer: "on" }),
      { sellerId },
    )) as unknown as Reply;
    expect(pay.init.status).toBe(400);
    expect(pay.data.result?.error?.bankBin).toEqual(["onboarding.payment.bank"]);
    const ok = (await call(
      paymentAction,
      await as(volunteer.id, `/onboarding/${sellerId}/payment`, {
        acceptsCod: "on",
        acceptsBankTransfer: "on",
        bankBin: "970436",
        bankAccountNumber: "0071 000 123 456",
        bankAccountName: "Lê Thị Hạnh",
      }),
      { sellerId },
    )) as Response;
    expect(ok.status).toBe(302);
    expect(await getDb().seller.findUniqueOrThrow({ where: { id: sellerId } })).toMatchObject({
      bankAccountNumber: "0071000123456",
      bankAccountName: "LE THI HANH",
      acceptsCod: true,
    });

    const url = `/onboarding/${sellerId}/products/new`;
    const product = {
      name: "Xoài cát Hòa Lộc loại 1",
      categorySlug: "trai-cay",
      unit: "kg",
      stepMilli: "0,5",
      priceVnd: "65.000",
      stockMilli: "12,5",
    };
    const offStep = (await call(newProduct, await as(volunteer.id, url, { ...product, stockMilli: "12,3" }), {
      sellerId,
    })) as unknown as Reply;
    expect(offStep.init.status).toBe(400);
    expect(offStep.data.result?.error?.stockMilli).toEqual(["onboarding.product.stockStep"]);
    const created = (await call(
      newProduct,
      await as(volunteer.id, url, {
        ...product,
        photos: [await photo(), await photo(640, 640)] as unknown as string[],
      }),
      { sellerId },
    )) as Response;
    expect(created.status).toBe(302);
    const saved = await getDb().product.findFirstOrThrow({ where: { sellerId }, include: { images: true } });
    expect(saved).toMatchObject({ priceVnd: 65000, stepMilli: 500, stockMilli: 12500, unit: "kg" });
    expect(saved.images).toHaveLength(2);
  });

  it("blocks submission while something is missing, then submits to the review queue and locks editing", async () => {
    const db = getDb();
    const reviewUrl = `/onboarding/${sellerId}/review`;
    await db.sellerConsent.delete({ where: { sellerId } });
    const blocked = await call(reviewLoader, await as(volunteer.id, reviewUrl), { sellerId });
    expect((blocked as { missing: { step: string }[] }).missing.map((m) => m.step)).toEqual(["consent"]);
    expect(statusOf(await call(reviewAction, await as(volunteer.id, reviewUrl, {}), { sellerId }))).toBe(400);

    await call(
      consentAction,
      await as(volunteer.id, `/onboarding/${sellerId}/consent`, {
        method: "typed_name",
        givenByName: "Lê Thị Hạnh",
        agree: "on",
      }),
      { sellerId },
    );
    const submitted = (await call(reviewAction, await as(volunteer.id, reviewUrl, {}), {
      sellerId,
    })) as Response;
    expect(submitted.status).toBe(302);
    expect(await db.seller.findUniqueOrThrow({ where: { id: sellerId } })).toMatchObject({
      status: "submitted",
    });
    const locked = (await call(
      paymentAction,
      await as(volunteer.id, `/onboarding/${sellerId}/payment`, { acceptsCod: "on" }),
      { sellerId },
    )) as unknown as Reply;
    expect(locked.init.status).toBe(409);
    const actions = (
      await db.auditLog.findMany({ where: { onBehalfOfSellerId: sellerId }, orderBy: { createdAt: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "onboarding.seller.create",
        "onboarding.consent",
        "onboarding.story",
        "onboarding.payment",
        "onboarding.product.create",
        "onboarding.submit",
      ]),
    );
  });
});
