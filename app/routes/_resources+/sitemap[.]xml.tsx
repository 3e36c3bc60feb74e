// GET /sitemap.xml — every public page, for search engines.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { categoryUrl, communeUrl, productUrl, sellerUrl } from "#app/domain/urls.ts";
import { getSitemapEntries } from "#app/services/catalog/catalog.server.ts";
import { getEnv } from "#app/services/platform/env.server.ts";

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!,
  );

export async function loader(_args: LoaderFunctionArgs) {
  // PUBLIC_URL, not the request's Host: search engines must be sent to this site.
  const origin = getEnv().publicUrl;
  const { products, sellers, categories, communes } = await getSitemapEntries();
  const url = (path: string, lastmod?: Date) =>
    `<url><loc>${escapeXml(origin + path)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString().slice(0, 10)}</lastmod>` : ""}</url>`;
  const body = [
    url("/"),
    ...categories.map((c) => url(categoryUrl(c.slug))),
    ...communes.map((c) => url(communeUrl(c.slug))),
    ...sellers.map((s) => url(sellerUrl(s.slug), s.updatedAt)),
    ...products.map((p) => url(productUrl(p.slug), p.updatedAt)),
  ].join("\n");
  return new Response(
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`,
    {
      headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
    },
  );
}
