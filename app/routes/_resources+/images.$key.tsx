// Serves public images (product and cover photos) by content key. A key names exactly one set of
// bytes, so it is cached forever. Only the public storage area is read: personal documents live in
// the private area and are served by private-files.$key.tsx to the people allowed to see them.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { contentTypeOf, getStorage, isContentKey } from "#app/services/platform/storage.server.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  const key = params.key ?? "";
  if (!isContentKey(key)) return new Response("Not found", { status: 404 });
  const bytes = await getStorage().get(key);
  if (!bytes) return new Response("Not found", { status: 404 });
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": contentTypeOf(key),
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
