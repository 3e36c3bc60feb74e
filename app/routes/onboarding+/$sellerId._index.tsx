import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { getOnboardingSeller, requireSellerAccess } from "#app/services/onboarding/wizard.server.ts";

/** Opening a shop goes to the first step that still needs something. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSellerAccess(request, params.sellerId ?? "");
  const seller = await getOnboardingSeller(params.sellerId!);
  const step = seller.status === "approved" ? "handover" : (seller.missing[0]?.step ?? "review");
  return redirect(`/onboarding/${seller.id}/${step}`);
}
