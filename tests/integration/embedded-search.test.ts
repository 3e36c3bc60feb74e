// Behaviour specific to the embedded engine (the contract suite covers what both engines share).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EmbeddedSearchEngine, TYPO_MATCHES_ONLY_BELOW } from "#app/services/search/embedded.server.ts";
import { searchQuery } from "#app/services/search/port.ts";
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
