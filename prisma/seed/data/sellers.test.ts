// The demo data must be believable and loadable: real communes, valid phones, whole-đồng prices.
import { describe, expect, it } from "vitest";
import { normalizeVietnamesePhone } from "#app/domain/phone.ts";
import communes from "./khanh-hoa-communes.json" with { type: "json" };
import { sellers } from "./sellers.ts";

describe("demo sellers", () => {
  const products = sellers.flatMap((s) => s.products);
  it("has 30+ sellers of both kinds over several communes and 200+ products", () => {
    expect(sellers.length).toBeGreaterThanOrEqual(30);
    expect(new Set(sellers.map((s) => s.kind))).toEqual(new Set(["household", "startup"]));
    expect(new Set(sellers.map((s) => s.communeSlug)).size).toBeGreaterThanOrEqual(10);
    expect(products.length).toBeGreaterThanOrEqual(200);
  });
  it("uses only the 65 communes of the 2025 reform", () => {
    const slugs = new Set(communes.units.map((c) => c.slug));
    expect(communes.units).toHaveLength(65);
    for (const s of sellers) expect(slugs, s.slug).toContain(s.communeSlug);
  });
  it("has unique slugs and valid, distinct phone numbers", () => {
    expect(new Set(sellers.map((s) => s.slug)).size).toBe(sellers.length);
    const phones = sellers.map((s) => normalizeVietnamesePhone(s.phone));
    expect(phones).not.toContain(null);
    expect(new Set(phones).size).toBe(sellers.length);
  });
  it("prices in whole đồng, with steps that divide the stock sensibly", () => {
    for (const p of products) {
      expect(Number.isInteger(p.priceVnd) && p.priceVnd > 0, p.name).toBe(true);
      expect(p.step > 0 && p.stock >= 0, p.name).toBe(true);
    }
    expect(products.filter((p) => p.ocopStars).length).toBeGreaterThanOrEqual(3);
  });
});
