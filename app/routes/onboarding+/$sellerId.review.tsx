// Step 6: the checklist of what is still missing (each item links to its step), and submission.
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  getOnboardingSeller,
  requireSellerAccess,
  submitForReview,
} from "#app/services/onboarding/wizard.server.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";
import { useT } from "#app/i18n/i18n.ts";
import { FormAlert } from "#app/ui/forms.tsx";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSellerAccess(request, params.sellerId ?? "");
  const seller = await getOnboardingSeller(params.sellerId!);
  return { sellerId: seller.id, missing: seller.missing, editable: seller.editable, status: seller.status };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const volunteer = await requireSellerAccess(request, params.sellerId ?? "");
  try {
    await submitForReview(volunteer, params.sellerId!);
    return redirect(`/onboarding/${params.sellerId}/review?submitted=1`);
  } catch (error) {
    return userErrorReply(request, error);
  }
}

export default function ReviewStep() {
  const { sellerId, missing, editable, status } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  if (status === "submitted") {
    return (
      <p className="ok" role="status">
        {t("onboarding.review.submitted")}
      </p>
    );
  }
  return (
    <>
      <FormAlert message={actionData?.formError} />
      {params.get("submitted") ? <p className="ok">{t("onboarding.review.submitted")}</p> : null}
      {missing.length ? (
        <>
          <p>{t("onboarding.review.missing")}</p>
          <ul data-testid="missing">
            {missing.map((m) => (
              <li key={`${m.key}-${m.product ?? ""}`}>
                <Link to={`/onboarding/${sellerId}/${m.step}`}>{t(m.key, { product: m.product ?? "" })}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="ok">{t("onboarding.review.ready")}</p>
      )}
      {editable ? (
        <Form method="post">
          <button type="submit" className="button" disabled={missing.length > 0}>
            {t("onboarding.review.submit")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
