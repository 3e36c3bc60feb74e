// Absolute links come from PUBLIC_URL, whatever Host the request names: the sitemap, a product's
// canonical / og: / JSON-LD, order mail links, handover QR links. Every request here is addressed to
// evil.example, as a client that writes its own Host header (or X-Forwarded-Host) would make it.
import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { loader as sitemap } from "#app/routes/_resources+/sitemap[.]xml.tsx";
import { loader as productLoader, meta as productMeta } from "#app/routes/_storefront+/san-pham.$slug.tsx";
import { action as checkoutAction } from "#app/routes/_storefront+/thanh-toan.tsx";
import { action as handoverAction } from "#app/routes/onboarding+/$sellerId.handover.tsx";
import { siteUrlOf } from "#app/services/orders/buyer-context.server.ts";
import { addToCart, getCartView, setGuestCartCookie } from "#app/services/orders/cart.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { getEnv } from "#app/services/platform/env.server.ts";
import { readCapturedMail } from "#app/services/messaging/mail/capture.server.ts";
import { MAIL_TOPIC, sendQueuedMail } from "#app/services/messaging/mail/outbox-mail.server.ts";
import { drainOutbox } from "#app/services/platform/outbox.server.ts";
import { checkoutInput, createProduct, createShop, deliveryFormFields } from "#tests/fixtures/shops.ts";
import { createUser, signedInRequest } from "#tests/helpers.ts";

// Before any module reads the configuration.
const publicUrl = vi.hoisted(() => {
  process.env.PUBLIC_URL = "https://chophien.test";
  return "https://chophien.test";
});
const evil = "http://evil.example";
const evilHeaders = { Host: "evil.example", "X-Forwarded-Host": "evil.example" };
const context = { clientAddress: "203.0.113.30" };

it("is configured for this file", () => {
  expect(getEnv().publicUrl).toBe(publicUrl);
  expect(siteUrlOf(new Request(`${evil}/`, { headers: evilHeaders }))).toBe(publicUrl);
});

describe("the sitemap", () => {
  it("lists PUBLIC_URL's pages", async () => {
    const shop = await createShop();
    const product = await createProduct(shop.id);
    const response = await sitemap({ request: new Request(`${evil}/sitemap.xml`), params: {}, context });
    const locs = [...(await response.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs).toContain(`${publicUrl}/`);
    expect(locs).toContain(`${publicUrl}/san-pham/${product.slug}`);
    expect(locs.every((loc) => loc.startsWith(`${publicUrl}/`))).toBe(true);
  });
});

describe("a product page", () => {
  it("names PUBLIC_URL in its canonical link, og:url, og:image and JSON-LD", async () => {
    const shop = await createShop();
    const product = await createProduct(shop.id);
    await getDb().productImage.create({
      data: { productId: product.id, storageKey: "ab/cd.webp", width: 640, height: 480 },
    });
    const data = await productLoader({
      request: new Request(`${evil}/san-pham/${product.slug}`, { headers: evilHeaders }),
      params: { slug: product.slug },
      context,
    });
    // The page's JSON-LD is built from data.origin too.
    expect(data.origin).toBe(publicUrl);
    const tags = productMeta({ data } as unknown as Parameters<typeof productMeta>[0]) as Record<
      string,
      string
    >[];
    const canonical = tags.find((t) => t.rel === "canonical")?.href;
    const ogUrl = tags.find((t) => t.property === "og:url")?.content;
    const ogImage = tags.find((t) => t.property === "og:image")?.content;
    expect(canonical).toBe(`${publicUrl}/san-pham/${product.slug}`);
    expect(ogUrl).toBe(canonical);
    expect(ogImage).toBe(`${publicUrl}/images/ab/cd.webp`);
    expect(JSON.stringify(tags)).not.toContain("evil.example");
  });
});

describe("order mail", () => {
  it("links to PUBLIC_URL when the checkout came through another host", async () => {
    const shop = await createShop({ email: `shop-${crypto.randomUUID()}@example.vn` });
    const product = await createProduct(shop.id);
    const { cartId } = await addToCart({ userId: null, guestCartId: null }, product.id, 1_000);
    const form = checkoutInput(await getCartView({ userId: null, guestCartId: cartId }), {
      [shop.id]: "cod",
    });
    const buyerEmail = `mua-${crypto.randomUUID()}@example.vn`;
    const response = (await checkoutAction({
      request: new Request(`${evil}/thanh-toan`, {
        method: "POST",
        headers: {
          ...evilHeaders,
          "Content-Type": "application/x-www-form-urlencoded",
          Cookie: (await setGuestCartCookie(cartId)).split(";")[0]!,
        },
        body: new URLSearchParams({
          buyerName: form.buyerName,
          buyerPhone: "0912345678",
          buyerEmail,
          communeSlug: form.communeSlug,
          addressLine: form.addressLine,
          [`pay.${shop.id}`]: "cod",
          fingerprint: form.fingerprint,
          ...deliveryFormFields(form),
        }),
      }),
      params: {},
      context,
    })) as Response;
    expect(response.status).toBe(302);
    const groupCode = /\/don-hang\/([^?]+)/.exec(response.headers.get("Location")!)![1]!;

    await drainOutbox(getDb(), { [MAIL_TOPIC]: sendQueuedMail });
    const dir = process.env.MAIL_CAPTURE_DIR!;
    const [toBuyer] = await readCapturedMail(dir, { to: buyerEmail });
    const [toSeller] = await readCapturedMail(dir, { to: shop.email! });
    expect(toBuyer!.text).toContain(`${publicUrl}/don-hang/${groupCode}`);
    expect(toSeller!.text).toContain(`${publicUrl}/shop/orders/${groupCode}-1`);
    for (const mail of [toBuyer!, toSeller!]) expect(JSON.stringify(mail)).not.toContain("evil.example");
  });
});

describe("a handover card", () => {
  it("carries a PUBLIC_URL link in its QR code", async () => {
    const volunteer = await createUser(["volunteer"]);
    const shop = await createShop({ onboardedById: volunteer.id });
    const url = `${evil}/onboarding/${shop.id}/handover`;
    const signedIn = await signedInRequest(volunteer.id, url);
    const reply = (await handoverAction({
      request: new Request(url, {
        method: "POST",
        headers: {
          ...evilHeaders,
          "Content-Type": "application/x-www-form-urlencoded",
          Cookie: signedIn.headers.get("Cookie")!,
        },
        body: new URLSearchParams({ intent: "create-invite" }),
      }),
      params: { sellerId: shop.id },
      context,
    })) as unknown as { data: { invite: { code: string; url: string } | null } };
    expect(reply.data.invite?.url).toBe(`${publicUrl}/moi/${reply.data.invite?.code}`);
  });
});
