// Every loader of the app, found from the route files, gets malformed parameters (empty, NUL,
// traversal, 5,000 characters, bidi, …) and malformed query strings (negative pages, huge numbers,
// undecodable escapes, repeated and bracketed keys), as an anonymous visitor and as the user who may
// use it. The rule: never a 5xx, and reading writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, privilegedFor, realParams } from "./harness.ts";
import { hostileParamValues, hostileQueries } from "./inputs.ts";
import { routes, urlOf } from "./routes.ts";
import { buildWorld, rowCounts, type World } from "./world.ts";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

let tried = 0;
let serverErrors = 0;
afterAll(() => {
  console.log(`hostile loaders: ${tried} requests to ${withLoader.length} loaders, 5xx = ${serverErrors}`);
});

const withLoader = routes.filter((r) => r.loader);

describe.each(withLoader.map((r) => [r.id, r] as const))("loader %s", (_id, route) => {
  it("answers malformed parameters and query strings without a 5xx or a write", async () => {
    const failures: string[] = [];
    for (const identity of ["anonymous", privilegedFor(route)] as const) {
      const cases: { label: string; params: Record<string, string>; search: string }[] = [
        ...(route.params.length
          ? hostileParamValues.map((value) => ({
              label: `params=${JSON.stringify(value.slice(0, 20))}`,
              params: Object.fromEntries(route.params.map((p) => [p, value])),
              search: "",
            }))
          : []),
        ...hostileQueries.map((search) => ({
          label: `query ${search.slice(0, 40)}`,
          params: realParams(route, world),
          search,
        })),
      ];
      const rowsBefore = await rowCounts();
      for (const c of cases) {
        const request = await world.request(identity, urlOf(route, c.params, c.search));
        const outcome = await call(route.loader!, request, c.params);
        tried++;
        if (outcome.status >= 500) {
          serverErrors++;
          failures.push(`${identity} · ${c.label} → ${outcome.status} ${outcome.error ?? ""}`);
        }
      }
      const rowsAfter = await rowCounts();
      rowsAfter.Session = rowsAfter.Session! - (identity === "anonymous" ? 0 : cases.length);
      expect.soft(rowsAfter, `${identity}: a loader wrote rows`).toEqual(rowsBefore);
    }
    expect(failures).toEqual([]);
  });
});
