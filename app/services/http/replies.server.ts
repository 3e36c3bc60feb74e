// Turning a refusal into the reply a route sends. A UserError becomes the form's error message in the
// reader's language with the error's status; anything else is rethrown, so a bug stays a 500 and is
// logged instead of being shown as if the user had done something wrong.
import { data } from "@remix-run/node";
import { UserError } from "#app/domain/user-error.ts";
import { localeFromRequest } from "#app/i18n/i18n.ts";
import { userErrorMessage } from "#app/i18n/user-error-message.ts";

/** `{ ...extra, formError }` with the error's status; rethrows anything that is not a UserError. */
export function userErrorReply<Extra extends Record<string, unknown> = Record<never, never>>(
  request: Request,
  error: unknown,
  extra?: Extra,
) {
  if (!(error instanceof UserError)) throw error;
  const formError = userErrorMessage(error, localeFromRequest(request));
  return data({ ...(extra as Extra), formError }, { status: error.status });
}

// For loaders and actions: thrown, these render the route's error boundary with the status.
export const notFound = () => new Response("Not found", { status: 404, statusText: "Not Found" });
export const forbidden = (why = "Forbidden") => new Response(why, { status: 403, statusText: "Forbidden" });
export const badRequest = () => new Response("Bad request", { status: 400, statusText: "Bad Request" });
