// The embedded search engine (the default): SQLite FTS5 in its own file, no server.
//
// Vietnamese rules, matching Meilisearch (docs/decisions/005-search.md):
// - Text is folded before indexing and querying (accents stripped, đ→d), because FTS5's
//   remove_diacritics does not fold đ. The name is also indexed with its accents (name_x) so that
//   an exact-accent match ranks first ("đường" before "dương").
// - Typos: each query word is expanded to the indexed words within its typo budget
//   (app/domain/search-text.ts), looked up in an in-memory copy of the FTS vocabulary.
// - The last word also matches as a prefix ("nuoc ma" finds "nước mắm").
// - Ranking: every word must match; matches without typos come before matches with typos; then
//   bm25 with the name weighted above the rest, plus bonus phrases for the words together in the
//   name and for exact accents. An explicit sort (price, newest) applies after the typo tier.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { accentedWords, foldedWords, typoBudget, typoDistance } from "#app/domain/search-text.ts";
import { foldVietnamese } from "#app/domain/text.ts";
import {
  type CertTag,
  type SearchDocument,
  type SearchEngine,
  type SearchFacets,
  type SearchQuery,
  type SearchResult,
  type Suggestion,
} from "./port.ts";

const schema = `
  -- Narrow rows for filtering, sorting and facets; the documents themselves live in doc_json so
  -- that scanning many matches stays in cache.
  CREATE TABLE IF NOT EXISTS docs (
    rowid      INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    category   TEXT NOT NULL,
    commune    TEXT NOT NULL,
    price      INTEGER NOT NULL,
    in_stock   INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS doc_json (rowid INTEGER PRIMARY KEY, doc TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS docs_category ON docs(category, price);
  CREATE INDEX IF NOT EXISTS docs_commune ON docs(commune, price);
  CREATE INDEX IF NOT EXISTS docs_stock ON docs(in_stock, price);
  CREATE INDEX IF NOT EXISTS docs_price ON docs(price);
  CREATE INDEX IF NOT EXISTS docs_created ON docs(created_at);
  CREATE TABLE IF NOT EXISTS doc_certs (
    cert      TEXT NOT NULL,
    doc_rowid INTEGER NOT NULL,
    PRIMARY KEY (cert, doc_rowid)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS doc_certs_doc ON doc_certs(doc_rowid);
  -- Contentless: the documents live in docs; the FTS table holds only the index.
  CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    name_f, desc_f, meta_f, name_x,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3'
  );
  CREATE VIRTUAL TABLE IF NOT EXISTS fts_vocab USING fts5vocab(fts, 'row');
  -- Per query: the matching rows that pass the filters, with what sorting and facets need.
  CREATE TEMP TABLE IF NOT EXISTS matched (
    rowid INTEGER PRIMARY KEY, tier INTEGER, score REAL,
    category TEXT, commune TEXT, price INTEGER, in_stock INTEGER, created_at INTEGER
  );
`;

// bm25 weights for name_f, desc_f, meta_f (category, seller, commune), name_x (accented name).
const BM25 = "bm25(fts, 10.0, 1.0, 2.0, 10.0)";
const foldedColumns = "{name_f desc_f meta_f}";

// Typo matches are added only when the exact matches are few. With hundreds of exact matches a typo
// variant adds noise, not answers: "trang" would pull in every description with "trong" (in),
// flooding short Vietnamese syllables. Below this, typos are tolerated as Meilisearch does.
export const TYPO_MATCHES_ONLY_BELOW = 200;

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

type Filters = { sql: string; params: unknown[] };

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = "embedded" as const;
  private db: Database.Database;
  private statements = new Map<string, Database.Statement>();
  // Indexed folded words by first letter, for typo expansion. Loaded once, then kept up to date by
  // upsert (a removed document's words may linger: they only widen a query that then matches nothing).
  private vocabulary: Map<string, Set<string>> | null = null;

  constructor(readonly file: string) {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("cache_size = -65536"); // 64 MiB
    this.db.pragma("temp_store = MEMORY");
    this.db.exec(schema);
  }

  /** Prepared once per SQL text: preparing costs more than running most of these queries. */
  private sql(text: string) {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  async setup() {
    this.db.exec(schema);
  }

  async upsert(documents: SearchDocument[]) {
    this.db.transaction((docs: SearchDocument[]) => {
      for (const doc of docs) {
        const existing = this.sql("SELECT rowid FROM docs WHERE id = ?").get(doc.id) as
          { rowid: number } | undefined;
        if (existing) {
          this.sql("DELETE FROM fts WHERE rowid = ?").run(existing.rowid);
          this.sql("DELETE FROM doc_certs WHERE doc_rowid = ?").run(existing.rowid);
        }
        const { rowid } = this.sql(
          `INSERT INTO docs (id, category, commune, price, in_stock, created_at)
           VALUES (@id, @category, @commune, @price, @inStock, @createdAt)
           ON CONFLICT(id) DO UPDATE SET category = excluded.category, commune = excluded.commune,
             price = excluded.price, in_stock = excluded.in_stock, created_at = excluded.created_at
           RETURNING rowid`,
        ).get({
          id: doc.id,
          category: doc.categorySlug,
          commune: doc.communeSlug,
          price: doc.priceVnd,
          inStock: doc.inStock ? 1 : 0,
          createdAt: doc.createdAt,
        }) as { rowid: number };
        this.sql("INSERT OR REPLACE INTO doc_json (rowid, doc) VALUES (?, ?)").run(
          rowid,
          JSON.stringify(doc),
        );
        const nameFolded = foldVietnamese(doc.name);
        const descFolded = foldVietnamese(doc.description);
        const metaFolded = foldVietnamese(`${doc.categoryName} ${doc.sellerName} ${doc.communeName}`);
        this.sql("INSERT INTO fts (rowid, name_f, desc_f, meta_f, name_x) VALUES (?, ?, ?, ?, ?)").run(
          rowid,
          nameFolded,
          descFolded,
          metaFolded,
          accentedWords(doc.name).join(" "),
        );
        for (const cert of new Set(doc.certs))
          this.sql("INSERT INTO doc_certs (cert, doc_rowid) VALUES (?, ?)").run(cert, rowid);
        if (this.vocabulary)
          for (const word of foldedWords(`${nameFolded} ${descFolded} ${metaFolded}`)) this.addWord(word);
      }
    })(documents);
  }

  async remove(ids: string[]) {
    this.db.transaction(() => {
      for (const id of ids) {
        const row = this.sql("SELECT rowid FROM docs WHERE id = ?").get(id) as { rowid: number } | undefined;
        if (!row) continue;
        this.sql("DELETE FROM fts WHERE rowid = ?").run(row.rowid);
        this.sql("DELETE FROM doc_certs WHERE doc_rowid = ?").run(row.rowid);
        this.sql("DELETE FROM doc_json WHERE rowid = ?").run(row.rowid);
        this.sql("DELETE FROM docs WHERE rowid = ?").run(row.rowid);
      }
    })();
  }

  async clear() {
    this.db.exec("DELETE FROM docs; DELETE FROM doc_json; DELETE FROM doc_certs; DELETE FROM fts;");
    this.vocabulary = null;
  }

  async health() {
    try {
      const { n } = this.sql("SELECT count(*) AS n FROM docs").get() as { n: number };
      return { status: "ok" as const, documents: n };
    } catch (error) {
      return { status: "error" as const, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async close() {
    this.statements.clear();
    this.db.close();
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const filters = this.filters(query);
    const words = foldedWords(query.q);
    if (words.length === 0) return this.collect("docs", "0 AS tier, 0 AS score", filters, query);

    // All words must match; when no product at all matches all of them, drop words from the end
    // (Meilisearch's "last" matching strategy, simplified). When the words match but the filters
    // exclude everything, the answer is simply empty.
    const accented = accentedWords(query.q);
    for (let n = words.length; n > 0; n--) {
      this.fillMatched(words.slice(0, n), accented.slice(0, n), filters, query.sort === "relevance");
      const result = this.collect("temp.matched", "tier, score", { sql: "", params: [] }, query);
      if (result.total > 0 || n === 1 || (filters.sql && this.anyMatch(words.slice(0, n)))) return result;
    }
    throw new Error("unreachable");
  }

  async suggest(prefix: string, limit: number): Promise<Suggestion[]> {
    const words = foldedWords(prefix);
    if (words.length === 0) return [];
    const last = words.length - 1;
    const groups = words.map((w, i) => `{name_f}: (${quote(w)}${i === last ? ` OR ${quote(w)} *` : ""})`);
    const rows = this.sql(
      `SELECT j.doc FROM fts CROSS JOIN doc_json j ON j.rowid = fts.rowid
       WHERE fts MATCH ? ORDER BY ${BM25} LIMIT ?`,
    ).all(groups.join(" AND "), limit) as { doc: string }[];
    return rows.map((r) => {
      const doc = JSON.parse(r.doc) as SearchDocument;
      return { id: doc.id, slug: doc.slug, name: doc.name };
    });
  }

  /**
   * Puts the rows that match the words AND pass the filters into temp.matched, with their typo tier,
   * bm25 score and the columns sorting and facets need — so nothing after this touches docs again.
   * CROSS JOIN makes SQLite run the full-text match first. bm25 is a good part of the cost on broad
   * queries, so it is computed only when results are ordered by relevance.
   */
  private fillMatched(words: string[], accented: string[], filters: Filters, scored: boolean) {
    const last = words.length - 1;
    const exactGroup = (w: string, i: number) =>
      `${foldedColumns}: (${quote(w)}${i === last ? ` OR ${quote(w)} *` : ""})`;
    const typoVariants = words.map((w) => this.typoVariants(w));
    const typoGroup = (w: string, i: number) =>
      `${foldedColumns}: (${[w, ...typoVariants[i]!].map(quote).join(" OR ")}${i === last ? ` OR ${quote(w)} *` : ""})`;
    // Bonus phrases change the score, not the set: R AND (G1 OR bonus…) matches exactly R.
    const bonuses = [
      ...(words.length > 1 ? [`{name_f}: ${quote(words.join(" "))}`] : []),
      ...accented.filter((w, i) => w !== words[i]).map((w) => `{name_x}: ${quote(w)}`),
    ];
    // Only a relevance sort reads the score, so only then are the bonus phrases worth evaluating.
    const withBonus = (required: string, first: string) =>
      scored && bonuses.length ? `(${required}) AND (${first} OR ${bonuses.join(" OR ")})` : required;
    const insert = (tier: number, orIgnore: boolean) =>
      this.sql(
        `INSERT ${orIgnore ? "OR IGNORE " : ""}INTO temp.matched
           (rowid, tier, score, category, commune, price, in_stock, created_at)
         SELECT fts.rowid, ${tier}, ${scored ? BM25 : "0"}, d.category, d.commune, d.price, d.in_stock, d.created_at
         FROM fts CROSS JOIN docs d ON d.rowid = fts.rowid
         WHERE fts MATCH ? ${filters.sql ? `AND ${filters.sql}` : ""}`,
      );

    const exact = words.map(exactGroup).join(" AND ");
    this.sql("DELETE FROM temp.matched").run();
    insert(0, false).run(withBonus(exact, exactGroup(words[0]!, 0)), ...filters.params);
    // Plenty is judged before the filters: a word with hundreds of exact matches is no typo.
    const exactMatches = filters.sql
      ? (this.sql("SELECT count(*) AS n FROM fts WHERE fts MATCH ?").get(exact) as { n: number }).n
      : this.matchedCount();
    if (typoVariants.some((v) => v.length > 0) && exactMatches < TYPO_MATCHES_ONLY_BELOW) {
      const withTypos = words.map(typoGroup).join(" AND ");
      insert(1, true).run(
        // NOT keeps rows already matched exactly out cheaply, inside the full-text index.
        withBonus(`(${withTypos}) NOT (${exact})`, typoGroup(words[0]!, 0)),
        ...filters.params,
      );
    }
  }

  private matchedCount() {
    return (this.sql("SELECT count(*) AS n FROM temp.matched").get() as { n: number }).n;
  }

  /** Do these words (exactly, last one as a prefix) match any product, whatever the filters? */
  private anyMatch(words: string[]) {
    const last = words.length - 1;
    const match = words
      .map((w, i) => `${foldedColumns}: (${quote(w)}${i === last ? ` OR ${quote(w)} *` : ""})`)
      .join(" AND ");
    return Boolean(this.sql("SELECT 1 FROM fts WHERE fts MATCH ? LIMIT 1").get(match));
  }

  private typoVariants(word: string) {
    const budget = typoBudget(word);
    if (budget === 0) return [];
    const vocabulary = this.loadVocabulary();
    // A different first letter already costs 2, so with a budget of 1 only same-letter words qualify.
    const firstLetters = budget >= 2 ? [...vocabulary.keys()] : [word[0]!];
    const variants: string[] = [];
    for (const letter of firstLetters) {
      for (const term of vocabulary.get(letter) ?? []) {
        if (
          term !== word &&
          Math.abs(term.length - word.length) <= budget &&
          typoDistance(word, term, budget) <= budget
        ) {
          variants.push(term);
        }
      }
    }
    return variants;
  }

  private addWord(word: string) {
    if (!/^[a-z0-9]+$/.test(word)) return; // accented words belong to name_x only
    const letter = word[0]!;
    let set = this.vocabulary!.get(letter);
    if (!set) this.vocabulary!.set(letter, (set = new Set()));
    set.add(word);
  }

  private loadVocabulary() {
    if (!this.vocabulary) {
      this.vocabulary = new Map();
      const terms = this.sql("SELECT term FROM fts_vocab").all() as { term: string }[];
      for (const { term } of terms) this.addWord(term);
    }
    return this.vocabulary;
  }

  /** WHERE conditions on docs (alias d); the columns have the same names in temp.matched. */
  private filters(query: SearchQuery): Filters {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const inList = (column: string, values: string[]) => {
      if (!values.length) return;
      clauses.push(`d.${column} IN (${values.map(() => "?").join(", ")})`);
      params.push(...values);
    };
    inList("category", query.category);
    inList("commune", query.commune);
    if (query.cert.length) {
      clauses.push(
        `EXISTS (SELECT 1 FROM doc_certs c WHERE c.doc_rowid = d.rowid AND c.cert IN (${query.cert.map(() => "?").join(", ")}))`,
      );
      params.push(...query.cert);
    }
    if (query.minPrice !== undefined) {
      clauses.push("d.price >= ?");
      params.push(query.minPrice);
    }
    if (query.maxPrice !== undefined) {
      clauses.push("d.price <= ?");
      params.push(query.maxPrice);
    }
    if (query.inStock !== undefined) {
      clauses.push("d.in_stock = ?");
      params.push(query.inStock ? 1 : 0);
    }
    return { sql: clauses.join(" AND "), params };
  }

  /** Count, one page and the facets of the rows in `table` (docs or temp.matched) that pass the filters. */
  private collect(
    table: "docs" | "temp.matched",
    rank: string,
    filters: Filters,
    query: SearchQuery,
  ): SearchResult {
    const from = `${table} d ${filters.sql ? `WHERE ${filters.sql}` : ""}`;
    // One pass gives both facets and the total: counts per (category, commune) pair.
    const pairs = this.sql(
      `SELECT d.category AS category, d.commune AS commune, count(*) AS n FROM ${from} GROUP BY d.category, d.commune`,
    ).all(...filters.params) as { category: string; commune: string; n: number }[];
    const category: Record<string, number> = {};
    const commune: Record<string, number> = {};
    let total = 0;
    for (const p of pairs) {
      category[p.category] = (category[p.category] ?? 0) + p.n;
      commune[p.commune] = (commune[p.commune] ?? 0) + p.n;
      total += p.n;
    }
    if (total === 0) return { hits: [], total, facets: { category, commune, cert: {} } };
    const order = {
      relevance: "tier, score, d.created_at DESC",
      price_asc: "tier, d.price, score",
      price_desc: "tier, d.price DESC, score",
      newest: "tier, d.created_at DESC, score",
    }[query.sort];
    const rows = this.sql(
      `SELECT j.doc FROM (SELECT d.rowid, ${rank} FROM ${from} ORDER BY ${order}, d.rowid LIMIT ? OFFSET ?) page
       JOIN doc_json j ON j.rowid = page.rowid`,
    ).all(...filters.params, query.perPage, (query.page - 1) * query.perPage) as { doc: string }[];
    const certRows = this.sql(
      `SELECT c.cert AS value, count(*) AS n FROM doc_certs c
       WHERE c.doc_rowid IN (SELECT d.rowid FROM ${from}) GROUP BY c.cert`,
    ).all(...filters.params) as { value: CertTag; n: number }[];
    return {
      hits: rows.map((r) => JSON.parse(r.doc) as SearchDocument),
      total,
      facets: {
        category,
        commune,
        cert: Object.fromEntries(certRows.map((r) => [r.value, r.n])) as SearchFacets["cert"],
      },
    };
  }
}
