// The Meilisearch adapter against the fake server (Meilisearch cannot be installed here). These
// tests need no database. They check what the adapter sends as well as what it returns.
import { Meilisearch } from "meilisearch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MeilisearchEngine, type MeilisearchEngineOptions } from "#app/services/search/meilisearch.server.ts";
import { searchQuery, type SearchDocument } from "#app/domain/search.ts";
import { MeilisearchFake } from "#tests/fakes/meilisearch-fake.ts";

const API_KEY = "test-master-key";
let fake: MeilisearchFake;
const engines: MeilisearchEngine[] = [];
let indexCount = 0;

beforeAll(async () => {
  fake = await new MeilisearchFake({ apiKey: API_KEY }).start();
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
  fake.setTaskDelay(5);
  await fake.idle();
});
afterAll(() => fake.stop());

/** A fresh index per engine, so tests never see each other's documents. */
function createEngine(options: Partial<MeilisearchEngineOptions> = {}) {
  const indexName = `products_${++indexCount}`;
  const engine = new MeilisearchEngine({ host: fake.url, apiKey: API_KEY, indexName, ...options });
  engines.push(engine);
  return { engine, indexName };
}

function product(id: string, overrides: Partial<SearchDocument> = {}): SearchDocument {
  return {
    id,
    slug: `san-pham-${id}`,
    name: `Sản phẩm ${id}`,
    description: "Hàng nông sản Khánh Hòa",
    categorySlug: "trai-cay",
    categoryName: "Trái cây",
    sellerSlug: "vuon-ba-tu",
    sellerName: "Vườn Bà Tư",
    communeSlug: "cam-lam",
    communeName: "Cam Lâm",
    priceVnd: 50_000,
    unit: "kg",
    inStock: true,
    certs: [],
    imageKey: null,
    createdAt: Date.UTC(2026, 10, 1),
    ...overrides,
  };
}

const catalog = [
  product("caphe", {
    name: "Cà phê Khánh Sơn",
    description: "Cà phê rang xay từ cao nguyên",
    categorySlug: "dac-san",
    categoryName: "Đặc sản",
    communeSlug: "khanh-son",
    communeName: "Khánh Sơn",
    priceVnd: 180_000,
    certs: ["ocop", "ocop4"],
    createdAt: Date.UTC(2026, 10, 5),
  }),
  product("xoai", {
    name: "Xoài Úc Cam Lâm",
    priceVnd: 45_000,
    certs: ["vietgap"],
    createdAt: Date.UTC(2026, 10, 3),
  }),
  product("saurieng", {
    name: "Sầu riêng Khánh Sơn",
    communeSlug: "khanh-son",
    communeName: "Khánh Sơn",
    priceVnd: 95_000,
    certs: ["ocop", "ocop4"],
    createdAt: Date.UTC(2026, 10, 4),
  }),
  product("nuocmam", {
    name: "Nước mắm Cam Ranh",
    description: "Đậm đà, ủ chượp truyền thống",
    categorySlug: "dac-san",
    categoryName: "Đặc sản",
    communeSlug: "cam-ranh",
    communeName: "Cam Ranh",
    priceVnd: 120_000,
    inStock: false,
    certs: ["ocop", "ocop3"],
    createdAt: Date.UTC(2026, 10, 2),
  }),
  product("buoi", {
    name: "Bưởi da xanh",
    priceVnd: 60_000,
    createdAt: Date.UTC(2026, 10, 6),
  }),
];

async function engineWithCatalog() {
  const created = createEngine();
  await created.engine.setup();
  await created.engine.upsert(catalog);
  return created;
}

function searchRequests(indexName: string) {
  return fake.requests.filter((r) => r.method === "POST" && r.path === `/indexes/${indexName}/search`);
}
const lastSearchBody = (indexName: string) => searchRequests(indexName).at(-1)?.body;
const ids = (hits: SearchDocument[]) => hits.map((hit) => hit.id);

describe("setup", () => {
  it("creates the index with primary key id and applies the settings, and can run again", async () => {
    const { engine, indexName } = createEngine();
    await engine.setup();
    const creations = fake.requests.filter((r) => r.method === "POST" && r.path === "/indexes");
    expect(creations.map((r) => r.body)).toContainEqual({ uid: indexName, primaryKey: "id" });
    expect(fake.settings(indexName)).toMatchObject({
      searchableAttributes: ["name", "description", "categoryName", "sellerName", "communeName"],
      filterableAttributes: ["categorySlug", "communeSlug", "certs", "priceVnd", "inStock", "sellerSlug"],
      sortableAttributes: ["priceVnd", "createdAt"],
      rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    });
    const settings = fake.settings(indexName) as {
      pagination: { maxTotalHits: number };
      faceting: { maxValuesPerFacet: number };
    };
    expect(settings.pagination.maxTotalHits).toBeGreaterThanOrEqual(100_000);
    expect(settings.faceting.maxValuesPerFacet).toBeGreaterThanOrEqual(200);

    await engine.setup();
    const creationsAfter = fake.requests.filter((r) => r.method === "POST" && r.path === "/indexes");
    expect(creationsAfter.filter((r) => (r.body as { uid: string }).uid === indexName)).toHaveLength(1);
    const settingsTasks = fake.tasks().filter((t) => t.indexUid === indexName && t.type === "settingsUpdate");
    expect(settingsTasks.map((t) => t.status)).toEqual(["succeeded", "succeeded"]);
  });
});

describe("writes", () => {
  it("sends 2,500 documents in batches of 1,000 and waits for every task", async () => {
    const { engine, indexName } = createEngine({ batchSize: 1000 });
    await engine.setup();
    fake.setTaskDelay(20);
    const documents = Array.from({ length: 2500 }, (_, i) => product(`p${i}`));
    await engine.upsert(documents);

    const batches = fake.requests.filter(
      (r) => r.method === "POST" && r.path === `/indexes/${indexName}/documents`,
    );
    expect(batches.map((r) => (r.body as unknown[]).length)).toEqual([1000, 1000, 500]);
    expect(batches.map((r) => r.query.primaryKey)).toEqual(["id", "id", "id"]);
    // Checked right after upsert resolved: nothing may still be pending.
    const tasks = fake
      .tasks()
      .filter((t) => t.indexUid === indexName && t.type === "documentAdditionOrUpdate");
    expect(tasks.map((t) => t.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    const polled = new Set(fake.requests.filter((r) => r.method === "GET").map((r) => r.path));
    for (const task of tasks) expect(polled).toContain(`/tasks/${task.uid}`);
    expect(fake.documents(indexName)).toHaveLength(2500);
  });

  it("rejects when a task fails, with Meilisearch's message and the task uid, so the outbox retries", async () => {
    const { engine, indexName } = createEngine();
    await engine.setup();
    fake.failNextTasks(1, "No space left on device (os error 28)", { code: "no_space_left_on_device" });
    await expect(engine.upsert([product("a")])).rejects.toThrow(
      /Meilisearch task \d+ \(add documents\) failed: No space left on device \(os error 28\)/,
    );
    expect(fake.documents(indexName)).toEqual([]);

    await engine.upsert([product("a")]);
    expect(fake.documents(indexName).map((d) => d.id)).toEqual(["a"]);
  });

  it("rejects when a later batch fails, not only the first", async () => {
    const { engine, indexName } = createEngine({ batchSize: 2 });
    await engine.setup();
    fake.failNextTasks(1, "Index `products`: internal error", { skip: 2 });
    const documents = ["a", "b", "c", "d", "e"].map((id) => product(id));
    await expect(engine.upsert(documents)).rejects.toThrow(
      /\(add documents\) failed: Index `products`: internal error/,
    );
    expect(fake.documents(indexName).map((d) => d.id)).toEqual(["a", "b", "c", "d"]);
  });

  it("rejects a task that takes longer than taskTimeoutMs", async () => {
    const { engine } = createEngine({ taskTimeoutMs: 100 });
    await engine.setup();
    fake.setTaskDelay(400);
    await expect(engine.upsert([product("slow")])).rejects.toThrow(
      /Meilisearch task \d+ \(add documents\) did not finish within 100 ms/,
    );
  });

  it("removes documents by id and clears the index", async () => {
    const { engine, indexName } = await engineWithCatalog();
    await engine.remove(["xoai", "buoi", "not-there"]);
    expect(fake.documents(indexName).map((d) => d.id)).toEqual(["caphe", "saurieng", "nuocmam"]);
    const deletion = fake.requests.find((r) => r.path === `/indexes/${indexName}/documents/delete-batch`);
    expect(deletion?.body).toEqual(["xoai", "buoi", "not-there"]);
    await engine.clear();
    expect(fake.documents(indexName)).toEqual([]);
    expect((await engine.search(searchQuery())).total).toBe(0);
  });
});

describe("API key", () => {
  it("sends the key as a bearer token", async () => {
    const before = fake.requests.length;
    await engineWithCatalog();
    const sent = fake.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent.map((r) => r.authorization))).toEqual(new Set([`Bearer ${API_KEY}`]));
  });

  it("fails with Meilisearch's auth errors for a wrong or missing key", async () => {
    const wrong = createEngine({ apiKey: "wrong-key" }).engine;
    await expect(wrong.setup()).rejects.toThrow("The provided API key is invalid.");
    await expect(wrong.search(searchQuery())).rejects.toThrow("The provided API key is invalid.");
    expect(await wrong.health()).toEqual({ status: "error", error: "The provided API key is invalid." });

    const missing = createEngine({ apiKey: undefined }).engine;
    await expect(missing.upsert([product("a")])).rejects.toThrow("The Authorization header is missing");
  });
});

describe("search", () => {
  it("maps every filter, the sort and the page to Meilisearch's parameters", async () => {
    const { engine, indexName } = await engineWithCatalog();
    const result = await engine.search(
      searchQuery({
        category: ["trai-cay", "dac-san"],
        commune: ["khanh-son", "cam-lam"],
        cert: ["ocop4"],
        minPrice: 10_000,
        maxPrice: 150_000,
        inStock: true,
        sort: "price_asc",
        page: 1,
        perPage: 10,
      }),
    );
    expect(lastSearchBody(indexName)).toEqual({
      q: "",
      filter: [
        'categorySlug IN ["trai-cay", "dac-san"]',
        'communeSlug IN ["khanh-son", "cam-lam"]',
        'certs IN ["ocop4"]',
        "priceVnd >= 10000",
        "priceVnd <= 150000",
        "inStock = true",
      ],
      facets: ["categorySlug", "communeSlug", "certs"],
      sort: ["priceVnd:asc"],
      page: 1,
      hitsPerPage: 10,
      matchingStrategy: "all",
    });
    // caphe is too dear, xoai and buoi lack ocop4, nuocmam is out of stock.
    expect(ids(result.hits)).toEqual(["saurieng"]);
    expect(result.total).toBe(1);
    expect(result.hits[0]).toEqual(catalog[2]);
  });

  it("sends no filter and no sort for a plain relevance query", async () => {
    const { engine, indexName } = await engineWithCatalog();
    await engine.search(searchQuery({ q: "xoài" }));
    expect(lastSearchBody(indexName)).toEqual({
      q: "xoài",
      filter: [],
      facets: ["categorySlug", "communeSlug", "certs"],
      page: 1,
      hitsPerPage: 24,
      matchingStrategy: "all",
    });
  });

  it("finds Vietnamese text typed without accents", async () => {
    const { engine } = await engineWithCatalog();
    const coffee = await engine.search(searchQuery({ q: "ca phe" }));
    expect(ids(coffee.hits)[0]).toBe("caphe");
    expect(coffee.hits[0]?.name).toBe("Cà phê Khánh Sơn");
    expect(ids((await engine.search(searchQuery({ q: "dac san" }))).hits)).toEqual(
      expect.arrayContaining(["caphe", "nuocmam"]),
    );
    expect(ids((await engine.search(searchQuery({ q: "nuoc mam" }))).hits)[0]).toBe("nuocmam");
  });

  it("requires every word, and drops words from the end only when nothing matches them all", async () => {
    const { engine, indexName } = await engineWithCatalog();
    expect(ids((await engine.search(searchQuery({ q: "xoai cam lam" }))).hits)).toEqual(["xoai"]);
    expect(searchRequests(indexName).at(-1)?.body).toMatchObject({ matchingStrategy: "all" });
    const fallback = await engine.search(searchQuery({ q: "xoai ngon tuyet" }));
    expect(ids(fallback.hits)).toEqual(["xoai"]);
    expect(searchRequests(indexName).at(-1)?.body).toMatchObject({ matchingStrategy: "last" });
  });

  it.each([
    ["price_asc", ["priceVnd:asc"], ["xoai", "buoi", "saurieng", "nuocmam", "caphe"]],
    ["price_desc", ["priceVnd:desc"], ["caphe", "nuocmam", "saurieng", "buoi", "xoai"]],
    ["newest", ["createdAt:desc"], ["buoi", "caphe", "saurieng", "xoai", "nuocmam"]],
  ] as const)("sorts %s as %j", async (sort, meiliSort, order) => {
    const { engine, indexName } = await engineWithCatalog();
    const result = await engine.search(searchQuery({ sort }));
    expect((lastSearchBody(indexName) as { sort: string[] }).sort).toEqual(meiliSort);
    expect(ids(result.hits)).toEqual(order);
  });

  it("pages through results and counts facets over all of them", async () => {
    const { engine } = await engineWithCatalog();
    const page2 = await engine.search(searchQuery({ sort: "price_asc", page: 2, perPage: 2 }));
    expect(ids(page2.hits)).toEqual(["saurieng", "nuocmam"]);
    expect(page2.total).toBe(5);
    expect(page2.facets).toEqual({
      category: { "dac-san": 2, "trai-cay": 3 },
      commune: { "cam-lam": 2, "cam-ranh": 1, "khanh-son": 2 },
      cert: { ocop: 3, ocop3: 1, ocop4: 2, vietgap: 1 },
    });
    const filtered = await engine.search(searchQuery({ commune: ["khanh-son"] }));
    expect(filtered.facets.category).toEqual({ "dac-san": 1, "trai-cay": 1 });
    expect(filtered.facets.cert).toEqual({ ocop: 2, ocop4: 2 });
  });

  it("quotes filter values so a quote cannot break out of the expression", async () => {
    const { engine, indexName } = createEngine();
    await engine.setup();
    await engine.upsert([product("odd", { categorySlug: 'trai "cay' }), product("plain")]);
    const result = await engine.search(searchQuery({ category: ['trai "cay'] }));
    expect((lastSearchBody(indexName) as { filter: string[] }).filter).toEqual([
      String.raw`categorySlug IN ["trai \"cay"]`,
    ]);
    expect(ids(result.hits)).toEqual(["odd"]);
    await expect(engine.search(searchQuery({ category: ["a\\"] }))).rejects.toThrow("backslash");
  });

  it("treats a malformed hit as an error, not as data", async () => {
    const { engine, indexName } = createEngine();
    await engine.setup();
    const client = new Meilisearch({ host: fake.url, apiKey: API_KEY });
    const task = await client
      .index(indexName)
      .addDocuments([{ ...product("bad"), priceVnd: "rẻ" }])
      .waitTask();
    expect(task.status).toBe("succeeded");
    await expect(engine.search(searchQuery())).rejects.toThrow(/priceVnd/);
  });

  it("suggests names by prefix, searching names only", async () => {
    const { engine, indexName } = await engineWithCatalog();
    // "cao" appears only in a description, so it must not be suggested.
    expect(await engine.suggest("sau ri", 5)).toEqual([
      { id: "saurieng", slug: "san-pham-saurieng", name: "Sầu riêng Khánh Sơn" },
    ]);
    expect(lastSearchBody(indexName)).toMatchObject({
      q: "sau ri",
      attributesToSearchOn: ["name"],
      limit: 5,
    });
    expect(await engine.suggest("cao", 5)).toEqual([]);
    expect(await engine.suggest("khanh", 1)).toHaveLength(1);
    expect(await engine.suggest("  ", 5)).toEqual([]);
  });
});

describe("availability", () => {
  it("reports an error while the server is down and recovers after it restarts", async () => {
    const { engine } = await engineWithCatalog();
    expect(await engine.health()).toEqual({ status: "ok", documents: catalog.length });
    await fake.stop();
    try {
      const health = await engine.health();
      expect(health.status).toBe("error");
      expect(health.error).toMatch(/ECONNREFUSED|fetch failed/);
    } finally {
      await fake.start();
    }
    expect(await engine.health()).toEqual({ status: "ok", documents: catalog.length });
  });

  it("reports an error when the index does not exist", async () => {
    const { engine } = createEngine();
    expect(await engine.health()).toMatchObject({
      status: "error",
      error: expect.stringContaining("not found"),
    });
  });

  it("rejects writes while the server is down, so the outbox retries, and succeeds after restart", async () => {
    const { engine, indexName } = createEngine();
    await engine.setup();
    await fake.stop();
    try {
      await expect(engine.upsert([product("later")])).rejects.toThrow(/has failed/);
    } finally {
      await fake.start();
    }
    await engine.upsert([product("later")]);
    expect(fake.documents(indexName).map((d) => d.id)).toEqual(["later"]);
  });
});

describe("the fake itself", () => {
  it("understands string filters and rejects what Meilisearch rejects", async () => {
    const { indexName } = await engineWithCatalog();
    const index = new Meilisearch({ host: fake.url, apiKey: API_KEY }).index(indexName);
    const found = await index.search("", {
      filter: '(communeSlug = "khanh-son" OR priceVnd < 50000) AND certs NOT IN [ocop3, vietgap]',
    });
    expect(found.hits.map((hit) => hit.id)).toEqual(["caphe", "saurieng"]);
    await expect(index.search("", { filter: "sellerName = x" })).rejects.toMatchObject({
      cause: { code: "invalid_search_filter" },
    });
    await expect(index.search("", { sort: ["name:asc"] })).rejects.toMatchObject({
      cause: { code: "invalid_search_sort" },
    });
  });
});
