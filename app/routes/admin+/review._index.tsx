import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "#app/domain/dates.ts";
import { requirePermission } from "#app/services/identity/auth.server.ts";
import { listSubmittedShops } from "#app/services/onboarding/review.server.ts";
import { localeFromRequest, makeT, useLocale, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "approve:seller:any");
  return {
    title: makeT(localeFromRequest(request))("review.queue.title"),
    shops: await listSubmittedShops(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
];

export default function ReviewQueue() {
  const { shops } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t("review.queue.title")}</h1>
      <p>{t("review.queue.intro")}</p>
      {shops.length === 0 ? (
        <p data-testid="review-queue-empty">{t("review.queue.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="review-queue">
            <thead>
              <tr>
                <th scope="col">{t("review.queue.shop")}</th>
                <th scope="col">{t("review.queue.commune")}</th>
                <th scope="col">{t("review.queue.volunteer")}</th>
                <th scope="col">{t("review.queue.products")}</th>
                <th scope="col">{t("review.queue.submittedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {shops.map((shop) => (
                <tr key={shop.id}>
                  <th scope="row">
                    <Link to={`/admin/review/${shop.id}`}>{shop.displayName}</Link>{" "}
                    <span className="card-meta">
                      {t(shop.kind === "household" ? "seller.household" : "seller.startup")}
                    </span>
                  </th>
                  <td>{shop.communeName}</td>
                  <td>{shop.volunteerName ?? t("review.unknown")}</td>
                  <td>{shop.productCount}</td>
                  <td>{shop.submittedAt ? formatDate(shop.submittedAt, locale) : t("review.unknown")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
