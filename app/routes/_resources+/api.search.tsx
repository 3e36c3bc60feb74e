// GET /api/search — the storefront search as JSON (documented in the README).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseSearchParams } from "#app/domain/search-params.ts";
import { searchProducts } from "#app/services/search/search.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearchParams(new URL(request.url).searchParams);
  if (!parsed.ok) {
    return Response.json(
      { error: { parameter: parsed.parameter, message: `${parsed.parameter} ${parsed.message}` } },
      { status: 400 },
    );
  }
  try {
    return Response.json(await searchProducts(parsed.query), { headers: { "Cache-Control": "no-cache" } });
  } catch (error) {
    console.error("Search engine failed:", error);
    return Response.json({ error: { message: "search is temporarily unavailable" } }, { status: 503 });
  }
}
