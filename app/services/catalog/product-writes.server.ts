// The product form turned into rows: shared by the onboarding wizard (a volunteer sets up a shop),
// the seller workspace's listings (which differ in who may write and what needs an admin's check)
// and the spreadsheet import.
import type { z } from "zod";
import type { ProductFormSchema } from "#app/domain/onboarding.ts";
import { slugify } from "#app/domain/text.ts";
import type { Tx } from "../platform/db.server.ts";
import type { ProcessedImage } from "#app/domain/images.ts";

export type ProductForm = z.output<typeof ProductFormSchema>;
export type ProductPhoto = ProcessedImage & { key: string; alt: string };

/** The product's own fields, as the form (or an imported row) gives them. */
export function productFields(
  form: Pick<ProductForm, "name" | "description" | "unit" | "stepMilli" | "stockMilli" | "priceVnd"> &
    Partial<Pick<ProductForm, "localOnly" | "weightGrams">>,
) {
  const { name, description, unit, stepMilli, stockMilli, priceVnd, localOnly, weightGrams } = form;
  // The spreadsheet import has no delivery columns: it leaves them as they are.
  return {
    name,
    description,
    unit,
    stepMilli,
    stockMilli,
    priceVnd,
    ...(localOnly === undefined ? {} : { localOnly }),
    ...(weightGrams === undefined ? {} : { weightGrams }),
  };
}

/** The certification the form claims, or null; saved unverified until an admin checks it. */
export function certificationClaim(form: ProductForm, photoKey: string | null) {
  if (!form.certKind) return null;
  return {
    kind: form.certKind,
    stars: form.certKind === "ocop" ? (form.certStars ?? null) : null,
    number: form.certNumber ?? "",
    expiresAt: form.certExpiresAt ?? null,
    photoKey,
  };
}

export function photoRows(photos: ProductPhoto[], startAt: number) {
  return photos.map((p, i) => ({
    storageKey: p.key,
    alt: p.alt,
    width: p.width,
    height: p.height,
    variants: p.variants,
    blurDataUrl: p.blurDataUrl,
    sortOrder: startAt + i,
  }));
}

/** The id of the category the form names; a slug that names none (a stale form) throws `missing()`. */
export async function categoryIdOf(tx: Tx, slug: string, missing: () => Error) {
  const category = await tx.category.findUnique({ where: { slug }, select: { id: true } });
  if (!category) throw missing();
  return category.id;
}

/** "Xoài cát Hòa Lộc" → "xoai-cat-hoa-loc-<end of the seller's id>", with "-2"s until it is free. */
export async function uniqueProductSlug(tx: Tx, name: string, sellerId: string) {
  let slug = slugify(`${name} ${sellerId.slice(-6)}`) || `san-pham-${sellerId.slice(-6)}`;
  while (await tx.product.findUnique({ where: { slug }, select: { id: true } })) slug += "-2";
  return slug;
}
