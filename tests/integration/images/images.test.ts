// The product photo pipeline, on inputs generated here with sharp (no binary fixtures).
import { userErrorMessage } from "#app/i18n/user-error-message.ts";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  encodeDocument,
  imageLimits,
  processImage,
  type RejectionReason,
} from "#app/services/images/pipeline.server.ts";
import { fallbackSrc, srcSetFor, type ProcessedImage } from "#app/domain/images.ts";
import { contentKey, isContentKey } from "#app/services/platform/storage.server.ts";
import { isoMediaHeader, pngHeaderOnly, pngSignaturePlus } from "#tests/fixtures/image-headers.ts";
import { MemoryStorage } from "#tests/helpers.ts";
import { UserError } from "#app/domain/user-error.ts";

/** A photo-like image (blurred noise: texture to encode, unlike a flat colour) in the given format. */
async function photo(
  width: number,
  height: number,
  format: "jpeg" | "png" | "webp" | "avif" | "gif" | "tiff",
) {
  const image = sharp({
    create: {
      width,
      height,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 60 },
    },
  }).blur(1.5);
  const pixels = await image.raw().toBuffer();
  const encoder = sharp(pixels, { raw: { width, height, channels: 3 } });
  // AVIF effort 0: AV1 encodes of noise are slow at the default effort.
  return (format === "avif" ? encoder.avif({ effort: 0 }) : encoder.toFormat(format)).toBuffer();
}

async function expectRejected(promise: Promise<unknown>, reason: RejectionReason) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  const rejection = error as UserError;
  expect(rejection.messageKey).toBe(`image.rejected.${reason}`);
  const message = userErrorMessage(rejection, "vi");
  const messageEn = userErrorMessage(rejection, "en");
  expect(message.length).toBeGreaterThan(20);
  expect(messageEn.length).toBeGreaterThan(20);
  return { message, messageEn };
}

/** Whether raw EXIF (as sharp's metadata() returns it) has a GPS IFD pointer (tag 0x8825) in IFD0. */
function exifHasGps(exif: Buffer) {
  const tiff = exif.subarray(exif.toString("latin1", 0, 6) === "Exif\0\0" ? 6 : 0);
  const littleEndian = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (at: number) => (littleEndian ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const ifd0 = littleEndian ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  for (let i = 0; i < u16(ifd0); i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

/** Every stored variant: the right format and size, and no metadata left in it. */
async function checkVariants(result: ProcessedImage, storage: MemoryStorage) {
  expect([...storage.files.keys()].sort()).toEqual(result.variants.map((v) => v.key).sort());
  for (const variant of result.variants) {
    const stored = storage.files.get(variant.key)!;
    expect(isContentKey(variant.key)).toBe(true);
    expect(variant.key).toBe(contentKey(stored, variant.format));
    expect(variant.bytes).toBe(stored.byteLength);
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe({ avif: "heif", webp: "webp", jpg: "jpeg" }[variant.format]);
    if (variant.format === "avif") expect(meta.compression).toBe("av1");
    if (variant.format === "jpg") expect(meta.isProgressive).toBe(true);
    expect([meta.width, meta.height]).toEqual([variant.width, variant.height]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
  }
}

describe("processImage", () => {
  it("orients a phone JPEG from EXIF and strips EXIF, GPS and XMP from every variant", async () => {
    // Left half red, right half blue; orientation 6 means "rotate 90° clockwise to display".
    const red = await sharp({
      create: { width: 700, height: 1000, channels: 3, background: "#d01010" },
    })
      .png()
      .toBuffer();
    const input = await sharp({ create: { width: 1400, height: 1000, channels: 3, background: "#1010d0" } })
      .composite([{ input: red, left: 0, top: 0 }])
      .jpeg({ quality: 90 })
      .withMetadata({
        orientation: 6,
        exif: {
          IFD0: { Make: "Apple", Model: "iPhone 12", Copyright: "Nhà vườn Cam Lâm" },
          IFD3: {
            GPSLatitudeRef: "N",
            GPSLatitude: "12/1 15/1 0/1",
            GPSLongitudeRef: "E",
            GPSLongitude: "109/1 11/1 0/1",
          },
        },
      })
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
          '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="12,15N"/></rdf:RDF></x:xmpmeta>',
      )
      .toBuffer();
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(exifHasGps(before.exif!)).toBe(true);
    expect(before.xmp).toBeDefined();

    const storage = new MemoryStorage();
    const result = await processImage(input, storage);

    expect([result.width, result.height]).toEqual([1000, 1400]);
    expect(result.variants.map((v) => `${v.width}x${v.height} ${v.format}`)).toEqual([
      "320x448 avif",
      "320x448 webp",
      "320x448 jpg",
      "640x896 avif",
      "640x896 webp",
      "640x896 jpg",
    ]);
    await checkVariants(result, storage);

    // Rotated clockwise: what was on the left (red) is now at the top.
    const jpeg = storage.files.get(result.variants.find((v) => v.format === "jpg" && v.width === 640)!.key)!;
    const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
    ];
    const [topR, , topB] = pixel(320, 20);
    const [bottomR, , bottomB] = pixel(320, 875);
    expect(topR).toBeGreaterThan(150);
    expect(topB).toBeLessThan(60);
    expect(bottomB).toBeGreaterThan(150);
    expect(bottomR).toBeLessThan(60);
  });

  it.each([
    ["PNG", () => photo(1600, 1200, "png")],
    ["WebP", () => photo(1600, 1200, "webp")],
    ["AVIF", () => photo(1600, 1200, "avif")],
  ])("accepts %s and makes AVIF, WebP and JPEG at 320, 640 and 1280 px", async (_name, make) => {
    const storage = new MemoryStorage();
    const result = await processImage(await make(), storage);
    expect([result.width, result.height]).toEqual([1600, 1200]);
    expect(result.variants).toHaveLength(9);
    expect([...new Set(result.variants.map((v) => v.width))]).toEqual([320, 640, 1280]);
    expect(result.variants.filter((v) => v.width === 1280).every((v) => v.height === 960)).toBe(true);
    await checkVariants(result, storage);
    // What goes into the database.
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("puts a transparent PNG on white for the JPEG and keeps the alpha in WebP and AVIF", async () => {
    const input = await sharp({
      create: { width: 400, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const storage = new MemoryStorage();
    const result = await processImage(input, storage);
    for (const variant of result.variants) {
      const stored = storage.files.get(variant.key)!;
      const meta = await sharp(stored).metadata();
      expect(meta.hasAlpha).toBe(variant.format !== "jpg");
      if (variant.format === "jpg") {
        const { channels } = await sharp(stored).stats();
        expect(channels.every((c) => c.mean > 250)).toBe(true);
      }
    }
  });

  it("converts a Display P3 photo to sRGB and drops its ICC profile", async () => {
    // sharp writes #c04020 (sRGB) as P3 pixel values with a P3 profile attached.
    const input = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#c04020" } })
      .withIccProfile("p3")
      .jpeg({ quality: 95 })
      .toBuffer();
    expect((await sharp(input).metadata()).hasProfile).toBe(true);
    const storage = new MemoryStorage();
    const result = await processImage(input, storage);
    await checkVariants(result, storage);
    const jpeg = storage.files.get(result.variants.find((v) => v.format === "jpg")!.key)!;
    const { channels } = await sharp(jpeg).stats();
    const [r, g, b] = channels.map((c) => Math.round(c.mean));
    // Read as sRGB without the conversion it would be about (178, 73, 44).
    expect(Math.abs(r! - 0xc0)).toBeLessThan(6);
    expect(Math.abs(g! - 0x40)).toBeLessThan(6);
    expect(Math.abs(b! - 0x20)).toBeLessThan(6);
  });

  it("judges by content: a PNG uploaded as anh.jpg with type image/jpeg is processed as the PNG it is", async () => {
    const png = await photo(900, 600, "png");
    const upload = new File([png], "anh.jpg", { type: "image/jpeg" });
    const storage = new MemoryStorage();
    // processImage takes bytes only: there is no name or declared type it could trust.
    expect(processImage.length).toBe(2);
    const result = await processImage(new Uint8Array(await upload.arrayBuffer()), storage);
    expect(result.variants.map((v) => `${v.width} ${v.format}`)).toEqual([
      "320 avif",
      "320 webp",
      "320 jpg",
      "640 avif",
      "640 webp",
      "640 jpg",
    ]);
    await checkVariants(result, storage);
  });

  describe("rejects", () => {
    it.each<[string, () => Promise<Uint8Array>, RejectionReason]>([
      [
        "a text file",
        async () => new TextEncoder().encode("Giá cam sành: 25.000 đ/kg\n"),
        "unsupported_format",
      ],
      ["a GIF", () => photo(64, 48, "gif"), "unsupported_format"],
      [
        "an SVG",
        async () =>
          new TextEncoder().encode(
            '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><circle cx="50" cy="50" r="40"/></svg>',
          ),
        "unsupported_format",
      ],
      [
        "random bytes",
        async () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251),
        "unsupported_format",
      ],
      ["a TIFF", () => photo(64, 48, "tiff"), "unsupported_format"],
      ["an empty file", async () => new Uint8Array(0), "unsupported_format"],
      [
        "an MP4 header (ISO media, not HEIF)",
        async () => isoMediaHeader("isom", ["isom", "mp41"]),
        "unsupported_format",
      ],
      ["a HEIC (brand heic)", async () => isoMediaHeader("heic", ["mif1", "heic"]), "heic"],
      [
        "a HEIF with only the generic mif1 brand",
        async () => isoMediaHeader("mif1", ["mif1", "miaf"]),
        "heic",
      ],
      ["a decodable HEIF relabelled heic", () => relabelledAvif(), "heic"],
      ["a truncated JPEG", async () => (await photo(640, 480, "jpeg")).subarray(0, 2000), "unreadable"],
      [
        "a PNG signature followed by junk",
        async () => pngSignaturePlus(new Uint8Array(200).fill(7)),
        "unreadable",
      ],
    ])("%s", async (_name, make, reason) => {
      const storage = new MemoryStorage();
      await expectRejected(processImage(await make(), storage), reason);
      expect(storage.files.size).toBe(0);
    });

    it("a HEIC with a message that tells an iPhone user what to change", async () => {
      const error = await expectRejected(
        processImage(isoMediaHeader("heic", ["mif1", "heic"]), new MemoryStorage()),
        "heic",
      );
      expect(error.message).toContain("Tương thích nhất");
      expect(error.messageEn).toContain("Most Compatible");
    });

    it("a file over maxBytes before looking at it", async () => {
      // Not an image at all: only a size check that runs first can say "too_large".
      const huge = new Uint8Array(imageLimits.maxBytes + 1);
      const error = await expectRejected(processImage(huge, new MemoryStorage()), "too_large");
      expect(error.message).toContain("15 MB");

      const jpeg = await photo(640, 480, "jpeg");
      await expectRejected(
        processImage(jpeg, new MemoryStorage(), { ...imageLimits, maxBytes: jpeg.byteLength - 1 }),
        "too_large",
      );
    });

    it("a header-only pixel bomb (a 30000×30000 PNG in a few dozen bytes)", async () => {
      const bomb = pngHeaderOnly(30_000, 30_000);
      expect(bomb.byteLength).toBeLessThan(100);
      const storage = new MemoryStorage();
      await expectRejected(processImage(bomb, storage), "too_many_pixels");
      expect(storage.files.size).toBe(0);
    });

    it("a real decompression bomb: a 64-megapixel PNG of ~200 KB, and leaves nothing stored", async () => {
      const bomb = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: "#ffffff" } })
        .png({ compressionLevel: 9 })
        .toBuffer();
      expect(bomb.byteLength).toBeLessThan(imageLimits.maxBytes / 10);
      const storage = new MemoryStorage();
      await expectRejected(processImage(bomb, storage), "too_many_pixels");
      expect(storage.files.size).toBe(0);

      // The same rule with a lowered limit, on an image that is otherwise fine.
      const photo2mp = await photo(2000, 1000, "png");
      const small = new MemoryStorage();
      await expectRejected(
        processImage(photo2mp, small, { ...imageLimits, maxPixels: 1_000_000 }),
        "too_many_pixels",
      );
      expect(small.files.size).toBe(0);
    });
  });

  it("does not upscale a small image: one width, three formats", async () => {
    const storage = new MemoryStorage();
    const result = await processImage(await photo(200, 150, "jpeg"), storage);
    expect(result.variants.map((v) => `${v.width}x${v.height} ${v.format}`)).toEqual([
      "200x150 avif",
      "200x150 webp",
      "200x150 jpg",
    ]);
    await checkVariants(result, storage);
  });

  it("stores content-addressed variants: the same input twice gives the same keys", async () => {
    const input = await photo(1000, 750, "jpeg");
    const first = new MemoryStorage();
    const second = new MemoryStorage();
    const a = await processImage(input, first);
    const b = await processImage(input, second);
    expect(b).toEqual(a);
    expect(new Set(a.variants.map((v) => v.key)).size).toBe(a.variants.length);
    expect([...second.files.keys()].sort()).toEqual([...first.files.keys()].sort());
  });

  it("makes a blur placeholder of well under 1 KB", async () => {
    const result = await processImage(await photo(1600, 1200, "jpeg"), new MemoryStorage());
    expect(result.blurDataUrl).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/]+=*$/);
    expect(result.blurDataUrl.length).toBeLessThan(1024);
    const placeholder = Buffer.from(result.blurDataUrl.split(",")[1]!, "base64");
    const meta = await sharp(placeholder).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 16, 12]);
  });
});

describe("encodeDocument (consent forms, certificates: the private area)", () => {
  it("makes one WebP of at most 2000 px a side, oriented, without metadata, and stores nothing", async () => {
    const input = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#f4f0e0" } })
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD3: { GPSLatitudeRef: "N", GPSLatitude: "12/1 15/1 0/1" } } })
      .toBuffer();
    const { document, files } = await encodeDocument(input);
    expect(files).toHaveLength(1);
    expect(files[0]!.key).toBe(document.key);
    expect(document.key).toBe(contentKey(files[0]!.bytes, "webp"));
    expect([document.width, document.height]).toEqual([1500, 2000]);
    const meta = await sharp(files[0]!.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 1500, 2000]);
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();

    const small = await encodeDocument(await photo(300, 200, "png"));
    expect([small.document.width, small.document.height]).toEqual([300, 200]);
  });

  it("refuses what photos refuse", async () => {
    await expectRejected(encodeDocument(new TextEncoder().encode("không phải ảnh")), "unsupported_format");
    await expectRejected(encodeDocument(isoMediaHeader("heic", ["mif1", "heic"])), "heic");
    await expectRejected(encodeDocument(pngHeaderOnly(30_000, 30_000)), "too_many_pixels");
  });
});

describe("srcSetFor and fallbackSrc", () => {
  it("build <picture> attributes from the stored variants", async () => {
    const result = await processImage(await photo(1600, 1200, "jpeg"), new MemoryStorage());
    const key = (width: number, format: string) =>
      result.variants.find((v) => v.width === width && v.format === format)!.key;
    // Order of the input does not matter.
    const shuffled = [...result.variants].reverse();
    expect(srcSetFor(shuffled, "avif")).toBe(
      `/images/${key(320, "avif")} 320w, /images/${key(640, "avif")} 640w, /images/${key(1280, "avif")} 1280w`,
    );
    expect(srcSetFor(shuffled, "webp").split(", ")).toHaveLength(3);
    expect(fallbackSrc(shuffled)).toBe(`/images/${key(640, "jpg")}`);
    expect(fallbackSrc(result.variants.filter((v) => v.width === 320))).toBe(`/images/${key(320, "jpg")}`);
    expect(fallbackSrc([])).toBeUndefined();
  });
});

/**
 * A real, decodable HEIF whose brands say HEIC. (HEVC cannot be encoded here — sharp's prebuilt
 * libheif has no HEVC encoder — so this is an AV1 file with its avif brands rewritten to heic.)
 */
async function relabelledAvif() {
  const avif = Buffer.from(await photo(64, 48, "avif"));
  const boxSize = avif.readUInt32BE(0);
  for (let at = 8; at + 4 <= boxSize; at += 4) {
    if (avif.toString("latin1", at, at + 4) === "avif") avif.write("heic", at, "latin1");
  }
  return avif;
}
