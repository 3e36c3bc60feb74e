// GET /api/suggest?q=… — product names for search-as-you-type.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { suggestProducts } from "#app/services/search/search.server.ts";
import { cleanText } from "#app/domain/form-fields.ts";

const Params = z.object({
  q: z
    .string()
    .overwrite((text) => cleanText(text))
    .max(100),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = Params.safeParse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  if (!parsed.success)
    return Response.json(
      { error: { parameter: "q", message: "q must be at most 100 characters" } },
      { status: 400 },
    );
  if (!parsed.data.q) return Response.json({ suggestions: [] });
  return Response.json(
    { suggestions: await suggestProducts(parsed.data.q) },
    { headers: { "Cache-Control": "public, max-age=30" } },
  );
}
