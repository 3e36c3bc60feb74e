// What the storefront's lists show of a product, whether it came from the database or the search index.
import type { PhotoData } from "./images.ts";
import type { CertTag } from "./search.ts";
import type { ProductUnit } from "./units.ts";

/** The guarantees a seller can claim for a product (the database enum has the same values). */
export const certificationKinds = ["ocop", "vietgap", "organic"] as const;
export type CertificationKind = (typeof certificationKinds)[number];

/** What a product card shows; built from database rows and from search hits alike. */
export type CardProduct = {
  id: string;
  url: string;
  name: string;
  priceVnd: number;
  unit: ProductUnit;
  inStock: boolean;
  certs: CertTag[];
  sellerName: string;
  communeName: string;
  /** From the database: the pipeline's variants. From a search hit: just the main file. */
  photo: PhotoData | null;
};
