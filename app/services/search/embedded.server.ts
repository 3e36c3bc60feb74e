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
  certTags,
  type SearchDocument,
  type SearchEngine,
  type SearchFacets,
  type SearchQuery,
  type SearchResult,
  type Suggestion,
} from "#app/domain/search.ts";

const schema = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  -- Narrow rows for filtering, sorting and facets; the documents themselves live in doc_json so
  -- that scanning many matches stays in cache. facets packs the category and commune codes and the
  -- certification bits into one integer (see CODE_SPACE), so counting facets reads one value a match.
  CREATE TABLE IF NOT EXISTS docs (
    rowid      INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    category   TEXT NOT NULL,
    commune    TEXT NOT NULL,
    price      INTEGER NOT NULL,
    in_stock   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    facets     INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS doc_json (rowid INTEGER PRIMARY KEY, doc TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS docs_category ON docs(category, price);
  CREATE INDEX IF NOT EXISTS docs_commune ON docs(commune, price);
  CREATE INDEX IF NOT EXISTS docs_stock ON docs(in_stock, price);
  CREATE INDEX IF NOT EXISTS docs_price ON docs(price);
  CREATE INDEX IF NOT EXISTS docs_created ON docs(created_at);
  -- Codes of category and commune slugs. Never deleted or renumbered, so a cached code stays valid
  -- in every process that shares this file.
  CREATE TABLE IF NOT EXISTS facet_values (
    code  INTEGER PRIMARY KEY,
    kind  TEXT NOT NULL,
    value TEXT NOT NULL,
    UNIQUE (kind, value)
  );
  -- Contentless: the documents live in docs; the FTS table holds only the index.
  CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    name_f, desc_f, meta_f, name_x,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3'
  );
  CREATE VIRTUAL TABLE IF NOT EXISTS fts_vocab USING fts5vocab(fts, 'row');
  -- Per query: the matching rows that pass the filters, with what sorting and facets need. No key:
  -- the two tiers never overlap, and appending is cheaper than keeping a key unique.
  CREATE TEMP TABLE IF NOT EXISTS matched (
    doc INTEGER, tier INTEGER, score REAL, price INTEGER, created_at INTEGER, facets INTEGER
  );
`;

// An index file written under another layout (or another list of certification tags, whose order
// gives the bits) is dropped and recreated empty; the app rebuilds an empty index at start.
const INDEX_VERSION = `2; certs ${certTags.join(",")}`;
const dropAll = `
  DROP TABLE IF EXISTS fts_vocab; DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS doc_certs;
  DROP TABLE IF EXISTS doc_json; DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS facet_values;
  DROP TABLE IF EXISTS meta;
`;

// docs.facets = (category code × CODE_SPACE + commune code) × CERT_SPACE + certification bits;
// at most 2^46, exact in a JavaScript number.
const CODE_SPACE = 2 ** 20;
const CERT_SPACE = 2 ** certTags.length;
const certBit = new Map<string, number>(certTags.map((tag, i) => [tag, 2 ** i]));
const certMask = (certs: readonly string[]) => certs.reduce((mask, c) => mask | (certBit.get(c) ?? 0), 0);
// Facet keys are listed in SQLite's binary order, as the GROUP BY that used to count them did.
const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const certsInOrder = certTags.map((tag, i) => ({ tag, bit: 2 ** i })).sort((a, b) => binary(a.tag, b.tag));

// bm25 weights for name_f, desc_f, meta_f (category, seller, commune), name_x (accented name).
const BM25 = "bm25(fts, 10.0, 1.0, 2.0, 10.0)";
const foldedColumns = "{name_f desc_f meta_f}";

// Typo matches are added only when the exact matches are few. With hundreds of exact matches a typo
// variant adds noise, not answers: "trang" would pull in every description with "trong" (in),
// flooding short Vietnamese syllables. Below this, typos are tolerated as Meilisearch does.
export const TYPO_MATCHES_ONLY_BELOW = 200;

// Typo variants of this many recently searched words are kept; finding them scans the vocabulary.
const VARIANT_CACHE_SIZE = 1_000;

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

type Filters = { sql: string; params: unknown[] };

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = "embedded" as const;
  private db: Database.Database;
  private statements = new Map<string, Database.Statement>();
  // Indexed folded words by first letter, for typo expansion. Loaded once, then kept up to date by
  // upsert (a removed document's words may linger: they only widen a query that then matches nothing).
  private vocabulary: Map<string, Set<string>> | null = null;
  // Typo variants by folded word, most recently used last; emptied whenever the vocabulary grows.
  private variantCache = new Map<string, string[]>();
  // Category and commune codes (facet_values), both ways.
  private codes = new Map<string, number>();
  private slugs = new Map<number, string>();

  constructor(readonly file: string) {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("cache_size = -65536"); // 64 MiB
    this.db.pragma("temp_store = MEMORY");
    if (this.storedVersion() !== INDEX_VERSION) {
      this.db
        .transaction(() => {
          if (this.storedVersion() === INDEX_VERSION) return; // another process got there first
          this.db.exec(dropAll);
          this.db.exec(schema);
          this.db.prepare("INSERT INTO meta (key, value) VALUES ('version', ?)").run(INDEX_VERSION);
        })
        .immediate();
    }
    this.db.exec(schema);
  }

  /** The layout version of the index file; undefined for a new file or one from before versions. */
  private storedVersion() {
    const hasMeta = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
      .get();
    if (!hasMeta) return undefined;
    return this.db.prepare("SELECT value FROM meta WHERE key = 'version'").pluck().get() as
      string | undefined;
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
    try {
      this.upsertAll(documents);
    } catch (error) {
      // Codes handed out in the rolled-back transaction may be given to other values later.
      this.codes.clear();
      this.slugs.clear();
      throw error;
    }
  }

  private upsertAll(documents: SearchDocument[]) {
    this.db.transaction((docs: SearchDocument[]) => {
      for (const doc of docs) {
        const existing = this.sql("SELECT rowid FROM docs WHERE id = ?").get(doc.id) as
          { rowid: number } | undefined;
        if (existing) this.sql("DELETE FROM fts WHERE rowid = ?").run(existing.rowid);
        const { rowid } = this.sql(
          `INSERT INTO docs (id, category, commune, price, in_stock, created_at, facets)
           VALUES (@id, @category, @commune, @price, @inStock, @createdAt, @facets)
           ON CONFLICT(id) DO UPDATE SET category = excluded.category, commune = excluded.commune,
             price = excluded.price, in_stock = excluded.in_stock, created_at = excluded.created_at,
             facets = excluded.facets
           RETURNING rowid`,
        ).get({
          id: doc.id,
          category: doc.categorySlug,
          commune: doc.communeSlug,
          price: doc.priceVnd,
          inStock: doc.inStock ? 1 : 0,
          createdAt: doc.createdAt,
          facets:
            (this.code("category", doc.categorySlug) * CODE_SPACE + this.code("commune", doc.communeSlug)) *
              CERT_SPACE +
            certMask(doc.certs),
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
        this.sql("DELETE FROM doc_json WHERE rowid = ?").run(row.rowid);
        this.sql("DELETE FROM docs WHERE rowid = ?").run(row.rowid);
      }
    })();
  }

  async clear() {
    // facet_values stays: other processes may hold its codes.
    this.db.exec("DELETE FROM docs; DELETE FROM doc_json; DELETE FROM fts;");
    this.vocabulary = null;
    this.variantCache.clear();
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
    if (words.length === 0)
      return this.collect("docs", "d.rowid AS doc, 0 AS tier, 0 AS score", filters, query);

    // All words must match; when no product at all matches all of them, drop words from the end
    // (Meilisearch's "last" matching strategy, simplified). When the words match but the filters
    // exclude everything, the answer is simply empty.
    const accented = accentedWords(query.q);
    for (let n = words.length; n > 0; n--) {
      this.fillMatched(
        words.slice(0, n),
        accented.slice(0, n),
        filters,
        query.sort === "relevance",
        query.page * query.perPage,
      );
      const result = this.collect("temp.matched", "doc, tier, score", { sql: "", params: [] }, query);
      if (result.total > 0 || n === 1 || (filters.sql && this.anyMatch(words.slice(0, n)))) return result;
    }
    throw new Error("unreachable");
  }

  async suggest(prefix: string, limit: number): Promise<Suggestion[]> {
    const words = foldedWords(prefix);
    if (words.length === 0) return [];
    const last = words.length - 1;
    const groups = words.map((w, i) => `{name_f}: (${quote(w)}${i === last ? ` OR ${quote(w)} *` : ""})`);
    // The best few first, then their documents: joining before the sort would read the document of
    // every match of a short prefix.
    const rows = this.sql(
      `SELECT j.doc FROM (SELECT fts.rowid AS rowid, ${BM25} AS score FROM fts WHERE fts MATCH ?
         ORDER BY score LIMIT ?) best
       CROSS JOIN doc_json j ON j.rowid = best.rowid ORDER BY best.score`,
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
   * queries, so it is computed only when results are ordered by relevance, and for typo matches only
   * when they can reach the page (up to `pageEnd` rows in order).
   */
  private fillMatched(
    words: string[],
    accented: string[],
    filters: Filters,
    scored: boolean,
    pageEnd: number,
  ) {
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
    const withBonus = (required: string, first: string, withScore: boolean) =>
      withScore && bonuses.length ? `(${required}) AND (${first} OR ${bonuses.join(" OR ")})` : required;
    const insert = (tier: number, withScore: boolean) =>
      this.sql(
        `INSERT INTO temp.matched (doc, tier, score, price, created_at, facets)
         SELECT fts.rowid, ${tier}, ${withScore ? BM25 : "0"}, d.price, d.created_at, d.facets
         FROM fts CROSS JOIN docs d ON d.rowid = fts.rowid
         WHERE fts MATCH ? ${filters.sql ? `AND ${filters.sql}` : ""}`,
      );

    const exact = words.map(exactGroup).join(" AND ");
    this.sql("DELETE FROM temp.matched").run();
    insert(0, scored).run(withBonus(exact, exactGroup(words[0]!, 0), scored), ...filters.params);
    if (!typoVariants.some((v) => v.length > 0)) return;
    // Plenty is judged before the filters: a word with hundreds of exact matches is no typo.
    // Counting stops at the threshold.
    const exactMatches = filters.sql
      ? (this.sql("SELECT count(*) FROM (SELECT 1 FROM fts WHERE fts MATCH ? LIMIT ?)")
          .pluck()
          .get(exact, TYPO_MATCHES_ONLY_BELOW) as number)
      : this.matchedCount();
    if (exactMatches >= TYPO_MATCHES_ONLY_BELOW) return;
    const withTypos = words.map(typoGroup).join(" AND ");
    // Typo matches rank after every exact one: when the exact ones fill the page, their scores are
    // never read.
    const typoScored = scored && this.matchedCount() < pageEnd;
    insert(1, typoScored).run(
      // NOT keeps rows already matched exactly out, cheaply, inside the full-text index.
      withBonus(`(${withTypos}) NOT (${exact})`, typoGroup(words[0]!, 0), typoScored),
      ...filters.params,
    );
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
    const cached = this.variantCache.get(word);
    if (cached) {
      this.variantCache.delete(word);
      this.variantCache.set(word, cached);
      return cached;
    }
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
    this.variantCache.set(word, variants);
    if (this.variantCache.size > VARIANT_CACHE_SIZE)
      this.variantCache.delete(this.variantCache.keys().next().value!);
    return variants;
  }

  private addWord(word: string) {
    if (!/^[a-z0-9]+$/.test(word)) return; // accented words belong to name_x only
    const letter = word[0]!;
    let set = this.vocabulary!.get(letter);
    if (!set) this.vocabulary!.set(letter, (set = new Set()));
    if (set.has(word)) return;
    set.add(word);
    this.variantCache.clear(); // a new word may be some cached word's variant
  }

  private loadVocabulary() {
    if (!this.vocabulary) {
      this.vocabulary = new Map();
      const terms = this.sql("SELECT term FROM fts_vocab").all() as { term: string }[];
      for (const { term } of terms) this.addWord(term);
    }
    return this.vocabulary;
  }

  /** WHERE conditions on docs (alias d). */
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
      clauses.push("(d.facets & ?) != 0"); // any of the tags
      params.push(certMask(query.cert));
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

  /**
   * Count, one page and the facets of the rows in `table` (docs or temp.matched) that pass the
   * filters; `rank` selects doc (the docs rowid), tier and score.
   */
  private collect(
    table: "docs" | "temp.matched",
    rank: string,
    filters: Filters,
    query: SearchQuery,
  ): SearchResult {
    const from = `${table} d ${filters.sql ? `WHERE ${filters.sql}` : ""}`;
    // One pass gives the total and all facets: the packed facet values of every row, as one string
    // (a GROUP BY would sort thousands of rows; this reads each once).
    const packed = this.sql(`SELECT group_concat(d.facets) FROM ${from}`)
      .pluck()
      .get(...filters.params) as string | null;
    const { total, facets } = this.countFacets(packed);
    if (total === 0) return { hits: [], total, facets };
    const order = {
      relevance: "tier, score, d.created_at DESC",
      price_asc: "tier, d.price, score",
      price_desc: "tier, d.price DESC, score",
      newest: "tier, d.created_at DESC, score",
    }[query.sort];
    const rows = this.sql(
      `SELECT j.doc FROM (SELECT ${rank} FROM ${from} ORDER BY ${order}, doc LIMIT ? OFFSET ?) page
       JOIN doc_json j ON j.rowid = page.doc`,
    ).all(...filters.params, query.perPage, (query.page - 1) * query.perPage) as { doc: string }[];
    return { hits: rows.map((r) => JSON.parse(r.doc) as SearchDocument), total, facets };
  }

  /**
   * Facet counts from comma-separated docs.facets values. Keys come in the order a GROUP BY
   * category, commune (then cert) used to give them.
   */
  private countFacets(packed: string | null): { total: number; facets: SearchFacets } {
    const counts = new Map<number, number>();
    if (packed) {
      let value = 0;
      for (let i = 0; i < packed.length; i++) {
        const c = packed.charCodeAt(i);
        if (c === 44 /* , */) {
          counts.set(value, (counts.get(value) ?? 0) + 1);
          value = 0;
        } else {
          value = value * 10 + (c - 48);
        }
      }
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    let total = 0;
    const pairs = new Map<number, number>();
    const certCounts = new Map<number, number>();
    for (const [value, n] of counts) {
      total += n;
      const certs = value % CERT_SPACE;
      const pair = (value - certs) / CERT_SPACE;
      pairs.set(pair, (pairs.get(pair) ?? 0) + n);
      for (const { bit } of certsInOrder)
        if (certs & bit) certCounts.set(bit, (certCounts.get(bit) ?? 0) + n);
    }
    const named = [...pairs].map(([pair, n]) => {
      const communeCode = pair % CODE_SPACE;
      return { category: this.slug((pair - communeCode) / CODE_SPACE), commune: this.slug(communeCode), n };
    });
    named.sort((a, b) => binary(a.category, b.category) || binary(a.commune, b.commune));
    const category: Record<string, number> = {};
    const commune: Record<string, number> = {};
    for (const p of named) {
      category[p.category] = (category[p.category] ?? 0) + p.n;
      commune[p.commune] = (commune[p.commune] ?? 0) + p.n;
    }
    const cert: SearchFacets["cert"] = {};
    if (total > 0)
      for (const { tag, bit } of certsInOrder) {
        const n = certCounts.get(bit);
        if (n) cert[tag] = n;
      }
    return { total, facets: { category, commune, cert } };
  }

  /** The code of a category or commune slug, given one on first sight. */
  private code(kind: "category" | "commune", slug: string) {
    const key = `${kind}:${slug}`;
    let code = this.codes.get(key);
    if (code === undefined) {
      this.sql("INSERT OR IGNORE INTO facet_values (kind, value) VALUES (?, ?)").run(kind, slug);
      code = this.sql("SELECT code FROM facet_values WHERE kind = ? AND value = ?")
        .pluck()
        .get(kind, slug) as number;
      this.codes.set(key, code);
      this.slugs.set(code, slug);
    }
    return code;
  }

  private slug(code: number) {
    if (!this.slugs.has(code)) {
      // Given by another process (the outbox worker) or before this one started.
      const rows = this.sql("SELECT code, value FROM facet_values").all() as {
        code: number;
        value: string;
      }[];
      for (const r of rows) this.slugs.set(r.code, r.value);
    }
    const slug = this.slugs.get(code);
    if (slug === undefined) throw new Error(`Search index: unknown facet code ${code}`);
    return slug;
  }
}
