// Handing a shop over: the volunteer's invite card, the seller setting a password through /moi/:code,
// and the seller ending the volunteer's delegated access. Data is made here, not taken from the seed.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { action as acceptAction, loader as acceptLoader } from "#app/routes/_auth+/moi.$code.tsx";
import { action as revokeAction } from "#app/routes/account+/revoke-delegation.tsx";
import {
  action as handoverAction,
  loader as handoverLoader,
} from "#app/routes/onboarding+/$sellerId.handover.tsx";
import { login } from "#app/services/identity/auth.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { getEnv } from "#app/services/platform/env.server.ts";
import { normalizeInviteCode } from "#app/services/onboarding/handover.server.ts";
import { createUser, formRequest, signedInRequest, thrown } from "#tests/helpers.ts";

const context = { clientAddress: "203.0.113.9" };
const newPassword = "vuon-xoai-cam-lam";

type Reply<D = Record<string, unknown>> = {
  data: D & { result: { error?: Record<string, string[] | null> }; formError?: string | null };
  init: { status?: number; headers?: HeadersInit } | null;
};
type InviteData = {
  invite: { code: string; url: string; qrSvg: string; phone: string; expiresAt: string } | null;
};

let counter = 0;
async function makeCommune() {
  return getDb().commune.create({
    data: {
      slug: `cam-lam-${crypto.randomUUID()}`,
      name: "Cam Lâm",
      fullName: "Xã Cam Lâm",
      type: "xa",
      formerDistrict: "Cam Lâm",
      formerDistricts: ["Cam Lâm"],
      mergedFrom: [],
    },
  });
}

/** A volunteer and a shop they onboarded, with a phone no user has (createUser uses +8490…). */
async function setup(status: "approved" | "submitted" = "approved") {
  const volunteer = await createUser(["volunteer"]);
  const commune = await makeCommune();
  counter++;
  const phone = `+8491${String(crypto.randomInt(0, 1_000_000)).padStart(6, "0")}${counter % 10}`;
  const seller = await getDb().seller.create({
    data: {
      slug: `vuon-xoai-${crypto.randomUUID()}`,
      kind: "household",
      displayName: "Vườn xoài Cô Hạnh",
      contactName: "Cô Hạnh",
      phone,
      communeId: commune.id,
      status,
      onboardedById: volunteer.id,
      ...(status === "approved" ? { approvedAt: new Date() } : {}),
    },
  });
  return { volunteer, seller, phone };
}

const handoverUrl = (sellerId: string) => `http://localhost/onboarding/${sellerId}/handover`;

async function getHandover(userId: string, sellerId: string) {
  const request = await signedInRequest(userId, handoverUrl(sellerId));
  return handoverLoader({ request, params: { sellerId }, context });
}

async function postCreateInvite(userId: string, sellerId: string, { lang }: { lang?: "en" } = {}) {
  const signedIn = await signedInRequest(userId, handoverUrl(sellerId));
  const cookie = [signedIn.headers.get("Cookie"), lang && `lang=${lang}`].filter(Boolean).join("; ");
  const request = new Request(handoverUrl(sellerId), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams({ intent: "create-invite" }).toString(),
  });
  return (await handoverAction({ request, params: { sellerId }, context })) as unknown as Reply<InviteData>;
}

async function createInviteCode(userId: string, sellerId: string) {
  const reply = await postCreateInvite(userId, sellerId);
  expect(reply.data.invite).not.toBeNull();
  return reply.data.invite!.code;
}

const moiUrl = (code: string) => `http://localhost/moi/${code}`;
const getMoi = (code: string) =>
  acceptLoader({ request: new Request(moiUrl(code)), params: { code }, context }) as unknown as Promise<
    Reply<{ invite: { name: string; shop: string; phone: string | null } | null }>
  >;
const postMoi = (code: string, fields: Record<string, string>) =>
  acceptAction({ request: formRequest(moiUrl(code), fields), params: { code }, context });

describe("GET/POST /onboarding/:sellerId/handover — who may", () => {
  it("refuses a volunteer of another team with 403, on the loader and the action", async () => {
    const { seller } = await setup();
    const other = await createUser(["volunteer"]);
    expect((await thrown(() => getHandover(other.id, seller.id))).status).toBe(403);
    expect((await thrown(() => postCreateInvite(other.id, seller.id))).status).toBe(403);
    expect(await getDb().sellerInvite.count({ where: { sellerId: seller.id } })).toBe(0);
  });

  it("refuses a buyer with 403", async () => {
    const { seller } = await setup();
    const buyer = await createUser(["buyer"]);
    expect((await thrown(() => getHandover(buyer.id, seller.id))).status).toBe(403);
    expect((await thrown(() => postCreateInvite(buyer.id, seller.id))).status).toBe(403);
  });

  it("shows the onboarding volunteer the shop's name, phone and status", async () => {
    const { volunteer, seller } = await setup();
    const page = await getHandover(volunteer.id, seller.id);
    expect(page.seller).toMatchObject({
      displayName: "Vườn xoài Cô Hạnh",
      status: "approved",
      owned: false,
      phone: expect.stringMatching(/^091/),
    });
  });
});

describe("creating an invite", () => {
  it("answers 409 with a translated message when the shop is not approved", async () => {
    const { volunteer, seller } = await setup("submitted");
    const page = await getHandover(volunteer.id, seller.id);
    expect(page.seller.status).toBe("submitted");
    const reply = await postCreateInvite(volunteer.id, seller.id);
    expect(reply.init?.status).toBe(409);
    expect(reply.data.invite).toBeNull();
    expect([reply.data.formError]).toEqual([
      "Gian hàng chưa được duyệt. Chỉ trao gian hàng sau khi quản trị viên duyệt.",
    ]);
    const english = await postCreateInvite(volunteer.id, seller.id, { lang: "en" });
    expect(english.init?.status).toBe(409);
    expect(english.data.formError).toMatch(/has not been approved/);
    expect(await getDb().sellerInvite.count({ where: { sellerId: seller.id } })).toBe(0);
  });

  it("refuses when the shop's phone already belongs to an account with a password (no takeover)", async () => {
    const { volunteer, seller } = await setup();
    const admin = await createUser(["admin"]);
    await getDb().seller.update({ where: { id: seller.id }, data: { phone: admin.phone! } });
    const reply = await postCreateInvite(volunteer.id, seller.id);
    expect(reply.init?.status).toBe(409);
    expect(reply.data.formError).toMatch(/đã thuộc một tài khoản có mật khẩu/);
    expect(await getDb().sellerInvite.count({ where: { sellerId: seller.id } })).toBe(0);
    expect(
      await getDb().user.findUniqueOrThrow({ where: { id: admin.id }, include: { roles: true } }),
    ).toMatchObject({
      roles: [{ name: "admin" }],
    });
  });

  it("answers 400 for an unknown intent", async () => {
    const { volunteer, seller } = await setup();
    const request = await signedInRequest(volunteer.id, handoverUrl(seller.id), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=delete-everything",
    });
    const reply = (await handoverAction({
      request,
      params: { sellerId: seller.id },
      context,
    })) as unknown as Reply;
    expect(reply.init?.status).toBe(400);
  });

  it("returns the code once, with a QR code, and stores only its hash", async () => {
    const { volunteer, seller, phone } = await setup();
    const reply = await postCreateInvite(volunteer.id, seller.id);
    const invite = reply.data.invite!;
    expect(invite.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // PUBLIC_URL, not the request's address (tests/integration/http/public-url.test.ts).
    expect(invite.url).toBe(`${getEnv().publicUrl}/moi/${invite.code}`);
    expect(invite.qrSvg).toContain("<svg");
    expect(invite.phone).toMatch(/^091/);
    expect(new Date(invite.expiresAt).getTime()).toBeGreaterThan(Date.now() + 13 * 24 * 60 * 60 * 1000);
    expect(new Headers(reply.init?.headers).get("Cache-Control")).toBe("no-store");

    const db = getDb();
    const user = await db.user.findUniqueOrThrow({
      where: { phone },
      include: { roles: { select: { name: true } }, password: true },
    });
    expect(user.roles.map((r) => r.name)).toEqual(["seller"]);
    expect(user.password).toBeNull();
    expect(user.name).toBe("Cô Hạnh");

    const rows = await db.sellerInvite.findMany({ where: { sellerId: seller.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.userId).toBe(user.id);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(invite.code);
    expect(stored).not.toContain(normalizeInviteCode(invite.code));
    // The shop is not the seller's until they accept.
    expect((await db.seller.findUniqueOrThrow({ where: { id: seller.id } })).ownerId).toBeNull();
  });

  it("cancels the previous invite when a new one is made", async () => {
    const { volunteer, seller } = await setup();
    const first = await createInviteCode(volunteer.id, seller.id);
    const second = await createInviteCode(volunteer.id, seller.id);
    expect(second).not.toBe(first);
    expect((await getMoi(first)).init?.status).toBe(404);
    expect((await getMoi(second)).data.invite).toMatchObject({ shop: "Vườn xoài Cô Hạnh", name: "Cô Hạnh" });
    // Both invites are for the same account.
    expect(
      new Set((await getDb().sellerInvite.findMany({ where: { sellerId: seller.id } })).map((i) => i.userId))
        .size,
    ).toBe(1);
  });
});

describe("/moi/:code", () => {
  it("answers 404 with the friendly page for a wrong code", async () => {
    const reply = await getMoi("AAAA-BBBB-CCCC");
    expect(reply.init?.status).toBe(404);
    expect(reply.data.invite).toBeNull();
    const post = (await postMoi("AAAA-BBBB-CCCC", {
      password: newPassword,
      confirm: newPassword,
    })) as unknown as Reply;
    expect(post.init?.status).toBe(404);
  });

  it("accepts the code typed in lowercase without dashes", async () => {
    const { volunteer, seller } = await setup();
    const code = await createInviteCode(volunteer.id, seller.id);
    const typed = code.replaceAll("-", "").toLowerCase();
    const reply = await getMoi(typed);
    expect(reply.init?.status ?? 200).toBe(200);
    expect(reply.data.invite).toMatchObject({ name: "Cô Hạnh", shop: "Vườn xoài Cô Hạnh" });
  });

  it("refuses mismatched or short passwords with 400 and changes nothing", async () => {
    const { volunteer, seller, phone } = await setup();
    const code = await createInviteCode(volunteer.id, seller.id);
    const mismatch = (await postMoi(code, {
      password: newPassword,
      confirm: `${newPassword}!`,
    })) as unknown as Reply;
    expect(mismatch.init?.status).toBe(400);
    expect(mismatch.data.result.error?.confirm).toEqual(["handover.passwordMismatch"]);
    const short = (await postMoi(code, { password: "ngan", confirm: "ngan" })) as unknown as Reply;
    expect(short.init?.status).toBe(400);
    expect(short.data.result.error?.password).toEqual(["handover.passwordTooShort"]);

    const db = getDb();
    expect((await db.seller.findUniqueOrThrow({ where: { id: seller.id } })).ownerId).toBeNull();
    expect((await db.sellerInvite.findFirstOrThrow({ where: { sellerId: seller.id } })).usedAt).toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { phone }, select: { password: true } })).toEqual({
      password: null,
    });
    expect((await getMoi(code)).data.invite).not.toBeNull();
  });

  it("sets the password, hands the shop over, signs the seller in; the code then stops working", async () => {
    const { volunteer, seller, phone } = await setup();
    const code = await createInviteCode(volunteer.id, seller.id);
    const response = (await postMoi(code, { password: newPassword, confirm: newPassword })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^__session=/);
    expect(cookie).toMatch(/Expires=/); // "remember": the cookie outlives the browser session

    const db = getDb();
    const user = await db.user.findUniqueOrThrow({ where: { phone } });
    expect((await db.seller.findUniqueOrThrow({ where: { id: seller.id } })).ownerId).toBe(user.id);
    expect(
      (await db.sellerInvite.findFirstOrThrow({ where: { sellerId: seller.id } })).usedAt,
    ).not.toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);

    const signIn = await login({
      identifier: phone,
      password: newPassword,
      clientAddress: context.clientAddress,
    });
    expect(signIn).toMatchObject({ ok: true, userId: user.id });

    expect((await getMoi(code)).init?.status).toBe(404);
    const again = (await postMoi(code, {
      password: "mat-khau-khac-1",
      confirm: "mat-khau-khac-1",
    })) as unknown as Reply;
    expect(again.init?.status).toBe(404);
    // The volunteer now sees the shop as handed over and cannot make another invite.
    expect((await getHandover(volunteer.id, seller.id)).seller.owned).toBe(true);
    expect((await postCreateInvite(volunteer.id, seller.id)).init?.status).toBe(409);
  });
});

describe("POST /account/revoke-delegation", () => {
  async function handedOver() {
    const { volunteer, seller, phone } = await setup();
    const code = await createInviteCode(volunteer.id, seller.id);
    await postMoi(code, { password: newPassword, confirm: newPassword });
    const owner = await getDb().user.findUniqueOrThrow({ where: { phone } });
    return { volunteer, seller, owner };
  }
  async function postRevoke(userId: string, sellerId: string) {
    const url = "http://localhost/account/revoke-delegation";
    const request = await signedInRequest(userId, url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ sellerId }).toString(),
    });
    return revokeAction({ request, params: {}, context });
  }

  it("lets the owner end the volunteer's access", async () => {
    const { volunteer, seller, owner } = await handedOver();
    const response = (await postRevoke(owner.id, seller.id)) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account");
    const row = await getDb().seller.findUniqueOrThrow({ where: { id: seller.id } });
    expect(row.delegationRevokedAt).toBeInstanceOf(Date);
    expect((await thrown(() => getHandover(volunteer.id, seller.id))).status).toBe(403);
    expect((await thrown(() => postCreateInvite(volunteer.id, seller.id))).status).toBe(403);
  });

  it("refuses anyone else with 403", async () => {
    const { volunteer, seller } = await handedOver();
    const stranger = await createUser(["seller"]);
    expect((await thrown(() => postRevoke(stranger.id, seller.id))).status).toBe(403);
    expect((await thrown(() => postRevoke(volunteer.id, seller.id))).status).toBe(403);
    expect(
      (await getDb().seller.findUniqueOrThrow({ where: { id: seller.id } })).delegationRevokedAt,
    ).toBeNull();
  });

  it("sends an anonymous visitor to sign in", async () => {
    const request = formRequest("http://localhost/account/revoke-delegation", { sellerId: "x" });
    const response = await thrown(() => revokeAction({ request, params: {}, context }));
    expect(response.status).toBe(302);
  });
});
