import { it } from "vitest";
import { renderToString } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { UNSAFE_RemixContext } from "@remix-run/react";
import Queue, { loader as ql } from "#app/routes/admin+/review._index.tsx";
import Shop, { loader as sl, action as sa } from "#app/routes/admin+/review.$sellerId.tsx";
import { getDb } from "#app/services/db.server.ts";
import { createUser, signedInRequest } from "#tests/helpers.ts";
import fs from "node:fs";

it("renders", async () => {
  const db = getDb();
  const admin = await createUser(["admin"]);
  const vol = await createUser(["volunteer"]);
  const commune = await db.commune.create({ data: { slug: "x", name: "Cam Lâm", fullName: "Xã Cam Lâm", type: "xa", formerDistrict: "Cam Lâm", formerDistricts: [], mergedFrom: [] } });
  const cat = await db.category.create({ data: { slug: "c", name: "Trái cây", nameEn: "Fruit" } });
  const s = await db.seller.create({ data: { slug: "s", kind: "household", displayName: "Vườn xoài", contactName: "Ba", phone: "+84905123456", communeId: commune.id, status: "submitted", submittedAt: new Date(), onboardedById: vol.id, acceptsBankTransfer: true, bankBin: "970436", coverPhoto: { key: "k.webp", width: 100, height: 75, blurDataUrl: "", variants: [] } } });
  await db.sellerConsent.create({ data: { sellerId: s.id, method: "paper_photo", givenByName: "Ba", photoKey: "c.jpg", takenById: vol.id, termsVersion: "2026-11" } });
  await db.product.create({ data: { slug: "p", sellerId: s.id, categoryId: cat.id, name: "Xoài", unit: "kg", priceVnd: 65000, stockMilli: 5000, stepMilli: 500, status: "active", images: { create: { storageKey: "i.webp", width: 10, height: 10 } }, certifications: { create: { kind: "ocop", stars: 4, number: "N1", photoKey: "cert.jpg", expiresAt: new Date("2020-01-01") } } } });
  const ctx = { clientAddress: "1" };
  const remixCtx = { manifest: { routes: {} }, routeModules: {}, future: {}, isSpaMode: false } as never;
  const render = async (path: string, Comp: () => JSX.Element, loader: any, action?: any) => {
    const router = createMemoryRouter([{ path: "/admin/review", loader: async ({ request }) => ql({ request: await signedInRequest(admin.id, request.url), params: {}, context: ctx }), Component: Queue },
      { path: "/admin/review/:sellerId", loader: async ({ request, params }) => sl({ request: await signedInRequest(admin.id, request.url), params, context: ctx }), action: async ({ request, params }) => { const r = await sa({ request: new Request(request.url, { method: "POST", headers: (await signedInRequest(admin.id, request.url)).headers, body: await request.formData() }), params, context: ctx }) as any; return r?.data ?? r; }, Component: Shop }], { initialEntries: [path] });
    await new Promise((r) => setTimeout(r, 500));
    return { router, html: () => renderToString(<UNSAFE_RemixContext.Provider value={remixCtx}><RouterProvider router={router} /></UNSAFE_RemixContext.Provider>) };
  };
  const q = await render("/admin/review", Queue, ql);
  fs.writeFileSync("/tmp/queue.html", q.html());
  const d = await render(`/admin/review/${s.id}`, Shop, sl);
  fs.writeFileSync("/tmp/shop.html", d.html());
  const fd = new FormData(); fd.set("intent", "reject"); fd.set("note", "");
  await d.router.navigate(`/admin/review/${s.id}`, { formMethod: "post", formData: fd });
  await new Promise((r) => setTimeout(r, 500));
  fs.writeFileSync("/tmp/shop-400.html", d.html());
});
