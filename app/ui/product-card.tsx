import { formatVnd } from "#app/domain/money.ts";
import { unitLabel, type ProductUnit } from "#app/domain/units.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";

export type ProductCardData = {
  slug: string;
  name: string;
  unit: ProductUnit;
  priceVnd: number;
  stockMilli: number;
  seller: { displayName: string; commune: { name: string } };
  images: { storageKey: string; alt: string }[];
  certifications: { kind: string; stars: number | null }[];
};

export function ProductCard({ product }: { product: ProductCardData }) {
  const t = useT();
  const locale = useLocale();
  const image = product.images[0];
  const ocop = product.certifications.find((c) => c.kind === "ocop");
  return (
    <article className="card">
      {image ? (
        <img
          src={`/images/${image.storageKey}`}
          alt={image.alt || product.name}
          width={640}
          height={480}
          loading="lazy"
        />
      ) : null}
      <div className="card-body">
        <h3 className="card-title">{product.name}</h3>
        <p className="card-meta">
          {product.seller.displayName} · {product.seller.commune.name}
        </p>
        <p className="price">
          {formatVnd(product.priceVnd, locale)}{" "}
          <span className="card-meta">{t("product.perUnit", { unit: unitLabel(product.unit, locale) })}</span>
        </p>
        <p>
          {ocop?.stars ? (
            <span className="badge">{t("product.ocopStars", { stars: ocop.stars })}</span>
          ) : null}
          {product.certifications.some((c) => c.kind === "vietgap") ? (
            <span className="badge">{t("product.vietgap")}</span>
          ) : null}
          {product.certifications.some((c) => c.kind === "organic") ? (
            <span className="badge">{t("product.organic")}</span>
          ) : null}
          {product.stockMilli <= 0 ? (
            <span className="badge badge-out">{t("product.outOfStock")}</span>
          ) : null}
        </p>
      </div>
    </article>
  );
}
