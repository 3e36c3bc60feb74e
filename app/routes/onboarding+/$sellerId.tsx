// The wizard's frame for one shop: its name, status, the admin's note, and the steps with what is done.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { completedSteps, onboardingSteps } from "#app/domain/onboarding.ts";
import {
  getOnboardingSeller,
  requireSellerAccess,
  toSnapshot,
} from "#app/services/onboarding/wizard.server.ts";
import { useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSellerAccess(request, params.sellerId ?? "");
  const seller = await getOnboardingSeller(params.sellerId!);
  return {
    seller: {
      id: seller.id,
      displayName: seller.displayName,
      status: seller.status,
      reviewNote: seller.reviewNote,
      editable: seller.editable,
    },
    done: completedSteps(toSnapshot(seller)),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.seller.displayName ?? ""} · Chợ Phiên` },
];

export default function SellerWizard() {
  const { seller, done } = useLoaderData<typeof loader>();
  const t = useT();
  const steps = [...onboardingSteps, ...(seller.status === "approved" ? (["handover"] as const) : [])];
  return (
    <section>
      <p className="breadcrumbs">
        <NavLink to="/onboarding">{t("onboarding.title")}</NavLink>
      </p>
      <h1>
        {seller.displayName} <span className="status">{t(`sellerStatus.${seller.status}`)}</span>
      </h1>
      {seller.reviewNote && (seller.status === "changes_requested" || seller.status === "rejected") ? (
        <div className="notice" data-testid="review-note">
          <strong>{t("onboarding.reviewNote")}:</strong> {seller.reviewNote}
        </div>
      ) : null}
      <nav aria-label={t("onboarding.title")}>
        <ol className="wizard-steps">
          {steps.map((step) => (
            <li key={step}>
              <NavLink to={step} className={(done as string[]).includes(step) ? "done" : undefined}>
                {t(`onboarding.step.${step}`)}
              </NavLink>
            </li>
          ))}
        </ol>
      </nav>
      {seller.editable || seller.status === "approved" ? null : (
        <p className="notice">{t("onboarding.notEditable")}</p>
      )}
      <Outlet />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
