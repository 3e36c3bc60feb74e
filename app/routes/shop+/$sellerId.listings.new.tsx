import { listCategories } from "#app/services/catalog/catalog.server.ts";
// /shop/:sellerId/listings/new — a new product with the onboarding wizard's form and rules. It goes on
// sale as soon as it is saved (it needs a photo); a certification waits for an admin's check.
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { readProductForm } from "#app/services/onboarding/products.server.ts";
import { createListing, missingCategory } from "#app/services/shops/listings.server.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import { readForm, storeThen } from "#app/services/http/uploads.server.ts";
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import listingsStyles from "#app/styles/listings.css";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { ProductForm } from "#app/ui/onboarding/product-form.tsx";
import { userErrorReply } from "#app/services/http/replies.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: listingsStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  return {
    title: makeT(localeFromRequest(request))("listings.new.title"),
    sellerId: shop.seller.id,
    canWrite: !shop.seller.suspended,
    categories: await listCategories(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
];

export async function action({ request, params }: ActionFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "", { write: true });
  try {
    const parsed = await readProductForm(await readForm(request), { missingCategory });
    if (!parsed.value) return data({ result: parsed.submission.reply(), formError: null }, { status: 400 });
    const { value, photos, certificatePhotoKey } = parsed;
    const id = await storeThen(parsed.files, () => createListing(shop, value, photos, certificatePhotoKey));
    return redirect(`/shop/${shop.seller.id}/listings?done=create&product=${id}#p-${id}`);
  } catch (error) {
    return userErrorReply(request, error, { result: undefined });
  }
}

export default function NewListing() {
  const { sellerId, canWrite, categories } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="listings">
      <p className="breadcrumbs">
        <Link to={`/shop/${sellerId}/listings`}>{t("listings.back")}</Link>
      </p>
      <h2>{t("listings.new.title")}</h2>
      <p className="card-meta">{t("listings.new.help")}</p>
      <p className="card-meta">{t("listings.rule")}</p>
      <fieldset className="listing-readonly" disabled={!canWrite}>
        <ProductForm
          categories={categories}
          lastResult={reply?.result}
          formError={reply?.formError}
          submitLabel={t("listings.new.submit")}
        />
      </fieldset>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
