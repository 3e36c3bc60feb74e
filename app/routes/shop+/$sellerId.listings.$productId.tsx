import { listCategories } from "#app/services/catalog/catalog.server.ts";
// /shop/:sellerId/listings/:productId — one product: its status buttons, its photos (add, move up or
// down, remove: plain forms, no JavaScript needed) and the full product form shared with onboarding.
// Everything goes live at once except a new or changed certification, which waits for an admin.
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatDate } from "#app/domain/dates.ts";
import {
  canAddPhotos,
  dateInputValue,
  isDoneNotice,
  movesFor,
  needsVerification,
  QuickActionSchema,
  quantityInput,
} from "#app/domain/listing-rules.ts";
import { productUrl } from "#app/domain/urls.ts";
import { readProductForm } from "#app/services/onboarding/products.server.ts";
import {
  addListingPhotos,
  getShopProduct,
  lastCertificationRejection,
  missingCategory,
  moveListingPhoto,
  removeListingPhoto,
  requireShopProduct,
  runQuickAction,
  updateListing,
} from "#app/services/shops/listings.server.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import { filesOf, preparePhotos, readForm, storeThen } from "#app/services/http/uploads.server.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";
import listingsStyles from "#app/styles/listings.css";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { FormAlert } from "#app/ui/forms.tsx";
import { ProductForm } from "#app/ui/onboarding/product-form.tsx";
import { ResponsiveImage } from "#app/ui/responsive-image.tsx";
import { notFound, userErrorReply } from "#app/services/http/replies.server.ts";
import { UserError } from "#app/domain/user-error.ts";
import { certLabel } from "#app/ui/cert-label.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: listingsStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  const product = await getShopProduct(shop.seller.id, params.productId ?? "");
  if (!product) throw notFound();
  const [categories, rejection] = await Promise.all([
    listCategories(),
    lastCertificationRejection(shop.seller.id, product.id),
  ]);
  const [cert, ...otherCerts] = product.certifications;
  const done = new URL(request.url).searchParams.get("done");
  return {
    title: product.name,
    sellerId: shop.seller.id,
    canWrite: !shop.seller.suspended,
    done: isDoneNotice(done) ? done : null,
    product: {
      id: product.id,
      name: product.name,
      status: product.status,
      url: product.status === "active" ? productUrl(product.slug) : null,
    },
    photos: product.photos,
    cert: cert ? { kind: cert.kind, stars: cert.stars, verified: Boolean(cert.verifiedAt) } : null,
    otherCerts: otherCerts.map((c) => ({ kind: c.kind, stars: c.stars, verified: Boolean(c.verifiedAt) })),
    rejection,
    categories,
    defaults: {
      name: product.name,
      categorySlug: product.category.slug,
      description: product.description,
      unit: product.unit,
      stepMilli: quantityInput(product.stepMilli),
      priceVnd: String(product.priceVnd),
      localOnly: product.localOnly ? "on" : undefined,
      weightGrams: product.weightGrams ? String(product.weightGrams) : "",
      stockMilli: quantityInput(product.stockMilli),
      certKind: cert?.kind,
      certStars: cert?.stars ? String(cert.stars) : undefined,
      certNumber: cert?.number || undefined,
      certExpiresAt: cert?.expiresAt ? dateInputValue(cert.expiresAt) : undefined,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
];

const PhotoActionSchema = z.object({
  intent: z.enum(["photoUp", "photoDown", "photoRemove"]),
  imageId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "", { write: true });
  const product = await requireShopProduct(shop, params.productId ?? "");
  const sellerId = shop.seller.id;
  const here = `/shop/${sellerId}/listings/${product.id}`;
  let intent = "save";
  try {
    const form = await readForm(request);
    intent = String(form.get("intent") ?? "save");
    if (intent === "save") {
      const parsed = await readProductForm(form, { keptPhotos: product.photoCount, missingCategory });
      if (!parsed.value) {
        return data({ intent, result: parsed.submission.reply(), formError: null }, { status: 400 });
      }
      const { value, photos, certificatePhotoKey } = parsed;
      const { certification } = await storeThen(parsed.files, () =>
        updateListing(shop, product.id, value, { addPhotos: photos, certificatePhotoKey }),
      );
      const done = needsVerification(certification) ? "certPending" : "update";
      return redirect(`/shop/${sellerId}/listings?done=${done}&product=${product.id}#p-${product.id}`);
    }
    if (intent === "photoAdd") {
      const files = filesOf(form, "photos");
      if (files.length === 0) throw new UserError("listings.photos.pick");
      // Refuse too many photos before the slow part (processing them).
      if (!canAddPhotos(product.photoCount, files.length).ok) {
        throw new UserError("listings.error.tooManyPhotos", { max: 8 });
      }
      const prepared = await preparePhotos(files);
      const photos = prepared.photos.map((p) => ({ ...p, alt: product.name }));
      await storeThen(prepared.files, () => addListingPhotos(shop, product.id, photos));
      return redirect(`${here}?done=photos#photos`);
    }
    if (intent.startsWith("photo")) {
      const submission = parseWithZod(form, { schema: PhotoActionSchema });
      if (submission.status !== "success") throw new UserError("listings.error.intent");
      const { imageId } = submission.value;
      if (submission.value.intent === "photoRemove") await removeListingPhoto(shop, product.id, imageId);
      else {
        const direction = submission.value.intent === "photoUp" ? "up" : "down";
        await moveListingPhoto(shop, product.id, imageId, direction);
      }
      return redirect(`${here}?done=photos#photos`);
    }
    form.set("productId", product.id);
    const submission = parseWithZod(form, { schema: QuickActionSchema });
    if (submission.status !== "success") {
      return data({ intent, result: submission.reply(), formError: null }, { status: 400 });
    }
    const { copyId } = await runQuickAction(shop, submission.value);
    if (copyId) return redirect(`/shop/${sellerId}/listings/${copyId}?done=duplicate`);
    return redirect(`${here}?done=${submission.value.intent}`);
  } catch (error) {
    return userErrorReply(request, error, { intent, result: undefined });
  }
}

export default function EditListing() {
  const loaderData = useLoaderData<typeof loader>();
  const { sellerId, canWrite, done, product, photos, cert, otherCerts, rejection, categories, defaults } =
    loaderData;
  const reply = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const saveReply = reply?.intent === "save" ? reply : undefined;
  const otherError = reply && reply.intent !== "save" ? reply.formError : null;
  return (
    <section className="listings">
      <p className="breadcrumbs">
        <Link to={`/shop/${sellerId}/listings`}>{t("listings.back")}</Link>
      </p>
      <h2>{product.name}</h2>
      <p>
        <span className="chip">{t(`listings.status.${product.status}`)}</span>{" "}
        {product.url ? <a href={product.url}>{t("listings.viewInStore")}</a> : null}
      </p>
      {done ? (
        <p className="ok" role="status" data-testid="listing-notice">
          {t(`listings.done.${done}`, { product: product.name })}
        </p>
      ) : null}
      <FormAlert message={otherError} />
      <p className="card-meta">{t("listings.rule")}</p>

      <fieldset className="listing-readonly" disabled={!canWrite}>
        <h3>{t("listings.actions")}</h3>
        <Form method="post" className="listing-buttons">
          {movesFor(product.status).map((move) => (
            <button key={move} type="submit" className="button button-quiet" name="intent" value={move}>
              {t(`listings.move.${move}`)}
            </button>
          ))}
          <button type="submit" className="button button-quiet" name="intent" value="duplicate">
            {t("listings.duplicate")}
          </button>
        </Form>

        <h3 id="photos">{t("listings.photos.title")}</h3>
        <p className="hint">{t("listings.photos.hint")}</p>
        {photos.length === 0 ? <p className="notice">{t("listings.photos.none")}</p> : null}
        <div className="photo-row listing-photos" data-testid="listing-photos">
          {photos.map((photo, index) => (
            <figure key={photo.id}>
              <ResponsiveImage photo={photo} sizes="8.5rem" />
              <figcaption className="card-meta">
                {index === 0 ? t("listings.photos.main") : t("listings.photos.position", { n: index + 1 })}
              </figcaption>
              <Form method="post">
                <input type="hidden" name="imageId" value={photo.id} />
                {index > 0 ? (
                  <button type="submit" className="button button-quiet" name="intent" value="photoUp">
                    {t("listings.photos.up")}
                  </button>
                ) : null}
                {index < photos.length - 1 ? (
                  <button type="submit" className="button button-quiet" name="intent" value="photoDown">
                    {t("listings.photos.down")}
                  </button>
                ) : null}
                <button type="submit" className="button button-quiet" name="intent" value="photoRemove">
                  {t("listings.photos.remove")}
                </button>
              </Form>
            </figure>
          ))}
        </div>
        <Form method="post" encType="multipart/form-data" className="form">
          <div className="field">
            <label htmlFor="add-photos">{t("listings.photos.add")}</label>
            <input id="add-photos" type="file" name="photos" accept="image/*" multiple />
            <span className="hint">{t("onboarding.photo.hint")}</span>
          </div>
          <button type="submit" className="button button-quiet" name="intent" value="photoAdd">
            {t("listings.photos.addSubmit")}
          </button>
        </Form>

        <h3>{t("listings.details.title")}</h3>
        {cert ? (
          <p className={cert.verified ? "ok" : "notice"} data-testid="listing-cert">
            {t(cert.verified ? "listings.cert.verified" : "listings.cert.pending", {
              cert: certLabel(t, cert),
            })}
          </p>
        ) : null}
        {rejection ? (
          <p className="alert" data-testid="listing-cert-rejected">
            {t("listings.cert.rejected", {
              date: formatDate(rejection.at, locale),
              cert: certLabel(t, rejection),
              note: rejection.note,
            })}
          </p>
        ) : null}
        {otherCerts.length ? (
          <p className="card-meta">
            {t("listings.cert.others", { list: otherCerts.map((c) => certLabel(t, c)).join(", ") })}
          </p>
        ) : null}
        <ProductForm
          categories={categories}
          defaults={defaults}
          lastResult={saveReply?.result}
          formError={saveReply?.formError}
          submitLabel={t("listings.edit.submit")}
        />
      </fieldset>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
