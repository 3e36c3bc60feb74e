import { Link } from "@remix-run/react";
import { formatVnd } from "#app/domain/money.ts";
import { unitLabel } from "#app/domain/units.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";
import type { CertTag } from "#app/domain/search.ts";
import type { CardProduct } from "#app/domain/catalog.ts";
import { ResponsiveImage } from "./responsive-image.tsx";

const cardSizes = "(min-width: 60rem) 17rem, (min-width: 40rem) 33vw, 50vw";

// The badge for OCOP shows the star level when there is one.
export function certBadges(certs: CertTag[]): CertTag[] {
  const stars = certs.filter((c) => c === "ocop3" || c === "ocop4" || c === "ocop5");
  return [
    ...(stars.length ? stars : certs.filter((c) => c === "ocop")),
    ...certs.filter((c) => c === "vietgap" || c === "organic"),
  ];
}

export function ProductCard({ product, eager = false }: { product: CardProduct; eager?: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <article className="card">
      <Link to={product.url} className="card-link" prefetch="intent">
        {product.photo ? (
          <ResponsiveImage photo={product.photo} alt="" sizes={cardSizes} priority={eager} />
        ) : null}
        <div className="card-body">
          <h3 className="card-title">{product.name}</h3>
          <p className="card-meta">
            {product.sellerName} · {product.communeName}
          </p>
          <p className="price">
            {formatVnd(product.priceVnd, locale)}{" "}
            <span className="card-meta">
              {t("product.perUnit", { unit: unitLabel(product.unit, locale) })}
            </span>
          </p>
          <p>
            {certBadges(product.certs).map((c) => (
              <span key={c} className="badge">
                {t(`cert.${c}`)}
              </span>
            ))}
            {product.inStock ? null : <span className="badge badge-out">{t("product.outOfStock")}</span>}
          </p>
        </div>
      </Link>
    </article>
  );
}

export function ProductGrid({ products }: { products: CardProduct[] }) {
  return (
    <ul className="grid">
      {products.map((p, i) => (
        <li key={p.id}>
          <ProductCard product={p} eager={i < 4} />
        </li>
      ))}
    </ul>
  );
}
