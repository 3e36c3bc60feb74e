// The shop's orders: tabs by status with counts (in the URL, so they work without JavaScript and can
// be bookmarked), newest first, 30 to a page. Each order shows the buyer to call, what to pack and
// how the money comes. Only this shop's orders: the query is by the shop requireShop let through.
import { orderTotalVnd } from "#app/domain/delivery.ts";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatVnd } from "#app/domain/money.ts";
import { formatProvinceTime } from "#app/domain/orders-csv.ts";
import { formatQuantity, unitLabel } from "#app/domain/units.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import {
  countShopOrders,
  listShopOrders,
  orderTabs,
  parseOrderListParams,
  type OrderTab,
} from "#app/services/shops/orders.server.ts";
import { localeFromRequest, makeT, useLocale, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import shopOrdersStyles from "#app/styles/shop-orders.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: shopOrdersStyles }];

// Items listed on a card before "+2 more".
const ITEMS_SHOWN = 3;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  const { status, page } = parseOrderListParams(new URL(request.url).searchParams);
  const [counts, list] = await Promise.all([
    countShopOrders(shop.seller.id),
    listShopOrders(shop.seller.id, { status, page }),
  ]);
  return {
    title: makeT(localeFromRequest(request))("shopOrders.title"),
    sellerId: shop.seller.id,
    status,
    tabs: orderTabs.map((tab) => ({ tab, count: counts[tab] })),
    ...list,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  { name: "robots", content: "noindex" },
];

/** The list's URL for a tab and page, leaving out the defaults. */
function listUrl(sellerId: string, status: OrderTab, page = 1) {
  const search = new URLSearchParams();
  if (status !== "all") search.set("status", status);
  if (page > 1) search.set("page", String(page));
  const query = search.toString();
  return `/shop/${sellerId}/orders${query ? `?${query}` : ""}`;
}

export default function ShopOrders() {
  const { sellerId, status, tabs, orders, page, pages, total } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const csvQuery = status === "all" ? "" : `?status=${status}`;
  return (
    <section>
      <h2>{t("shopOrders.title")}</h2>
      <nav aria-label={t("shopOrders.tabsLabel")}>
        <ul className="chips shop-tabs">
          {tabs.map(({ tab, count }) => (
            <li key={tab}>
              <Link
                to={listUrl(sellerId, tab)}
                aria-current={tab === status ? "page" : undefined}
                data-testid={`tab-${tab}`}
              >
                {t("shopOrders.tabCount", { label: t(`shopOrders.tab.${tab}`), count })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="shop-tools">
        {/* A plain link: the browser downloads the file instead of the app navigating to it. */}
        <a href={`/shop/${sellerId}/orders.csv${csvQuery}`} download>
          {t("shopOrders.download")}
        </a>
        <span className="hint">{t("shopOrders.downloadHint")}</span>
        <Link to={`/shop/${sellerId}/ledger`}>{t("shopOrders.ledgerLink")}</Link>
        <a href={`/shop/${sellerId}/nhan`}>{t("label.printDay")}</a>
      </p>
      {total === 0 ? (
        <p className="notice">{status === "all" ? t("shopOrders.emptyAll") : t("shopOrders.empty")}</p>
      ) : (
        <ul className="list-plain shop-orders">
          {orders.map((order) => (
            <li key={order.code} className="order-part" data-testid="shop-order">
              <p className="shop-order-head">
                <Link to={`/shop/${sellerId}/orders/${order.code}`}>
                  <strong>{order.code}</strong>
                </Link>
                <span className="status">{t(`shopOrders.tab.${order.status}`)}</span>
              </p>
              <p className="card-meta">
                {t("shopOrders.placedAt", { date: formatProvinceTime(order.createdAt, locale) })}
              </p>
              <p>
                {order.buyerName} ·{" "}
                <a className="shop-call" href={`tel:${order.buyerPhone}`}>
                  {t("shopOrders.call", { phone: order.buyerPhoneDisplay })}
                </a>
              </p>
              <p>
                {order.items
                  .slice(0, ITEMS_SHOWN)
                  .map(
                    (i) =>
                      `${i.productName} ${formatQuantity(i.quantityMilli, locale)} ${unitLabel(i.unit, locale)}`,
                  )
                  .join(" · ")}
                {order.items.length > ITEMS_SHOWN
                  ? ` ${t("shopOrders.moreItems", { count: order.items.length - ITEMS_SHOWN })}`
                  : null}
              </p>
              <p>
                <strong>{formatVnd(orderTotalVnd(order), locale)}</strong> ·{" "}
                {t(`order.method.${order.paymentMethod}`)} · {t(`order.payment.${order.paymentStatus}`)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("shopOrders.page", { page, pages })}>
          {page > 1 ? (
            <Link to={listUrl(sellerId, status, page - 1)} rel="prev">
              {t("shopOrders.prev")}
            </Link>
          ) : (
            <span />
          )}
          <span>{t("shopOrders.page", { page, pages })}</span>
          {page < pages ? (
            <Link to={listUrl(sellerId, status, page + 1)} rel="next">
              {t("shopOrders.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
