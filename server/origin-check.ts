// CSRF defence: the session cookie is SameSite=Lax, and on top of that a state-changing request whose
// Origin header is not one of this site's own origins (PUBLIC_URL and the hosts served beside it,
// server/host-check.ts) is refused — OWASP's "verify origin with standard headers". The comparison is
// with configuration, not with the request's Host, which the client writes. Requests without an
// Origin header (old browsers, curl, webhooks) pass; webhooks are signed instead.
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteWrite(
  method: string,
  origin: string | undefined,
  siteOrigins: ReadonlySet<string>,
) {
  if (safeMethods.has(method.toUpperCase()) || !origin) return false;
  if (origin === "null") return true;
  try {
    return !siteOrigins.has(new URL(origin).origin);
  } catch {
    return true;
  }
}
