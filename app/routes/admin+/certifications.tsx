// /admin/certifications — certifications waiting for an admin's check (new, or changed by a seller).
// Confirming one shows it to buyers and in search filters; rejecting removes it and shows the note to
// the seller. The product stays on sale either way. The rule: app/domain/listing-rules.ts, ADR 011.
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatDate } from "#app/domain/dates.ts";
import { productUrl } from "#app/domain/urls.ts";
import { requirePermission } from "#app/services/identity/auth.server.ts";
import {
  listPendingCertifications,
  rejectCertification,
  verifyCertification,
} from "#app/services/shops/listings.server.ts";
import { localeFromRequest, makeT, useLocale, useT } from "#app/i18n/i18n.ts";
import listingsStyles from "#app/styles/listings.css";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { useErrorText } from "#app/ui/forms.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { multilineText, plainText, recordId } from "#app/domain/form-fields.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";
import { certLabel } from "#app/ui/cert-label.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: listingsStyles }];

const PERMISSION = "update:product:any";

const certificationId = recordId("listings.cert.notFound");
const DecisionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("verify"), certificationId, note: multilineText(1000).optional() }),
    z.object({
      intent: z.literal("reject"),
      certificationId,
      note: plainText({ multiline: true, missing: "listings.certQueue.noteRequired" })
        .min(3, "listings.certQueue.noteRequired")
        .max(1000, "listings.certQueue.noteTooLong"),
    }),
  ],
  { error: "listings.error.intent" },
);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, PERMISSION);
  const doneParam = new URL(request.url).searchParams.get("done");
  const done = (["verify", "reject"] as const).find((d) => d === doneParam) ?? null;
  return {
    title: makeT(localeFromRequest(request))("listings.certQueue.title"),
    certifications: await listPendingCertifications(),
    done,
    now: Date.now(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
];

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, PERMISSION);
  const form = await readFormBody(request);
  const id = String(form.get("certificationId") ?? "");
  const submission = parseWithZod(form, { schema: DecisionSchema });
  if (submission.status !== "success") {
    return data({ certificationId: id, result: submission.reply(), formError: null }, { status: 400 });
  }
  const { value } = submission;
  try {
    if (value.intent === "verify") await verifyCertification(admin, value.certificationId);
    else await rejectCertification(admin, value.certificationId, value.note);
  } catch (error) {
    return userErrorReply(request, error, { certificationId: id, result: submission.reply() });
  }
  return redirect(`/admin/certifications?done=${value.intent}`);
}

export default function CertificationQueue() {
  const { certifications, done, now } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errorText = useErrorText();
  return (
    <section className="cert-queue">
      <h1>{t("listings.certQueue.title")}</h1>
      <p>{t("listings.certQueue.intro")}</p>
      {done ? (
        <p className="ok" role="status">
          {t(`listings.certQueue.done.${done}`)}
        </p>
      ) : null}
      {certifications.length === 0 ? (
        <p data-testid="cert-queue-empty">{t("listings.certQueue.empty")}</p>
      ) : (
        <ul className="list-plain" data-testid="cert-queue">
          {certifications.map((c) => {
            const label = certLabel(t, c);
            const expired = c.expiresAt ? new Date(c.expiresAt).getTime() < now : false;
            const mine = reply?.certificationId === c.id ? reply : undefined;
            const error =
              mine?.formError ??
              errorText(mine?.result.error?.note ?? mine?.result.error?.intent ?? undefined);
            return (
              <li key={c.id} className="seller-card" data-testid="cert-pending">
                <h2 className="card-title">{label}</h2>
                <p>
                  {t("listings.certQueue.product")}:{" "}
                  {c.product.status === "active" && c.product.seller.status === "approved" ? (
                    <a href={productUrl(c.product.slug)}>{c.product.name}</a>
                  ) : (
                    c.product.name
                  )}{" "}
                  · {t("listings.certQueue.shop")}: {c.product.seller.displayName}
                </p>
                <p>
                  {t("listings.certQueue.number")}: <strong>{c.number || "—"}</strong> ·{" "}
                  {c.expiresAt
                    ? `${t("listings.certQueue.expires")}: ${formatDate(c.expiresAt, locale)}`
                    : t("listings.certQueue.noExpiry")}{" "}
                  {expired ? (
                    <span className="badge badge-out">{t("listings.certQueue.expired")}</span>
                  ) : null}
                </p>
                {c.photoUrl ? (
                  <a href={c.photoUrl} target="_blank" rel="noreferrer">
                    <img
                      src={c.photoUrl}
                      alt={`${t("listings.certQueue.photo")}: ${label} — ${c.product.name}`}
                      width={320}
                      loading="lazy"
                    />
                  </a>
                ) : (
                  <p className="alert">{t("listings.certQueue.noPhoto")}</p>
                )}
                {error ? (
                  <p className="alert" role="alert">
                    {error}
                  </p>
                ) : null}
                <Form method="post" className="form">
                  <input type="hidden" name="certificationId" value={c.id} />
                  <div className="field">
                    <label htmlFor={`note-${c.id}`}>{t("listings.certQueue.note")}</label>
                    <textarea id={`note-${c.id}`} name="note" rows={2} maxLength={1000} />
                  </div>
                  <div className="listing-buttons">
                    <button type="submit" className="button" name="intent" value="verify">
                      {t("listings.certQueue.verify")}
                    </button>
                    <button type="submit" className="button button-quiet" name="intent" value="reject">
                      {t("listings.certQueue.reject")}
                    </button>
                  </div>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
