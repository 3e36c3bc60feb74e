import { describe, expect, it } from "vitest";
import { login } from "#app/services/identity/auth.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { getHomePage } from "#app/services/catalog/catalog.server.ts";
import { DEMO_PASSWORD, demoAccounts, seedDatabase } from "#prisma/seed/seed.ts";
import { sellers } from "#prisma/seed/data/sellers.ts";
import { MemoryStorage } from "#tests/helpers.ts";

describe("demo seed", () => {
  it("loads communes, teams, sellers, products with photos, and one working account per role", async () => {
    const db = getDb();
    const storage = new MemoryStorage();
    const some = sellers.slice(0, 6);
    const summary = await seedDatabase(db, storage, { sellers: some });
    const productCount = some.reduce((n, s) => n + s.products.length, 0);
    expect(summary).toMatchObject({ communes: 65, sellers: 6, products: productCount });

    expect(await db.commune.findUnique({ where: { slug: "cam-lam" } })).toMatchObject({
      name: "Cam Lâm",
      type: "xa",
      formerDistrict: "Cam Lâm",
    });
    expect(await db.volunteerTeam.count()).toBe(3);
    expect(await db.productImage.count()).toBe(productCount);
    expect(storage.files.size).toBeGreaterThan(0);
    const image = await db.productImage.findFirstOrThrow();
    expect(storage.files.get(image.storageKey)?.subarray(8, 12).toString()).toBe("WEBP");
    // Photos come from the real pipeline: responsive variants, all stored, and a blur preview.
    const variants = image.variants as { width: number; key: string }[];
    expect(variants.map((v) => v.width)).toEqual([320, 640]);
    for (const v of variants) expect(storage.files.has(v.key)).toBe(true);
    expect(image.blurDataUrl).toMatch(/^data:image\/webp;base64,/);

    // The last four are still being onboarded and must not be public.
    const home = await getHomePage();
    expect(home.stats.sellers).toBe(2);
    expect(home.sellers.map((s) => s.slug)).toEqual(
      expect.arrayContaining(some.slice(0, 2).map((s) => s.slug)),
    );

    for (const account of demoAccounts) {
      const result = await login({
        identifier: account.phone,
        password: DEMO_PASSWORD,
        clientAddress: "seed-test",
      });
      expect(result.ok, account.role).toBe(true);
      const user = await db.user.findFirstOrThrow({
        where: { id: result.ok ? result.userId : "" },
        include: { roles: true },
      });
      expect(user.roles.map((r) => r.name)).toEqual([account.role]);
    }

    // The demo seller owns the first shop (handed over); a volunteer onboarded every shop.
    const owned = await db.seller.findFirstOrThrow({ where: { owner: { phone: "+84900000003" } } });
    expect(owned.slug).toBe(some[0]!.slug);
    expect(await db.seller.count({ where: { onboardedById: null } })).toBe(0);
  });

  it("can run again over its own data", async () => {
    const db = getDb();
    await seedDatabase(db, new MemoryStorage(), { sellers: sellers.slice(0, 5) });
    expect(await db.seller.count()).toBe(5);
    expect(await db.role.count()).toBe(4);
  });
});
