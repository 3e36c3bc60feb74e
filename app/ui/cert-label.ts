// How a certification reads wherever it is shown: "OCOP 4 sao" when the stars are known, else its name.
import type { CertificationKind } from "#app/domain/catalog.ts";
import type { T } from "#app/i18n/i18n.ts";

export function certLabel(t: T, cert: { kind: CertificationKind; stars: number | null }) {
  return cert.kind === "ocop" && cert.stars
    ? t("product.ocopStars", { stars: cert.stars })
    : t(`cert.${cert.kind}`);
}
