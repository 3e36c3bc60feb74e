// Photos read back from the database. The pipeline's output is stored as JSON (ProductImage.variants,
// Seller.coverPhoto), which the database does not type: it is checked here, in one place, so a row
// written by an older pipeline shows its single stored file instead of breaking the page.
import { z } from "zod";
import type { PhotoData, ProcessedImage } from "#app/domain/images.ts";
import type { Prisma } from "../platform/db.server.ts";

const variantsSchema = z.array(
  z.object({
    width: z.number(),
    height: z.number(),
    format: z.enum(["avif", "webp", "jpg"]),
    key: z.string(),
    bytes: z.number(),
  }),
);

/** What Seller.coverPhoto holds: the pipeline's output plus the key of its main file. */
export type CoverPhoto = ProcessedImage & { key: string };

const coverPhotoSchema = z.object({
  key: z.string(),
  width: z.number(),
  height: z.number(),
  blurDataUrl: z.string().default(""),
  variants: variantsSchema.default([]),
});

/** The columns of a ProductImage a page needs to show it (photoFromRow). */
export const photoSelect = {
  storageKey: true,
  alt: true,
  width: true,
  height: true,
  variants: true,
  blurDataUrl: true,
} satisfies Prisma.ProductImageSelect;

type PhotoRow = Prisma.ProductImageGetPayload<{ select: typeof photoSelect }>;

export function photoFromRow(row: PhotoRow): PhotoData {
  const variants = variantsSchema.safeParse(row.variants);
  return { ...row, variants: variants.success ? variants.data : null };
}

/** A seller's cover photo as stored, or null when there is none (or it is unreadable). */
export function coverPhotoFromJson(json: unknown): CoverPhoto | null {
  const parsed = coverPhotoSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The cover photo as pages show it, with the shop's name as its alternative text. */
export function coverPhotoData(json: unknown, alt: string): PhotoData | null {
  const cover = coverPhotoFromJson(json);
  if (!cover) return null;
  const { key, width, height, blurDataUrl, variants } = cover;
  return { storageKey: key, alt, width, height, blurDataUrl, variants };
}
