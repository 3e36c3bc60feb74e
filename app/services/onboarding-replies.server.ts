// Turning the wizard's expected failures into 4xx replies with a message the volunteer can act on.
import { data } from "@remix-run/node";
import { localeFromRequest, makeT } from "#app/i18n/i18n.ts";
import type { MessageKey } from "#app/i18n/messages.ts";
import { OnboardingError } from "./onboarding.server.ts";
import { UploadError } from "./uploads.server.ts";

/** A known failure becomes { formError } with its status; anything else is rethrown (a real 500). */
export function failureReply(request: Request, error: unknown) {
  const locale = localeFromRequest(request);
  if (error instanceof UploadError) {
    return data({ formError: locale === "vi" ? error.messageVi : error.messageEn }, { status: 400 });
  }
  if (error instanceof OnboardingError) {
    return data({ formError: makeT(locale)(error.messageKey as MessageKey) }, { status: error.status });
  }
  throw error;
}
