// /shop: the seller's way in. An owner (or a volunteer with one shop) goes straight to it; a volunteer
// helping several shops picks one.
import { type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/services/identity/auth.server.ts";
import { listMyShops } from "#app/services/shops/access.server.ts";
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const shops = await listMyShops(user.id);
  const own = shops.find((s) => s.ownerId === user.id);
  if (own) throw redirect(`/shop/${own.id}`);
  if (shops.length === 1) throw redirect(`/shop/${shops[0]!.id}`);
  return { shops, title: makeT(localeFromRequest(request))("shop.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
];

export default function ShopChooser() {
  const { shops } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section>
      <h1>{shops.length ? t("shop.choose") : t("shop.title")}</h1>
      {shops.length === 0 ? <p>{t("shop.none")}</p> : null}
      <ul className="list-plain shop-list">
        {shops.map((s) => (
          <li key={s.id}>
            <Link to={`/shop/${s.id}`} className="button">
              {s.displayName}
            </Link>{" "}
            <span className="chip">{t(`sellerStatus.${s.status}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
