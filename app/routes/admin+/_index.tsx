import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "#app/services/identity/auth.server.ts";
import { getDashboard } from "#app/services/admin/reports.server.ts";
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:report:any");
  return { title: makeT(localeFromRequest(request))("admin.title"), ...(await getDashboard()) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
];

export default function AdminDashboard() {
  const { sellersByStatus, communes } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section>
      <h1>{t("admin.title")}</h1>
      <p>
        <Link className="button" to="/admin/review">
          {t("admin.reviewQueue")}
        </Link>{" "}
        <Link className="button" to="/admin/certifications">
          {t("listings.certQueue.title")}
        </Link>
      </p>
      <h2>{t("admin.sellersByStatus")}</h2>
      <ul className="chips" data-testid="sellers-by-status">
        {sellersByStatus.map((row) => (
          <li key={row.status}>
            <span className="chip">
              {t(`sellerStatus.${row.status}`)}: {row.count}
            </span>
          </li>
        ))}
      </ul>
      <h2>{t("admin.byCommune")}</h2>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("admin.commune")}</th>
              <th scope="col">{t("admin.formerDistrict")}</th>
              <th scope="col">{t("admin.sellers")}</th>
              <th scope="col">{t("admin.products")}</th>
            </tr>
          </thead>
          <tbody>
            {communes.map((c) => (
              <tr key={c.slug}>
                <td>{c.name}</td>
                <td>{c.formerDistrict}</td>
                <td>{c.approvedSellers}</td>
                <td>{c.products}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
