// A photo from the pipeline: AVIF and WebP sources at each width, a JPEG (or WebP) fallback, and a
// tiny blurred preview painted behind it until it loads. Images without variants (older rows) are
// served as their single stored file.
import { fallbackSrc, imageUrl, srcSetFor, type PhotoData } from "#app/domain/images.ts";

export function ResponsiveImage({
  photo,
  sizes,
  alt = photo.alt,
  priority = false,
}: {
  photo: PhotoData;
  sizes: string;
  alt?: string;
  priority?: boolean;
}) {
  const variants = photo.variants ?? [];
  const avif = srcSetFor(variants, "avif");
  const webp = srcSetFor(variants, "webp");
  const src = fallbackSrc(variants) ?? imageUrl(photo.storageKey);
  return (
    <picture>
      {avif ? <source type="image/avif" srcSet={avif} sizes={sizes} /> : null}
      {webp ? <source type="image/webp" srcSet={webp} sizes={sizes} /> : null}
      <img
        src={src}
        alt={alt}
        width={photo.width}
        height={photo.height}
        sizes={sizes}
        loading={priority ? "eager" : "lazy"}
        decoding="async"
        fetchPriority={priority ? "high" : undefined}
        style={
          photo.blurDataUrl
            ? { backgroundImage: `url(${photo.blurDataUrl})`, backgroundSize: "cover" }
            : undefined
        }
      />
    </picture>
  );
}
