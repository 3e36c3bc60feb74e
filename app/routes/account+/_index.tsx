import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { sellerUrl } from "#app/domain/urls.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { formatDate } from "#app/domain/dates.ts";
import { formatVietnamesePhone } from "#app/domain/phone.ts";
import { requireUser } from "#app/services/identity/auth.server.ts";
import { localeFromRequest, makeT, useLocale, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const shop = await getDb().seller.findUnique({
    where: { ownerId: user.id },
    select: {
      id: true,
      slug: true,
      displayName: true,
      status: true,
      delegationRevokedAt: true,
      onboardedBy: { select: { name: true } },
    },
  });
  return {
    shop,
    title: makeT(localeFromRequest(request))("account.title"),
    user: {
      name: user.name,
      phone: user.phone ? formatVietnamesePhone(user.phone) : null,
      email: user.email,
      roles: user.roles,
      createdAt: user.createdAt,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
];

export default function AccountPage() {
  const { user, shop } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t("account.title")}</h1>
      <p>{t("login.signedInAs", { name: user.name })}</p>
      <p>{[user.phone, user.email].filter(Boolean).join(" · ")}</p>
      <p className="card-meta">{t("account.memberSince", { date: formatDate(user.createdAt, locale) })}</p>
      <h2>{t("account.roles")}</h2>
      <ul className="chips" data-testid="roles">
        {user.roles.map((role) => (
          <li key={role}>
            <span className="chip">{t(`role.${role}`)}</span>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/account/orders">{t("account.orders")}</Link>
      </p>
      {shop ? (
        <>
          <h2>{t("account.shops")}</h2>
          <p>
            {shop.status === "approved" ? (
              <Link to={sellerUrl(shop.slug)}>{shop.displayName}</Link>
            ) : (
              shop.displayName
            )}
          </p>
          {shop.onboardedBy && !shop.delegationRevokedAt ? (
            <Form method="post" action="/account/revoke-delegation">
              <p>{t("account.delegation", { name: shop.onboardedBy.name })}</p>
              <input type="hidden" name="sellerId" value={shop.id} />
              <button type="submit" className="link-button">
                {t("account.revoke")}
              </button>
            </Form>
          ) : shop.delegationRevokedAt ? (
            <p className="card-meta">{t("account.revoked")}</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
