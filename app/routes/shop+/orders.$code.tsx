import { notFound } from "#app/services/http/replies.server.ts";
// The link in the seller's "new order" email (/shop/orders/:code) names the order but not the shop:
// find the order's shop, check this user may run it, and go to the order's page in that shop.
import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireUser } from "#app/services/identity/auth.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import { normalizeShopOrderCode } from "#app/services/shops/orders.server.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Sign-in first (and back here after it), so the link says nothing about an order to a stranger.
  await requireUser(request);
  const code = normalizeShopOrderCode(params.code ?? "");
  const order = code
    ? await getDb().order.findUnique({ where: { code }, select: { code: true, sellerId: true } })
    : null;
  if (!order) throw notFound();
  const shop = await requireShop(request, order.sellerId);
  return redirect(`/shop/${shop.seller.id}/orders/${order.code}`);
}

// Never rendered (the loader always redirects or throws); having a component gives a 403 or 404 the
// site's friendly error page instead of a bare text response.
export default function ShopOrderLink() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
