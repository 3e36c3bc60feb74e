import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { completedSteps, onboardingSteps } from "#app/domain/onboarding.ts";
import {
  listVolunteerSellers,
  requireVolunteer,
  toSnapshot,
} from "#app/services/onboarding/wizard.server.ts";
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { myPickupPoints } from "#app/services/delivery/pickup.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVolunteer(request);
  const [sellers, points] = await Promise.all([listVolunteerSellers(user.id), myPickupPoints(user.id)]);
  return {
    // The pickup points this volunteer's teams run: their day lists of parcels to hand over.
    points: points.map((p) => ({ id: p.id, name: p.name, commune: p.commune.name })),
    title: makeT(localeFromRequest(request))("onboarding.title"),
    sellers: sellers.map((s) => ({
      id: s.id,
      displayName: s.displayName,
      commune: s.commune.name,
      status: s.status,
      done: completedSteps(toSnapshot(s)).length,
      missing: s.missing.length,
      nextStep: s.missing[0]?.step ?? "review",
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
];

export default function VolunteerHome() {
  const { sellers, points } = useLoaderData<typeof loader>();
  const t = useT();
  const total = onboardingSteps.length - 1;
  return (
    <section>
      <h1>{t("onboarding.title")}</h1>
      <p>{t("onboarding.intro")}</p>
      <p>
        <Link className="button" to="/onboarding/new">
          {t("onboarding.new")}
        </Link>
      </p>
      {points.length ? (
        <section aria-labelledby="my-points">
          <h2 id="my-points">{t("pickup.myPoints")}</h2>
          <ul className="list-plain">
            {points.map((p) => (
              <li key={p.id}>
                <Link to={`/diem-nhan/${p.id}`}>{p.name}</Link> <span className="card-meta">{p.commune}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {sellers.length === 0 ? <p className="notice">{t("onboarding.none")}</p> : null}
      <ul className="list-plain" data-testid="onboarding-sellers">
        {sellers.map((s) => (
          <li key={s.id} className="seller-card">
            <h2>
              <Link to={`/onboarding/${s.id}/${s.status === "approved" ? "handover" : s.nextStep}`}>
                {s.displayName}
              </Link>{" "}
              <span className="status">{t(`sellerStatus.${s.status}`)}</span>
            </h2>
            <p className="card-meta">
              {s.commune} · {t("onboarding.progress", { done: s.done, total })}
              {s.missing ? ` · ${t("onboarding.missingCount", { count: s.missing })}` : ""}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
