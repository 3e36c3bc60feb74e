// Where to send a user after sign-in or a language switch, when the place comes from the request
// (?redirectTo=, a hidden field). Only paths on this site, never another origin.
//
// Browsers remove tabs and line breaks from a Location and read "\" as "/", so "/\t/evil.example"
// or "/\\evil.example" would leave the site even though they start with one "/". The URL parser
// does the same cleanup, so a value is judged by what new URL makes of it; the answer is the
// parsed, percent-encoded path, which is also always a valid header value (a raw "/tìm-kiếm" or a
// CR/LF is not, and would crash the response).
const BASE = "http://chophien.invalid";

export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;
  // Control characters and backslashes have no business in a path we produced ourselves.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/%2F%2Fevil" stays a path here, but keep the result from ever starting with "//".
  return path.startsWith("//") ? fallback : path;
}
