// The shop's orders as a CSV file (one line per item) for Excel or Google Sheets, with the list's
// ?status= filter. A resource route: the list page links here with a plain download link.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import { parseOrderListParams, shopOrdersCsv } from "#app/services/shops/orders.server.ts";
import { localeFromRequest } from "#app/i18n/i18n.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  const { status } = parseOrderListParams(new URL(request.url).searchParams);
  const { filename, body } = await shopOrdersCsv(shop.seller, status, localeFromRequest(request));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      // Buyers' names and phone numbers: never kept by a shared cache or the browser's.
      "Cache-Control": "private, no-store",
    },
  });
}
