import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { formatDate } from "#app/domain/dates.ts";
import { requirePermission } from "#app/services/identity/auth.server.ts";
import { decideReview, type ReviewDecision } from "#app/services/onboarding/review.server.ts";
import { getShopForReview, requireSellerExists } from "#app/services/onboarding/review.server.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";
import { isMessageKey, type MessageKey } from "#app/i18n/messages.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { useErrorText } from "#app/ui/forms.tsx";
import { ResponsiveImage } from "#app/ui/responsive-image.tsx";
import { ReviewProductCard } from "#app/ui/review/product-card.tsx";
import { Row } from "#app/ui/review/row.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { multilineText, plainText } from "#app/domain/form-fields.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";

const note = (requiredKey: MessageKey) =>
  plainText({ multiline: true, missing: requiredKey })
    .min(3, "review.note.tooShort")
    .max(1000, "review.note.tooLong");

// One form, three buttons: the pressed button's `intent` decides whether a note is required.
const ReviewFormSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("approve"), note: multilineText(1000).optional() }),
    z.object({ intent: z.literal("request_changes"), note: note("review.note.changesRequired") }),
    z.object({ intent: z.literal("reject"), note: note("review.note.reasonRequired") }),
  ],
  { error: "review.intent.invalid" },
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "approve:seller:any");
  const shop = await getShopForReview(params.sellerId ?? "");
  return { title: shop.displayName, shop, ownWork: shop.onboardedBy?.id === admin.id, now: Date.now() };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
];

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "approve:seller:any");
  const sellerId = params.sellerId ?? "";
  await requireSellerExists(sellerId);
  const submission = parseWithZod(await readFormBody(request), { schema: ReviewFormSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const { value } = submission;
  const decision: ReviewDecision =
    value.intent === "approve" ? { decision: "approve" } : { decision: value.intent, note: value.note };
  try {
    await decideReview(admin, sellerId, decision);
  } catch (error) {
    return userErrorReply(request, error, { result: submission.reply() });
  }
  return redirect("/admin/review");
}

export default function ReviewShop() {
  const { shop, ownWork, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const errorText = useErrorText();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "review",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewFormSchema }),
    shouldRevalidate: "onInput",
  });
  const busy = navigation.state === "submitting";
  const empty = (text: string | null | undefined) => (text ? text : <em>{t("review.empty")}</em>);
  // Form errors come from the server already translated; the intent's error is a message key.
  const intentError = fields.intent.errors?.[0];
  const serverError = actionData && "formError" in actionData ? (actionData.formError as string) : null;
  const alert = serverError ?? form.errors?.[0] ?? (isMessageKey(intentError) ? t(intentError) : null);
  const decidable = shop.status === "submitted" && !ownWork;
  return (
    <section>
      <p className="breadcrumbs">
        <Link to="/admin/review">{t("review.back")}</Link>
      </p>
      <h1>{shop.displayName}</h1>
      <p>
        <span className="badge">{t(`sellerStatus.${shop.status}`)}</span>{" "}
        {shop.submittedAt
          ? t("review.shop.submittedBy", {
              date: formatDate(shop.submittedAt, locale),
              volunteer: shop.onboardedBy?.name ?? t("review.unknown"),
            })
          : null}
      </p>
      {shop.reviewNote ? (
        <div className="notice">
          <strong>{t("review.shop.previousNote")}:</strong> {shop.reviewNote}
        </div>
      ) : null}

      <h2>{t("review.seller.title")}</h2>
      <dl data-testid="review-seller">
        <Row label={t("review.seller.kind")}>
          {t(shop.kind === "household" ? "seller.household" : "seller.startup")}
        </Row>
        <Row label={t("review.seller.contactName")}>{empty(shop.contactName)}</Row>
        <Row label={t("review.seller.phone")}>{empty(shop.phone)}</Row>
        <Row label={t("review.seller.email")}>{empty(shop.email)}</Row>
        <Row label={t("review.seller.address")}>{empty(shop.addressLine)}</Row>
        <Row label={t("review.seller.commune")}>
          {shop.commune.fullName}{" "}
          <span className="card-meta">
            ({t("review.seller.formerDistrict", { district: shop.commune.formerDistrict })})
          </span>
        </Row>
      </dl>

      <h2>{t("review.consent.title")}</h2>
      {shop.consent ? (
        <dl data-testid="review-consent">
          <Row label={t("review.consent.method")}>{t(`review.consent.${shop.consent.method}`)}</Row>
          <Row label={t("review.consent.givenBy")}>{shop.consent.givenByName}</Row>
          <Row label={t("review.consent.takenBy")}>{shop.consent.takenByName}</Row>
          <Row label={t("review.consent.givenAt")}>{formatDate(shop.consent.givenAt, locale)}</Row>
          <Row label={t("review.consent.terms")}>{shop.consent.termsVersion}</Row>
          {shop.consent.photoUrl ? (
            <Row label={t("review.consent.photo")}>
              <a href={shop.consent.photoUrl} target="_blank" rel="noreferrer">
                <img
                  src={shop.consent.photoUrl}
                  alt={t("review.consent.photoAlt", { name: shop.consent.givenByName })}
                  width={320}
                  loading="lazy"
                />
                {t("review.consent.openPhoto")}
              </a>
            </Row>
          ) : null}
        </dl>
      ) : (
        <p className="alert">{t("review.consent.none")}</p>
      )}

      <h2>{t("review.story.title")}</h2>
      <dl>
        <Row label={t("review.story.makes")}>{empty(shop.makes)}</Row>
        <Row label={t("review.story.story")}>
          <span style={{ whiteSpace: "pre-line" }}>{empty(shop.story)}</span>
        </Row>
        <Row label={t("review.story.cover")}>
          {shop.coverPhoto ? (
            <div style={{ maxWidth: "24rem" }}>
              <ResponsiveImage photo={shop.coverPhoto} sizes="24rem" />
            </div>
          ) : (
            t("review.story.noCover")
          )}
        </Row>
      </dl>

      <h2>{t("review.payment.title")}</h2>
      <dl data-testid="review-payment">
        <Row label={t("review.payment.cod")}>{t(shop.payment.acceptsCod ? "review.yes" : "review.no")}</Row>
        <Row label={t("review.payment.bankTransfer")}>
          {t(shop.payment.acceptsBankTransfer ? "review.yes" : "review.no")}
        </Row>
        {shop.payment.acceptsBankTransfer ? (
          <>
            <Row label={t("review.payment.bankBin")}>{empty(shop.payment.bankBin)}</Row>
            <Row label={t("review.payment.accountNumber")}>{empty(shop.payment.bankAccountNumber)}</Row>
            <Row label={t("review.payment.accountName")}>{empty(shop.payment.bankAccountName)}</Row>
          </>
        ) : null}
      </dl>

      <h2>{t("review.products.title", { count: shop.products.length })}</h2>
      {shop.products.length === 0 ? <p className="alert">{t("review.products.none")}</p> : null}
      {shop.products.map((product) => (
        <ReviewProductCard key={product.id} product={product} now={now} />
      ))}

      <h2>{t("review.decision.title")}</h2>
      {alert ? (
        <p className="alert" role="alert" id={form.errorId} data-testid="review-error">
          {alert}
        </p>
      ) : null}
      {ownWork ? <p className="notice">{t("review.decision.ownWorkNotice")}</p> : null}
      {shop.status !== "submitted" ? <p className="notice">{t("review.decision.closed")}</p> : null}
      {decidable ? (
        <Form method="post" className="form" {...getFormProps(form)}>
          <div className="field">
            <label htmlFor={fields.note.id}>{t("review.decision.note")}</label>
            <textarea
              {...getTextareaProps(fields.note, { ariaDescribedBy: `${fields.note.id}-hint` })}
              rows={5}
              maxLength={1000}
            />
            <span className="hint" id={`${fields.note.id}-hint`}>
              {t("review.decision.noteHint")}
            </span>
            {fields.note.errors?.[0] ? (
              <p className="error-text" id={fields.note.errorId}>
                {errorText(fields.note.errors)}
              </p>
            ) : null}
          </div>
          <div className="chips">
            <button type="submit" name="intent" value="approve" className="button" disabled={busy}>
              {t("review.decision.approve")}
            </button>
            <button type="submit" name="intent" value="request_changes" className="button" disabled={busy}>
              {t("review.decision.request_changes")}
            </button>
            <button type="submit" name="intent" value="reject" className="button" disabled={busy}>
              {t("review.decision.reject")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
