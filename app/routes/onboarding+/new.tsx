import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { SellerStepSchema } from "#app/domain/onboarding.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { createSellerDraft, requireVolunteer } from "#app/services/onboarding/wizard.server.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";
import { useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { SellerForm } from "#app/ui/onboarding/seller-form.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireVolunteer(request);
  const communes = await getDb().commune.findMany({
    orderBy: { name: "asc" },
    select: { slug: true, name: true, fullName: true },
  });
  return { communes };
}

export async function action({ request }: ActionFunctionArgs) {
  const volunteer = await requireVolunteer(request);
  const submission = parseWithZod(await readFormBody(request), { schema: SellerStepSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), formError: null }, { status: 400 });
  try {
    const sellerId = await createSellerDraft(volunteer, submission.value);
    return redirect(`/onboarding/${sellerId}/consent`);
  } catch (error) {
    return userErrorReply(request, error);
  }
}

export default function NewSeller() {
  const { communes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <section>
      <h1>{t("onboarding.new")}</h1>
      <SellerForm
        communes={communes}
        lastResult={actionData && "result" in actionData ? actionData.result : undefined}
        formError={actionData?.formError}
        submitLabel={t("onboarding.saveNext")}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
