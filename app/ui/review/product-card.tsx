// One product as the admin reviews it before approving a shop: every field the buyer will see,
// the photos, and each certificate with its private scan and whether it has expired.
import type { CertificationKind } from "#app/domain/catalog.ts";
import { formatDate } from "#app/domain/dates.ts";
import { imageUrl, type PhotoData } from "#app/domain/images.ts";
import type { ProductStatus } from "#app/domain/listing-rules.ts";
import { formatVnd } from "#app/domain/money.ts";
import { formatQuantity, unitLabel, type ProductUnit } from "#app/domain/units.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";
import { certLabel } from "#app/ui/cert-label.ts";
import { ResponsiveImage } from "#app/ui/responsive-image.tsx";
import { Row } from "./row.tsx";

export type ReviewProduct = {
  id: string;
  name: string;
  description: string | null;
  unit: ProductUnit;
  priceVnd: number;
  stockMilli: number;
  stepMilli: number;
  status: ProductStatus;
  category: { name: string; nameEn: string };
  photos: PhotoData[];
  certifications: {
    id: string;
    kind: CertificationKind;
    stars: number | null;
    number: string | null;
    expiresAt: Date | null;
    photoUrl: string | null;
  }[];
};

export function ReviewProductCard({ product, now }: { product: ReviewProduct; now: number }) {
  const t = useT();
  const locale = useLocale();
  const empty = (text: string | null | undefined) => (text ? text : <em>{t("review.empty")}</em>);
  const unit = unitLabel(product.unit, locale);
  return (
    <article className="seller-card" data-testid="review-product">
      <h3>{product.name}</h3>
      <dl>
        <Row label={t("review.product.category")}>
          {locale === "vi" ? product.category.name : product.category.nameEn}
        </Row>
        <Row label={t("review.product.price")}>
          {formatVnd(product.priceVnd, locale)} {t("product.perUnit", { unit })}
        </Row>
        <Row label={t("review.product.stock")}>
          {formatQuantity(product.stockMilli, locale)} {unit}
        </Row>
        <Row label={t("review.product.step")}>
          {formatQuantity(product.stepMilli, locale)} {unit}
        </Row>
        <Row label={t("review.product.status")}>{t(`review.productStatus.${product.status}`)}</Row>
        <Row label={t("review.product.description")}>
          <span style={{ whiteSpace: "pre-line" }}>{empty(product.description)}</span>
        </Row>
      </dl>
      <h4>{t("review.product.photos", { count: product.photos.length })}</h4>
      {product.photos.length ? (
        <div className="gallery">
          <div className="thumbs">
            {product.photos.map((photo) => (
              <a key={photo.storageKey} href={imageUrl(photo.storageKey)} target="_blank" rel="noreferrer">
                <ResponsiveImage photo={photo} sizes="5rem" />
              </a>
            ))}
          </div>
        </div>
      ) : (
        <p className="alert">{t("review.product.noPhotos")}</p>
      )}
      <h4>{t("review.product.certifications")}</h4>
      {product.certifications.length ? (
        <ul>
          {product.certifications.map((c) => {
            const label = certLabel(t, c);
            const expired = c.expiresAt ? new Date(c.expiresAt).getTime() < now : false;
            return (
              <li key={c.id}>
                <strong>{label}</strong>
                {` · ${t("review.product.certNumber")}: `}
                {empty(c.number)}
                {c.expiresAt ? (
                  <>
                    {` · ${t("review.product.certExpires")}: ${formatDate(c.expiresAt, locale)}`}
                    {expired ? (
                      <span className="badge badge-out">{t("review.product.certExpired")}</span>
                    ) : null}
                  </>
                ) : null}
                {c.photoUrl ? (
                  <a href={c.photoUrl} target="_blank" rel="noreferrer">
                    <img
                      src={c.photoUrl}
                      alt={t("review.product.certPhotoAlt", { cert: label, product: product.name })}
                      width={240}
                      loading="lazy"
                    />
                    {t("review.product.certPhoto")}
                  </a>
                ) : (
                  <p className="alert">{t("review.product.noCertPhoto")}</p>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{t("review.product.noCertifications")}</p>
      )}
    </article>
  );
}
