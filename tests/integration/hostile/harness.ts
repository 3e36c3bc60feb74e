// Calls a loader or action as Remix would and reduces whatever comes back (a Response, data() with an
// init, a plain object, a thrown Response, or a thrown error — which Remix turns into a 500) to a status.
import type { RouteEntry } from "./routes.ts";
import type { Identity, World } from "./world.ts";

export const context = { clientAddress: "198.51.100.23" };

export type Outcome = { status: number; error?: string };

function statusOf(value: unknown): number {
  if (value instanceof Response) return value.status;
  if (value && typeof value === "object" && "type" in value && value.type === "DataWithResponseInit") {
    return (value as { init?: { status?: number } | null }).init?.status ?? 200;
  }
  return 200;
}

export async function call(
  run: (args: { request: Request; params: Record<string, string>; context: typeof context }) => unknown,
  request: Request,
  params: Record<string, string>,
): Promise<Outcome> {
  try {
    return { status: statusOf(await run({ request, params, context })) };
  } catch (error) {
    if (error instanceof Response) return { status: error.status };
    return { status: 500, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** Who can get furthest into a route: the identity whose requests reach its body parsing. */
export function privilegedFor(route: RouteEntry): Identity {
  if (route.id.startsWith("onboarding+")) return "volunteer";
  if (route.id.startsWith("shop+") || route.id.startsWith("account+")) return "owner";
  if (route.id.startsWith("admin+")) return "admin";
  if (route.id.startsWith("_storefront+")) return "buyer";
  return "anonymous";
}

/** The route's parameters, filled with the world's own ids (the shop this identity may run, etc.). */
export function realParams(route: RouteEntry, world: World, data: "own" | "other" = "own") {
  const own = data === "own";
  const values: Record<string, string> = {};
  for (const name of route.params) {
    if (name === "sellerId") {
      values[name] = route.id.startsWith("onboarding+")
        ? own
          ? world.draft.id
          : world.submitted.id
        : route.id.startsWith("admin+")
          ? world.submitted.id
          : own
            ? world.shop.id
            : world.otherShop.id;
    } else if (name === "productId") {
      values[name] = route.id.startsWith("onboarding+")
        ? own
          ? world.draftProduct.id
          : world.submittedProduct.id
        : own
          ? world.product.id
          : world.otherProduct.id;
    } else if (name === "code") {
      values[name] = route.id.includes("don-hang")
        ? own
          ? world.groupCode
          : world.otherGroupCode
        : route.id.includes("orders")
          ? own
            ? world.orderCode
            : world.otherOrderCode
          : "x";
    } else if (name === "importId") {
      values[name] = own ? world.shopImport.id : world.otherImport.id;
    } else if (name === "slug") {
      values[name] = route.id.includes("san-pham") ? world.product.slug : world.shop.slug;
    } else {
      values[name] = "x";
    }
  }
  return values;
}
