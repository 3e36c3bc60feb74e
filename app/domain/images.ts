// Photos as the rest of the app sees them: the pipeline's output, what a page needs to show one, and
// pure helpers for `<picture>` markup. Browser-safe: no server imports, so components can use them.

export type ImageFormat = "avif" | "webp" | "jpg";

export type ImageVariant = {
  width: number;
  height: number;
  format: ImageFormat;
  /** Content address in the file storage, served at /images/<key>. */
  key: string;
  bytes: number;
};

/** What the photo pipeline returns; stored in the database as JSON. */
export type ProcessedImage = {
  /** Of the original after EXIF orientation. */
  width: number;
  height: number;
  /** A tiny WebP as a data: URL, shown blurred while the real image loads. */
  blurDataUrl: string;
  variants: ImageVariant[];
};

/** A photo as pages show it: the pipeline's variants, or (older rows, search hits) one stored file. */
export type PhotoData = {
  storageKey: string;
  alt: string;
  width: number;
  height: number;
  variants: ImageVariant[] | null;
  blurDataUrl: string;
};

export function imageUrl(key: string) {
  return `/images/${key}`;
}

function ofFormat(variants: readonly ImageVariant[], format: ImageFormat) {
  return variants.filter((v) => v.format === format).sort((a, b) => a.width - b.width);
}

/** "/images/<key> 320w, /images/<key> 640w" for a `<source srcset>` or `<img srcset>`. */
export function srcSetFor(variants: readonly ImageVariant[], format: ImageFormat) {
  return ofFormat(variants, format)
    .map((v) => `${imageUrl(v.key)} ${v.width}w`)
    .join(", ");
}

/** The `<img src>` for browsers that ignore srcset: the middle-sized JPEG (the larger of two). */
export function fallbackSrc(variants: readonly ImageVariant[]): string | undefined {
  const jpegs = ofFormat(variants, "jpg");
  const middle = jpegs[Math.floor(jpegs.length / 2)];
  return middle && imageUrl(middle.key);
}

/**
 * The one variant that stands for the photo where a single file is needed (cards, link previews,
 * the search index): the widest WebP no wider than 640 px, or the smallest WebP.
 */
export function mainVariant(variants: readonly ImageVariant[]): ImageVariant {
  const webp = ofFormat(variants, "webp");
  const main = webp.filter((v) => v.width <= 640).at(-1) ?? webp[0];
  if (!main) throw new Error("A processed photo has no WebP variant");
  return main;
}
