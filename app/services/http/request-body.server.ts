// Reading a form body without trusting it. Browsers send application/x-www-form-urlencoded or
// multipart/form-data; anything else (JSON, text, no Content-Type, a multipart without a boundary or
// cut short) is a client's mistake and gets 415 or 400 — never a 500, never a half-read write.
export const FORM_MEDIA_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"] as const;

/** "multipart/form-data; boundary=x" → "multipart/form-data"; missing → "". */
export function mediaTypeOf(request: Request) {
  return (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** The multipart boundary parameter, or null when it is missing or empty. */
export function multipartBoundaryOf(request: Request) {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(request.headers.get("Content-Type") ?? "");
  return match?.[1] ?? match?.[2] ?? null;
}

/**
 * A Response to throw for a body that is not a form: 415 for the wrong media type, 400 for a broken
 * one. The error boundary shows a translated page for both statuses.
 */
export function badFormBody(status: 400 | 415) {
  return new Response(
    status === 415 ? "Unsupported Media Type: send a form" : "Bad Request: malformed form body",
    {
      status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    },
  );
}

/** Throws 415 unless the request carries a form media type (and a boundary when multipart). */
export function assertFormRequest(request: Request) {
  const type = mediaTypeOf(request);
  if (!(FORM_MEDIA_TYPES as readonly string[]).includes(type)) throw badFormBody(415);
  if (type === "multipart/form-data" && !multipartBoundaryOf(request)) throw badFormBody(400);
  return type as (typeof FORM_MEDIA_TYPES)[number];
}

/**
 * The form of a request without files (every form but the photo and spreadsheet uploads, which use
 * uploads.server.ts readForm). Bad bodies become a thrown 415/400 Response.
 */
export async function readFormBody(request: Request): Promise<FormData> {
  assertFormRequest(request);
  try {
    return await request.formData();
  } catch {
    throw badFormBody(400);
  }
}
