// A day's delivery labels (/shop/:sellerId/nhan?ngay=YYYY-MM-DD), one per printed A6 page: the
// parcels the shop hands over that Vietnam day (the rule is in services/delivery/labels.server.ts).
// A date form (GET, works without JavaScript) picks the day; a bad or missing ?ngay= means today.
// Outside the shop's frame (the `_` after $sellerId) so what prints is only labels; requireShop
// checks access here as in every shop route.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "#app/domain/dates.ts";
import { parseLabelDay, shippingLabelsForDay } from "#app/services/delivery/labels.server.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import { localeFromRequest, makeT, useLocale, useT } from "#app/i18n/i18n.ts";
import { LabelTools, ShippingLabel } from "#app/ui/delivery/shipping-label.tsx";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import labelsStyles from "#app/styles/labels.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: labelsStyles }];

/** Noon of the Vietnam day, so the date reads the same in any time zone formatDate is given. */
const noonOf = (day: string) => `${day}T12:00:00+07:00`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  const day = parseLabelDay(new URL(request.url).searchParams.get("ngay"));
  const labels = await shippingLabelsForDay(shop.seller.id, day);
  const locale = localeFromRequest(request);
  return {
    title: makeT(locale)("label.dayTitle", { date: formatDate(noonOf(day), locale) }),
    sellerId: shop.seller.id,
    day,
    labels,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  { name: "robots", content: "noindex" },
];

export default function DayLabels() {
  const { sellerId, day, labels } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section className="label-page">
      <p className="breadcrumbs">
        <Link to={`/shop/${sellerId}/orders`}>← {t("shopOrders.back")}</Link>
      </p>
      <h1>{t("label.dayTitle", { date: formatDate(noonOf(day), locale) })}</h1>
      <LabelTools label={t("label.print")}>
        <Form method="get">
          <label>
            {t("label.day")}
            <input key={day} type="date" name="ngay" defaultValue={day} required />
          </label>
          <button type="submit" className="button">
            {t("label.show")}
          </button>
        </Form>
        <p className="hint" data-testid="label-count">
          {t("label.count", { count: labels.length })}
        </p>
      </LabelTools>
      {labels.length === 0 ? (
        <p data-testid="labels-none">{t("label.none")}</p>
      ) : (
        <div className="labels">
          {labels.map((label) => (
            <ShippingLabel key={label.code} label={label} />
          ))}
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
