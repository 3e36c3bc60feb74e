// The seller's side of the handover: the link on their card. They set a password, the shop becomes
// theirs and they are signed in. Codes typed by hand may drop the dashes or be lowercase.
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
import { formatVietnamesePhone } from "#app/domain/phone.ts";
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import { acceptInvite, findValidInvite } from "#app/services/onboarding/handover.server.ts";
import { commitSessionId } from "#app/services/identity/session.server.ts";
import { FormAlert, useErrorText } from "#app/ui/forms.tsx";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { UserError } from "#app/domain/user-error.ts";

const AcceptInviteSchema = z
  .object({
    password: z
      .string({ error: "validation.required" })
      .min(8, "handover.passwordTooShort")
      .max(200, "validation.tooLong"),
    confirm: z.string({ error: "validation.required" }).max(200, "validation.tooLong"),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], error: "handover.passwordMismatch" });

const hideFields = ["password", "confirm"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = makeT(localeFromRequest(request));
  const invite = await findValidInvite(params.code ?? "");
  if (!invite) return data({ title: t("handover.invalid.title"), invite: null }, { status: 404 });
  return data({
    title: t("handover.accept.title"),
    invite: {
      name: invite.user.name,
      shop: invite.seller.displayName,
      phone: invite.user.phone ? formatVietnamesePhone(invite.user.phone) : null,
    },
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  { name: "robots", content: "noindex" },
];

// The code is in the URL: keep the page out of caches.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function action({ request, params }: ActionFunctionArgs) {
  const code = params.code ?? "";
  const t = makeT(localeFromRequest(request));
  const submission = parseWithZod(await readFormBody(request), { schema: AcceptInviteSchema });
  const invalidCode = () =>
    data(
      { result: submission.reply({ hideFields }), formError: t("handover.invalidCode"), invalid: true },
      { status: 404 },
    );
  if (!(await findValidInvite(code))) return invalidCode();
  if (submission.status !== "success") {
    return data(
      { result: submission.reply({ hideFields }), formError: null, invalid: false },
      { status: 400 },
    );
  }
  let sessionId: string;
  try {
    sessionId = await acceptInvite(code, submission.value.password);
  } catch (error) {
    // Used or expired between the check above and now (another tab, say).
    if (error instanceof UserError) return invalidCode();
    throw error;
  }
  return redirect("/account", {
    headers: { "Set-Cookie": await commitSessionId(sessionId, { remember: true }) },
  });
}

export default function AcceptInvitePage() {
  const { invite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!invite || actionData?.invalid) return <InvalidInvite />;
  return <SetPasswordForm invite={invite} />;
}

function SetPasswordForm({ invite }: { invite: { name: string; shop: string; phone: string | null } }) {
  const t = useT();
  const errorText = useErrorText();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "accept-invite",
    lastResult: actionData?.result,
    constraint: getZodConstraint(AcceptInviteSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInviteSchema }),
    shouldRevalidate: "onBlur",
  });
  const fieldError = (field: { errorId: string; errors?: string[] }) =>
    field.errors?.[0] ? (
      <p className="error-text" id={field.errorId}>
        {errorText(field.errors)}
      </p>
    ) : null;
  return (
    <section>
      <h1>{t("handover.accept.greeting", { name: invite.name, shop: invite.shop })}</h1>
      {invite.phone ? <p>{t("handover.accept.phoneNote", { phone: invite.phone })}</p> : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormAlert message={actionData?.formError ?? form.errors?.[0]} id={form.errorId} />
        {/* Lets password managers file the new password under the phone number. */}
        {invite.phone ? (
          <input type="text" name="username" autoComplete="username" value={invite.phone} readOnly hidden />
        ) : null}
        <div className="field">
          <label htmlFor={fields.password.id}>{t("handover.accept.password")}</label>
          <input
            {...getInputProps(fields.password, { type: "password" })}
            autoComplete="new-password"
            autoFocus
          />
          <span className="hint">{t("handover.accept.passwordHint")}</span>
          {fieldError(fields.password)}
        </div>
        <div className="field">
          <label htmlFor={fields.confirm.id}>{t("handover.accept.confirm")}</label>
          <input {...getInputProps(fields.confirm, { type: "password" })} autoComplete="new-password" />
          {fieldError(fields.confirm)}
        </div>
        <button type="submit" className="button">
          {t("handover.accept.submit")}
        </button>
      </Form>
    </section>
  );
}

function InvalidInvite() {
  const t = useT();
  return (
    <section className="error-page" data-status={404}>
      <h1>{t("handover.invalid.title")}</h1>
      <p>{t("handover.invalid.body")}</p>
      <Link className="button" to="/login">
        {t("handover.invalid.signIn")}
      </Link>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
