// The seller workspace's frame: who gets in (owner, delegated volunteer, nobody else), what a
// suspended shop may do, today at a glance, and the helpers/history page with revocation.
import { describe, expect, it } from "vitest";
import { loader as chooserLoader } from "#app/routes/shop+/_index.tsx";
import { loader as layoutLoader } from "#app/routes/shop+/$sellerId.tsx";
import { loader as todayLoader } from "#app/routes/shop+/$sellerId._index.tsx";
import { action as teamAction, loader as teamLoader } from "#app/routes/shop+/$sellerId.team.tsx";
import { getDb } from "#app/services/platform/db.server.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import { createProduct, createShop } from "#tests/fixtures/shops.ts";
import { createUser, signedInRequest } from "#tests/helpers.ts";

const context = { clientAddress: "127.0.0.1" };
const get = async (userId: string, path: string, params: Record<string, string>) => ({
  request: await signedInRequest(userId, `http://localhost${path}`),
  params,
  context,
});
const post = async (
  userId: string,
  path: string,
  params: Record<string, string>,
  fields: Record<string, string>,
) => ({
  request: await signedInRequest(userId, `http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  }),
  params,
  context,
});
const statusOf = async (run: () => Promise<unknown>) => {
  try {
    await run();
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
};

async function shopWithPeople() {
  const owner = await createUser(["seller"]);
  const volunteer = await createUser(["volunteer"]);
  const stranger = await createUser(["seller"]);
  const shop = await createShop({ ownerId: owner.id, onboardedById: volunteer.id });
  return { owner, volunteer, stranger, shop };
}

describe("who gets into /shop", () => {
  it("lets the owner and the onboarding volunteer in, and nobody else", async () => {
    const { owner, volunteer, stranger, shop } = await shopWithPeople();
    const path = `/shop/${shop.id}`;
    expect(await statusOf(async () => layoutLoader(await get(owner.id, path, { sellerId: shop.id })))).toBe(
      200,
    );
    const asVolunteer = await layoutLoader(await get(volunteer.id, path, { sellerId: shop.id }));
    expect(asVolunteer.role).toBe("delegate");
    expect(
      await statusOf(async () => layoutLoader(await get(stranger.id, path, { sellerId: shop.id }))),
    ).toBe(403);
    expect(
      await statusOf(async () => layoutLoader(await get(owner.id, "/shop/nope", { sellerId: "nope" }))),
    ).toBe(404);
  });

  it("sends the owner straight to their shop from /shop", async () => {
    const { owner, shop } = await shopWithPeople();
    const thrown = await chooserLoader(await get(owner.id, "/shop", {})).catch((r: Response) => r);
    expect((thrown as Response).headers.get("Location")).toBe(`/shop/${shop.id}`);
  });

  it("lets a suspended shop be read, but refuses every change", async () => {
    const { owner, shop } = await shopWithPeople();
    await getDb().seller.update({
      where: { id: shop.id },
      data: { status: "suspended", reviewNote: "Ảnh sai sản phẩm" },
    });
    const request = await signedInRequest(owner.id, `http://localhost/shop/${shop.id}`);
    const read = await requireShop(request, shop.id);
    expect(read.seller).toMatchObject({ suspended: true, reviewNote: "Ảnh sai sản phẩm" });
    expect(await statusOf(() => requireShop(request, shop.id, { write: true }))).toBe(403);
  });
});

describe("today at a glance", () => {
  it("lists orders to confirm and to ship, low stock and certificates needing attention", async () => {
    const { owner, shop } = await shopWithPeople();
    const low = await createProduct(shop.id, { name: "Xoài sắp hết", stockMilli: 1_000, stepMilli: 500 });
    await createProduct(shop.id, { name: "Xoài còn nhiều", stockMilli: 50_000, stepMilli: 500 });
    await getDb().certification.create({
      data: {
        productId: low.id,
        kind: "vietgap",
        number: "VG-1",
        expiresAt: new Date(Date.now() + 10 * 86_400_000),
        verifiedAt: new Date(),
      },
    });
    const { commune } = await import("#tests/fixtures/shops.ts").then((m) => m.ensurePlaces());
    const group = await getDb().orderGroup.create({
      data: {
        code: "CPTESTAAAA",
        buyerName: "Lan",
        buyerPhone: "+84912345678",
        communeId: commune.id,
        addressLine: "Thôn 1",
        totalVnd: 65_000,
      },
    });
    await getDb().order.create({
      data: {
        code: "CPTESTAAAA-1",
        groupId: group.id,
        sellerId: shop.id,
        paymentMethod: "cod",
        subtotalVnd: 65_000,
      },
    });

    const { today } = await todayLoader(await get(owner.id, `/shop/${shop.id}`, { sellerId: shop.id }));
    expect(today.toConfirm.map((o) => o.code)).toEqual(["CPTESTAAAA-1"]);
    expect(today.toShip).toEqual([]);
    expect(today.lowStock.map((p) => p.name)).toEqual(["Xoài sắp hết"]);
    expect(today.attention).toEqual([
      expect.objectContaining({ productName: "Xoài sắp hết", kind: "vietgap", state: "expiring" }),
    ]);
  });
});

describe("helpers and history", () => {
  it("shows the helpers; the owner revokes them, the volunteer is then refused and the history says so", async () => {
    const { owner, volunteer, shop } = await shopWithPeople();
    const path = `/shop/${shop.id}/team`;
    const before = await teamLoader(await get(volunteer.id, path, { sellerId: shop.id }));
    expect(before.team.volunteers.map((v) => v.id)).toEqual([volunteer.id]);
    expect(before.isOwner).toBe(false);

    // A helper may not revoke; nothing changes.
    expect(
      await statusOf(async () =>
        teamAction(await post(volunteer.id, path, { sellerId: shop.id }, { intent: "revoke" })),
      ),
    ).toBe(403);
    expect(
      (await getDb().seller.findUniqueOrThrow({ where: { id: shop.id } })).delegationRevokedAt,
    ).toBeNull();

    const done = (await teamAction(
      await post(owner.id, path, { sellerId: shop.id }, { intent: "revoke" }),
    )) as Response;
    expect(done.status).toBe(302);
    expect(
      await statusOf(async () =>
        layoutLoader(await get(volunteer.id, `/shop/${shop.id}`, { sellerId: shop.id })),
      ),
    ).toBe(403);

    const after = await teamLoader(await get(owner.id, path, { sellerId: shop.id }));
    expect(after.team.volunteers).toEqual([]);
    expect(after.team.revokedAt).not.toBeNull();
    expect(after.history.entries[0]).toMatchObject({
      action: "handover.revokeDelegation",
      actorName: owner.name,
    });
  });

  it("refuses a bad intent with 400 and changes nothing", async () => {
    const { owner, shop } = await shopWithPeople();
    const path = `/shop/${shop.id}/team`;
    expect(
      await statusOf(async () =>
        teamAction(await post(owner.id, path, { sellerId: shop.id }, { intent: "explode" })),
      ),
    ).toBe(400);
    expect(
      (await getDb().seller.findUniqueOrThrow({ where: { id: shop.id } })).delegationRevokedAt,
    ).toBeNull();
  });
});
