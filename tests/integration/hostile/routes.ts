/// <reference types="vite/client" />
// Every route module of the app, found on disk (not a hand-picked list), with the URL it answers and
// the parameters its file name declares. A new route is in the hostile and authorization suites the
// moment it exists.
import type { ActionFunction, LoaderFunction } from "@remix-run/node";

type RouteModule = { loader?: LoaderFunction; action?: ActionFunction };

const modules = import.meta.glob<RouteModule>("../../../app/routes/**/*.tsx", { eager: true });

export type RouteEntry = {
  /** "shop+/$sellerId.orders.$code" */
  id: string;
  /** "/shop/:sellerId/orders/:code" — for the request URL. */
  pattern: string;
  params: string[];
  loader?: LoaderFunction;
  action?: ActionFunction;
};

/** remix-flat-routes' file name → URL pattern: "+" folders, "_" pathless prefixes, "[.]" escapes. */
function patternOf(id: string) {
  const segments = id
    .replace(/\+\//, ".")
    .split(/\.(?![^[]*\])/)
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => s.replace(/\[(.*?)\]/g, "$1").replace(/_$/, ""))
    .map((s) => (s.startsWith("$") ? (s === "$" ? "*" : `:${s.slice(1)}`) : s));
  // "sitemap[.]xml" was one segment with an escaped dot; the split above keeps it whole.
  return `/${segments.join("/")}`.replace(/\/+$/, "") || "/";
}

export const routes: RouteEntry[] = Object.entries(modules)
  .map(([file, module]) => {
    const id = file.replace(/^.*app\/routes\//, "").replace(/\.tsx$/, "");
    const pattern = patternOf(id);
    return {
      id,
      pattern,
      params: [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!),
      loader: module.loader,
      action: module.action,
    };
  })
  .sort((a, b) => a.id.localeCompare(b.id));

/** The URL of a route with these parameter values (percent-encoded). */
export function urlOf(route: RouteEntry, params: Record<string, string>, search = "") {
  const path = route.pattern
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? "x"))
    .replace("*", "no-such-page");
  return `http://localhost${path}${search}`;
}
