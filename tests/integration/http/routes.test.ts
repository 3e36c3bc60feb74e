// Loaders and actions called with real Requests, as Remix calls them.
import { describe, expect, it } from "vitest";
import { getDb } from "#app/services/platform/db.server.ts";
import { action as loginAction } from "#app/routes/_auth+/login.tsx";
import { action as localeAction } from "#app/routes/_resources+/locale.tsx";
import { loader as healthz } from "#app/routes/_resources+/healthz.tsx";
import { loader as homeLoader } from "#app/routes/_storefront+/_index.tsx";
import { loader as notFound } from "#app/routes/$.tsx";
import { createUser, formRequest, testPassword, thrown } from "#tests/helpers.ts";

const context = { clientAddress: "203.0.113.7" };
const args = (request: Request) => ({ request, params: {}, context });

type Reply = {
  data: { result: { error?: Record<string, string[]> }; formError?: string | null };
  init: { status: number };
};

describe("POST /login", () => {
  it("answers 400 with the field to fix when the phone number is not one", async () => {
    const reply = (await loginAction(
      args(formRequest("http://localhost/login", { identifier: "12ab", password: "x" })),
    )) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(reply.data.result.error?.identifier).toEqual(["validation.identifier"]);
  });

  it("answers 400 with a Vietnamese message for a wrong password, and sets no cookie", async () => {
    const user = await createUser(["buyer"]);
    const reply = (await loginAction(
      args(formRequest("http://localhost/login", { identifier: user.phone!, password: "sai" })),
    )) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect([reply.data.formError]).toEqual(["Số điện thoại, email hoặc mật khẩu không đúng."]);
  });

  it("answers in English when English was chosen", async () => {
    const user = await createUser(["buyer"]);
    const request = formRequest(
      "http://localhost/login",
      { identifier: user.phone!, password: "sai" },
      { Cookie: "lang=en" },
    );
    const reply = (await loginAction(args(request))) as unknown as Reply;
    expect([reply.data.formError]).toEqual(["Wrong phone number, email or password."]);
  });

  it("signs in, sets a secure-by-default session cookie and goes where it was asked", async () => {
    const user = await createUser(["seller"]);
    const response = (await loginAction(
      args(
        formRequest("http://localhost/login", {
          identifier: user.phone!,
          password: testPassword,
          redirectTo: "/account?x=1",
        }),
      ),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account?x=1");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^__session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("never redirects to another site after sign-in", async () => {
    const user = await createUser(["seller"]);
    const response = (await loginAction(
      args(
        formRequest("http://localhost/login", {
          identifier: user.phone!,
          password: testPassword,
          redirectTo: "//evil.example/",
        }),
      ),
    )) as Response;
    expect(response.headers.get("Location")).toBe("/account");
  });
});

describe("redirects after sign-in stay on this site and never crash", () => {
  it.each([
    ["/\t/evil.example", "/account"],
    ["/\t\\evil.example", "/account"],
    ["/\r\nSet-Cookie: a=b", "/account"],
    ["/a\u0000b", "/account"],
    ["/tìm-kiếm?q=cà", "/t%C3%ACm-ki%E1%BA%BFm?q=c%C3%A0"],
  ])("redirectTo %j signs in and goes to %s", async (redirectTo, location) => {
    const user = await createUser(["buyer"]);
    const response = (await loginAction(
      args(
        formRequest("http://localhost/login", {
          identifier: user.phone!,
          password: testPassword,
          redirectTo,
        }),
      ),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(location);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(1);
  });

  it.each(["/\t/evil.example", "/\t\\evil.example", "/tìm-kiếm\r\n", "//evil.example"])(
    "the language switch refuses %j and goes home",
    async (redirectTo) => {
      const response = (await localeAction(
        args(formRequest("http://localhost/locale", { locale: "en", redirectTo })),
      )) as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/");
    },
  );
});

describe("POST /locale", () => {
  it("remembers English in a cookie and returns to the page", async () => {
    const response = await localeAction(
      args(formRequest("http://localhost/locale", { locale: "en", redirectTo: "/login" })),
    );
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe("/login");
    expect((response as Response).headers.get("Set-Cookie")).toMatch(/^lang=en;/);
  });
  it("refuses an unknown language with 400", async () => {
    const reply = (await localeAction(
      args(formRequest("http://localhost/locale", { locale: "fr" })),
    )) as unknown as Reply;
    expect(reply.init.status).toBe(400);
  });
});

describe("GET /healthz", () => {
  it("reports the database and the outbox as JSON", async () => {
    const response = await healthz();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      status: "ok",
      services: {
        database: {
          status: "ok",
          provider: process.env.DATABASE_URL!.startsWith("file:") ? "sqlite" : "postgresql",
        },
      },
    });
    expect(body.services.outbox).toMatchObject({ pending: expect.any(Number) });
  });
});

describe("home page", () => {
  it("shows approved sellers' active products only", async () => {
    const db = getDb();
    const commune = await db.commune.create({
      data: {
        slug: `xa-${Date.now()}`,
        name: "Cam Lâm",
        fullName: "Xã Cam Lâm",
        type: "xa",
        formerDistrict: "Cam Lâm",
        formerDistricts: ["Cam Lâm"],
        mergedFrom: [],
      },
    });
    const category = await db.category.create({
      data: { slug: `trai-cay-${Date.now()}`, name: "Trái cây", nameEn: "Fruit" },
    });
    const makeSeller = (slug: string, status: "approved" | "draft") =>
      db.seller.create({
        data: {
          slug,
          kind: "household",
          displayName: slug,
          contactName: "Chị Hạnh",
          phone: "+84905123456",
          communeId: commune.id,
          status,
        },
      });
    const approved = await makeSeller(`vuon-duyet-${Date.now()}`, "approved");
    const draft = await makeSeller(`vuon-nhap-${Date.now()}`, "draft");
    const product = (sellerId: string, name: string, status: "active" | "archived") =>
      db.product.create({
        data: {
          slug: `${name}-${sellerId}`,
          sellerId,
          categoryId: category.id,
          name,
          unit: "kg",
          priceVnd: 45000,
          stockMilli: 10000,
          status,
        },
      });
    await product(approved.id, "xoai-cong-khai", "active");
    await product(approved.id, "xoai-luu-tru", "archived");
    await product(draft.id, "xoai-chua-duyet", "active");

    const data = await homeLoader(args(new Request("http://localhost/")));
    const names = data.newest.map((p) => p.name);
    expect(names).toContain("xoai-cong-khai");
    expect(names).not.toContain("xoai-luu-tru");
    expect(names).not.toContain("xoai-chua-duyet");
    expect(data.sellers.map((s) => s.slug)).not.toContain(draft.slug);
    expect(data.meta.title).toMatch(/Chợ Phiên/);
  });
});

describe("unknown URLs", () => {
  it("are a 404, not an error", async () => {
    const response = await thrown(() => notFound());
    expect(response.status).toBe(404);
  });
});
