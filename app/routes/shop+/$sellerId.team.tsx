import { badRequest, forbidden } from "#app/services/http/replies.server.ts";
// Who helps with the shop (the onboarding volunteer and their commune team) and everything done to
// or for it. The owner can revoke the helpers' access here; helpers can read the history too.
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "#app/domain/dates.ts";
import { revokeDelegation } from "#app/services/onboarding/handover.server.ts";
import { requireShop, shopHistory, shopTeam } from "#app/services/shops/workspace.server.ts";
import { useLocale, useT, makeT, localeFromRequest } from "#app/i18n/i18n.ts";
import { isMessageKey } from "#app/i18n/messages.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  const before = new URL(request.url).searchParams.get("truoc");
  const beforeDate = before && !Number.isNaN(Date.parse(before)) ? new Date(before) : undefined;
  const [team, history] = await Promise.all([
    shopTeam(shop.seller.id),
    shopHistory(shop.seller.id, beforeDate),
  ]);
  return { sellerId: shop.seller.id, isOwner: shop.role === "owner", team, history };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  const t = makeT(localeFromRequest(request));
  if (shop.role !== "owner") throw forbidden(t("shop.team.ownerOnly"));
  const form = await readFormBody(request);
  if (form.get("intent") !== "revoke") throw badRequest();
  await revokeDelegation(shop.user, shop.seller.id);
  return redirect(`/shop/${shop.seller.id}/team`);
}

/** "order.confirm" → "Xác nhận đơn"; onboarding steps share one label; unknown actions show as is. */
function actionLabel(action: string, t: ReturnType<typeof useT>) {
  const key = `shop.action.${action.startsWith("onboarding.") ? "onboarding" : action}`;
  return isMessageKey(key) ? t(key) : action;
}

export default function ShopTeam() {
  const { team, history, isOwner, sellerId } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <section>
        <h2>{t("shop.team.title")}</h2>
        <ul className="list-plain" data-testid="shop-helpers">
          {team.owner ? (
            <li>
              <strong>{team.owner.name}</strong> · {t("shop.team.owner")}
            </li>
          ) : null}
          {team.volunteers.map((v) => (
            <li key={v.id}>
              <strong>{v.name}</strong> ·{" "}
              {v.via === "onboarded"
                ? t("shop.team.volunteer")
                : t("shop.team.teamMember", { team: v.team ?? "" })}
            </li>
          ))}
        </ul>
        {team.revokedAt ? (
          <p className="notice">{t("shop.team.revoked", { date: formatDate(team.revokedAt, locale) })}</p>
        ) : isOwner && team.volunteers.length ? (
          <Form method="post" className="form">
            <p className="hint">{t("shop.team.revokeHelp")}</p>
            <button type="submit" name="intent" value="revoke" className="button">
              {t("shop.team.revoke")}
            </button>
          </Form>
        ) : null}
      </section>
      <section>
        <h2>{t("shop.history.title")}</h2>
        {history.entries.length === 0 ? <p>{t("shop.history.empty")}</p> : null}
        <div className="table-scroll">
          <table className="table" data-testid="shop-history">
            <thead>
              <tr>
                <th>{t("shop.history.when")}</th>
                <th>{t("shop.history.who")}</th>
                <th>{t("shop.history.what")}</th>
              </tr>
            </thead>
            <tbody>
              {history.entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    {formatDate(e.createdAt, locale)}{" "}
                    {new Date(e.createdAt).toLocaleTimeString(locale === "vi" ? "vi-VN" : "en-GB", {
                      hour: "2-digit",
                      minute: "2-digit",
                      timeZone: "Asia/Ho_Chi_Minh",
                    })}
                  </td>
                  <td>
                    {e.actorName ?? t("shop.history.system")}
                    {e.forSeller ? <span className="card-meta"> ({t("shop.history.forSeller")})</span> : null}
                  </td>
                  <td>{actionLabel(e.action, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {history.olderThan ? (
          <Link to={`/shop/${sellerId}/team?${new URLSearchParams({ truoc: String(history.olderThan) })}`}>
            {t("shop.history.older")}
          </Link>
        ) : null}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
