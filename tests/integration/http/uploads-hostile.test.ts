// Upload bodies as a browser, a flaky connection or a careless client sends them, built byte by byte:
// file names with = and ; in them, multipart without a boundary or cut short, bodies that are not
// forms, bodies larger than they say, and empty files. Each is a 4xx with a message, never a 500.
import { userErrorMessage } from "#app/i18n/user-error-message.ts";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { action as consentAction } from "#app/routes/onboarding+/$sellerId.consent.tsx";
import { action as wizardProductAction } from "#app/routes/onboarding+/$sellerId.products.new.tsx";
import { action as storyAction } from "#app/routes/onboarding+/$sellerId.story.tsx";
import { action as importAction } from "#app/routes/shop+/$sellerId.import.tsx";
import { action as editAction } from "#app/routes/shop+/$sellerId.listings.$productId.tsx";
import { getDb } from "#app/services/platform/db.server.ts";
import { readForm } from "#app/services/http/uploads.server.ts";
import { createProduct, createShop, ensurePlaces } from "#tests/fixtures/shops.ts";
import { csv, goodRows, header } from "#tests/fixtures/import-sheets.ts";
import { createUser, signedInRequest } from "#tests/helpers.ts";
import { UserError } from "#app/domain/user-error.ts";

const context = { clientAddress: "127.0.0.1" };
type Reply = { data: { formError?: string | null }; init: { status: number } };
type Fn = (args: {
  request: Request;
  params: Record<string, string>;
  context: typeof context;
}) => Promise<unknown>;
const call = (fn: Fn, request: Request, params: Record<string, string>) =>
  fn({ request, params, context }).catch((thrown: unknown) => thrown);
const statusOf = (r: unknown) => (r instanceof Response ? r.status : (r as Reply).init.status);
const formErrorOf = (r: unknown) => (r as Reply).data.formError;

type Part = { name: string; value: string | Uint8Array; filename?: string; type?: string };

const BOUNDARY = "----ChoPhienTestBoundary7MA4YWxkTrZu0gW";

/** A multipart body exactly as written here: the file name goes in unescaped, as browsers send it. */
function multipartBytes(parts: Part[], { end = true } = {}) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ""}`;
    const type =
      part.filename !== undefined ? `\r\nContent-Type: ${part.type ?? "application/octet-stream"}` : "";
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(Buffer.from(part.value));
    chunks.push(Buffer.from("\r\n"));
  }
  if (end) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

function rawRequest(body: BodyInit | null, contentType: string | null, url = "http://localhost/") {
  const headers = new Headers();
  if (contentType) headers.set("Content-Type", contentType);
  return new Request(url, { method: "POST", headers, body });
}
const multipartType = `multipart/form-data; boundary=${BOUNDARY}`;

/** A body that streams `size` bytes in chunks and declares no length (chunked transfer). */
function streamOf(bytes: Uint8Array, chunk = 64 * 1024) {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.subarray(at, at + chunk));
      at += chunk;
    },
  });
}

async function jpeg(width = 400, height = 300) {
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: { r: 90, g: 140, b: 30 } } })
      .jpeg()
      .toBuffer(),
  );
}

async function rejection(run: () => Promise<unknown>) {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  const refused = error as UserError;
  return {
    messageKey: refused.messageKey,
    messageVi: userErrorMessage(refused, "vi"),
    messageEn: userErrorMessage(refused, "en"),
  };
}

describe("readForm", () => {
  it.each(["giá=50k.webp", "a=b.csv", "rau;củ.jpg", "a=b; c=d.png"])(
    "reads a multipart file named %s with its name and bytes",
    async (filename) => {
      const request = rawRequest(
        multipartBytes([
          { name: "intent", value: "photoAdd" },
          { name: "photos", filename, type: "image/webp", value: "xyz" },
        ]),
        multipartType,
      );
      const form = await readForm(request);
      expect(form.get("intent")).toBe("photoAdd");
      const file = form.get("photos") as File;
      expect(file.name).toBe(filename);
      expect(new TextDecoder().decode(await file.arrayBuffer())).toBe("xyz");
    },
  );

  it("refuses multipart without a boundary, cut short, or with a boundary that is not in the body", async () => {
    const body = multipartBytes([{ name: "photos", filename: "a.jpg", value: "xyz" }]);
    for (const request of [
      rawRequest(body, "multipart/form-data"),
      rawRequest(body, "multipart/form-data; boundary="),
      rawRequest(body.subarray(0, body.length - 30), multipartType),
      rawRequest(
        multipartBytes([{ name: "photos", filename: "a.jpg", value: "xyz" }], { end: false }),
        multipartType,
      ),
      rawRequest(body, "multipart/form-data; boundary=khong-co-trong-body"),
      rawRequest(null, multipartType),
    ]) {
      const error = await rejection(() => readForm(request));
      expect(error.messageKey).toBe("upload.malformed");
      expect(error.messageVi).toMatch(/gửi lại/);
      expect(error.messageEn).toMatch(/resend/);
    }
  });

  it("answers 415 for bodies that are not forms, and reads plain forms", async () => {
    for (const [body, type] of [
      ['{"name":"x"}', "application/json"],
      ["name=x", "text/plain"],
      ["name=x", null],
    ] as const) {
      const thrown = await readForm(rawRequest(body, type)).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(415);
    }
    const form = await readForm(rawRequest("name=Xo%C3%A0i&x=1", "application/x-www-form-urlencoded"));
    expect(form.get("name")).toBe("Xoài");
  });

  it("refuses a body larger than the limit as it arrives, even without Content-Length", async () => {
    const big = multipartBytes([{ name: "file", filename: "big.csv", value: new Uint8Array(300_000) }]);
    const limits = { fileBytes: 1_000_000, requestBytes: 200_000 };
    const request = new Request("http://localhost/", {
      method: "POST",
      headers: { "Content-Type": multipartType },
      body: streamOf(big),
      duplex: "half",
    } as RequestInit);
    expect(request.headers.get("Content-Length")).toBeNull();
    expect((await rejection(() => readForm(request, limits))).messageKey).toBe("image.rejected.too_large");
    // One file over the per-file limit, inside the request limit.
    const oneFile = rawRequest(big, multipartType);
    const error = await rejection(() => readForm(oneFile, { fileBytes: 100_000, requestBytes: 1_000_000 }));
    expect(error.messageKey).toBe("image.rejected.too_large");
    expect(error.messageVi).toMatch(/quá lớn/);
  });
});

let owner: { id: string };
let volunteer: { id: string };
let shopId = "";
let draftId = "";

beforeAll(async () => {
  await ensurePlaces();
  owner = await createUser(["seller"]);
  volunteer = await createUser(["volunteer"]);
  shopId = (await createShop({ ownerId: owner.id, onboardedById: volunteer.id })).id;
  const db = getDb();
  const draft = await db.seller.create({
    data: {
      slug: `nhap-${Date.now()}`,
      kind: "household",
      displayName: "Vườn nháp",
      contactName: "Lê Văn Nháp",
      phone: "+84905000222",
      communeId: (await db.commune.findUniqueOrThrow({ where: { slug: "cam-lam" } })).id,
      status: "draft",
      onboardedById: volunteer.id,
    },
  });
  draftId = draft.id;
});

async function signed(userId: string, url: string, body: BodyInit | null, contentType: string | null) {
  const headers: Record<string, string> = contentType ? { "Content-Type": contentType } : {};
  return signedInRequest(userId, `http://localhost${url}`, { method: "POST", headers, body });
}

describe("the routes that take uploads", () => {
  it("adds a photo named giá=50k.webp to a listing (the old parser answered 500)", async () => {
    const product = await createProduct(shopId);
    const url = `/shop/${shopId}/listings/${product.id}`;
    const request = await signed(
      owner.id,
      url,
      multipartBytes([
        { name: "intent", value: "photoAdd" },
        { name: "photos", filename: "giá=50k.jpg", type: "image/jpeg", value: await jpeg() },
      ]),
      multipartType,
    );
    const response = await call(editAction as Fn, request, { sellerId: shopId, productId: product.id });
    expect(statusOf(response)).toBe(302);
    expect(await getDb().productImage.count({ where: { productId: product.id } })).toBe(1);
  });

  it("previews a spreadsheet named a=b.csv", async () => {
    const request = await signed(
      owner.id,
      `/shop/${shopId}/import`,
      multipartBytes([
        { name: "file", filename: "a=b.csv", type: "text/csv", value: csv([header, ...goodRows]) },
      ]),
      multipartType,
    );
    const response = (await call(importAction as Fn, request, { sellerId: shopId })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(new RegExp(`^/shop/${shopId}/import/\\w+$`));
    const saved = await getDb().productImport.findFirstOrThrow({ where: { sellerId: shopId } });
    expect(saved.fileName).toBe("a=b.csv");
  });

  it("answers the import's broken bodies with 400 and a message, and non-forms with 415", async () => {
    const url = `/shop/${shopId}/import`;
    const body = multipartBytes([{ name: "file", filename: "a.csv", value: csv([header, ...goodRows]) }]);
    const sellerId = { sellerId: shopId };
    for (const [bytes, type] of [
      [body, "multipart/form-data"],
      [body.subarray(0, body.length - 40), multipartType],
    ] as const) {
      const reply = await call(importAction as Fn, await signed(owner.id, url, bytes, type), sellerId);
      expect(statusOf(reply)).toBe(400);
      expect(formErrorOf(reply)).toMatch(/chưa gửi hết/);
    }
    const json = await call(
      importAction as Fn,
      await signed(owner.id, url, "{}", "application/json"),
      sellerId,
    );
    expect(statusOf(json)).toBe(415);
    // A body over the spreadsheet's limit, streamed without a length: the import's own message.
    const huge = multipartBytes([
      { name: "file", filename: "to.csv", value: new Uint8Array(6 * 1024 * 1024) },
    ]);
    const streamed = await signedInRequest(owner.id, `http://localhost${url}`, {
      method: "POST",
      headers: { "Content-Type": multipartType },
      body: streamOf(huge),
      duplex: "half",
    } as RequestInit);
    const tooBig = await call(importAction as Fn, streamed, sellerId);
    expect(statusOf(tooBig)).toBe(400);
    expect(formErrorOf(tooBig)).toBe("Tệp quá lớn (tối đa 5 MB). Hãy chia thành nhiều tệp nhỏ hơn.");
  });

  it("answers the wizard's broken bodies with 400 and a message", async () => {
    const url = `/onboarding/${draftId}/story`;
    const body = multipartBytes([
      { name: "story", value: "Cô Ba trồng xoài trên đất đồi Cam Lâm từ năm 2003." },
      { name: "makes", value: "Xoài" },
      { name: "cover", filename: "bìa=1.jpg", type: "image/jpeg", value: await jpeg() },
    ]);
    const cut = await call(
      storyAction as Fn,
      await signed(volunteer.id, url, body.subarray(0, body.length - 100), multipartType),
      { sellerId: draftId },
    );
    expect(statusOf(cut)).toBe(400);
    expect(formErrorOf(cut)).toMatch(/chưa gửi hết/);
    const text = await call(storyAction as Fn, await signed(volunteer.id, url, "story=x", "text/plain"), {
      sellerId: draftId,
    });
    expect(statusOf(text)).toBe(415);
    const whole = await call(storyAction as Fn, await signed(volunteer.id, url, body, multipartType), {
      sellerId: draftId,
    });
    expect(statusOf(whole)).toBe(302);
  });
});

describe("empty files", () => {
  const product = (photo: Part) => [
    { name: "name", value: "Xoài cát" },
    { name: "categorySlug", value: "trai-cay" },
    { name: "unit", value: "kg" },
    { name: "stepMilli", value: "1" },
    { name: "priceVnd", value: "60.000" },
    { name: "stockMilli", value: "10" },
    photo,
  ];
  const post = async (parts: Part[]) =>
    call(
      wizardProductAction as Fn,
      await signed(volunteer.id, `/onboarding/${draftId}/products/new`, multipartBytes(parts), multipartType),
      { sellerId: draftId },
    );
  const products = () => getDb().product.count({ where: { sellerId: draftId } });

  it("refuses a picked file of 0 bytes in the wizard, naming it, instead of ignoring it", async () => {
    const before = await products();
    const reply = await post(
      product({ name: "photos", filename: "empty.jpg", type: "image/jpeg", value: "" }),
    );
    expect(statusOf(reply)).toBe(400);
    expect(formErrorOf(reply)).toBe(
      "Tệp “empty.jpg” trống (0 byte), không có ảnh hay dữ liệu nào. Hãy chọn lại tệp.",
    );
    expect(await products()).toBe(before);
  });

  it("still treats an untouched file input (an empty part with no name) as no photo", async () => {
    const before = await products();
    const reply = await post(product({ name: "photos", filename: "", value: "" }));
    expect(statusOf(reply)).toBe(302);
    expect(await products()).toBe(before + 1);
  });

  it("refuses an empty consent photo and an empty spreadsheet with the same message", async () => {
    const consent = await call(
      consentAction as Fn,
      await signed(
        volunteer.id,
        `/onboarding/${draftId}/consent`,
        multipartBytes([
          { name: "method", value: "paper_photo" },
          { name: "givenByName", value: "Lê Văn Nháp" },
          { name: "agree", value: "on" },
          { name: "photo", filename: "giay-dong-y.jpg", type: "image/jpeg", value: "" },
        ]),
        multipartType,
      ),
      { sellerId: draftId },
    );
    expect(statusOf(consent)).toBe(400);
    expect(formErrorOf(consent)).toMatch(/“giay-dong-y\.jpg” trống/);
    expect(await getDb().sellerConsent.count({ where: { sellerId: draftId } })).toBe(0);

    const sheet = await call(
      importAction as Fn,
      await signed(
        owner.id,
        `/shop/${shopId}/import`,
        multipartBytes([{ name: "file", filename: "san-pham.csv", type: "text/csv", value: "" }]),
        multipartType,
      ),
      { sellerId: shopId },
    );
    expect(statusOf(sheet)).toBe(400);
    expect(formErrorOf(sheet)).toMatch(/“san-pham\.csv” trống/);
  });
});
