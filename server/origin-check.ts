// CSRF defence: the session cookie is SameSite=Lax, and on top of that a state-changing request whose
// Origin header names another site is refused (OWASP's "verify origin with standard headers").
// Requests without an Origin header (old browsers, curl, webhooks) pass; webhooks are signed instead.
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteWrite(method: string, origin: string | undefined, host: string | undefined) {
  if (safeMethods.has(method.toUpperCase()) || !origin) return false;
  if (origin === "null") return true;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
