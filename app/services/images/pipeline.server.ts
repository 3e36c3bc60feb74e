// Product photos: check an upload, orient it, strip its metadata and store web-sized variants
// (AVIF, WebP, JPEG at up to three widths) plus a tiny blur placeholder; personal documents (consent
// forms, certificates) get the same checks and one readable WebP for the private storage area.
//
// Encoding happens in memory and returns the files with their keys, so a caller can check every file
// of a request before storing any, and store them only just before the database write.
//
// The type is judged by the bytes (magic numbers, then libvips' own header parse), never by a file
// name or a declared Content-Type: this function is not even given them.
import os from "node:os";
import sharp, {
  type Metadata,
  type OutputInfo,
  type ResizeOptions,
  type Sharp,
  type SharpOptions,
} from "sharp";
import type { ImageFormat, ImageVariant, ProcessedImage } from "#app/domain/images.ts";
import { UserError } from "#app/domain/user-error.ts";
import { contentKey, type FileStorage } from "#app/services/platform/storage.server.ts";

export const imageLimits = { maxBytes: 15 * 1024 * 1024, maxPixels: 40_000_000 };
export type ImageLimits = typeof imageLimits;

export const variantWidths = [320, 640, 1280] as const;
export const variantFormats = ["avif", "webp", "jpg"] as const satisfies readonly ImageFormat[];

// Encoder settings, shared with bench/images.ts so its baseline encodes exactly the same way.
// AVIF effort 3 rather than sharp's default 4: measured here on 1280 px images it was 6–8× faster
// (250 ms vs 1.4 s on the bench's synthetic photo) for files of about the same size (±2 %).
export const encoderOptions = {
  avif: { quality: 50, effort: 3 },
  webp: { quality: 80 },
  jpg: { quality: 80, progressive: true, mozjpeg: true },
} as const;

export type RejectionReason = "unsupported_format" | "heic" | "too_large" | "too_many_pixels" | "unreadable";

const megabytes = (bytes: number) => Math.floor(bytes / (1024 * 1024));
const megapixels = (pixels: number) => Math.floor(pixels / 1_000_000);

/** An upload we will not store, with a message (`image.rejected.<reason>`) saying what to do instead. */
export function imageRejected(reason: RejectionReason, limits: ImageLimits = imageLimits, cause?: unknown) {
  const values = { megabytes: megabytes(limits.maxBytes), megapixels: megapixels(limits.maxPixels) };
  return new UserError(`image.rejected.${reason}`, values, 400, { cause });
}

type Sniffed = "jpeg" | "png" | "webp" | "avif" | "heic" | "unknown";

const avifBrands = new Set(["avif", "avis"]);
// Any other HEIF brand (HEVC stills and sequences, generic MIAF/HEIF): what iPhones send.
const heifBrands = new Set([
  "heic",
  "heix",
  "heim",
  "heis",
  "hevc",
  "hevx",
  "hevm",
  "hevs",
  "mif1",
  "mif2",
  "msf1",
  "miaf",
]);

function ascii(bytes: Uint8Array, start: number, end: number) {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** The format from the first bytes. HEIF files are told apart by the brands in their `ftyp` box. */
function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && ascii(bytes, 0, 8) === "\x89PNG\r\n\x1a\n") return "png";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === "ftyp") {
    const boxSize = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
    const end = Math.min(bytes.length, boxSize >= 16 ? boxSize : 16, 512);
    // Major brand at 8; minor version at 12; compatible brands from 16 to the end of the box.
    const brands = [ascii(bytes, 8, 12)];
    for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
    if (brands.some((b) => avifBrands.has(b))) return "avif";
    if (brands.some((b) => heifBrands.has(b))) return "heic";
  }
  return "unknown";
}

const expectedDecoder = { jpeg: "jpeg", png: "png", webp: "webp", avif: "heif" } as const;

/** At most `size` jobs at a time; the others wait in order. */
class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running < this.size) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // a finishing job hands over its slot
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

// sharp runs every decode and encode on libuv's thread pool, so none of this blocks the event loop.
// That pool (UV_THREADPOOL_SIZE, 4 by default) also serves fs, dns.lookup, zlib and crypto, so image
// jobs, across all uploads in the process, take at most one thread fewer than the pool has (and no
// more than there are cores): the rest of the server keeps a thread for its file reads.
const threads = new Slots(
  Math.max(1, Math.min(os.availableParallelism(), (Number(process.env.UV_THREADPOOL_SIZE) || 4) - 1)),
);
// The AV1 encoder takes ~110 MB for a 1280 px image (measured here); one at a time keeps a burst of
// uploads from multiplying that, and costs little time since WebP and JPEG encodes fill the gap.
const avifEncoders = new Slots(1);

/** The variant widths for an image this wide: never wider than it, and at least one. */
function widthsFor(width: number): number[] {
  const fitting = variantWidths.filter((w) => w <= width);
  return fitting.length > 0 ? fitting : [width];
}

function encode(image: Sharp, format: ImageFormat) {
  switch (format) {
    case "avif":
      return image.avif(encoderOptions.avif);
    case "webp":
      return image.webp(encoderOptions.webp);
    case "jpg":
      // JPEG has no alpha: put transparent product cut-outs on white, not black.
      return image.flatten({ background: "#ffffff" }).jpeg(encoderOptions.jpg);
  }
}

type Inspected = { kind: keyof typeof expectedDecoder; metadata: Metadata };

/**
 * Every check that needs no decoding: the size, the type from the bytes, the header, the pixel
 * count. Cheap, so an upload with several files checks them all before encoding any.
 */
export async function inspectImage(bytes: Uint8Array, limits: ImageLimits = imageLimits): Promise<Inspected> {
  if (bytes.byteLength > limits.maxBytes) throw imageRejected("too_large", limits);

  const kind = sniff(bytes);
  if (kind === "heic") throw imageRejected("heic", limits);
  if (kind === "unknown") throw imageRejected("unsupported_format", limits);

  // Header only: no pixels are decoded here, so the pixel count is checked before any decoding.
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw imageRejected("unreadable", limits, error);
  }
  if (metadata.format !== expectedDecoder[kind]) throw imageRejected("unsupported_format", limits);
  if (kind === "avif" && metadata.compression !== "av1") throw imageRejected("heic", limits);
  if (metadata.width * metadata.height > limits.maxPixels) {
    throw imageRejected("too_many_pixels", limits);
  }
  return { kind, metadata };
}

// Decode once: orient from EXIF, convert to 8-bit sRGB (through the embedded ICC profile, if any)
// and shrink to the largest output — JPEG shrink-on-load makes that cheap. libvips still enforces
// limitInputPixels, in case the header lied. Raw pixels carry no EXIF, GPS, XMP or ICC, so
// nothing of the original's metadata can reach an output. (`clone()` of a sharp instance reading
// the original bytes would decode them again in every clone; cloning the raw pixels does not.)
async function decode(bytes: Uint8Array, limits: ImageLimits, resize: ResizeOptions) {
  const inputOptions: SharpOptions = { limitInputPixels: limits.maxPixels, failOn: "warning" };
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await threads.run(() =>
      sharp(bytes, inputOptions)
        .autoOrient()
        .resize({ ...resize, withoutEnlargement: true })
        .toColourspace("srgb")
        .raw()
        .toBuffer({ resolveWithObject: true }),
    );
  } catch (error) {
    const reason = /pixel limit/i.test(String(error)) ? "too_many_pixels" : "unreadable";
    throw imageRejected(reason, limits, error);
  }
  const { width, height, channels } = decoded.info;
  return { pixels: sharp(decoded.data, { raw: { width, height, channels } }), width, height };
}

/** Encoded bytes under their content key, not yet stored. */
export type EncodedFile = { key: string; bytes: Uint8Array };

/**
 * Checks, decodes and encodes, in memory: nothing is stored. `formats` narrows the variants (the
 * demo seed makes WebP only, to seed quickly); uploads use all.
 */
export async function encodeImage(
  bytes: Uint8Array,
  limits: ImageLimits = imageLimits,
  formats: readonly ImageFormat[] = variantFormats,
): Promise<{ image: ProcessedImage; files: EncodedFile[] }> {
  const { metadata } = await inspectImage(bytes, limits);

  const widths = widthsFor(metadata.autoOrient.width);
  const largest = widths[widths.length - 1]!;
  const { pixels, width } = await decode(bytes, limits, { width: largest });

  const jobs = widths.flatMap((w) =>
    formats.map((format) => ({ width: w, format, cost: w * w * (format === "avif" ? 4 : 1) })),
  );
  // Most expensive first, so the long AVIF encode is not the last one to start.
  jobs.sort((a, b) => b.cost - a.cost);

  const [blur, ...encoded] = await Promise.all([
    threads.run(() =>
      pixels
        .clone()
        .resize({ width: 16, height: 16, fit: "inside", withoutEnlargement: true })
        .webp({ quality: 40 })
        .toBuffer(),
    ),
    ...jobs.map(async (job) => {
      const image = job.width === width ? pixels.clone() : pixels.clone().resize({ width: job.width });
      const encodeJob = () =>
        threads.run(() => encode(image, job.format).toBuffer({ resolveWithObject: true }));
      // Wait for the AVIF encoder before taking a thread, so waiting never holds a thread idle.
      const { data, info } = await (job.format === "avif" ? avifEncoders.run(encodeJob) : encodeJob());
      return { data, info, format: job.format, key: contentKey(data, job.format) };
    }),
  ]);

  const formatOrder = (f: ImageFormat) => variantFormats.indexOf(f);
  const variants: ImageVariant[] = encoded
    .map((e) => ({
      width: e.info.width,
      height: e.info.height,
      format: e.format,
      key: e.key,
      bytes: e.data.byteLength,
    }))
    .sort((a, b) => a.width - b.width || formatOrder(a.format) - formatOrder(b.format));

  return {
    image: {
      width: metadata.autoOrient.width,
      height: metadata.autoOrient.height,
      blurDataUrl: `data:image/webp;base64,${blur!.toString("base64")}`,
      variants,
    },
    files: encoded.map((e) => ({ key: e.key, bytes: e.data })),
  };
}

/** Checks and encodes, then stores every variant (only once all of them were encoded). */
export async function processImage(
  bytes: Uint8Array,
  storage: FileStorage,
  limits: ImageLimits = imageLimits,
  formats: readonly ImageFormat[] = variantFormats,
): Promise<ProcessedImage> {
  const { image, files } = await encodeImage(bytes, limits, formats);
  await Promise.all(files.map((f) => storage.put(f.key, f.bytes)));
  return image;
}

// A personal document (a signed consent form, a certificate) is read by an admin, not browsed by
// buyers: one WebP, large enough to read a certificate number, no srcset and no blur placeholder.
export const documentOptions = { maxSide: 2000, webp: { quality: 85 } } as const;

export type ProcessedDocument = { key: string; width: number; height: number; bytes: number };

/** The same checks as a photo, then one WebP of at most 2000 px a side; nothing is stored. */
export async function encodeDocument(
  bytes: Uint8Array,
  limits: ImageLimits = imageLimits,
): Promise<{ document: ProcessedDocument; files: EncodedFile[] }> {
  await inspectImage(bytes, limits);
  const side = documentOptions.maxSide;
  const { pixels } = await decode(bytes, limits, { width: side, height: side, fit: "inside" });
  const { data, info } = await threads.run(() =>
    pixels.webp(documentOptions.webp).toBuffer({ resolveWithObject: true }),
  );
  const key = contentKey(data, "webp");
  return {
    document: { key, width: info.width, height: info.height, bytes: data.byteLength },
    files: [{ key, bytes: data }],
  };
}
