// The storefront's search, end to end inside the server: seeded data, the real embedded index,
// the outbox worker keeping it in step, the JSON API, and the pages' loaders.
import { beforeAll, describe, expect, it } from "vitest";
import { loader as apiSearch } from "#app/routes/_resources+/api.search.tsx";
import { loader as apiSuggest } from "#app/routes/_resources+/api.suggest.tsx";
import { loader as sitemap } from "#app/routes/_resources+/sitemap[.]xml.tsx";
import { loader as productPage } from "#app/routes/_storefront+/san-pham.$slug.tsx";
import { loader as sellerPage } from "#app/routes/_storefront+/nguoi-ban.$slug.tsx";
import { loader as searchPage } from "#app/routes/_storefront+/search.tsx";
import { loader as homePage } from "#app/routes/_storefront+/_index.tsx";
import { getDb } from "#app/services/platform/db.server.ts";
import { setProductStatus, setSellerStatus } from "#tests/fixtures/status-changes.ts";
import { drainOutbox } from "#app/services/platform/outbox.server.ts";
import { outboxHandlers } from "#app/services/platform/outbox-handlers.server.ts";
import { getSearchEngine } from "#app/services/search/engine.server.ts";
import { reindexAll } from "#app/services/search/indexer.server.ts";
import { startOutboxWorker } from "#app/services/platform/worker.server.ts";
import { sellers } from "#prisma/seed/data/sellers.ts";
import { seedDatabase } from "#prisma/seed/seed.ts";
import { MemoryStorage } from "#tests/helpers.ts";

const context = { clientAddress: "127.0.0.1" };
const get = (path: string, params: Record<string, string> = {}) => ({
  request: new Request(`http://localhost${path}`),
  params,
  context,
});
type ApiBody = {
  hits: {
    id: string;
    name: string;
    url: string;
    priceVnd: number;
    commune: { slug: string };
    seller: { slug: string };
  }[];
  total: number;
  facets: { category: Record<string, number>; commune: Record<string, number> };
  error?: { parameter: string; message: string };
};
const api = async (query: string) => {
  const response = await apiSearch(get(`/api/search?${query}`));
  return { status: response.status, body: (await response.json()) as ApiBody };
};
const thrownStatus = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (error) {
    return (error as Response).status;
  }
  return 200;
};

// The first six demo sellers: the first two approved and public, the others still onboarding.
const some = sellers.slice(0, 6);
beforeAll(async () => {
  await seedDatabase(getDb(), new MemoryStorage(), { sellers: some });
  await reindexAll(getDb(), getSearchEngine());
});

describe("GET /api/search", () => {
  it("finds products without accents and returns everything a client needs", async () => {
    const { status, body } = await api("q=xoai&perPage=5");
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(0);
    expect(body.hits.length).toBeLessThanOrEqual(5);
    for (const hit of body.hits) {
      expect(hit.name.toLowerCase()).toMatch(/xoài/);
      expect(hit.url).toMatch(/^\/san-pham\//);
    }
    expect(body.hits[0]).toMatchObject({
      id: expect.any(String),
      slug: expect.any(String),
      priceVnd: expect.any(Number),
      unit: expect.any(String),
      seller: { slug: expect.any(String), name: expect.any(String) },
      commune: { slug: expect.any(String), name: expect.any(String) },
      imageUrl: expect.stringMatching(/^\/images\/[0-9a-f]{64}\.webp$/),
    });
    expect(body.facets.category["trai-cay"]).toBeGreaterThan(0);
  });

  it("lists everything public for an empty query, and nothing from sellers still onboarding", async () => {
    const { body } = await api("perPage=100");
    const publicCount = some
      .slice(0, 2)
      .flatMap((s) => s.products)
      .filter((p) => p.stock > 0).length;
    expect(body.total).toBe(publicCount);
    const sellerSlugs = new Set(body.hits.map((h) => h.seller.slug));
    expect([...sellerSlugs].sort()).toEqual(
      some
        .slice(0, 2)
        .map((s) => s.slug)
        .sort(),
    );
  });

  it.each([
    ["perPage=101", "perPage"],
    ["sort=cheap", "sort"],
    ["minPrice=abc", "minPrice"],
    ["cert=iso", "cert"],
    ["inStock=maybe", "inStock"],
    ["page=-1", "page"],
  ])("answers 400 naming the parameter for %s", async (query, parameter) => {
    const { status, body } = await api(query);
    expect(status).toBe(400);
    expect(body.error?.parameter).toBe(parameter);
    expect(body.error?.message).toMatch(new RegExp(`^${parameter} `));
  });

  it("suggests names as the buyer types", async () => {
    const response = await apiSuggest(get("/api/suggest?q=xoai%20ca"));
    const { suggestions } = (await response.json()) as { suggestions: { name: string; url: string }[] };
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions[0]!.url).toMatch(/^\/san-pham\//);
  });
});

describe("keeping the index in step", () => {
  it("drops an archived product from /api/search within seconds, through the outbox worker", async () => {
    const db = getDb();
    const { body } = await api("perPage=1&sort=price_desc");
    const target = body.hits[0]!;
    await setProductStatus({ productId: target.id, status: "archived" });
    // The change and its indexing message were written together.
    expect(await db.outboxMessage.count({ where: { status: "pending" } })).toBeGreaterThan(0);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: target.id } });
    expect(audit).toMatchObject({
      action: "product.status",
      before: { status: "active" },
      after: { status: "archived" },
    });

    const stop = startOutboxWorker({ intervalMs: 100 });
    try {
      const deadline = Date.now() + 5000;
      let ids = [target.id];
      while (ids.includes(target.id) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        ids = (await api("perPage=100")).body.hits.map((h) => h.id);
      }
      expect(ids).not.toContain(target.id);
    } finally {
      stop();
    }
    // Re-activating brings it back.
    await setProductStatus({ productId: target.id, status: "active" });
    await drainOutbox(db, outboxHandlers);
    expect((await api("perPage=100")).body.hits.map((h) => h.id)).toContain(target.id);
  });

  it("hides all of a suspended seller's products, and shows them again on approval", async () => {
    const db = getDb();
    const seller = await db.seller.findUniqueOrThrow({ where: { slug: some[1]!.slug } });
    await setSellerStatus({ sellerId: seller.id, status: "suspended" });
    await drainOutbox(db, outboxHandlers);
    const after = await api("perPage=100");
    expect(after.body.hits.map((h) => h.seller.slug)).not.toContain(seller.slug);
    await setSellerStatus({ sellerId: seller.id, status: "approved" });
    await drainOutbox(db, outboxHandlers);
    expect((await api("perPage=100")).body.hits.map((h) => h.seller.slug)).toContain(seller.slug);
  });
});

describe("pages", () => {
  it("the search page keeps working when one filter is bad, and says which", async () => {
    const data = await searchPage(get("/search?q=xoai&perPage=999"));
    expect(data.badParameter).toBe("perPage");
    expect(data.total).toBeGreaterThan(0);
    expect(data.unavailable).toBe(false);
  });

  it("a product page is 404 unless the product is public", async () => {
    const db = getDb();
    const publicProduct = await db.product.findFirstOrThrow({
      where: { status: "active", seller: { status: "approved" } },
    });
    const data = await productPage(get(`/san-pham/${publicProduct.slug}`, { slug: publicProduct.slug }));
    expect(data.product.name).toBe(publicProduct.name);
    const hidden = await db.product.findFirstOrThrow({ where: { seller: { status: { not: "approved" } } } });
    expect(
      await thrownStatus(() => productPage(get(`/san-pham/${hidden.slug}`, { slug: hidden.slug }))),
    ).toBe(404);
  });

  it("a seller page is 404 until the seller is approved", async () => {
    const draft = some.at(-1)!;
    expect(await thrownStatus(() => sellerPage(get(`/nguoi-ban/${draft.slug}`, { slug: draft.slug })))).toBe(
      404,
    );
    const data = await sellerPage(get(`/nguoi-ban/${some[0]!.slug}`, { slug: some[0]!.slug }));
    expect(data.products.length).toBeGreaterThan(0);
  });

  it("the sitemap lists public products and sellers only", async () => {
    const xml = await (await sitemap(get("/sitemap.xml"))).text();
    expect(xml).toMatch(/^<\?xml/);
    // The origin is PUBLIC_URL's (tests/integration/http/public-url.test.ts).
    expect(xml).toContain(`/nguoi-ban/${some[0]!.slug}</loc>`);
    expect(xml).not.toContain(`/nguoi-ban/${some.at(-1)!.slug}<`);
  });

  it("the home page shows sellers near a chosen commune, or of its former district when it has none", async () => {
    const db = getDb();
    const seller = await db.seller.findUniqueOrThrow({
      where: { slug: some[0]!.slug },
      include: { commune: true },
    });
    const here = await homePage(get(`/?near=${seller.commune.slug}`));
    expect(here.near?.fallback).toBe(false);
    expect(here.near?.sellers.map((s) => s.slug)).toContain(seller.slug);
    const neighbour = await db.commune.findFirstOrThrow({
      where: { formerDistrict: seller.commune.formerDistrict, sellers: { none: { status: "approved" } } },
    });
    const nearby = await homePage(get(`/?near=${neighbour.slug}`));
    expect(nearby.near?.fallback).toBe(true);
    const ignored = await homePage(get("/?near=<script>"));
    expect(ignored.near).toBeNull();
  });
});
