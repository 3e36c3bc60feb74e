// Placeholder product photos, drawn locally (no network): a soft gradient in a colour per category,
// with a simple motif, varied by the product's slug so neighbouring cards differ.
import crypto from "node:crypto";
import sharp from "sharp";
import { contentKey } from "#app/services/platform/storage.server.ts";
import type { CategorySlug } from "./types.ts";

const hues: Record<CategorySlug, number> = {
  "trai-cay": 42,
  "rau-cu": 110,
  "hai-san": 200,
  "hai-san-kho": 28,
  "nuoc-mam-muoi": 18,
  "yen-sao": 50,
  "ca-phe-tra": 22,
  "hat-mat-ong": 36,
  "thu-cong": 8,
};

const WIDTH = 640;
const HEIGHT = 480;

export async function placeholderImage({ seed, category }: { seed: string; category: CategorySlug }) {
  const digest = crypto.createHash("sha256").update(seed).digest();
  const hue = (hues[category] + (digest[0]! % 24) - 12 + 360) % 360;
  const x = 180 + (digest[1]! % 280);
  const y = 140 + (digest[2]! % 200);
  const r = 70 + (digest[3]! % 60);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="hsl(${hue},70%,88%)"/><stop offset="1" stop-color="hsl(${(hue + 30) % 360},60%,62%)"/>
  </linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/>
  <circle cx="${x}" cy="${y}" r="${r}" fill="hsl(${hue},65%,45%)" opacity="0.55"/>
  <circle cx="${WIDTH - x}" cy="${HEIGHT - y / 2}" r="${r / 2}" fill="hsl(${(hue + 180) % 360},45%,55%)" opacity="0.35"/>
  <rect x="0" y="${HEIGHT - 60}" width="100%" height="60" fill="hsl(${hue},40%,25%)" opacity="0.18"/>
</svg>`;
  const bytes = await sharp(Buffer.from(svg)).webp({ quality: 70 }).toBuffer();
  return { key: contentKey(bytes, "webp"), bytes, width: WIDTH, height: HEIGHT };
}
