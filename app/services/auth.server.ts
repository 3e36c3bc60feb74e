// Sign-in with a phone number or an email plus a password; DB-backed sessions; rate-limited logins.
import { hash, verify } from "@node-rs/argon2";
import { redirect } from "@remix-run/node";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { normalizeVietnamesePhone } from "#app/domain/phone.ts";
import { allows, type Grant, type PermissionString, type RoleName } from "#app/domain/permissions.ts";
import { getDb, type Db } from "./db.server.ts";
import { clearSessionCookie, readSessionId, SESSION_TTL_MS } from "./session.server.ts";

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's recommended minimum). */
export function hashPassword(password: string) {
  return hash(password);
}

// Verified against when the account does not exist, so a wrong phone costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;

/** "0905 123 456" → { phone: "+84905123456" }; "An@Mail.vn" → { email: "an@mail.vn" }. */
export function parseIdentifier(identifier: string): { phone: string } | { email: string } | null {
  const trimmed = identifier.trim();
  if (trimmed.includes("@")) return { email: trimmed.toLowerCase() };
  const phone = normalizeVietnamesePhone(trimmed);
  return phone ? { phone } : null;
}

// Failed attempts: 5 per account and address in 15 minutes, 50 per address in an hour. Counted in
// the database so every server process shares them. Only failures count; success clears the first.
const limiters = new WeakMap<Db, { perAccount: RateLimiterPrisma; perAddress: RateLimiterPrisma }>();
function loginLimiters(db: Db) {
  let pair = limiters.get(db);
  if (!pair) {
    const common = { storeClient: db, tableName: "rateLimiterFlexible", clearExpiredByTimeout: false };
    pair = {
      perAccount: new RateLimiterPrisma({ ...common, keyPrefix: "login", points: 5, duration: 15 * 60 }),
      perAddress: new RateLimiterPrisma({ ...common, keyPrefix: "login-ip", points: 50, duration: 60 * 60 }),
    };
    limiters.set(db, pair);
  }
  return pair;
}

export type LoginResult =
  | { ok: true; sessionId: string; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number };

export async function login(input: {
  identifier: string;
  password: string;
  clientAddress: string;
}): Promise<LoginResult> {
  const db = getDb();
  const { perAccount, perAddress } = loginLimiters(db);
  const who = parseIdentifier(input.identifier);
  const accountKey = `${who ? Object.values(who)[0] : input.identifier.trim().toLowerCase()}|${input.clientAddress}`;

  const [accountState, addressState] = await Promise.all([
    perAccount.get(accountKey),
    perAddress.get(input.clientAddress),
  ]);
  const blocked = [
    { state: accountState, limit: 5 },
    { state: addressState, limit: 50 },
  ].find(({ state, limit }) => state && state.consumedPoints >= limit);
  if (blocked?.state) return { ok: false, reason: "rate_limited", retryAfterMs: blocked.state.msBeforeNext };

  const user = who
    ? await db.user.findUnique({ where: who, select: { id: true, password: { select: { hash: true } } } })
    : null;
  dummyHash ??= hash("not-a-real-password");
  const valid = await verify(user?.password?.hash ?? (await dummyHash), input.password);
  if (!user || !user.password || !valid) {
    await Promise.all([
      perAccount.penalty(accountKey, 1).catch(ignoreLimit),
      perAddress.penalty(input.clientAddress, 1).catch(ignoreLimit),
    ]);
    return { ok: false, reason: "invalid" };
  }
  await perAccount.delete(accountKey);
  const session = await db.session.create({
    data: { userId: user.id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) },
    select: { id: true },
  });
  return { ok: true, sessionId: session.id, userId: user.id };
}

function ignoreLimit(error: unknown) {
  if (!(error instanceof RateLimiterRes)) throw error;
}

export async function getUserId(request: Request) {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const session = await getDb().session.findFirst({
    where: { id: sessionId, expiresAt: { gt: new Date() } },
    select: { userId: true },
  });
  return session?.userId ?? null;
}

export type CurrentUser = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  createdAt: Date;
  roles: RoleName[];
  grants: Grant[];
};

export async function getUser(request: Request): Promise<CurrentUser | null> {
  const userId = await getUserId(request);
  if (!userId) return null;
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      phone: true,
      email: true,
      createdAt: true,
      roles: {
        select: { name: true, permissions: { select: { action: true, entity: true, access: true } } },
      },
    },
  });
  if (!user) return null;
  return {
    id: user.id,
    name: user.name,
    phone: user.phone,
    email: user.email,
    createdAt: user.createdAt,
    roles: user.roles.map((r) => r.name as RoleName),
    grants: user.roles.flatMap((r) => r.permissions),
  };
}

/** Only same-site paths, so a crafted ?redirectTo= cannot send a user elsewhere. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request) {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = `${url.pathname}${url.search}`;
    throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
  }
  return user;
}

export async function requireAnonymous(request: Request) {
  if (await getUserId(request)) throw redirect("/account");
}

/** The signed-in user if they hold the permission; 403 otherwise. */
export async function requirePermission(request: Request, permission: PermissionString) {
  const user = await requireUser(request);
  if (!allows(user.grants, permission)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

export async function logout(request: Request) {
  const sessionId = await readSessionId(request);
  if (sessionId) await getDb().session.deleteMany({ where: { id: sessionId } });
  return clearSessionCookie(request);
}
