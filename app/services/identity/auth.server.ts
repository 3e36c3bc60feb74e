// Sign-in with a phone number or an email plus a password; DB-backed sessions; rate-limited logins.
import { hash, verify } from "@node-rs/argon2";
import { redirect } from "@remix-run/node";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { normalizeVietnamesePhone } from "#app/domain/phone.ts";
import { allows, type Grant, type PermissionString, type RoleName } from "#app/domain/permissions.ts";
import { getDb, type Db } from "../platform/db.server.ts";
import { clearSessionCookie, readSessionId, SESSION_TTL_MS } from "./session.server.ts";
import { forbidden } from "#app/services/http/replies.server.ts";

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

// Sign-in limits, counted in the database so every server process shares them (docs/decisions/003).
// Each attempt takes its points *before* the password is checked, so a burst of parallel guesses is
// counted as it arrives: only the first few are ever checked, whatever their passwords.
//   perAddress       50 attempts an hour from one address — loose enough for a commune office or a
//                    carrier's shared address, where many people sign in.
//   perAccount       5 attempts in 15 minutes on one account from all addresses together: the
//                    slow-down. Then wait for the 15 minutes to pass.
//   perAccountDaily  10 checked attempts in 24 hours on one account: the lockout, until the 24 hours
//                    are over or the owner resets the password (clearLoginLimits).
// A success gives its point back to the address and clears the account's counts.
export const LOGIN_LIMITS = {
  perAddress: { points: 50, duration: 60 * 60 },
  perAccount: { points: 5, duration: 15 * 60 },
  perAccountDaily: { points: 10, duration: 24 * 60 * 60 },
} as const;

type LoginLimiters = Record<keyof typeof LOGIN_LIMITS, RateLimiterPrisma>;
const limiters = new WeakMap<Db, LoginLimiters>();
function loginLimiters(db: Db) {
  let set = limiters.get(db);
  if (!set) {
    const common = { storeClient: db, tableName: "rateLimiterFlexible", clearExpiredByTimeout: false };
    set = {
      perAddress: new RateLimiterPrisma({ ...common, keyPrefix: "login-ip", ...LOGIN_LIMITS.perAddress }),
      perAccount: new RateLimiterPrisma({
        ...common,
        keyPrefix: "login-account",
        ...LOGIN_LIMITS.perAccount,
      }),
      perAccountDaily: new RateLimiterPrisma({
        ...common,
        keyPrefix: "login-account-day",
        ...LOGIN_LIMITS.perAccountDaily,
      }),
    };
    limiters.set(db, set);
  }
  return set;
}

/** Takes a point; how long until the limiter lets this key through again, or null when it does now. */
async function consume(limiter: RateLimiterPrisma, key: string) {
  try {
    await limiter.consume(key);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return error.msBeforeNext;
    throw error;
  }
}

type Refusal = { retryAfterMs: number; accountLocked: boolean };

/** The attempt's points, in order; why and for how long one limit refuses it, or null. */
async function takeAttempt(
  limits: LoginLimiters,
  clientAddress: string,
  accountKey: string,
): Promise<Refusal | null> {
  // The address first: an address already over its limit must not use up the account's allowance.
  const addressWait = await consume(limits.perAddress, clientAddress);
  if (addressWait !== null) return { retryAfterMs: addressWait, accountLocked: false };
  const slowDownWait = await consume(limits.perAccount, accountKey);
  if (slowDownWait !== null) {
    // Say how long the lockout still lasts, if it is on, rather than only the slow-down's wait.
    const daily = await limits.perAccountDaily.get(accountKey);
    const locked = daily !== null && daily.consumedPoints >= LOGIN_LIMITS.perAccountDaily.points;
    return {
      retryAfterMs: locked ? Math.max(slowDownWait, daily.msBeforeNext) : slowDownWait,
      accountLocked: locked,
    };
  }
  // Only attempts that will be checked reach the lockout's count: refused ones must not lock the
  // owner out for a day after one burst.
  const lockoutWait = await consume(limits.perAccountDaily, accountKey);
  return lockoutWait === null ? null : { retryAfterMs: lockoutWait, accountLocked: true };
}

/**
 * Lets the account sign in again at once: its owner proved who they are another way (a password
 * reset), so earlier failures, theirs or a guesser's, no longer count.
 */
export async function clearLoginLimits(userId: string) {
  const limits = loginLimiters(getDb());
  await Promise.all([limits.perAccount.delete(userId), limits.perAccountDaily.delete(userId)]);
}

export type LoginResult =
  | { ok: true; sessionId: string; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number; accountLocked: boolean };

export async function login(input: {
  identifier: string;
  password: string;
  clientAddress: string;
}): Promise<LoginResult> {
  const db = getDb();
  const limits = loginLimiters(db);
  const who = parseIdentifier(input.identifier);
  const user = who
    ? await db.user.findUnique({ where: who, select: { id: true, password: { select: { hash: true } } } })
    : null;
  // One count per account, typed as phone or as email; an unknown name is counted by itself, the same
  // way, so the limits say nothing about which accounts exist.
  const accountKey =
    user?.id ?? `unknown:${who ? Object.values(who)[0] : input.identifier.trim().toLowerCase()}`;

  const refusal = await takeAttempt(limits, input.clientAddress, accountKey);
  if (refusal) return { ok: false, reason: "rate_limited", ...refusal };

  dummyHash ??= hash("not-a-real-password");
  const valid = await verify(user?.password?.hash ?? (await dummyHash), input.password);
  if (!user || !user.password || !valid) return { ok: false, reason: "invalid" };

  // The owner is back: forget the account's failures (someone who mistyped twice starts afresh), and
  // give the address its point back. The address keeps its failures — a guesser who owns one account
  // must not wipe them by signing in to it.
  await Promise.all([
    limits.perAccount.delete(accountKey),
    limits.perAccountDaily.delete(accountKey),
    limits.perAddress.reward(input.clientAddress, 1),
  ]);
  const session = await db.session.create({
    data: { userId: user.id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) },
    select: { id: true },
  });
  return { ok: true, sessionId: session.id, userId: user.id };
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
    throw forbidden();
  }
  return user;
}

export async function logout(request: Request) {
  const sessionId = await readSessionId(request);
  if (sessionId) await getDb().session.deleteMany({ where: { id: sessionId } });
  return clearSessionCookie(request);
}
