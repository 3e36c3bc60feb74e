import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { LoginFormSchema } from "#app/domain/auth-forms.ts";
import { safeRedirect } from "#app/domain/redirects.ts";
import { login, requireAnonymous } from "#app/services/identity/auth.server.ts";
import { clearGuestCartCookie, guestCartId, mergeGuestCart } from "#app/services/orders/cart.server.ts";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { commitSessionId } from "#app/services/identity/session.server.ts";
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import { FormAlert, useErrorText } from "#app/ui/forms.tsx";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { title: makeT(localeFromRequest(request))("login.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
];

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await readFormBody(request);
  const submission = parseWithZod(formData, { schema: LoginFormSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), formError: null }, { status: 400 });
  }
  const t = makeT(localeFromRequest(request));
  // Decided before a session row exists, so nothing about the target can fail after sign-in.
  const redirectTo = safeRedirect(submission.value.redirectTo, "/account");
  const outcome = await login({ ...submission.value, clientAddress: context.clientAddress ?? "unknown" });
  if (!outcome.ok) {
    // A locked account (ADR 003) can be opened at once by a password reset: say so.
    const message =
      outcome.reason !== "rate_limited"
        ? t("login.invalid")
        : outcome.accountLocked
          ? t("login.locked", { hours: Math.ceil(outcome.retryAfterMs / 3_600_000) })
          : t("login.rateLimited", { minutes: Math.max(1, Math.ceil(outcome.retryAfterMs / 60000)) });
    return data(
      // A separate message, not a conform form error: conform would keep that and block the retry.
      { result: submission.reply({ hideFields: ["password"] }), formError: message },
      { status: outcome.reason === "rate_limited" ? 429 : 400 },
    );
  }
  // What a guest put in the basket joins the account's cart.
  await mergeGuestCart(outcome.userId, await guestCartId(request));
  const headers = new Headers();
  headers.append(
    "Set-Cookie",
    await commitSessionId(outcome.sessionId, { remember: !!submission.value.remember }),
  );
  headers.append("Set-Cookie", await clearGuestCartCookie());
  return redirect(redirectTo, { headers });
}

export default function LoginPage() {
  const t = useT();
  const errorText = useErrorText();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginFormSchema }),
    shouldRevalidate: "onBlur",
    defaultValue: { redirectTo: searchParams.get("redirectTo") ?? "" },
  });
  const fieldError = (errors: string[] | undefined) =>
    errors?.[0] ? <p className="error-text">{errorText(errors)}</p> : null;
  return (
    <section>
      <h1>{t("login.title")}</h1>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormAlert message={actionData?.formError ?? form.errors?.[0]} id={form.errorId} />
        <div className="field">
          <label htmlFor={fields.identifier.id}>{t("login.identifier")}</label>
          <input
            {...getInputProps(fields.identifier, { type: "text" })}
            autoComplete="username"
            inputMode="email"
            autoFocus
          />
          <span className="hint">{t("login.identifierHint")}</span>
          {fieldError(fields.identifier.errors)}
        </div>
        <div className="field">
          <label htmlFor={fields.password.id}>{t("login.password")}</label>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
          {fieldError(fields.password.errors)}
          <Link to="/quen-mat-khau">{t("passwordReset.forgotLink")}</Link>
        </div>
        <label className="checkbox">
          <input {...getInputProps(fields.remember, { type: "checkbox" })} />
          {t("login.remember")}
        </label>
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} />
        <button type="submit" className="button">
          {t("login.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
