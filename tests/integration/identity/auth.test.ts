// Sign-in, sessions and permissions against a real database.
import { describe, expect, it } from "vitest";
import {
  getUser,
  login,
  logout,
  requirePermission,
  requireUser,
} from "#app/services/identity/auth.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { createUser, signedInRequest, testPassword } from "#tests/helpers.ts";

let addressCounter = 0;
const freshAddress = () => `10.0.0.${++addressCounter}`;

describe("login", () => {
  it("signs in by phone number however it is typed", async () => {
    const user = await createUser(["seller"]);
    const local = `0${user.phone!.slice(3)}`; // +8490… → 090…
    const spaced = `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`;
    const result = await login({ identifier: spaced, password: testPassword, clientAddress: freshAddress() });
    expect(result).toMatchObject({ ok: true, userId: user.id });
  });

  it("signs in by email, ignoring case", async () => {
    const user = await createUser(["buyer"], { email: `mua.hang.${Date.now()}@example.vn` });
    const result = await login({
      identifier: user.email!.toUpperCase(),
      password: testPassword,
      clientAddress: freshAddress(),
    });
    expect(result).toMatchObject({ ok: true, userId: user.id });
  });

  it("refuses a wrong password or an unknown account the same way", async () => {
    const user = await createUser(["buyer"]);
    const address = freshAddress();
    expect(
      await login({ identifier: user.phone!, password: "sai-mat-khau", clientAddress: address }),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await login({ identifier: "0999 888 777", password: testPassword, clientAddress: address }),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("slows an account down after five failures, even with the right password, from any address", async () => {
    const user = await createUser(["seller"]);
    const address = freshAddress();
    for (let i = 0; i < 5; i++) {
      expect(await login({ identifier: user.phone!, password: "sai", clientAddress: address })).toMatchObject(
        {
          reason: "invalid",
        },
      );
    }
    const blocked = await login({ identifier: user.phone!, password: testPassword, clientAddress: address });
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(blocked.ok === false && blocked.reason === "rate_limited" && blocked.retryAfterMs).toBeGreaterThan(
      0,
    );
    // The count is the account's, not the address's: a guesser gains nothing by moving
    // (tests/integration/identity/login-limits.test.ts has the bursts and the lockout).
    expect(
      await login({ identifier: user.phone!, password: testPassword, clientAddress: freshAddress() }),
    ).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("forgives earlier failures after a successful sign-in", async () => {
    const user = await createUser(["seller"]);
    const address = freshAddress();
    for (let i = 0; i < 4; i++)
      await login({ identifier: user.phone!, password: "sai", clientAddress: address });
    expect(
      await login({ identifier: user.phone!, password: testPassword, clientAddress: address }),
    ).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++)
      await login({ identifier: user.phone!, password: "sai", clientAddress: address });
    expect(
      await login({ identifier: user.phone!, password: testPassword, clientAddress: address }),
    ).toMatchObject({ ok: true });
  });

  it("stores an argon2id hash, never the password", async () => {
    const user = await createUser(["buyer"]);
    const { hash } = await getDb().password.findUniqueOrThrow({ where: { userId: user.id } });
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain(testPassword);
  });
});

describe("sessions", () => {
  it("knows the user from the cookie, with roles and permissions", async () => {
    const user = await createUser(["volunteer"]);
    const current = await getUser(await signedInRequest(user.id));
    expect(current).toMatchObject({ id: user.id, roles: ["volunteer"] });
    expect(current!.grants).toContainEqual({ action: "create", entity: "seller", access: "own" });
  });

  it("forgets an expired session", async () => {
    const user = await createUser(["buyer"]);
    const request = await signedInRequest(user.id);
    await getDb().session.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await getUser(request)).toBeNull();
  });

  it("signing out deletes the session row", async () => {
    const user = await createUser(["buyer"]);
    const request = await signedInRequest(user.id);
    const setCookie = await logout(request);
    expect(setCookie).toMatch(/__session=;/);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
    expect(await getUser(request)).toBeNull();
  });

  it("ignores a forged cookie", async () => {
    const request = new Request("http://localhost/", {
      headers: { Cookie: "__session=eyJzZXNzaW9uSWQiOiJ4In0%3D.forged" },
    });
    expect(await getUser(request)).toBeNull();
  });
});

describe("requireUser / requirePermission", () => {
  it("sends an anonymous visitor to sign in, and back afterwards", async () => {
    const response = await requireUser(new Request("http://localhost/account?tab=2")).catch(
      (r: Response) => r,
    );
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe("/login?redirectTo=%2Faccount%3Ftab%3D2");
  });

  it("answers 403 to a user without the permission", async () => {
    const buyer = await createUser(["buyer"]);
    const denied = await requirePermission(await signedInRequest(buyer.id), "approve:seller:any").catch(
      (r: Response) => r,
    );
    expect((denied as Response).status).toBe(403);
  });

  it("lets an admin approve sellers", async () => {
    const admin = await createUser(["admin"]);
    const user = await requirePermission(await signedInRequest(admin.id), "approve:seller:any");
    expect(user.id).toBe(admin.id);
  });
});
