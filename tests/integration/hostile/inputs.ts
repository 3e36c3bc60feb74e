// The hostile inputs: bodies for every action, parameter values and query strings for every loader,
// and the bad-file corpus for every upload field. Each is what a broken client or an attacker sends;
// the app must answer each with a 4xx (or a redirect), change nothing, and store no file.

// Field names the app's forms use, so wrong-type and Unicode-edge bodies reach the validators.
const FIELDS = [
  "intent",
  "productId",
  "orderCode",
  "quantity",
  "quantityMilli",
  "priceVnd",
  "addMilli",
  "reason",
  "note",
  "deliveryNote",
  "name",
  "displayName",
  "contactName",
  "phone",
  "email",
  "communeSlug",
  "addressLine",
  "buyerName",
  "buyerPhone",
  "buyerEmail",
  "story",
  "makes",
  "description",
  "unit",
  "stepMilli",
  "stockMilli",
  "categorySlug",
  "certKind",
  "certStars",
  "certNumber",
  "certExpiresAt",
  "method",
  "givenByName",
  "agree",
  "acceptsCod",
  "acceptsBankTransfer",
  "bankBin",
  "bankAccountNumber",
  "bankAccountName",
  "identifier",
  "password",
  "confirm",
  "code",
  "locale",
  "redirectTo",
  "sellerId",
  "certificationId",
  "imageId",
  "kind",
  "fingerprint",
  "ma",
  "sdt",
  "userId",
  "remember",
] as const;

const EDGE_STRINGS = [
  "\u0000",
  "a\u0000b",
  "\u202Egpj.exe",
  "\uD800", // a lone surrogate (becomes U+FFFD once percent-encoded)
  "\r\nSet-Cookie: x=1",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧪".repeat(400),
  "a\u0301\u0302\u0303\u0304\u0305\u0306\u0307",
  "__proto__",
  "constructor",
  "-1",
  "1e309",
  "NaN",
  "0x10",
  "9".repeat(400),
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
] as const;

const enc = new TextEncoder();
const boundary = "----chophien-hostile-boundary";

function multipart(parts: { name: string; filename?: string; type?: string; bytes: Uint8Array | string }[]) {
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    const disposition =
      part.filename === undefined
        ? `form-data; name="${part.name}"`
        : `form-data; name="${part.name}"; filename="${part.filename}"`;
    chunks.push(enc.encode(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`));
    if (part.type) chunks.push(enc.encode(`Content-Type: ${part.type}\r\n`));
    chunks.push(enc.encode("\r\n"));
    chunks.push(typeof part.bytes === "string" ? enc.encode(part.bytes) : part.bytes);
    chunks.push(enc.encode("\r\n"));
  }
  chunks.push(enc.encode(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export type HostileBody = { name: string; init: () => RequestInit };

const urlencoded = (body: string): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body,
});

export const hostileBodies: HostileBody[] = [
  {
    name: "JSON",
    init: () => ({
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "cancel", productId: "x", quantity: 1 }),
    }),
  },
  {
    name: "text/plain",
    init: () => ({ method: "POST", headers: { "Content-Type": "text/plain" }, body: "intent=cancel" }),
  },
  {
    name: "no Content-Type",
    init: () => ({ method: "POST", body: new Uint8Array(enc.encode("intent=cancel")) }),
  },
  { name: "empty form", init: () => urlencoded("") },
  {
    name: "multipart without a boundary",
    init: () => ({ method: "POST", headers: { "Content-Type": "multipart/form-data" }, body: "--x\r\n\r\n" }),
  },
  {
    name: "truncated multipart",
    init: () => ({
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: multipart([{ name: "intent", bytes: "save" }]).subarray(0, 40),
    }),
  },
  {
    name: "oversized field",
    init: () => urlencoded(new URLSearchParams({ intent: "x".repeat(3_000_000) }).toString()),
  },
  {
    name: "wrong types",
    init: () => {
      const params = new URLSearchParams();
      for (const field of FIELDS) {
        params.append(field, "[object Object]");
        params.append(field, "");
        params.append(`${field}[]`, "1");
        params.append(`${field}.__proto__`, "1");
      }
      return urlencoded(params.toString());
    },
  },
  ...EDGE_STRINGS.map((value, i) => ({
    name: `Unicode edge #${i + 1}`,
    init: () => urlencoded(new URLSearchParams(FIELDS.map((f) => [f, value])).toString()),
  })),
  {
    name: "undecodable percent-escapes",
    init: () => urlencoded(FIELDS.map((f) => `${f}=%E0%A4%A%ZZ%00`).join("&")),
  },
];

// ───────────── The bad-file corpus ─────────────

export const UPLOAD_FIELDS = ["photos", "photo", "cover", "certPhoto", "file"] as const;

const jpegHead = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
/** A PNG header that claims 100,000 × 100,000 pixels (a decompression bomb's calling card). */
function pngBomb() {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, 100_000);
  new DataView(bytes.buffer).setUint32(20, 100_000);
  bytes.set([8, 6, 0, 0, 0], 24);
  return bytes;
}

export const badFiles = [
  { name: "empty.jpg", type: "image/jpeg", bytes: new Uint8Array() },
  { name: "not-a-photo.jpg", type: "image/jpeg", bytes: enc.encode("Đây không phải là ảnh") },
  { name: "cut-short.jpg", type: "image/jpeg", bytes: jpegHead },
  { name: "bomb.png", type: "image/png", bytes: pngBomb() },
  {
    name: "vector.svg",
    type: "image/svg+xml",
    bytes: enc.encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
  },
  { name: "giá=50k.webp", type: "image/webp", bytes: enc.encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ") },
  { name: "a=b;c.csv", type: "text/csv", bytes: new Uint8Array([0xff, 0xfe, 0x00, 0x00]) },
  { name: "page.html", type: "text/html", bytes: enc.encode("<html><script>alert(1)</script></html>") },
];

/** One multipart body per bad file, the file in every upload field, with a plausible intent. */
export const badFileBodies: HostileBody[] = badFiles.map((file) => ({
  name: `bad file ${file.name}`,
  init: () => ({
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body: multipart([
      { name: "intent", bytes: "photos" },
      ...UPLOAD_FIELDS.map((field) => ({
        name: field,
        filename: file.name,
        type: file.type,
        bytes: file.bytes,
      })),
    ]),
  }),
}));

// ───────────── Loaders ─────────────

export const hostileParamValues = [
  "",
  "\u0000",
  "%00",
  "../../etc/passwd",
  "a".repeat(5000),
  "đường-dương",
  "\u202Eabc",
  "-1",
  "__proto__",
  "CP00000000-99",
] as const;

export const hostileQueries = [
  "?page=-1&perPage=100000&sort=__proto__&minPrice=abc&maxPrice=1e309&inStock=maybe",
  "?q=%00%E0%A4%A&commune=&commune=..&category=%FF&cert=ocop9",
  `?q=${"x".repeat(5000)}&page=${"9".repeat(400)}`,
  "?done=__proto__&status=%00&tab=constructor&ma=%E0&sdt=%ZZ&redirectTo=//evil.example",
  "?page=1&page=2&page[]=3&perPage=0",
] as const;
