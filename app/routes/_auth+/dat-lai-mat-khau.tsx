// A forgotten password, step 2: the code from the SMS or email and a new password. Success ends every
// other session of the account and signs the person in here, into their shop if they own one.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { LoginFormSchema } from "#app/domain/auth-forms.ts";
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import { parseIdentifier, requireAnonymous } from "#app/services/identity/auth.server.ts";
import { clearGuestCartCookie, guestCartId, mergeGuestCart } from "#app/services/orders/cart.server.ts";
import { displayIdentifier, resetPassword } from "#app/services/identity/password-reset.server.ts";
import { commitSessionId } from "#app/services/identity/session.server.ts";
import { FormAlert, useErrorText } from "#app/ui/forms.tsx";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";

// Also run in the browser, so no imports from the service here. Spaces or dashes typed inside the
// code ("123 456") are allowed; the service strips them.
const ResetPasswordSchema = LoginFormSchema.pick({ identifier: true })
  .extend({
    code: z
      .string({ error: "validation.required" })
      .max(20, "passwordReset.codeFormat")
      .refine((v) => /^\d{6}$/.test(v.replace(/[\s.-]/g, "")), { error: "passwordReset.codeFormat" }),
    // The same rule as setting a password from the handover invite (/moi/:code).
    password: z
      .string({ error: "validation.required" })
      .min(8, "passwordReset.passwordTooShort")
      .max(200, "validation.tooLong"),
    confirm: z.string({ error: "validation.required" }).max(200, "validation.tooLong"),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], error: "passwordReset.passwordMismatch" });

const hideFields = ["password", "confirm"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const ai = new URL(request.url).searchParams.get("ai")?.slice(0, 254) ?? "";
  const who = ai ? parseIdentifier(ai) : null;
  return {
    title: makeT(localeFromRequest(request))("passwordReset.reset.title"),
    // Where a code was sent, if an account uses it; shown when the request page sent the person here.
    sent: who ? { channel: "phone" in who ? "sms" : "email", identifier: displayIdentifier(ai) } : null,
  } as const;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  { name: "robots", content: "noindex" },
];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const t = makeT(localeFromRequest(request));
  const submission = parseWithZod(await readFormBody(request), { schema: ResetPasswordSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields }), formError: null }, { status: 400 });
  }
  const outcome = await resetPassword({
    ...submission.value,
    clientAddress: context.clientAddress ?? "unknown",
  });
  if (!outcome.ok) {
    const message =
      outcome.reason === "rate_limited"
        ? t("login.rateLimited", { minutes: Math.max(1, Math.ceil(outcome.retryAfterMs / 60000)) })
        : outcome.reason === "weak_password"
          ? t("passwordReset.passwordTooShort")
          : t("passwordReset.invalidCode");
    // A separate message, not a conform form error: conform would keep that and block the retry.
    return data(
      { result: submission.reply({ hideFields }), formError: message },
      { status: outcome.reason === "rate_limited" ? 429 : 400 },
    );
  }
  // Signed in like at /login: what a guest put in the basket joins the account's cart.
  await mergeGuestCart(outcome.userId, await guestCartId(request));
  const headers = new Headers();
  headers.append("Set-Cookie", await commitSessionId(outcome.sessionId, { remember: false }));
  headers.append("Set-Cookie", await clearGuestCartCookie());
  return redirect(outcome.ownsShop ? "/shop" : "/account", { headers });
}

export default function ResetPasswordPage() {
  const t = useT();
  const errorText = useErrorText();
  const { sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ResetPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
    shouldRevalidate: "onBlur",
    defaultValue: { identifier: sent?.identifier ?? "" },
  });
  const fieldError = (field: { errorId: string; errors?: string[] }) =>
    field.errors?.[0] ? (
      <p className="error-text" id={field.errorId}>
        {errorText(field.errors)}
      </p>
    ) : null;
  const resendLink = `/quen-mat-khau${sent ? `?${new URLSearchParams({ ai: sent.identifier })}` : ""}`;
  return (
    <section>
      <h1>{t("passwordReset.reset.title")}</h1>
      {sent ? (
        <p className="notice" role="status">
          {t(sent.channel === "sms" ? "passwordReset.sentSms" : "passwordReset.sentEmail", {
            identifier: sent.identifier,
          })}
        </p>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormAlert message={actionData?.formError ?? form.errors?.[0]} id={form.errorId} />
        <div className="field">
          <label htmlFor={fields.identifier.id}>{t("login.identifier")}</label>
          <input
            {...getInputProps(fields.identifier, { type: "text" })}
            autoComplete="username"
            inputMode="email"
          />
          {fieldError(fields.identifier)}
        </div>
        <div className="field">
          <label htmlFor={fields.code.id}>{t("passwordReset.code")}</label>
          <input
            {...getInputProps(fields.code, { type: "text" })}
            autoComplete="one-time-code"
            inputMode="numeric"
            autoFocus
          />
          <span className="hint">{t("passwordReset.codeHint")}</span>
          {fieldError(fields.code)}
        </div>
        <div className="field">
          <label htmlFor={fields.password.id}>{t("passwordReset.password")}</label>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" />
          <span className="hint">{t("passwordReset.passwordHint")}</span>
          {fieldError(fields.password)}
        </div>
        <div className="field">
          <label htmlFor={fields.confirm.id}>{t("passwordReset.confirm")}</label>
          <input {...getInputProps(fields.confirm, { type: "password" })} autoComplete="new-password" />
          {fieldError(fields.confirm)}
        </div>
        <button type="submit" className="button">
          {t("passwordReset.submit")}
        </button>
      </Form>
      <p>
        <Link to={resendLink}>{t("passwordReset.resend")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
