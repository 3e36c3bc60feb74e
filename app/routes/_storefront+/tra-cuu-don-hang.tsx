// Look an order up without an account: its code and the phone number it was placed with. Attempts
// are rate-limited per address, so codes cannot be guessed by brute force.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { normalizeOrderCode } from "#app/domain/checkout.ts";
import { vietnamesePhone } from "#app/domain/form-fields.ts";
import { consumeLookupAttempt, rememberOrder } from "#app/services/orders/buyer-context.server.ts";
import { findGroupByCodeAndPhone } from "#app/services/orders/orders.server.ts";
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { Field, FormAlert } from "#app/ui/forms.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";

const LookupSchema = z.object({
  code: z
    .string({ error: "validation.required" })
    .trim()
    .transform((value, ctx) => {
      const code = normalizeOrderCode(value);
      if (!code) {
        ctx.addIssue({ code: "custom", message: "lookup.code.invalid" });
        return z.NEVER;
      }
      return code;
    }),
  phone: vietnamesePhone,
});

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: makeT(localeFromRequest(request))("lookup.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  { name: "robots", content: "noindex" },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormBody(request), { schema: LookupSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), formError: null }, { status: 400 });
  }
  const t = makeT(localeFromRequest(request));
  const waitMs = await consumeLookupAttempt(String(context.clientAddress ?? "unknown"));
  if (waitMs !== null) {
    const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
    return data(
      { result: submission.reply(), formError: t("lookup.rateLimited", { minutes }) },
      { status: 429 },
    );
  }
  const code = await findGroupByCodeAndPhone(submission.value.code, submission.value.phone);
  // Not a conform form error: conform would keep it and block the corrected resubmission.
  if (!code) return data({ result: submission.reply(), formError: t("lookup.notFound") }, { status: 404 });
  return redirect(`/don-hang/${code}`, { headers: { "Set-Cookie": await rememberOrder(request, code) } });
}

export default function OrderLookupPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "order-lookup",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LookupSchema }),
    shouldValidate: "onBlur",
    defaultValue: { code: searchParams.get("ma") ?? "" },
  });
  return (
    <section>
      <h1>{t("lookup.title")}</h1>
      <p>{t("lookup.intro")}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormAlert message={actionData?.formError ?? form.errors?.[0]} />
        <Field label={t("lookup.code")} errors={fields.code.errors} htmlFor={fields.code.id}>
          <input {...getInputProps(fields.code, { type: "text" })} autoCapitalize="characters" />
        </Field>
        <Field label={t("lookup.phone")} errors={fields.phone.errors} htmlFor={fields.phone.id}>
          <input {...getInputProps(fields.phone, { type: "tel" })} autoComplete="tel" />
        </Field>
        <button type="submit" className="button">
          {t("lookup.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
