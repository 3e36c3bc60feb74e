// Reading /search and /api/search query strings. Every parameter is validated; a bad one is
// reported by name so the API can answer 400 and the page can ignore it.
import { z } from "zod";
import { certTags, searchSorts, type SearchQuery } from "#app/domain/search.ts";
import { parseVndInput } from "./money.ts";
import { cleanText } from "./form-fields.ts";

export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 24;

const slug = z.string().regex(/^[a-z0-9-]{1,80}$/, "must be a lower-case slug");
const price = z.string().transform((text, ctx) => {
  const amount = parseVndInput(text);
  if (amount === null) {
    ctx.addIssue({ code: "custom", message: "must be a whole number of đồng" });
    return z.NEVER;
  }
  return amount;
});
const flag = z
  .enum(["true", "false", "1", "0", "on"], { error: "must be true or false" })
  .transform((v) => v !== "false" && v !== "0");

const SearchParamsSchema = z
  .object({
    q: z
      .string()
      .overwrite((text) => cleanText(text))
      .max(200, "must be at most 200 characters")
      .default(""),
    category: z.array(slug).max(20, "at most 20 values").default([]),
    commune: z.array(slug).max(65, "at most 65 values").default([]),
    cert: z.array(z.enum(certTags, { error: `must be one of ${certTags.join(", ")}` })).default([]),
    minPrice: price.optional(),
    maxPrice: price.optional(),
    inStock: flag.optional(),
    sort: z.enum(searchSorts, { error: `must be one of ${searchSorts.join(", ")}` }).default("relevance"),
    page: z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1)
      .max(1000)
      .default(1),
    perPage: z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(MAX_PER_PAGE, `must be at most ${MAX_PER_PAGE}`)
      .default(DEFAULT_PER_PAGE),
  })
  .refine((v) => v.minPrice === undefined || v.maxPrice === undefined || v.minPrice <= v.maxPrice, {
    path: ["maxPrice"],
    message: "must not be below minPrice",
  });

const listParams = ["category", "commune", "cert"] as const;

export type SearchParamsResult =
  { ok: true; query: SearchQuery } | { ok: false; parameter: string; message: string; fallback: SearchQuery };

/**
 * Lists may repeat (?category=a&category=b, as checkboxes send them) or be comma-separated.
 * Empty values (an unfilled price box) count as absent.
 */
export function parseSearchParams(params: URLSearchParams): SearchParamsResult {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (value === "") continue;
    if ((listParams as readonly string[]).includes(key)) {
      raw[key] = [...((raw[key] as string[]) ?? []), ...value.split(",").filter(Boolean)];
    } else if (key in SearchParamsSchema.shape) {
      raw[key] = value;
    }
  }
  const result = SearchParamsSchema.safeParse(raw);
  if (result.success) return { ok: true, query: result.data };
  const issue = result.error.issues[0]!;
  const parameter = String(issue.path[0] ?? "query");
  // The page keeps working without the bad parameter; the API reports it.
  const withoutIt = new URLSearchParams([...params].filter(([key]) => key !== parameter));
  const fallback = parseSearchParams(withoutIt);
  return {
    ok: false,
    parameter,
    message: issue.message,
    fallback: fallback.ok ? fallback.query : fallback.fallback,
  };
}

/** The query string for a search, omitting defaults, so filters live in the URL. */
export function searchParamsFor(query: Partial<SearchQuery>) {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  for (const key of listParams) for (const value of query[key] ?? []) params.append(key, value);
  if (query.minPrice !== undefined) params.set("minPrice", String(query.minPrice));
  if (query.maxPrice !== undefined) params.set("maxPrice", String(query.maxPrice));
  if (query.inStock !== undefined) params.set("inStock", String(query.inStock));
  if (query.sort && query.sort !== "relevance") params.set("sort", query.sort);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  if (query.perPage && query.perPage !== DEFAULT_PER_PAGE) params.set("perPage", String(query.perPage));
  return params;
}
