// The one error boundary: a friendly, translated page for 400 / 403 / 404 / 413 / 415 / 429 / 500.
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "#app/i18n/i18n.ts";

const knownStatuses = [400, 403, 404, 413, 415, 429] as const;
type ShownStatus = (typeof knownStatuses)[number] | 500;

function shownStatus(status: number): ShownStatus {
  return knownStatuses.find((known) => known === status) ?? 500;
}

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const shown = shownStatus(status);
  if (shown === 500 && typeof document !== "undefined") console.error(error);
  return (
    <section className="error-page" data-status={status}>
      <p className="error-code">{status}</p>
      <h1>{t(`error.${shown}.title`)}</h1>
      <p>{t(`error.${shown}.body`)}</p>
      <Link className="button" to="/">
        {t("error.backHome")}
      </Link>
    </section>
  );
}
