// Shared by integration tests: users with roles, signed-in requests, an in-memory file store.
import crypto from "node:crypto";
import type { RoleName } from "#app/domain/permissions.ts";
import { hashPassword } from "#app/services/identity/auth.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { ensureRolesAndPermissions } from "#app/services/identity/roles.server.ts";
import { commitSessionId } from "#app/services/identity/session.server.ts";
import type { StorageArea } from "#app/services/platform/storage.server.ts";

export const testPassword = "mat-khau-thu-nghiem";
let passwordHash: Promise<string> | undefined;

let rolesReady: Promise<void> | undefined;
let phoneCounter = 0;
/** A user with a unique Vietnamese mobile number (+8490xxxxxxx) and the given roles. */
export async function createUser(roles: RoleName[], { email }: { email?: string } = {}) {
  await (rolesReady ??= ensureRolesAndPermissions(getDb()));
  passwordHash ??= hashPassword(testPassword);
  phoneCounter++;
  const digits = `${String(crypto.randomInt(0, 1_000_000)).padStart(6, "0")}${phoneCounter % 10}`;
  return getDb().user.create({
    data: {
      name: `Người dùng ${roles.join("+")} ${phoneCounter}`,
      phone: `+8490${digits}`,
      email: email ?? null,
      password: { create: { hash: await passwordHash } },
      roles: { connect: roles.map((name) => ({ name })) },
    },
  });
}

/** A Request carrying a session cookie for this user. */
export async function signedInRequest(userId: string, url = "http://localhost/", init: RequestInit = {}) {
  const session = await getDb().session.create({
    data: { userId, expiresAt: new Date(Date.now() + 60 * 60 * 1000) },
  });
  const setCookie = await commitSessionId(session.id, { remember: false });
  const headers = new Headers(init.headers);
  headers.set("Cookie", setCookie.split(";")[0]!);
  return new Request(url, { ...init, headers });
}

/** The Response a loader or action throws (a redirect, a 403, a 404); anything else fails the test. */
export async function thrown(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

export function formRequest(url: string, fields: Record<string, string>, headers: HeadersInit = {}) {
  return new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

export class MemoryStorage implements StorageArea {
  readonly files = new Map<string, Uint8Array>();
  /** When each file was last written; tests may set it back to age a file. */
  readonly modified = new Map<string, Date>();
  async put(key: string, bytes: Uint8Array) {
    this.files.set(key, bytes);
    this.modified.set(key, new Date());
  }
  async get(key: string) {
    return this.files.get(key) ?? null;
  }
  async stat(key: string) {
    const bytes = this.files.get(key);
    return bytes ? { key, size: bytes.byteLength, modifiedAt: this.modified.get(key)! } : null;
  }
  async delete(key: string) {
    this.modified.delete(key);
    return this.files.delete(key);
  }
  async *list() {
    for (const key of [...this.files.keys()]) yield (await this.stat(key))!;
  }
}
