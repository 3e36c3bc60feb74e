// Every action of the app, found from the route files, gets every hostile body (JSON, text, no type,
// empty, broken and truncated multipart, oversized, wrong types, Unicode edges, the bad-file corpus),
// as an anonymous visitor and as the user who may use it. The rules: never a 5xx, no row written or
// removed, no file left behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, privilegedFor, realParams } from "./harness.ts";
import { badFileBodies, hostileBodies } from "./inputs.ts";
import { routes, urlOf } from "./routes.ts";
import { buildWorld, rowCounts, storedFiles, type World } from "./world.ts";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

let tried = 0;
let serverErrors = 0;
afterAll(() => {
  // The closing note reports these: how much was thrown at the actions, and how many 5xx came back.
  console.log(`hostile actions: ${tried} requests to ${withAction.length} actions, 5xx = ${serverErrors}`);
});

const withAction = routes.filter((r) => r.action);
// Signing out is the one action whose whole point needs no valid form: it ends the session.
const mayChangeSessions = new Set(["_auth+/logout"]);

describe.each(withAction.map((r) => [r.id, r] as const))("action %s", (_id, route) => {
  it("refuses every hostile body without a 5xx, a written row or a stored file", async () => {
    const failures: string[] = [];
    for (const identity of ["anonymous", privilegedFor(route)] as const) {
      const params = realParams(route, world);
      const rowsBefore = await rowCounts();
      const filesBefore = await storedFiles();
      for (const body of [...hostileBodies, ...badFileBodies]) {
        const request = await world.request(identity, urlOf(route, params), body.init());
        const outcome = await call(route.action!, request, params);
        tried++;
        if (outcome.status >= 500) {
          serverErrors++;
          failures.push(`${identity} · ${body.name} → ${outcome.status} ${outcome.error ?? ""}`);
        }
      }
      const rowsAfter = await rowCounts();
      if (mayChangeSessions.has(route.id)) {
        rowsAfter.Session = rowsBefore.Session!;
      }
      // Signed-in requests mint their session row before the request; those are the test's, not the app's.
      const minted = identity === "anonymous" ? 0 : hostileBodies.length + badFileBodies.length;
      if (!mayChangeSessions.has(route.id)) rowsAfter.Session = rowsAfter.Session! - minted;
      expect.soft(rowsAfter, `${identity}: rows changed`).toEqual(rowsBefore);
      expect.soft(await storedFiles(), `${identity}: files left behind`).toEqual(filesBefore);
    }
    expect(failures).toEqual([]);
  });
});
