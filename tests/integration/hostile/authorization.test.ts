// The authorization matrix: every loader and action under /shop, /onboarding, /admin, /account and
// the order pages, found from the route files, as seven people — anonymous, a buyer, the shop's
// owner, another shop's owner, the volunteer who onboarded the shop, an unrelated volunteer, an
// admin — on their own data and on someone else's. Each gets the expected answer (in, sent to sign
// in, refused, or for an order page sent to its own part), and no request changes a row.
import { beforeAll, describe, expect, it } from "vitest";
import { call, realParams } from "./harness.ts";
import { routes, type RouteEntry, urlOf } from "./routes.ts";
import { buildWorld, type Identity, rowCounts, type World } from "./world.ts";

const identities: Identity[] = [
  "anonymous",
  "buyer",
  "owner",
  "otherOwner",
  "volunteer",
  "otherVolunteer",
  "admin",
];
const signedIn = identities.filter((i) => i !== "anonymous");

type Answer = "in" | "sign-in" | "refused" | "lookup" | "own-part";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

const inScope = (r: RouteEntry) =>
  /^(shop\+|onboarding\+|admin\+|account\+)/.test(r.id) || r.id === "_storefront+/don-hang.$code";

/** Who gets in, for this route on this data; everyone else signed in is refused. */
function allowedFor(route: RouteEntry, kind: "loader" | "action", data: "own" | "other"): Identity[] {
  const own = data === "own";
  if (route.id.startsWith("admin+")) return ["admin"];
  if (route.id.startsWith("account+")) return signedIn;
  // Admins read any order page; acting on it (cancel, abandon a card payment) is the buyer's alone.
  if (route.id === "_storefront+/don-hang.$code") return kind === "loader" ? ["buyer", "admin"] : ["buyer"];
  if (route.id.startsWith("onboarding+")) {
    if (!route.params.includes("sellerId")) return ["volunteer", "otherVolunteer"];
    return own ? ["volunteer"] : ["otherVolunteer"];
  }
  // shop+: the shop's owner and the volunteer who onboarded it (until revoked); /shop itself is the
  // list of one's shops, open to any signed-in user (it says when there are none).
  if (!route.params.length) return signedIn;
  // Who helps the shop is the owner's decision: a helper may see the list, not revoke.
  if (route.id === "shop+/$sellerId.team" && kind === "action") return own ? ["owner"] : ["otherOwner"];
  return own ? ["owner", "volunteer"] : ["otherOwner"];
}

function expected(
  route: RouteEntry,
  kind: "loader" | "action",
  identity: Identity,
  data: "own" | "other",
): Answer {
  const orderPage = route.id === "_storefront+/don-hang.$code";
  // A form-only route: its loader shows nothing and sends everyone to /account.
  if (route.id === "account+/revoke-delegation" && kind === "loader") return "in";
  if (identity === "anonymous") return orderPage ? "lookup" : "sign-in";
  if (allowedFor(route, kind, data).includes(identity)) return "in";
  if (orderPage && kind === "action" && identity === "admin") return "refused";
  if (orderPage) {
    // A shop in the checkout is sent to its own part; the world's "own" order is the shop's (owner,
    // volunteer), the "other" order is the other shop's.
    const shopSide = data === "own" ? ["owner", "volunteer"] : ["otherOwner"];
    return shopSide.includes(identity) ? "own-part" : "lookup";
  }
  return "refused";
}

function classify(outcome: { status: number; location?: string | null }): Answer | `status ${number}` {
  const { status, location } = outcome;
  if (status === 403 || status === 404) return "refused";
  if (status >= 300 && status < 400 && location) {
    if (location.startsWith("/login")) return "sign-in";
    if (location.startsWith("/tra-cuu-don-hang")) return "lookup";
    if (location.startsWith("/shop/orders/")) return "own-part";
  }
  if (status >= 500) return `status ${status}`;
  return "in";
}

async function attempt(
  run: NonNullable<RouteEntry["loader"] | RouteEntry["action"]>,
  request: Request,
  params: Record<string, string>,
) {
  // call() reduces to a status; the Location header tells a sign-in redirect from others.
  let location: string | null = null;
  const wrapped = async (args: Parameters<typeof run>[0]) => {
    try {
      const value = await run(args);
      if (value instanceof Response) location = value.headers.get("Location");
      return value;
    } catch (error) {
      if (error instanceof Response) location = error.headers.get("Location");
      throw error;
    }
  };
  const outcome = await call(wrapped as never, request, params);
  return { ...outcome, location };
}

const scoped = routes.filter(inScope);
const kinds = ["loader", "action"] as const;
const cases = scoped.flatMap((route) =>
  kinds
    .filter((kind) => route[kind])
    .flatMap((kind) =>
      (route.params.length ? (["own", "other"] as const) : (["own"] as const)).map((data) => ({
        route,
        kind,
        data,
      })),
    ),
);

describe("authorization matrix", () => {
  it.each(cases.map((c) => [`${c.kind} ${c.route.id} (${c.data} data)`, c] as const))(
    "%s",
    async (_label, c) => {
      const mismatches: string[] = [];
      const params = realParams(c.route, world, c.data);
      const rowsBefore = await rowCounts();
      for (const identity of identities) {
        const init: RequestInit =
          c.kind === "action"
            ? {
                method: "POST",
                headers: { "Content-Type": "application/x-www-form-urlencoded" },
                body: "intent=authorization-matrix",
              }
            : {};
        const request = await world.request(identity, urlOf(c.route, params), init);
        const outcome = await attempt(c.route[c.kind]!, request, params);
        const got = classify(outcome);
        const want = expected(c.route, c.kind, identity, c.data);
        if (got !== want)
          mismatches.push(
            `${identity}: expected ${want}, got ${got} (${outcome.status} ${outcome.location ?? outcome.error ?? ""})`,
          );
      }
      const rowsAfter = await rowCounts();
      rowsAfter.Session = rowsAfter.Session! - signedIn.length;
      expect.soft(rowsAfter, "no request changed a row").toEqual(rowsBefore);
      expect(mismatches).toEqual([]);
    },
  );
});
