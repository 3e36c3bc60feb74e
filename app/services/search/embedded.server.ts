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
  CREATE TABLE IF NOT EXISTS docs (
    rowid      INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    category   TEXT NOT NULL,
    commune    TEXT NOT NULL,
    price      INTEGER NOT NULL,
    in_stock   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    doc        TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS docs_category ON docs(category, price);
  CREATE INDEX IF NOT EXISTS docs_commune ON docs(commune, price);
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
  CREATE TEMP TABLE IF NOT EXISTS matched (rowid INTEGER PRIMARY KEY, tier INTEGER, score REAL);
`;

// bm25 weights for name_f, desc_f, meta_f (category, seller, commune), name_x (accented name).
const BM25 = "bm25(fts, 10.0, 1.0, 2.0, 10.0)";
const foldedColumns = "{name_f desc_f meta_f}";

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

type Filters = { sql: string; params: unknown[] };

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = "embedded" as const;
  private db: Database.Database;
  // Indexed folded words by first letter, for typo expansion; rebuilt after writes.
  private vocabulary: Map<string, string[]> | null = null;

  constructor(readonly file: string) {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(schema);
  }

  async setup() {
    this.db.exec(schema);
  }

  async upsert(documents: SearchDocument[]) {
    const findRow = this.db.prepare<[string], { rowid: number }>("SELECT rowid FROM docs WHERE id = ?");
    const deleteFts = this.db.prepare("DELETE FROM fts WHERE rowid = ?");
    const deleteCerts = this.db.prepare("DELETE FROM doc_certs WHERE doc_rowid = ?");
    const upsertDoc = this.db.prepare(
      `INSERT INTO docs (id, category, commune, price, in_stock, created_at, doc)
       VALUES (@id, @category, @commune, @price, @inStock, @createdAt, @doc)
       ON CONFLICT(id) DO UPDATE SET category = excluded.category, commune = excluded.commune,
         price = excluded.price, in_stock = excluded.in_stock, created_at = excluded.created_at,
         doc = excluded.doc
       RETURNING rowid`,
    );
    const insertFts = this.db.prepare(
      "INSERT INTO fts (rowid, name_f, desc_f, meta_f, name_x) VALUES (?, ?, ?, ?, ?)",
    );
    const insertCert = this.db.prepare("INSERT INTO doc_certs (cert, doc_rowid) VALUES (?, ?)");
    this.db.transaction((docs: SearchDocument[]) => {
      for (const doc of docs) {
        const existing = findRow.get(doc.id);
        if (existing) {
          deleteFts.run(existing.rowid);
          deleteCerts.run(existing.rowid);
        }
        const { rowid } = upsertDoc.get({
          id: doc.id,
          category: doc.categorySlug,
          commune: doc.communeSlug,
          price: doc.priceVnd,
          inStock: doc.inStock ? 1 : 0,
          createdAt: doc.createdAt,
          doc: JSON.stringify(doc),
        }) as { rowid: number };
        insertFts.run(
          rowid,
          foldVietnamese(doc.name),
          foldVietnamese(doc.description),
          foldVietnamese(`${doc.categoryName} ${doc.sellerName} ${doc.communeName}`),
          accentedWords(doc.name).join(" "),
        );
        for (const cert of new Set(doc.certs)) insertCert.run(cert, rowid);
      }
    })(documents);
    this.vocabulary = null;
  }

  async remove(ids: string[]) {
    const findRow = this.db.prepare<[string], { rowid: number }>("SELECT rowid FROM docs WHERE id = ?");
    this.db.transaction(() => {
      for (const id of ids) {
        const row = findRow.get(id);
        if (!row) continue;
        this.db.prepare("DELETE FROM fts WHERE rowid = ?").run(row.rowid);
        this.db.prepare("DELETE FROM doc_certs WHERE doc_rowid = ?").run(row.rowid);
        this.db.prepare("DELETE FROM docs WHERE rowid = ?").run(row.rowid);
      }
    })();
    this.vocabulary = null;
  }

  async clear() {
    this.db.exec("DELETE FROM docs; DELETE FROM doc_certs; DELETE FROM fts;");
    this.vocabulary = null;
  }

  async health() {
    try {
      const { n } = this.db.prepare("SELECT count(*) AS n FROM docs").get() as { n: number };
      return { status: "ok" as const, documents: n };
    } catch (error) {
      return { status: "error" as const, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async close() {
    this.db.close();
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const filters = this.filters(query);
    const words = foldedWords(query.q);
    if (words.length === 0) return this.collect("docs d", "0 AS tier, 0 AS score", filters, query);

    // All words must match; when nothing matches all of them, drop words from the end
    // (Meilisearch's "last" matching strategy, simplified).
    const accented = accentedWords(query.q);
    for (let n = words.length; n > 0; n--) {
      this.fillMatched(words.slice(0, n), accented.slice(0, n));
      const result = this.collect(
        "temp.matched m JOIN docs d ON d.rowid = m.rowid",
        "m.tier, m.score",
        filters,
        query,
      );
      if (result.total > 0 || n === 1) return result;
    }
    throw new Error("unreachable");
  }

  async suggest(prefix: string, limit: number): Promise<Suggestion[]> {
    const words = foldedWords(prefix);
    if (words.length === 0) return [];
    const last = words.length - 1;
    const groups = words.map((w, i) => `{name_f}: (${quote(w)}${i === last ? ` OR ${quote(w)} *` : ""})`);
    const rows = this.db
      .prepare<[string, number], { doc: string }>(
        `SELECT d.doc FROM fts CROSS JOIN docs d ON d.rowid = fts.rowid
         WHERE fts MATCH ? ORDER BY ${BM25} LIMIT ?`,
      )
      .all(groups.join(" AND "), limit);
    return rows.map((r) => {
      const doc = JSON.parse(r.doc) as SearchDocument;
      return { id: doc.id, slug: doc.slug, name: doc.name };
    });
  }

  /** Puts the matching rows, their typo tier and bm25 score into temp.matched. */
  private fillMatched(words: string[], accented: string[]) {
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
    const withBonus = (required: string, first: string) =>
      bonuses.length ? `(${required}) AND (${first} OR ${bonuses.join(" OR ")})` : required;

    const exact = words.map(exactGroup).join(" AND ");
    this.db.exec("DELETE FROM temp.matched");
    this.db
      .prepare(
        `INSERT INTO temp.matched (rowid, tier, score) SELECT rowid, 0, ${BM25} FROM fts WHERE fts MATCH ?`,
      )
      .run(withBonus(exact, exactGroup(words[0]!, 0)));
    if (typoVariants.some((v) => v.length > 0)) {
      const withTypos = words.map(typoGroup).join(" AND ");
      this.db
        .prepare(
          `INSERT OR IGNORE INTO temp.matched (rowid, tier, score) SELECT rowid, 1, ${BM25} FROM fts WHERE fts MATCH ?`,
        )
        .run(withBonus(`(${withTypos}) NOT (${exact})`, typoGroup(words[0]!, 0)));
    }
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
        if (term !== word && typoDistance(word, term, budget) <= budget) variants.push(term);
      }
    }
    return variants;
  }

  private loadVocabulary() {
    if (!this.vocabulary) {
      const byLetter = new Map<string, string[]>();
      const terms = this.db.prepare<[], { term: string }>("SELECT term FROM fts_vocab").all();
      for (const { term } of terms) {
        if (!/^[a-z0-9]+$/.test(term)) continue; // accented words belong to name_x only
        const list = byLetter.get(term[0]!) ?? [];
        list.push(term);
        byLetter.set(term[0]!, list);
      }
      this.vocabulary = byLetter;
    }
    return this.vocabulary;
  }

  private filters(query: SearchQuery): Filters {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const inList = (column: string, values: string[]) => {
      if (!values.length) return;
      clauses.push(`${column} IN (${values.map(() => "?").join(", ")})`);
      params.push(...values);
    };
    inList("d.category", query.category);
    inList("d.commune", query.commune);
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
    return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
  }

  private collect(from: string, rank: string, filters: Filters, query: SearchQuery): SearchResult {
    const { n: total } = this.db
      .prepare(`SELECT count(*) AS n FROM ${from} ${filters.sql}`)
      .get(...filters.params) as { n: number };
    const order = {
      relevance: "tier, score, d.created_at DESC",
      price_asc: "tier, d.price, score",
      price_desc: "tier, d.price DESC, score",
      newest: "tier, d.created_at DESC, score",
    }[query.sort];
    const rows = this.db
      .prepare(
        `SELECT d.doc, ${rank} FROM ${from} ${filters.sql} ORDER BY ${order}, d.rowid LIMIT ? OFFSET ?`,
      )
      .all(...filters.params, query.perPage, (query.page - 1) * query.perPage) as { doc: string }[];
    return {
      hits: rows.map((r) => JSON.parse(r.doc) as SearchDocument),
      total,
      facets: total ? this.facets(from, filters) : { category: {}, commune: {}, cert: {} },
    };
  }

  private facets(from: string, filters: Filters): SearchFacets {
    const countBy = (column: string) =>
      Object.fromEntries(
        (
          this.db
            .prepare(
              `SELECT ${column} AS value, count(*) AS n FROM ${from} ${filters.sql} GROUP BY ${column}`,
            )
            .all(...filters.params) as { value: string; n: number }[]
        ).map((r) => [r.value, r.n]),
      );
    return {
      category: countBy("d.category"),
      commune: countBy("d.commune"),
      cert: this.certCounts(from, filters),
    };
  }

  private certCounts(from: string, filters: Filters) {
    const rows = this.db
      .prepare(
        `SELECT c.cert AS value, count(*) AS n FROM ${from} JOIN doc_certs c ON c.doc_rowid = d.rowid
         ${filters.sql} GROUP BY c.cert`,
      )
      .all(...filters.params) as { value: CertTag; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.value, r.n])) as Partial<Record<CertTag, number>>;
  }
}
