import { listCategories } from "#app/services/catalog/catalog.server.ts";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import {
  assertSellerEditable,
  createProduct,
  missingCategory,
  requireSellerAccess,
} from "#app/services/onboarding/wizard.server.ts";
import { readProductForm } from "#app/services/onboarding/products.server.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";
import { readForm, storeThen } from "#app/services/http/uploads.server.ts";
import { useT } from "#app/i18n/i18n.ts";
import { ProductForm } from "#app/ui/onboarding/product-form.tsx";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSellerAccess(request, params.sellerId ?? "");
  const categories = await listCategories();
  return { categories };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const volunteer = await requireSellerAccess(request, params.sellerId ?? "");
  try {
    // A submitted shop is locked: say so before reading (and encoding) its photos.
    await assertSellerEditable(params.sellerId!);
    const parsed = await readProductForm(await readForm(request), { missingCategory });
    if (!parsed.value) return data({ result: parsed.submission.reply(), formError: null }, { status: 400 });
    const { value, photos, certificatePhotoKey } = parsed;
    await storeThen(parsed.files, () =>
      createProduct(volunteer, params.sellerId!, value, photos, certificatePhotoKey),
    );
    return redirect(`/onboarding/${params.sellerId}/products`);
  } catch (error) {
    return userErrorReply(request, error);
  }
}

export default function NewProduct() {
  const { categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <h2>{t("onboarding.products.add")}</h2>
      <ProductForm
        categories={categories}
        lastResult={actionData && "result" in actionData ? actionData.result : undefined}
        formError={actionData?.formError}
        submitLabel={t("onboarding.save")}
      />
    </>
  );
}
