// Step 2: the seller's consent, typed (full name + tick) or as a photo of the signed paper form.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ConsentStepSchema } from "#app/domain/onboarding.ts";
import { formatDate } from "#app/domain/dates.ts";
import {
  assertSellerEditable,
  getOnboardingSeller,
  requireSellerAccess,
  saveConsent,
} from "#app/services/onboarding/wizard.server.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";
import { filesOf, preparePrivateDocument, readForm, storeThen } from "#app/services/http/uploads.server.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";
import { Field, FormAlert } from "#app/ui/forms.tsx";
import { WizardForm } from "#app/ui/onboarding/wizard-form.tsx";
import { UserError } from "#app/domain/user-error.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSellerAccess(request, params.sellerId ?? "");
  const seller = await getOnboardingSeller(params.sellerId!);
  return { consent: seller.consent, contactName: seller.contactName, editable: seller.editable };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const volunteer = await requireSellerAccess(request, params.sellerId ?? "");
  try {
    const form = await readForm(request);
    const submission = parseWithZod(form, { schema: ConsentStepSchema });
    if (submission.status !== "success")
      return data({ result: submission.reply(), formError: null }, { status: 400 });
    const { value } = submission;
    const [file] = value.method === "paper_photo" ? filesOf(form, "photo").slice(0, 1) : [];
    if (value.method === "paper_photo" && !file) throw new UserError("onboarding.consent.photoRequired");
    await assertSellerEditable(params.sellerId!);
    // The signed form is a personal document: the private area, never /images.
    const document = file ? await preparePrivateDocument(file) : null;
    await storeThen(document?.files ?? [], () =>
      saveConsent(volunteer, params.sellerId!, value, document?.key ?? null),
    );
    return redirect(`/onboarding/${params.sellerId}/story`);
  } catch (error) {
    return userErrorReply(request, error);
  }
}

export default function ConsentStep() {
  const { consent, contactName, editable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "consent-step",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    constraint: getZodConstraint(ConsentStepSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConsentStepSchema }),
    shouldValidate: "onBlur",
    defaultValue: {
      method: consent?.method ?? "typed_name",
      givenByName: consent?.givenByName ?? contactName,
    },
  });
  return (
    <>
      <p>{t("onboarding.consent.intro")}</p>
      <blockquote className="notice">{t("onboarding.consent.terms")}</blockquote>
      {consent ? (
        <p className="ok" data-testid="consent-recorded">
          {t("onboarding.consent.recorded", {
            name: consent.givenByName,
            method: t(
              consent.method === "typed_name" ? "onboarding.consent.typed" : "onboarding.consent.paper",
            ),
            date: formatDate(consent.givenAt, locale),
            takenBy: consent.takenBy.name,
          })}
        </p>
      ) : null}
      {editable ? (
        <WizardForm formId="consent" multipart className="form form-wide" {...getFormProps(form)}>
          <FormAlert message={actionData?.formError} />
          <fieldset className="field">
            <legend>{t("onboarding.consent.method")}</legend>
            <label className="checkbox">
              <input {...getInputProps(fields.method, { type: "radio", value: "typed_name" })} />
              {t("onboarding.consent.typed")}
            </label>
            <label className="checkbox">
              <input {...getInputProps(fields.method, { type: "radio", value: "paper_photo" })} />
              {t("onboarding.consent.paper")}
            </label>
          </fieldset>
          <Field
            label={t("onboarding.consent.givenByName")}
            errors={fields.givenByName.errors}
            htmlFor={fields.givenByName.id}
          >
            <input {...getInputProps(fields.givenByName, { type: "text" })} autoComplete="off" />
          </Field>
          <Field label={t("onboarding.consent.agree")} errors={fields.agree?.errors}>
            <label className="checkbox">
              <input type="checkbox" name="agree" value="on" />
              {t("onboarding.consent.agree")}
            </label>
          </Field>
          <Field
            label={t("onboarding.consent.photo")}
            hint={t("onboarding.photo.hint")}
            htmlFor="consent-photo"
          >
            <input id="consent-photo" type="file" name="photo" accept="image/*" capture="environment" />
          </Field>
          <button type="submit" className="button">
            {t("onboarding.saveNext")}
          </button>
        </WizardForm>
      ) : null}
    </>
  );
}
