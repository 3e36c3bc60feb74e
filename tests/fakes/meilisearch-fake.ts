// A small Meilisearch stand-in for tests: Meilisearch cannot be installed on these machines.
// It follows the documented HTTP API closely enough for our adapter — asynchronous tasks
// (enqueued → processing → succeeded/failed), settings, documents, search with filters, facets,
// sort and pagination, API-key auth and error bodies — and lets tests break it on purpose.
// Text matching imitates Meilisearch's: diacritics and đ folded, prefix on the last query word,
// typo tolerance by word length; it is not a relevance engine.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { foldVietnamese } from "#app/domain/text.ts";

type Doc = Record<string, unknown>;
type Json = Record<string, unknown>;
export type MeiliError = { message: string; code: string; type: string; link: string };
export type FakeTask = {
  uid: number;
  batchUid: number | null;
  indexUid: string | null;
  status: "enqueued" | "processing" | "succeeded" | "failed";
  type: string;
  canceledBy: null;
  details: Json;
  error: MeiliError | null;
  duration: string | null;
  enqueuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};
export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
};
type FakeIndex = {
  uid: string;
  primaryKey: string | null;
  createdAt: string;
  updatedAt: string;
  documents: Map<string, Doc>;
  settings: Json;
};

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type = "invalid_request",
  ) {
    super(message);
  }
  get body(): MeiliError {
    return { message: this.message, code: this.code, type: this.type, link: errorLink(this.code) };
  }
}

const errorLink = (code: string) => `https://docs.meilisearch.com/errors#${code}`;
const invalid = (code: string, message: string) => new ApiError(400, code, message);
/** Meilisearch's message for an attribute missing from a settings list. */
function requireListed(code: string, kind: string, attribute: string, allowed: string[]) {
  if (allowed.includes(attribute) || allowed.includes("*")) return;
  const available = allowed.map((a) => `\`${a}\``).join(", ");
  throw invalid(
    code,
    `Attribute \`${attribute}\` is not ${kind}. Available ${kind} attributes are: ${available}.`,
  );
}
const now = () => new Date().toISOString();

function defaultSettings(): Json {
  return {
    displayedAttributes: ["*"],
    searchableAttributes: ["*"],
    filterableAttributes: [],
    sortableAttributes: [],
    rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
    stopWords: [],
    nonSeparatorTokens: [],
    separatorTokens: [],
    dictionary: [],
    synonyms: {},
    distinctAttribute: null,
    proximityPrecision: "byWord",
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnWords: [],
      disableOnAttributes: [],
    },
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { "*": "alpha" } },
    pagination: { maxTotalHits: 1000 },
    searchCutoffMs: null,
  };
}
// These settings are objects whose fields can be updated one at a time; the rest are replaced.
const nestedSettings = new Set(["typoTolerance", "faceting", "pagination"]);

function mergeSettings(current: Json, patch: Json) {
  const defaults = defaultSettings();
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) current[key] = defaults[key];
    else if (nestedSettings.has(key)) current[key] = mergeObjects(current[key] as Json, value as Json);
    else current[key] = value;
  }
}
function mergeObjects(base: Json, patch: Json): Json {
  const merged = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const isObject = value && typeof value === "object" && !Array.isArray(value);
    merged[key] = isObject && base[key] ? mergeObjects(base[key] as Json, value as Json) : value;
  }
  return merged;
}

const words = (text: string) =>
  foldVietnamese(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Edits between two words, an adjacent swap counting one; a wrong first letter counts two. */
function typos(a: string, b: string) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]! + (a[0] !== b[0] ? 1 : 0);
}

// ---- Filters: the string/array syntax, with =, !=, >, >=, <, <=, IN, NOT IN, NOT, AND, OR, ().
type Predicate = (doc: Doc) => boolean;
type Token = { kind: "word" | "string" | "symbol"; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:(>=|<=|!=|[=<>()[\],])|"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|([^\s=<>!()[\],"']+))/y;
  while (pattern.lastIndex < source.length) {
    const at = pattern.lastIndex;
    const match = pattern.exec(source);
    if (!match || match.index !== at) {
      if (/^\s*$/.test(source.slice(at))) break;
      throw filterError(`Was expecting a value but instead got \`${source.slice(at)}\`.`);
    }
    if (match[1]) tokens.push({ kind: "symbol", text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: "string", text: match[2].replaceAll('\\"', '"') });
    else if (match[3] !== undefined) tokens.push({ kind: "string", text: match[3].replaceAll("\\'", "'") });
    else if (match[4]) tokens.push({ kind: "word", text: match[4] });
  }
  return tokens;
}

const filterError = (message: string) => invalid("invalid_search_filter", message);

function fieldValues(doc: Doc, attribute: string): unknown[] {
  const value = doc[attribute];
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}
function valueEquals(field: unknown, value: string) {
  if (typeof field === "number") return value.trim() !== "" && Number(value) === field;
  return String(field).toLowerCase() === value.toLowerCase();
}

const comparisons: Record<string, (field: number, value: number) => boolean> = {
  ">": (f, v) => f > v,
  ">=": (f, v) => f >= v,
  "<": (f, v) => f < v,
  "<=": (f, v) => f <= v,
};

function parseFilter(source: string, filterable: string[]): Predicate {
  const tokens = tokenize(source);
  let position = 0;
  const peek = () => tokens[position];
  const isWord = (text: string) => peek()?.kind === "word" && peek()?.text === text;
  const next = () => {
    const token = tokens[position++];
    if (!token) throw filterError(`Unexpected end of filter \`${source}\`.`);
    return token;
  };
  const expect = (text: string) => {
    const token = next();
    if (token.text !== text || token.kind === "string")
      throw filterError(`Expected \`${text}\` in \`${source}\`.`);
  };
  const value = () => {
    const token = next();
    if (token.kind === "symbol")
      throw filterError(`Was expecting a value but instead got \`${token.text}\`.`);
    return token.text;
  };
  const list = () => {
    expect("[");
    const values = [value()];
    while (peek()?.text === ",") {
      next();
      values.push(value());
    }
    expect("]");
    return values;
  };
  const condition = (): Predicate => {
    const attribute = value();
    requireListed("invalid_search_filter", "filterable", attribute, filterable);
    const values = (doc: Doc) => fieldValues(doc, attribute);
    if (isWord("IN") || isWord("NOT")) {
      const negated = next().text === "NOT";
      if (negated) expect("IN");
      const options = list();
      const test: Predicate = (doc) => values(doc).some((f) => options.some((o) => valueEquals(f, o)));
      return negated ? (doc) => !test(doc) : test;
    }
    const operator = next().text;
    const operand = value();
    const equals: Predicate = (doc) => values(doc).some((f) => valueEquals(f, operand));
    if (operator === "=") return equals;
    if (operator === "!=") return (doc) => !equals(doc);
    const compare = comparisons[operator];
    if (!compare) throw filterError(`Unsupported operator \`${operator}\` in \`${source}\`.`);
    const number = Number(operand);
    return (doc) => values(doc).some((f) => typeof f === "number" && compare(f, number));
  };
  const primary = (): Predicate => {
    if (isWord("NOT")) {
      next();
      const inner = primary();
      return (doc) => !inner(doc);
    }
    if (peek()?.kind === "symbol" && peek()?.text === "(") {
      next();
      const inner = or();
      expect(")");
      return inner;
    }
    return condition();
  };
  const and = (): Predicate => {
    const parts = [primary()];
    while (isWord("AND")) {
      next();
      parts.push(primary());
    }
    return (doc) => parts.every((p) => p(doc));
  };
  const or = (): Predicate => {
    const parts = [and()];
    while (isWord("OR")) {
      next();
      parts.push(and());
    }
    return (doc) => parts.some((p) => p(doc));
  };
  const predicate = or();
  if (position < tokens.length)
    throw filterError(
      `Found unexpected characters at the end of the filter: \`${tokens
        .slice(position)
        .map((t) => t.text)
        .join(" ")}\`.`,
    );
  return predicate;
}

/** A string is one expression; an array ANDs its elements, and an inner array ORs its strings. */
function compileFilter(filter: unknown, filterable: string[]): Predicate {
  if (filter === undefined || filter === null) return () => true;
  if (typeof filter === "string") return filter.trim() ? parseFilter(filter, filterable) : () => true;
  if (Array.isArray(filter)) {
    const parts = filter.map((element): Predicate => {
      if (typeof element === "string") return parseFilter(element, filterable);
      if (Array.isArray(element) && element.every((e) => typeof e === "string")) {
        const alternatives = element.map((e: string) => parseFilter(e, filterable));
        return (doc) => alternatives.some((p) => p(doc));
      }
      throw filterError("Invalid value type: filter arrays may only contain strings or arrays of strings.");
    });
    return (doc) => parts.every((p) => p(doc));
  }
  throw filterError("Invalid value type for `filter`: expected a string or an array.");
}

export class MeilisearchFake {
  /** Every request received, in order, including rejected ones. */
  readonly requests: RecordedRequest[] = [];
  readonly #apiKey: string | undefined;
  readonly #indexes = new Map<string, FakeIndex>();
  readonly #tasks: FakeTask[] = [];
  #queue: Promise<void> = Promise.resolve();
  #taskDelayMs: number;
  #failures = { remaining: 0, skip: 0, message: "", code: "internal" };
  #server: http.Server | null = null;
  #port = 0;

  constructor({ apiKey, taskDelayMs = 5 }: { apiKey?: string; taskDelayMs?: number } = {}) {
    this.#apiKey = apiKey;
    this.#taskDelayMs = taskDelayMs;
  }

  get url() {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Listens on a free port, or on the same port again after stop(). */
  async start() {
    const server = http.createServer((req, res) => {
      this.#handle(req, res).catch(() => res.destroy()); // the client went away mid-request
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.#port, "127.0.0.1", () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
    return this;
  }

  /** Closes the socket and every open connection, so clients see a refused connection. */
  async stop() {
    const server = this.#server;
    if (!server) return;
    this.#server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  /**
   * The next `count` tasks to be processed fail with this message, as Meilisearch reports a failed
   * task; `skip` lets that many tasks succeed first.
   */
  failNextTasks(count: number, message: string, { code = "internal", skip = 0 } = {}) {
    this.#failures = { remaining: count, skip, message, code };
  }

  /** Time a task spends enqueued, and again processing. */
  setTaskDelay(ms: number) {
    this.#taskDelayMs = ms;
  }

  /** Resolves once every task enqueued so far has finished. */
  idle() {
    return this.#queue;
  }

  tasks(): FakeTask[] {
    return this.#tasks.map((task) => structuredClone(task));
  }

  documents(indexUid: string): Doc[] {
    return [...(this.#indexes.get(indexUid)?.documents.values() ?? [])].map((d) => structuredClone(d));
  }

  settings(indexUid: string): Json | undefined {
    const index = this.#indexes.get(indexUid);
    return index && structuredClone(index.settings);
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    let raw = "";
    for await (const chunk of req.setEncoding("utf8")) raw += chunk;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    this.requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      authorization: req.headers.authorization,
    });
    try {
      if (raw && typeof body === "string")
        throw invalid("malformed_payload", "The json payload provided is malformed.");
      this.#authorize(url.pathname, req.headers.authorization);
      const [status, response] = this.#route(method, url, body);
      send(status, response);
    } catch (error) {
      const apiError =
        error instanceof ApiError ? error : new ApiError(500, "internal", String(error), "internal");
      send(apiError.status, apiError.body);
    }
  }

  #authorize(path: string, header: string | undefined) {
    if (!this.#apiKey || path === "/health") return;
    if (!header) {
      throw new ApiError(
        401,
        "missing_authorization_header",
        "The Authorization header is missing. It must use the bearer authorization method.",
        "auth",
      );
    }
    if (header !== `Bearer ${this.#apiKey}`) {
      throw new ApiError(403, "invalid_api_key", "The provided API key is invalid.", "auth");
    }
  }

  #route(method: string, url: URL, body: unknown): [number, unknown] {
    const [resource, uid, sub, action] = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const route = `${method} /${[resource, uid && ":uid", sub, action].filter(Boolean).join("/")}`;
    const payload = (body ?? {}) as Json;
    switch (route) {
      case "GET /health":
        return [200, { status: "available" }];
      case "GET /tasks/:uid": {
        const task = this.#tasks.find((t) => t.uid === Number(uid));
        if (!task) throw new ApiError(404, "task_not_found", `Task \`${uid}\` not found.`);
        return [200, task];
      }
      case "GET /indexes": {
        const results = [...this.#indexes.values()].map(indexView);
        return [200, { results, offset: 0, limit: 20, total: results.length }];
      }
      case "POST /indexes": {
        const newUid = payload.uid;
        if (typeof newUid !== "string") throw invalid("missing_index_uid", "Missing field `uid`");
        if (!/^[A-Za-z0-9_-]{1,400}$/.test(newUid))
          throw invalid("invalid_index_uid", `\`${newUid}\` is not a valid index uid.`);
        const primaryKey = typeof payload.primaryKey === "string" ? payload.primaryKey : null;
        return this.#enqueue(newUid, "indexCreation", { primaryKey }, () => {
          if (this.#indexes.has(newUid))
            throw invalid("index_already_exists", `Index \`${newUid}\` already exists.`);
          this.#createIndex(newUid, primaryKey);
        });
      }
      case "GET /indexes/:uid":
        return [200, indexView(this.#index(uid!))];
      case "GET /indexes/:uid/stats":
        return [200, this.#stats(this.#index(uid!))];
      case "GET /indexes/:uid/settings":
        return [200, this.#index(uid!).settings];
      case "PATCH /indexes/:uid/settings": {
        const known = Object.keys(defaultSettings());
        const unknown = Object.keys(payload).find((key) => !known.includes(key));
        if (unknown) throw invalid("bad_request", `Unknown field \`${unknown}\`.`);
        return this.#enqueue(uid!, "settingsUpdate", structuredClone(payload), () => {
          const index = this.#indexes.get(uid!) ?? this.#createIndex(uid!, null);
          mergeSettings(index.settings, payload);
          index.updatedAt = now();
        });
      }
      case "POST /indexes/:uid/documents":
      case "PUT /indexes/:uid/documents": {
        if (!Array.isArray(body))
          throw invalid("malformed_payload", "The payload must be an array of documents.");
        const docs = body as Doc[];
        const replace = method === "POST";
        return this.#enqueue(
          uid!,
          "documentAdditionOrUpdate",
          { receivedDocuments: docs.length, indexedDocuments: null },
          () => {
            const index = this.#indexes.get(uid!) ?? this.#createIndex(uid!, null);
            const key = this.#primaryKey(index, url.searchParams.get("primaryKey"), docs);
            for (const doc of docs) {
              const id = doc[key];
              if (typeof id !== "string" && typeof id !== "number") {
                throw invalid("missing_document_id", `Document doesn't have a \`${key}\` attribute.`);
              }
              const existing = index.documents.get(String(id));
              index.documents.set(String(id), replace || !existing ? doc : { ...existing, ...doc });
            }
            index.updatedAt = now();
            return { indexedDocuments: docs.length };
          },
        );
      }
      case "POST /indexes/:uid/documents/delete-batch": {
        const ids = Array.isArray(body) ? body.map(String) : [];
        return this.#enqueue(
          uid!,
          "documentDeletion",
          { providedIds: ids.length, deletedDocuments: null, originalFilter: null },
          () => {
            const index = this.#index(uid!);
            return { deletedDocuments: ids.filter((id) => index.documents.delete(id)).length };
          },
        );
      }
      case "DELETE /indexes/:uid/documents":
        return this.#enqueue(
          uid!,
          "documentDeletion",
          { providedIds: 0, deletedDocuments: null, originalFilter: null },
          () => {
            const index = this.#index(uid!);
            const deletedDocuments = index.documents.size;
            index.documents.clear();
            return { deletedDocuments };
          },
        );
      case "POST /indexes/:uid/search":
        return [200, this.#search(this.#index(uid!), payload)];
      default:
        throw new ApiError(404, "not_found", `The fake does not implement ${method} ${url.pathname}.`);
    }
  }

  #index(uid: string) {
    const index = this.#indexes.get(uid);
    if (!index) throw new ApiError(404, "index_not_found", `Index \`${uid}\` not found.`);
    return index;
  }

  #createIndex(uid: string, primaryKey: string | null) {
    const index = {
      uid,
      primaryKey,
      createdAt: now(),
      updatedAt: now(),
      documents: new Map(),
      settings: defaultSettings(),
    };
    this.#indexes.set(uid, index);
    return index;
  }

  /** The index's primary key, else the one requested, else the only field ending in "id". */
  #primaryKey(index: FakeIndex, requested: string | null, docs: Doc[]) {
    if (index.primaryKey && requested && requested !== index.primaryKey) {
      throw invalid(
        "index_primary_key_already_exists",
        `Index \`${index.uid}\`: Index already has a primary key.`,
      );
    }
    const inferred = Object.keys(docs[0] ?? {}).filter((key) => key.toLowerCase().endsWith("id"));
    index.primaryKey ??= requested ?? (inferred.length === 1 ? inferred[0]! : null);
    if (!index.primaryKey)
      throw invalid("index_primary_key_no_candidate_found", "The primary key inference failed.");
    return index.primaryKey;
  }

  #stats(index: FakeIndex) {
    const fieldDistribution: Record<string, number> = {};
    for (const doc of index.documents.values()) {
      for (const key of Object.keys(doc)) fieldDistribution[key] = (fieldDistribution[key] ?? 0) + 1;
    }
    const isIndexing = this.#tasks.some(
      (t) => t.indexUid === index.uid && (t.status === "enqueued" || t.status === "processing"),
    );
    return {
      numberOfDocuments: index.documents.size,
      rawDocumentDbSize: 0,
      avgDocumentSize: 0,
      isIndexing,
      numberOfEmbeddings: 0,
      numberOfEmbeddedDocuments: 0,
      fieldDistribution,
    };
  }

  /** Answers 202 with the summarized task; the work runs later, one task at a time, in order. */
  #enqueue(indexUid: string, type: string, details: Json, apply: () => Json | void): [number, unknown] {
    const task: FakeTask = {
      uid: this.#tasks.length,
      batchUid: null,
      indexUid,
      status: "enqueued",
      type,
      canceledBy: null,
      details,
      error: null,
      duration: null,
      enqueuedAt: now(),
      startedAt: null,
      finishedAt: null,
    };
    this.#tasks.push(task);
    this.#queue = this.#queue.then(() => this.#process(task, apply));
    return [202, { taskUid: task.uid, indexUid, status: task.status, type, enqueuedAt: task.enqueuedAt }];
  }

  async #process(task: FakeTask, apply: () => Json | void) {
    await sleep(this.#taskDelayMs);
    const started = Date.now();
    Object.assign(task, { status: "processing", startedAt: now(), batchUid: task.uid });
    await sleep(this.#taskDelayMs);
    try {
      if (this.#failures.remaining > 0 && this.#failures.skip-- <= 0) {
        this.#failures.remaining--;
        throw new ApiError(500, this.#failures.code, this.#failures.message, "internal");
      }
      Object.assign(task.details, apply() ?? {});
      task.status = "succeeded";
    } catch (error) {
      task.status = "failed";
      task.error = (
        error instanceof ApiError ? error : new ApiError(500, "internal", String(error), "internal")
      ).body;
    }
    task.finishedAt = now();
    task.duration = `PT${((Date.now() - started) / 1000).toFixed(3)}S`;
  }

  #search(index: FakeIndex, params: Json) {
    const settings = index.settings as Settings;
    const facets = (params.facets as string[] | undefined) ?? [];
    for (const facet of facets) {
      requireListed("invalid_search_facets", "filterable", facet, settings.filterableAttributes);
    }
    const searchOn = (params.attributesToSearchOn as string[] | undefined) ?? settings.searchableAttributes;
    for (const attribute of searchOn) {
      requireListed(
        "invalid_search_attributes_to_search_on",
        "searchable",
        attribute,
        settings.searchableAttributes,
      );
    }
    const sort = ((params.sort as string[] | undefined) ?? []).map((rule) => {
      const [attribute = "", direction] = rule.split(":");
      requireListed("invalid_search_sort", "sortable", attribute, settings.sortableAttributes);
      if (direction !== "asc" && direction !== "desc")
        throw invalid("invalid_search_sort", `Invalid sort \`${rule}\`.`);
      return { attribute, sign: direction === "asc" ? 1 : -1 };
    });
    const matchesFilter = compileFilter(params.filter, settings.filterableAttributes);
    const candidates = [...index.documents.values()].filter(matchesFilter);
    const strategy = params.matchingStrategy === "all" ? "all" : "last";
    const matches = rank(
      candidates,
      typeof params.q === "string" ? params.q : "",
      searchOn,
      sort,
      settings,
      strategy,
    );

    const facetDistribution: Record<string, Record<string, number>> = {};
    for (const facet of facets) {
      const counts: Record<string, number> = {};
      for (const doc of matches) {
        for (const value of new Set(fieldValues(doc, facet).map(String)))
          counts[value] = (counts[value] ?? 0) + 1;
      }
      const values = Object.keys(counts).sort().slice(0, settings.faceting.maxValuesPerFacet);
      facetDistribution[facet] = Object.fromEntries(values.map((value) => [value, counts[value]!]));
    }

    const reachable = matches.slice(0, settings.pagination.maxTotalHits);
    const retrieve = params.attributesToRetrieve as string[] | undefined;
    const project = (doc: Doc) =>
      !retrieve || retrieve.includes("*")
        ? doc
        : Object.fromEntries(Object.entries(doc).filter(([key]) => retrieve.includes(key)));
    const response = {
      query: params.q ?? "",
      processingTimeMs: 0,
      ...(facets.length ? { facetDistribution } : {}),
    };
    if (params.page !== undefined || params.hitsPerPage !== undefined) {
      const page = Number(params.page ?? 1);
      const hitsPerPage = Number(params.hitsPerPage ?? 20);
      const start = (page - 1) * hitsPerPage;
      const hits = page < 1 ? [] : reachable.slice(start, start + hitsPerPage).map(project);
      const totalPages = hitsPerPage ? Math.ceil(reachable.length / hitsPerPage) : 0;
      return { hits, ...response, hitsPerPage, page, totalPages, totalHits: reachable.length };
    }
    const offset = Number(params.offset ?? 0);
    const limit = Number(params.limit ?? 20);
    const hits = reachable.slice(offset, offset + limit).map(project);
    return { hits, ...response, limit, offset, estimatedTotalHits: reachable.length };
  }
}

function indexView({ uid, primaryKey, createdAt, updatedAt }: FakeIndex) {
  return { uid, primaryKey, createdAt, updatedAt };
}

// ---- Ranking: the words, typo, attribute, sort and exactness rules, in the index's order.
type Settings = {
  searchableAttributes: string[];
  filterableAttributes: string[];
  sortableAttributes: string[];
  rankingRules: string[];
  typoTolerance: { enabled: boolean; minWordSizeForTypos: { oneTypo: number; twoTypos: number } };
  faceting: { maxValuesPerFacet: number };
  pagination: { maxTotalHits: number };
};
type Scored = { doc: Doc; order: number; matched: number; typos: number; attribute: number; exact: number };
type WordMatch = { typos: number; attribute: number; exact: boolean };

function rank(
  documents: Doc[],
  q: string,
  searchOn: string[],
  sort: { attribute: string; sign: number }[],
  settings: Settings,
  strategy: "all" | "last" = "last",
): Doc[] {
  const queryWords = words(q);
  const { enabled, minWordSizeForTypos: size } = settings.typoTolerance;
  const allowedTypos = (word: string) =>
    !enabled ? 0 : word.length >= size.twoTypos ? 2 : word.length >= size.oneTypo ? 1 : 0;
  const scored: Scored[] = [];
  documents.forEach((doc, order) => {
    const attributes = searchOn.includes("*") ? Object.keys(doc) : searchOn;
    const fields = attributes.map((a) =>
      fieldValues(doc, a)
        .filter((v) => typeof v === "string")
        .flatMap(words),
    );
    const score = { doc, order, matched: 0, typos: 0, attribute: Infinity, exact: 0 };
    for (const [i, queryWord] of queryWords.entries()) {
      let best: WordMatch | undefined;
      for (const [attribute, fieldWords] of fields.entries()) {
        for (const word of fieldWords) {
          // Only the last query word may be a prefix: the user is still typing it.
          const isPrefix = i === queryWords.length - 1 && word.startsWith(queryWord);
          const cost = isPrefix ? 0 : typos(queryWord, word);
          if (cost > allowedTypos(queryWord)) continue;
          if (!best || cost < best.typos || (cost === best.typos && attribute < best.attribute)) {
            best = { typos: cost, attribute, exact: word === queryWord };
          }
        }
      }
      // "last" (the default): a document may miss query words from the end; "all": it may not.
      if (!best) {
        if (strategy === "all") score.matched = 0;
        break;
      }
      score.matched++;
      score.typos += best.typos;
      score.attribute = Math.min(score.attribute, best.attribute);
      score.exact += best.exact ? 1 : 0;
    }
    if (queryWords.length === 0 || score.matched > 0) scored.push(score);
  });

  const bySort = (a: Doc, b: Doc) => {
    for (const { attribute, sign } of sort) {
      const [x, y] = [a[attribute], b[attribute]];
      if (x === y) continue;
      if (x === undefined || x === null) return 1; // documents without the field come last
      if (y === undefined || y === null) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    return 0;
  };
  const rules: Record<string, (a: Scored, b: Scored) => number> = {
    words: (a, b) => b.matched - a.matched,
    typo: (a, b) => a.typos - b.typos,
    attribute: (a, b) => a.attribute - b.attribute,
    sort: (a, b) => bySort(a.doc, b.doc),
    exactness: (a, b) => b.exact - a.exact,
  };
  const ranking = settings.rankingRules.flatMap((rule) => rules[rule] ?? []);
  scored.sort((a, b) => {
    for (const rule of ranking) {
      const result = rule(a, b);
      if (result) return result;
    }
    return a.order - b.order; // placeholder search: insertion order
  });
  return scored.map((s) => s.doc);
}
