// The session cookie holds only the id of a Session row; the row is the truth (signing out or
// expiring deletes it). httpOnly, SameSite=Lax, Secure in production, rotatable secrets.
import { createCookieSessionStorage } from "@remix-run/node";
import { getEnv } from "../platform/env.server.ts";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const sessionIdKey = "sessionId";

type SessionData = { [sessionIdKey]: string };

let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | undefined;

export function sessionStorage() {
  if (!storage) {
    const env = getEnv();
    storage = createCookieSessionStorage<SessionData>({
      cookie: {
        name: "__session",
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: env.cookieSecure,
        secrets: env.SESSION_SECRET,
      },
    });
  }
  return storage;
}

export async function readSessionId(request: Request) {
  const session = await sessionStorage().getSession(request.headers.get("Cookie"));
  const id = session.get(sessionIdKey);
  return typeof id === "string" ? id : null;
}

/** Set-Cookie for a new sign-in. Without "remember" the cookie ends with the browser session. */
export async function commitSessionId(sessionId: string, { remember }: { remember: boolean }) {
  const session = await sessionStorage().getSession();
  session.set(sessionIdKey, sessionId);
  return sessionStorage().commitSession(session, {
    expires: remember ? new Date(Date.now() + SESSION_TTL_MS) : undefined,
  });
}

export async function clearSessionCookie(request: Request) {
  const session = await sessionStorage().getSession(request.headers.get("Cookie"));
  return sessionStorage().destroySession(session);
}
