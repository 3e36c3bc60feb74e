// Today at a glance: orders to confirm and to ship, products running low, and certificates that
// need attention — each a tap away from where it is handled.
import { orderTotalVnd } from "#app/domain/delivery.ts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "#app/domain/dates.ts";
import { formatVnd } from "#app/domain/money.ts";
import { formatQuantity, unitLabel } from "#app/domain/units.ts";
import { requireShop, shopToday } from "#app/services/shops/workspace.server.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { certLabel } from "#app/ui/cert-label.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  return { sellerId: shop.seller.id, today: await shopToday(shop.seller.id) };
}

type Order = ReturnType<typeof useLoaderData<typeof loader>>["today"]["toConfirm"][number];

function OrderList({ orders, sellerId }: { orders: Order[]; sellerId: string }) {
  const t = useT();
  const locale = useLocale();
  if (orders.length === 0) return <p className="card-meta">{t("shop.today.nothing")}</p>;
  return (
    <ul className="list-plain today-list">
      {orders.map((o) => (
        <li key={o.code}>
          <Link to={`/shop/${sellerId}/orders/${o.code}`}>
            <strong>{o.code}</strong>
          </Link>{" "}
          · {o.group.buyerName} · {formatVnd(orderTotalVnd(o), locale)} ·{" "}
          <span className="card-meta">{t(`order.method.${o.paymentMethod}`)}</span>
        </li>
      ))}
    </ul>
  );
}

export default function ShopToday() {
  const { today, sellerId } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="shop-today">
      <section data-testid="today-confirm">
        <h2>
          {t("shop.today.toConfirm")} ({today.toConfirm.length})
        </h2>
        <OrderList orders={today.toConfirm} sellerId={sellerId} />
      </section>
      <section data-testid="today-ship">
        <h2>
          {t("shop.today.toShip")} ({today.toShip.length})
        </h2>
        <OrderList orders={today.toShip} sellerId={sellerId} />
        <Link to={`/shop/${sellerId}/orders`}>{t("shop.today.allOrders")}</Link>
      </section>
      <section data-testid="today-low-stock">
        <h2>
          {t("shop.today.lowStock")} ({today.lowStock.length})
        </h2>
        {today.lowStock.length === 0 ? <p className="card-meta">{t("shop.today.nothing")}</p> : null}
        <ul className="list-plain today-list">
          {today.lowStock.map((p) => (
            <li key={p.id}>
              <Link to={`/shop/${sellerId}/listings/${p.id}`}>{p.name}</Link> ·{" "}
              {t("shop.today.stockLeft", {
                quantity: formatQuantity(p.stockMilli, locale),
                unit: unitLabel(p.unit, locale),
              })}
            </li>
          ))}
        </ul>
        <Link to={`/shop/${sellerId}/listings`}>{t("shop.today.allListings")}</Link>
      </section>
      <section data-testid="today-attention">
        <h2>
          {t("shop.today.attention")} ({today.attention.length})
        </h2>
        {today.attention.length === 0 ? <p className="card-meta">{t("shop.today.nothing")}</p> : null}
        <ul className="list-plain today-list">
          {today.attention.map((a, i) => {
            const values = {
              cert: certLabel(t, a),
              product: a.productName,
              date: a.expiresAt ? formatDate(a.expiresAt, locale) : "",
            };
            const text =
              a.state === "unverified"
                ? t("shop.today.certUnverified", values)
                : a.state === "expired"
                  ? t("shop.today.certExpired", values)
                  : t("shop.today.certExpiring", values);
            return (
              <li key={`${a.productId}-${i}`}>
                <Link to={`/shop/${sellerId}/listings/${a.productId}`}>{text}</Link>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
