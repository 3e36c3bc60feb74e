// The shop's money ledger: cash still to collect from buyers (sent or delivered, not yet marked
// received), cash collected on delivery by month (Vietnam's months) with the orders of one month, and
// bank transfers received by month. Read-only: money is marked received on each order's page.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatVnd } from "#app/domain/money.ts";
import { formatProvinceTime } from "#app/domain/orders-csv.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import { shopLedger, type MonthTotal } from "#app/services/shops/orders.server.ts";
import { localeFromRequest, makeT, useLocale, useT, type T } from "#app/i18n/i18n.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import shopOrdersStyles from "#app/styles/shop-orders.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: shopOrdersStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  const month = new URL(request.url).searchParams.get("month");
  return {
    title: makeT(localeFromRequest(request))("shopOrders.ledger.title"),
    sellerId: shop.seller.id,
    ledger: await shopLedger(shop.seller.id, { month }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  { name: "robots", content: "noindex" },
];

/** "2025-07" → "Tháng 7/2025". */
function monthLabel(month: string, t: T) {
  const [year, number] = month.split("-");
  return t("shopOrders.ledger.monthLabel", { month: Number(number), year: year ?? "" });
}

function MonthTable({
  months,
  t,
  locale,
  linkTo,
  selected,
  testId,
}: {
  months: MonthTotal[];
  t: T;
  locale: Locale;
  linkTo?: (month: string) => string;
  selected?: string | null;
  testId: string;
}) {
  const sum = months.reduce((s, m) => ({ orders: s.orders + m.orders, totalVnd: s.totalVnd + m.totalVnd }), {
    orders: 0,
    totalVnd: 0,
  });
  return (
    <div className="table-scroll">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t("shopOrders.ledger.month")}</th>
            <th scope="col" className="num">
              {t("shopOrders.ledger.orders")}
            </th>
            <th scope="col" className="num">
              {t("shopOrders.ledger.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <th scope="row">
                {linkTo ? (
                  <Link to={linkTo(m.month)} aria-current={m.month === selected ? "true" : undefined}>
                    {monthLabel(m.month, t)}
                  </Link>
                ) : (
                  monthLabel(m.month, t)
                )}
              </th>
              <td className="num">{m.orders}</td>
              <td className="num">{formatVnd(m.totalVnd, locale)}</td>
            </tr>
          ))}
        </tbody>
        {months.length > 1 ? (
          <tfoot>
            <tr>
              <td>{t("shopOrders.ledger.allTime")}</td>
              <td className="num">{sum.orders}</td>
              <td className="num">{formatVnd(sum.totalVnd, locale)}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

export default function ShopLedger() {
  const { sellerId, ledger } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const orderUrl = (code: string) => `/shop/${sellerId}/orders/${code}`;
  return (
    <section>
      <h2>{t("shopOrders.ledger.title")}</h2>
      <p>{t("shopOrders.ledger.intro")}</p>

      <h3>{t("shopOrders.ledger.outstanding")}</h3>
      {ledger.outstanding.length === 0 ? (
        <p>{t("shopOrders.ledger.noneOutstanding")}</p>
      ) : (
        <>
          <p className="notice" data-testid="outstanding-total">
            {t("shopOrders.ledger.outstandingTotal", {
              amount: formatVnd(ledger.outstandingTotalVnd, locale),
              count: ledger.outstanding.length,
            })}
          </p>
          <p className="hint">{t("shopOrders.ledger.outstandingHint")}</p>
          <div className="table-scroll">
            <table className="table" data-testid="outstanding">
              <thead>
                <tr>
                  <th scope="col">{t("shopOrders.code")}</th>
                  <th scope="col">{t("shopOrders.ledger.buyer")}</th>
                  <th scope="col" className="num">
                    {t("shopOrders.ledger.amount")}
                  </th>
                  <th scope="col">{t("shopOrders.ledger.sentAt")}</th>
                </tr>
              </thead>
              <tbody>
                {ledger.outstanding.map((o) => (
                  <tr key={o.code}>
                    <th scope="row">
                      <Link to={orderUrl(o.code)}>{o.code}</Link>
                    </th>
                    <td>
                      {o.buyerName}
                      <br />
                      <a className="shop-call" href={`tel:${o.buyerPhone}`}>
                        {o.buyerPhoneDisplay}
                      </a>
                    </td>
                    <td className="num">{formatVnd(o.amountVnd, locale)}</td>
                    <td>
                      {o.shippedAt ? formatProvinceTime(o.shippedAt, locale) : null}
                      <br />
                      <span className="card-meta">{t(`shopOrders.tab.${o.status}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <h3>{t("shopOrders.ledger.codByMonth")}</h3>
      {ledger.codMonths.length === 0 ? (
        <p>{t("shopOrders.ledger.noCod")}</p>
      ) : (
        <MonthTable
          months={ledger.codMonths}
          t={t}
          locale={locale}
          linkTo={(month) => `/shop/${sellerId}/ledger?month=${month}`}
          selected={ledger.selectedMonth}
          testId="cod-months"
        />
      )}

      {ledger.selectedMonth && ledger.codMonths.length ? (
        <>
          <h4>{t("shopOrders.ledger.codOrders", { month: monthLabel(ledger.selectedMonth, t) })}</h4>
          <div className="table-scroll">
            <table className="table" data-testid="cod-orders">
              <thead>
                <tr>
                  <th scope="col">{t("shopOrders.code")}</th>
                  <th scope="col">{t("shopOrders.ledger.paidAt")}</th>
                  <th scope="col">{t("shopOrders.ledger.buyer")}</th>
                  <th scope="col" className="num">
                    {t("shopOrders.ledger.amount")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {ledger.codOrders.map((o) => (
                  <tr key={o.code}>
                    <th scope="row">
                      <Link to={orderUrl(o.code)}>{o.code}</Link>
                    </th>
                    <td>{formatProvinceTime(o.at, locale)}</td>
                    <td>{o.buyerName}</td>
                    <td className="num">{formatVnd(o.amountVnd, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      <h3>{t("shopOrders.ledger.transfersByMonth")}</h3>
      {ledger.transferMonths.length === 0 ? (
        <p>{t("shopOrders.ledger.noTransfers")}</p>
      ) : (
        <MonthTable months={ledger.transferMonths} t={t} locale={locale} testId="transfer-months" />
      )}
      <p className="hint">{t("shopOrders.ledger.refundNote")}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
