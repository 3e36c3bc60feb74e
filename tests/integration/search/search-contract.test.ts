// One contract for the search port: the same table of Vietnamese queries and filters runs against
// the embedded engine always, and against a real Meilisearch whenever MEILI_HOST is set.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedSearchEngine } from "#app/services/search/embedded.server.ts";
import { searchQuery, type SearchEngine } from "#app/domain/search.ts";
import { corpus, queries } from "#tests/fixtures/search-corpus.ts";
import { tmpDir } from "#tests/setup/test-databases.ts";

type EngineFactory = () => Promise<SearchEngine>;
const engines: [string, EngineFactory][] = [
  [
    "embedded",
    async () => new EmbeddedSearchEngine(path.join(tmpDir, `contract-${process.pid}-${Date.now()}.db`)),
  ],
];
if (process.env.MEILI_HOST) {
  engines.push([
    "meilisearch",
    async () => {
      const { MeilisearchEngine } = await import("#app/services/search/meilisearch.server.ts");
      return new MeilisearchEngine({
        host: process.env.MEILI_HOST!,
        apiKey: process.env.MEILI_API_KEY,
        indexName: `contract_${Date.now()}`,
      });
    },
  ]);
}

describe.each(engines)("search contract: %s", (_name, makeEngine) => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await makeEngine();
    await engine.setup();
    await engine.clear();
    await engine.upsert(corpus);
  });
  afterAll(async () => {
    await engine.close();
  });

  it.each(queries)("$q — $why", async ({ q, finds = [], notFinds = [], first }) => {
    const { hits } = await engine.search(searchQuery({ q, perPage: 50 }));
    const ids = hits.map((h) => h.id);
    for (const id of finds) expect(ids, `"${q}" should find ${id}`).toContain(id);
    for (const id of notFinds) expect(ids, `"${q}" should not find ${id}`).not.toContain(id);
    if (first) expect(ids[0], `"${q}" should rank ${first} first`).toBe(first);
  });

  it("lists everything that matches the filters when the text is empty", async () => {
    const all = await engine.search(searchQuery({ perPage: 100 }));
    expect(all.total).toBe(corpus.length);
    const fruit = await engine.search(searchQuery({ category: ["trai-cay"], perPage: 100 }));
    expect(fruit.hits.map((h) => h.id).sort()).toEqual(["xoai-cam-lam", "xoai-uc", "thanh-long"].sort());
  });

  it("ORs values within a filter and ANDs filters, with price range and stock", async () => {
    const result = await engine.search(
      searchQuery({ commune: ["cam-lam", "ninh-phuoc"], minPrice: 20000, maxPrice: 70000, inStock: true }),
    );
    expect(result.hits.map((h) => h.id)).toEqual(["xoai-cam-lam"]);
    const outOfStock = await engine.search(searchQuery({ inStock: false }));
    expect(outOfStock.hits.map((h) => h.id)).toEqual(["thanh-long"]);
  });

  it("filters by certification, including OCOP star levels", async () => {
    const ocop = await engine.search(searchQuery({ cert: ["ocop"] }));
    expect(ocop.hits.map((h) => h.id).sort()).toEqual(["ca-phe", "nuoc-mam", "toi"]);
    const fourPlus = await engine.search(searchQuery({ cert: ["ocop4", "ocop5"] }));
    expect(fourPlus.hits.map((h) => h.id).sort()).toEqual(["ca-phe", "nuoc-mam"]);
  });

  it("counts facets over the filtered results", async () => {
    const { facets, total } = await engine.search(searchQuery({ q: "xoai" }));
    expect(total).toBe(2);
    expect(facets.category).toEqual({ "trai-cay": 2 });
    expect(facets.commune).toEqual({ "cam-lam": 1, "cam-hiep": 1 });
    expect(facets.cert.vietgap).toBe(1);
  });

  it("sorts by price both ways and by newest", async () => {
    const asc = await engine.search(searchQuery({ sort: "price_asc", perPage: 100 }));
    const prices = asc.hits.map((h) => h.priceVnd);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const desc = await engine.search(searchQuery({ sort: "price_desc", perPage: 3 }));
    expect(desc.hits.map((h) => h.id)).toEqual(["mat-ong", "ca-phe", "cha-ca"]);
    const newest = await engine.search(searchQuery({ sort: "newest", perPage: 1 }));
    expect(newest.hits[0]!.id).toBe("toi");
  });

  it("pages through results with a stable total", async () => {
    const page1 = await engine.search(searchQuery({ sort: "price_asc", perPage: 5, page: 1 }));
    const page3 = await engine.search(searchQuery({ sort: "price_asc", perPage: 5, page: 3 }));
    expect(page1.total).toBe(corpus.length);
    expect(page3.total).toBe(corpus.length);
    expect(page1.hits).toHaveLength(5);
    expect(page3.hits).toHaveLength(corpus.length - 10);
    expect(page3.hits.map((h) => h.id)).not.toContain(page1.hits[0]!.id);
  });

  it("replaces a document on upsert and forgets it on remove", async () => {
    await engine.upsert([{ ...corpus.find((d) => d.id === "toi")!, name: "Hành tím Vĩnh Hải" }]);
    expect((await engine.search(searchQuery({ q: "toi phan rang" }))).hits.map((h) => h.id)).not.toContain(
      "toi",
    );
    expect((await engine.search(searchQuery({ q: "hanh tim" }))).hits.map((h) => h.id)).toContain("toi");
    await engine.remove(["toi"]);
    expect((await engine.search(searchQuery({ q: "hanh tim" }))).total).toBe(0);
    expect((await engine.search(searchQuery({ perPage: 100 }))).total).toBe(corpus.length - 1);
    await engine.upsert([corpus.find((d) => d.id === "toi")!]);
  });

  it("suggests product names as the buyer types", async () => {
    const suggestions = await engine.suggest("nuoc m", 5);
    expect(suggestions.map((s) => s.id)).toContain("nuoc-mam");
    expect(suggestions[0]).toMatchObject({ slug: "nuoc-mam-slug", name: "Nước mắm Cà Ná 40 độ đạm" });
  });

  it("reports healthy with its document count", async () => {
    expect(await engine.health()).toMatchObject({ status: "ok", documents: corpus.length });
  });
});
