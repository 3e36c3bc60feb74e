// Step 4: how the seller gets paid — cash on delivery, and/or bank transfer by VietQR.
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { vietQrBanks } from "#app/domain/banks.ts";
import { PaymentStepSchema } from "#app/domain/onboarding.ts";
import {
  getOnboardingSeller,
  requireSellerAccess,
  savePayment,
} from "#app/services/onboarding/wizard.server.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";
import { useT } from "#app/i18n/i18n.ts";
import { Field, FormAlert } from "#app/ui/forms.tsx";
import { WizardForm } from "#app/ui/onboarding/wizard-form.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSellerAccess(request, params.sellerId ?? "");
  const s = await getOnboardingSeller(params.sellerId!);
  return {
    editable: s.editable,
    banks: vietQrBanks.map((b) => ({ bin: b.bin, label: `${b.shortName} — ${b.name}` })),
    defaults: {
      acceptsCod: s.acceptsCod ? "on" : undefined,
      acceptsBankTransfer: s.acceptsBankTransfer ? "on" : undefined,
      bankBin: s.bankBin ?? "",
      bankAccountNumber: s.bankAccountNumber ?? "",
      bankAccountName: s.bankAccountName ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const volunteer = await requireSellerAccess(request, params.sellerId ?? "");
  const submission = parseWithZod(await readFormBody(request), { schema: PaymentStepSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), formError: null }, { status: 400 });
  try {
    await savePayment(volunteer, params.sellerId!, submission.value);
    return redirect(`/onboarding/${params.sellerId}/delivery`);
  } catch (error) {
    return userErrorReply(request, error);
  }
}

export default function PaymentStep() {
  const { banks, defaults, editable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "payment-step",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    constraint: getZodConstraint(PaymentStepSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PaymentStepSchema }),
    shouldValidate: "onBlur",
    defaultValue: defaults,
  });
  return (
    <WizardForm formId="payment" className="form form-wide" {...getFormProps(form)}>
      <FormAlert message={actionData?.formError} />
      <Field label={t("onboarding.step.payment")} errors={fields.acceptsCod.errors}>
        <label className="checkbox">
          <input {...getInputProps(fields.acceptsCod, { type: "checkbox" })} />
          {t("onboarding.payment.cod")}
        </label>
        <label className="checkbox">
          <input {...getInputProps(fields.acceptsBankTransfer, { type: "checkbox" })} />
          {t("onboarding.payment.bankTransfer")}
        </label>
      </Field>
      <Field
        label={t("onboarding.payment.bankLabel")}
        errors={fields.bankBin.errors}
        htmlFor={fields.bankBin.id}
      >
        <select {...getSelectProps(fields.bankBin)}>
          <option value="" />
          {banks.map((b) => (
            <option key={b.bin} value={b.bin}>
              {b.label}
            </option>
          ))}
        </select>
      </Field>
      <div className="row-2">
        <Field
          label={t("onboarding.payment.accountNumberLabel")}
          errors={fields.bankAccountNumber.errors}
          htmlFor={fields.bankAccountNumber.id}
        >
          <input {...getInputProps(fields.bankAccountNumber, { type: "text" })} inputMode="numeric" />
        </Field>
        <Field
          label={t("onboarding.payment.accountNameLabel")}
          errors={fields.bankAccountName.errors}
          htmlFor={fields.bankAccountName.id}
        >
          <input {...getInputProps(fields.bankAccountName, { type: "text" })} autoCapitalize="characters" />
        </Field>
      </div>
      {editable ? (
        <button type="submit" className="button">
          {t("onboarding.saveNext")}
        </button>
      ) : null}
    </WizardForm>
  );
}
