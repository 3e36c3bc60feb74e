// Serves a personal document (a signed consent form, a certificate photo) from the private storage
// area, only to an admin or to the people of the shop it belongs to; never cached by anyone but the
// browser's memory. Anonymous visitors go to sign in; others get 403, unknown keys 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/services/identity/auth.server.ts";
import { privateFileAccess } from "#app/services/platform/private-files.server.ts";
import { contentTypeOf, getPrivateStorage, isContentKey } from "#app/services/platform/storage.server.ts";

const noStore = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const key = params.key ?? "";
  if (!isContentKey(key)) return new Response("Not found", { status: 404, headers: noStore });
  const user = await requireUser(request);
  const access = await privateFileAccess(user, key);
  if (access === "forbidden") return new Response("Forbidden", { status: 403, headers: noStore });
  const bytes = access === "allowed" ? await getPrivateStorage().get(key) : null;
  if (!bytes) return new Response("Not found", { status: 404, headers: noStore });
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      ...noStore,
      "Content-Type": contentTypeOf(key),
      "Content-Length": String(bytes.byteLength),
      "X-Robots-Tag": "noindex",
    },
  });
}
