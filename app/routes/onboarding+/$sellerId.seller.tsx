import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { SellerStepSchema } from "#app/domain/onboarding.ts";
import { formatVietnamesePhone } from "#app/domain/phone.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import {
  getOnboardingSeller,
  requireSellerAccess,
  updateSellerStep,
} from "#app/services/onboarding/wizard.server.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";
import { useT } from "#app/i18n/i18n.ts";
import { SellerForm } from "#app/ui/onboarding/seller-form.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSellerAccess(request, params.sellerId ?? "");
  const [seller, communes] = await Promise.all([
    getOnboardingSeller(params.sellerId!),
    getDb().commune.findMany({
      orderBy: { name: "asc" },
      select: { slug: true, name: true, fullName: true },
    }),
  ]);
  return {
    communes,
    defaults: {
      kind: seller.kind,
      displayName: seller.displayName,
      contactName: seller.contactName,
      phone: formatVietnamesePhone(seller.phone),
      email: seller.email,
      communeSlug: seller.commune.slug,
      addressLine: seller.addressLine,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const volunteer = await requireSellerAccess(request, params.sellerId ?? "");
  const submission = parseWithZod(await readFormBody(request), { schema: SellerStepSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), formError: null }, { status: 400 });
  try {
    await updateSellerStep(volunteer, params.sellerId!, submission.value);
    return redirect(`/onboarding/${params.sellerId}/consent`);
  } catch (error) {
    return userErrorReply(request, error);
  }
}

export default function SellerStep() {
  const { communes, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <SellerForm
      communes={communes}
      defaults={defaults}
      lastResult={actionData && "result" in actionData ? actionData.result : undefined}
      formError={actionData?.formError}
      submitLabel={t("onboarding.saveNext")}
    />
  );
}
