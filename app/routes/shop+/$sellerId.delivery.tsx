// /shop/:sellerId/delivery — how the shop delivers: fees and lead times per zone (own commune,
// nearby communes, the rest of the province), the carrier, and the pickup points it brings goods to.
// Plain form, server-validated; buyers see the result at checkout, placed orders keep their rule.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DeliverySettingsSchema } from "#app/domain/delivery.ts";
import { deliverySettingsView, saveDeliverySettings } from "#app/services/delivery/settings.server.ts";
import { onBehalfOf, requireShop } from "#app/services/shops/workspace.server.ts";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";
import { useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { FormAlert } from "#app/ui/forms.tsx";
import { DeliverySettingsFields } from "#app/ui/delivery/delivery-settings-fields.tsx";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  return deliverySettingsView(shop.seller.id);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "", { write: true });
  const submission = parseWithZod(await readFormBody(request), { schema: DeliverySettingsSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), formError: null, saved: false }, { status: 400 });
  }
  try {
    await saveDeliverySettings(
      { actorId: shop.user.id, onBehalfOfSellerId: onBehalfOf(shop) },
      shop.seller.id,
      submission.value,
    );
    return { result: submission.reply(), formError: null, saved: true };
  } catch (error) {
    return userErrorReply(request, error, { result: submission.reply(), saved: false });
  }
}

export default function ShopDelivery() {
  const settings = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <section>
      <h2>{t("shop.delivery.title")}</h2>
      <p className="hint">{t("shop.delivery.intro")}</p>
      <Form method="post" className="form form-wide">
        {actionData?.saved ? (
          <p className="notice" role="status">
            {t("shop.delivery.saved")}
          </p>
        ) : null}
        <FormAlert message={actionData?.formError} />
        <DeliverySettingsFields settings={settings} errors={actionData?.result?.error} />
        <button type="submit" className="button">
          {t("shop.delivery.save")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
