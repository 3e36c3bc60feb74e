import { dateInputValue } from "#app/domain/listing-rules.ts";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { listCategories } from "#app/services/catalog/catalog.server.ts";
import { photoFromRow } from "#app/services/images/stored-photos.server.ts";
import {
  assertSellerEditable,
  deleteProduct,
  missingCategory,
  requireSellerAccess,
  updateProduct,
} from "#app/services/onboarding/wizard.server.ts";
import { getWizardProduct, readProductForm } from "#app/services/onboarding/products.server.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";
import { readForm, storeThen } from "#app/services/http/uploads.server.ts";
import { useT } from "#app/i18n/i18n.ts";
import { ProductForm } from "#app/ui/onboarding/product-form.tsx";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSellerAccess(request, params.sellerId ?? "");
  const [product, categories] = await Promise.all([
    getWizardProduct(params.sellerId!, params.productId ?? ""),
    listCategories(),
  ]);
  const cert = product.certifications[0];
  const decimal = (milli: number) => String(milli / 1000).replace(".", ",");
  return {
    categories,
    photos: product.images.map(photoFromRow),
    defaults: {
      name: product.name,
      categorySlug: product.category.slug,
      description: product.description,
      unit: product.unit,
      stepMilli: decimal(product.stepMilli),
      priceVnd: String(product.priceVnd),
      localOnly: product.localOnly ? "on" : undefined,
      weightGrams: product.weightGrams ? String(product.weightGrams) : "",
      stockMilli: decimal(product.stockMilli),
      certKind: cert?.kind,
      certStars: cert?.stars ? String(cert.stars) : undefined,
      certNumber: cert?.number || undefined,
      certExpiresAt: cert?.expiresAt ? dateInputValue(cert.expiresAt) : undefined,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const volunteer = await requireSellerAccess(request, params.sellerId ?? "");
  const sellerId = params.sellerId!;
  const productId = params.productId ?? "";
  try {
    const form = await readForm(request);
    if (form.get("intent") === "delete") {
      await deleteProduct(volunteer, sellerId, productId);
      return redirect(`/onboarding/${sellerId}/products`);
    }
    const product = await getWizardProduct(sellerId, productId);
    await assertSellerEditable(sellerId);
    const removePhotoKeys = form.getAll("removePhoto").map(String);
    const kept = product.images.filter((i) => !removePhotoKeys.includes(i.storageKey)).length;
    const parsed = await readProductForm(form, { keptPhotos: kept, missingCategory });
    if (!parsed.value) return data({ result: parsed.submission.reply(), formError: null }, { status: 400 });
    const { value, photos, certificatePhotoKey } = parsed;
    await storeThen(parsed.files, () =>
      updateProduct(volunteer, sellerId, productId, value, {
        addPhotos: photos,
        removePhotoKeys,
        certificatePhotoKey,
      }),
    );
    return redirect(`/onboarding/${sellerId}/products`);
  } catch (error) {
    return userErrorReply(request, error);
  }
}

export default function EditProduct() {
  const { categories, photos, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <h2>{defaults.name}</h2>
      <ProductForm
        categories={categories}
        defaults={defaults}
        photos={photos}
        lastResult={actionData && "result" in actionData ? actionData.result : undefined}
        formError={actionData?.formError}
        submitLabel={t("onboarding.save")}
      />
      <Form method="post" className="form">
        <button type="submit" name="intent" value="delete" className="link-button">
          {t("onboarding.products.delete")}
        </button>
      </Form>
    </>
  );
}
