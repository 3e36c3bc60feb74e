// Behaviour specific to the embedded engine (the contract suite covers what both engines share).
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { EmbeddedSearchEngine, TYPO_MATCHES_ONLY_BELOW } from "#app/services/search/embedded.server.ts";
import { searchQuery } from "#app/domain/search.ts";
import { corpus } from "#tests/fixtures/search-corpus.ts";
import { tmpDir } from "#tests/setup/test-databases.ts";

const base = corpus[0]!;
const product = (id: string, name: string) => ({ ...base, id, slug: id, name, description: "" });

describe("embedded search: typo matches do not flood plentiful exact matches", () => {
  it("tolerates a typo when exact matches are few", async () => {
    const engine = new EmbeddedSearchEngine(path.join(tmpDir, `typo-few-${process.pid}-${Date.now()}.db`));
    await engine.upsert([product("a", "Bánh tráng nướng"), product("b", "Rau trộng")]);
    // "trang" (5 letters) allows one typo, so "trong" is found too, ranked after the exact match.
    const ids = (await engine.search(searchQuery({ q: "trang" }))).hits.map((h) => h.id);
    expect(ids).toEqual(["a", "b"]);
    await engine.close();
  });

  it("leaves typo matches out once exact matches are plentiful", async () => {
    const engine = new EmbeddedSearchEngine(path.join(tmpDir, `typo-many-${process.pid}-${Date.now()}.db`));
    const exact = Array.from({ length: TYPO_MATCHES_ONLY_BELOW }, (_, i) =>
      product(`t${i}`, `Bánh tráng số ${i}`),
    );
    await engine.upsert([...exact, product("b", "Rau trộng")]);
    const result = await engine.search(searchQuery({ q: "trang", perPage: 100 }));
    expect(result.total).toBe(TYPO_MATCHES_ONLY_BELOW);
    expect(result.hits.map((h) => h.id)).not.toContain("b");
    await engine.close();
  });
});

const file = (name: string) => path.join(tmpDir, `${name}-${process.pid}-${Date.now()}.db`);

describe("embedded search: index file and in-memory state", () => {
  it("keeps its documents when reopened, and empties a file written under an older layout", async () => {
    const current = file("reopen");
    const first = new EmbeddedSearchEngine(current);
    await first.upsert([product("a", "Bánh tráng nướng")]);
    await first.close();
    const again = new EmbeddedSearchEngine(current);
    expect(await again.health()).toEqual({ status: "ok", documents: 1 });
    await again.close();

    // The layout before facet codes: no meta table, certifications in their own table.
    const old = file("old-layout");
    const db = new Database(old);
    db.exec(`CREATE TABLE docs (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, category TEXT NOT NULL,
      commune TEXT NOT NULL, price INTEGER NOT NULL, in_stock INTEGER NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE doc_certs (cert TEXT NOT NULL, doc_rowid INTEGER NOT NULL, PRIMARY KEY (cert, doc_rowid)) WITHOUT ROWID;
      INSERT INTO docs VALUES (1, 'x', 'trai-cay', 'nha-trang', 1000, 1, 0);`);
    db.close();
    const engine = new EmbeddedSearchEngine(old);
    expect(await engine.health()).toEqual({ status: "ok", documents: 0 }); // rebuilt at start when empty
    await engine.upsert([{ ...product("b", "Rau trộng"), certs: ["vietgap"] }]);
    const { total, facets } = await engine.search(searchQuery({ q: "rau", cert: ["vietgap"] }));
    expect(total).toBe(1);
    expect(facets.cert).toEqual({ vietgap: 1 });
    await engine.close();
  });

  it("counts facets on values another process added (the outbox worker writes the same file)", async () => {
    const shared = file("shared");
    const web = new EmbeddedSearchEngine(shared);
    const worker = new EmbeddedSearchEngine(shared);
    await worker.upsert([product("a", "Xoài Úc")]);
    expect((await web.search(searchQuery({ q: "xoai" }))).facets.category).toEqual({
      [base.categorySlug]: 1,
    });
    await worker.upsert([{ ...product("b", "Xoài keo"), categorySlug: "qua-tang", communeSlug: "cam-ranh" }]);
    const { facets } = await web.search(searchQuery({ q: "xoai" }));
    expect(facets.category).toEqual({ [base.categorySlug]: 1, "qua-tang": 1 });
    expect(facets.commune).toEqual({ [base.communeSlug]: 1, "cam-ranh": 1 });
    await web.close();
    await worker.close();
  });

  it("finds a typo variant indexed after the word's variants were looked up", async () => {
    const engine = new EmbeddedSearchEngine(file("typo-cache"));
    await engine.upsert([product("a", "Bánh tráng nướng")]);
    expect((await engine.search(searchQuery({ q: "trang" }))).hits.map((h) => h.id)).toEqual(["a"]);
    await engine.upsert([product("b", "Rau trộng")]);
    expect((await engine.search(searchQuery({ q: "trang" }))).hits.map((h) => h.id)).toEqual(["a", "b"]);
    await engine.close();
  });

  it("ranks typo matches by relevance on a page after the exact matches", async () => {
    const engine = new EmbeddedSearchEngine(file("typo-page"));
    const at = (day: number) => Date.UTC(2026, 0, day);
    await engine.upsert([
      { ...product("exact1", "Bánh tráng nướng"), createdAt: at(1) },
      { ...product("exact2", "Bánh tráng trộn"), createdAt: at(2) },
      // Newest, but "trong" only in the description: by relevance it comes after the name match.
      { ...product("desc", "Rau muống"), description: "Hái trong ngày", createdAt: at(3) },
      { ...product("name", "Rau trộng"), createdAt: at(1) },
    ]);
    const page = async (n: number) =>
      (await engine.search(searchQuery({ q: "trang", perPage: 2, page: n }))).hits.map((h) => h.id);
    expect((await page(1)).sort()).toEqual(["exact1", "exact2"]);
    expect(await page(2)).toEqual(["name", "desc"]);
    await engine.close();
  });
});
