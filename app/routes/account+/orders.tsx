// A signed-in buyer's order history, newest first; each links to its order page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "#app/domain/dates.ts";
import { formatVnd } from "#app/domain/money.ts";
import { requireUser } from "#app/services/identity/auth.server.ts";
import { buyerOrderHistory } from "#app/services/orders/orders.server.ts";
import { localeFromRequest, makeT, useLocale, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    title: makeT(localeFromRequest(request))("account.orders"),
    groups: await buyerOrderHistory(user.id),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
];

export default function BuyerOrders() {
  const { groups } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t("account.orders")}</h1>
      {groups.length === 0 ? <p>{t("account.noOrders")}</p> : null}
      <ul className="order-history">
        {groups.map((g) => (
          <li key={g.code} data-testid="order-history-item">
            <Link to={`/don-hang/${g.code}`}>
              <strong>{g.code}</strong>
            </Link>{" "}
            · {formatDate(g.createdAt, locale)} · {formatVnd(g.totalVnd, locale)}
            <ul>
              {g.orders.map((o) => (
                <li key={o.code}>
                  {o.seller.displayName}: {t(`order.status.${o.status}`)} ·{" "}
                  {t(`order.payment.${o.paymentStatus}`)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
