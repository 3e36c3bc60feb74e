// A forgotten password, step 1: the phone number or email. The answer is the same whether or not an
// account uses it (no way to learn who is registered): on to /dat-lai-mat-khau, which says a code
// was sent *if* there is an account.
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
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import { requireAnonymous } from "#app/services/identity/auth.server.ts";
import { displayIdentifier, requestPasswordReset } from "#app/services/identity/password-reset.server.ts";
import { FormAlert, useErrorText } from "#app/ui/forms.tsx";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";

const RequestResetSchema = LoginFormSchema.pick({ identifier: true });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { title: makeT(localeFromRequest(request))("passwordReset.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
];

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await readFormBody(request), { schema: RequestResetSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), formError: null }, { status: 400 });
  }
  const locale = localeFromRequest(request);
  const outcome = await requestPasswordReset({
    identifier: submission.value.identifier,
    clientAddress: context.clientAddress ?? "unknown",
    locale,
  });
  if (!outcome.ok) {
    const minutes = Math.max(1, Math.ceil(outcome.retryAfterMs / 60000));
    // A separate message, not a conform form error: conform would keep that and block the retry.
    return data(
      { result: submission.reply(), formError: makeT(locale)("passwordReset.rateLimited", { minutes }) },
      { status: 429 },
    );
  }
  const ai = displayIdentifier(submission.value.identifier);
  return redirect(`/dat-lai-mat-khau?${new URLSearchParams({ ai })}`);
}

export default function ForgotPasswordPage() {
  const t = useT();
  const errorText = useErrorText();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(RequestResetSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestResetSchema }),
    shouldRevalidate: "onBlur",
    defaultValue: { identifier: searchParams.get("ai") ?? "" },
  });
  const fieldError = (field: { errorId: string; errors?: string[] }) =>
    field.errors?.[0] ? (
      <p className="error-text" id={field.errorId}>
        {errorText(field.errors)}
      </p>
    ) : null;
  return (
    <section>
      <h1>{t("passwordReset.title")}</h1>
      <p>{t("passwordReset.request.intro")}</p>
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
          {fieldError(fields.identifier)}
        </div>
        <button type="submit" className="button">
          {t("passwordReset.request.submit")}
        </button>
      </Form>
      <p>
        <Link to="/login">{t("passwordReset.backToLogin")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
