// Step 5: how the seller delivers. The defaults (own commune 15.000 đ, free from 300.000 đ; the
// province 30.000 đ) are filled in, so most volunteers only add the pickup points the household
// brings goods to and press "Lưu và tiếp tục". The same settings are edited later in /shop.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DeliverySettingsSchema } from "#app/domain/delivery.ts";
import { deliverySettingsView, saveDeliverySettings } from "#app/services/delivery/settings.server.ts";
import {
  assertEditable,
  getOnboardingSeller,
  requireSellerAccess,
} from "#app/services/onboarding/wizard.server.ts";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";
import { useT } from "#app/i18n/i18n.ts";
import { FormAlert } from "#app/ui/forms.tsx";
import { DeliverySettingsFields } from "#app/ui/delivery/delivery-settings-fields.tsx";
import { WizardForm } from "#app/ui/onboarding/wizard-form.tsx";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSellerAccess(request, params.sellerId ?? "");
  const [seller, settings] = await Promise.all([
    getOnboardingSeller(params.sellerId!),
    deliverySettingsView(params.sellerId!),
  ]);
  return { editable: seller.editable, settings };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const volunteer = await requireSellerAccess(request, params.sellerId ?? "");
  const submission = parseWithZod(await readFormBody(request), { schema: DeliverySettingsSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), formError: null }, { status: 400 });
  }
  try {
    await saveDeliverySettings(
      { actorId: volunteer.id, onBehalfOfSellerId: params.sellerId! },
      params.sellerId!,
      submission.value,
      (tx) => assertEditable(tx, params.sellerId!),
    );
    return redirect(`/onboarding/${params.sellerId}/products`);
  } catch (error) {
    return userErrorReply(request, error, { result: submission.reply() });
  }
}

export default function DeliveryStep() {
  const { editable, settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <WizardForm formId="delivery" className="form form-wide">
      <FormAlert message={actionData?.formError} />
      <p className="hint">{t("shop.delivery.intro")}</p>
      <DeliverySettingsFields settings={settings} errors={actionData?.result?.error} />
      {editable ? (
        <button type="submit" className="button">
          {t("onboarding.saveNext")}
        </button>
      ) : null}
    </WizardForm>
  );
}
