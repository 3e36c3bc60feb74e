import { notFound } from "#app/services/http/replies.server.ts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "#app/domain/dates.ts";
import { formatVnd } from "#app/domain/money.ts";
import { formatQuantity, unitLabel } from "#app/domain/units.ts";
import { categoryUrl, communeUrl, productUrl, sellerUrl } from "#app/domain/urls.ts";
import { getProductPage } from "#app/services/catalog/catalog.server.ts";
import { getEnv } from "#app/services/platform/env.server.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { ProductGrid } from "#app/ui/product-card.tsx";
import { ResponsiveImage } from "#app/ui/responsive-image.tsx";
import { certLabel } from "#app/ui/cert-label.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  const page = await getProductPage(params.slug ?? "");
  if (!page) throw notFound();
  // PUBLIC_URL, not the request's Host: canonical, og: and JSON-LD links must name this site.
  return { ...page, origin: getEnv().publicUrl, now: Date.now() };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Chợ Phiên" }];
  const { product, origin } = data;
  const description = product.description.slice(0, 160) || product.name;
  const image = product.images[0] ? `${origin}/images/${product.images[0].storageKey}` : undefined;
  return [
    { title: `${product.name} · ${product.seller.displayName} · Chợ Phiên` },
    { name: "description", content: description },
    { property: "og:type", content: "product" },
    { property: "og:title", content: product.name },
    { property: "og:description", content: description },
    { property: "og:url", content: `${origin}${productUrl(product.slug)}` },
    ...(image ? [{ property: "og:image", content: image }] : []),
    { property: "product:price:amount", content: String(product.priceVnd) },
    { property: "product:price:currency", content: "VND" },
    { tagName: "link", rel: "canonical", href: `${origin}${productUrl(product.slug)}` },
  ];
};

/** schema.org Product data; "<" is escaped so a product name cannot close the script tag. */
function structuredData(data: ReturnType<typeof useLoaderData<typeof loader>>) {
  const { product, origin } = data;
  return JSON.stringify({
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    description: product.description,
    sku: product.id,
    image: product.images.map((i) => `${origin}/images/${i.storageKey}`),
    category: product.category.name,
    offers: {
      "@type": "Offer",
      price: product.priceVnd,
      priceCurrency: "VND",
      availability: product.stockMilli > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
      url: `${origin}${productUrl(product.slug)}`,
      seller: { "@type": "Organization", name: product.seller.displayName },
    },
  }).replace(/</g, "\\u003c");
}

export default function ProductPage() {
  const data = useLoaderData<typeof loader>();
  const { product, related, fromSeller, now } = data;
  const t = useT();
  const locale = useLocale();
  const unit = unitLabel(product.unit, locale);
  const [cover, ...others] = product.images;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/">{t("nav.home")}</Link> ›{" "}
        <Link to={categoryUrl(product.category.slug)}>
          {locale === "vi" ? product.category.name : product.category.nameEn}
        </Link>
      </p>
      <div className="product-page">
        <div className="gallery">
          {cover ? (
            <ResponsiveImage
              photo={cover}
              alt={cover.alt || product.name}
              sizes="(min-width: 50rem) 55vw, 100vw"
              priority
            />
          ) : null}
          {others.length ? (
            <div className="thumbs">
              {others.map((photo) => (
                <ResponsiveImage key={photo.storageKey} photo={photo} sizes="5rem" />
              ))}
            </div>
          ) : null}
        </div>
        <div>
          <h1>{product.name}</h1>
          <p className="big-price" data-testid="price">
            {formatVnd(product.priceVnd, locale)}{" "}
            <span className="card-meta">{t("product.perUnit", { unit })}</span>
          </p>
          <p>
            {product.stockMilli > 0 ? (
              t("product.stock", { quantity: formatQuantity(product.stockMilli, locale), unit })
            ) : (
              <span className="badge badge-out">{t("product.outOfStock")}</span>
            )}
            {product.stepMilli !== 1000
              ? ` · ${t("product.step", { step: formatQuantity(product.stepMilli, locale), unit })}`
              : null}
          </p>
          {product.stockMilli >= product.stepMilli ? (
            <Form method="post" action="/gio-hang" className="form add-to-cart">
              <input type="hidden" name="productId" value={product.id} />
              <label htmlFor="add-quantity">{t("cart.quantity", { unit })}</label>
              <div className="inline-form">
                <input
                  id="add-quantity"
                  name="quantity"
                  type="text"
                  inputMode="decimal"
                  size={5}
                  defaultValue={formatQuantity(product.stepMilli, locale)}
                  aria-describedby="add-quantity-hint"
                />
                <button type="submit" name="intent" value="add" className="button">
                  {t("cart.add")}
                </button>
              </div>
              <span id="add-quantity-hint" className="hint">
                {t("cart.quantityHint", { step: formatQuantity(product.stepMilli, locale), unit })}
              </span>
            </Form>
          ) : null}
          <p>{product.description}</p>
          {product.certifications.length ? (
            <>
              <h2>{t("product.certifications")}</h2>
              <ul data-testid="certifications">
                {product.certifications.map((c) => {
                  const expired = c.expiresAt ? new Date(c.expiresAt).getTime() < now : false;
                  const label = certLabel(t, c);
                  return (
                    <li key={`${c.kind}-${c.number}`}>
                      <strong>{label}</strong>
                      {c.number ? ` · ${t("product.certNumber", { number: c.number })}` : null}
                      {c.expiresAt
                        ? ` · ${t(expired ? "product.expired" : "product.validUntil", { date: formatDate(c.expiresAt, locale) })}`
                        : null}
                    </li>
                  );
                })}
              </ul>
            </>
          ) : null}
          <section className="seller-card">
            <p className="card-meta">{t("product.seller")}</p>
            <h2>
              <Link to={sellerUrl(product.seller.slug)}>{product.seller.displayName}</Link>
            </h2>
            <p className="card-meta">
              {t(product.seller.kind === "household" ? "seller.household" : "seller.startup")} ·{" "}
              <Link to={communeUrl(product.seller.commune.slug)}>{product.seller.commune.name}</Link>
            </p>
            <p className="clamp">{product.seller.story}</p>
            <Link to={sellerUrl(product.seller.slug)}>{t("seller.visit")}</Link>
          </section>
        </div>
      </div>
      {fromSeller.length ? (
        <>
          <h2>{t("product.moreFromSeller", { seller: product.seller.displayName })}</h2>
          <ProductGrid products={fromSeller} />
        </>
      ) : null}
      {related.length ? (
        <>
          <h2>{t("product.related")}</h2>
          <ProductGrid products={related} />
        </>
      ) : null}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: structuredData(data) }} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
