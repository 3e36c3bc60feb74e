import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDate } from "#app/domain/dates.ts";
import { formatVietnamesePhone } from "#app/domain/phone.ts";
import { requireUser } from "#app/services/auth.server.ts";
import { localeFromRequest, makeT, useLocale, useT } from "#app/i18n/i18n.ts";
import { type MessageKey } from "#app/i18n/messages.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
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
  const { user } = useLoaderData<typeof loader>();
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
            <span className="chip">{t(`role.${role}` as MessageKey)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
