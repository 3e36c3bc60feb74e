// Step 1 of the wizard (also the "new seller" page): who the seller is and where.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useState } from "react";
import { SellerStepSchema } from "#app/domain/onboarding.ts";
import { foldVietnamese } from "#app/domain/text.ts";
import { useT } from "#app/i18n/i18n.ts";
import { Field, FormAlert } from "#app/ui/forms.tsx";
import { WizardForm } from "#app/ui/onboarding/wizard-form.tsx";

type Defaults = {
  kind?: string;
  displayName?: string;
  contactName?: string;
  phone?: string;
  email?: string | null;
  communeSlug?: string;
  addressLine?: string;
};

export function SellerForm({
  communes,
  defaults,
  lastResult,
  formError,
  submitLabel,
}: {
  communes: { slug: string; name: string; fullName: string }[];
  defaults?: Defaults;
  lastResult?: SubmissionResult<string[]>;
  formError?: string | null;
  submitLabel: string;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: "seller-step",
    lastResult,
    constraint: getZodConstraint(SellerStepSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SellerStepSchema }),
    shouldValidate: "onBlur",
    defaultValue: { ...defaults, email: defaults?.email ?? "" },
  });
  // With JavaScript, typing narrows the long commune list ("cam lam" → Cam Lâm, Cam Hiệp…).
  const [filter, setFilter] = useState("");
  const folded = foldVietnamese(filter.trim());
  const shown = folded ? communes.filter((c) => foldVietnamese(c.fullName).includes(folded)) : communes;
  return (
    <WizardForm formId="seller" className="form form-wide" {...getFormProps(form)}>
      <FormAlert message={formError} />
      <fieldset className="field">
        <legend>{t("onboarding.seller.kind")}</legend>
        <label className="checkbox">
          <input {...getInputProps(fields.kind, { type: "radio", value: "household" })} />
          {t("seller.household")}
        </label>
        <label className="checkbox">
          <input {...getInputProps(fields.kind, { type: "radio", value: "startup" })} />
          {t("seller.startup")}
        </label>
      </fieldset>
      <Field
        label={t("onboarding.seller.displayName")}
        hint={t("onboarding.seller.displayNameHint")}
        errors={fields.displayName.errors}
        htmlFor={fields.displayName.id}
      >
        <input {...getInputProps(fields.displayName, { type: "text" })} />
      </Field>
      <Field
        label={t("onboarding.seller.contactName")}
        errors={fields.contactName.errors}
        htmlFor={fields.contactName.id}
      >
        <input {...getInputProps(fields.contactName, { type: "text" })} autoComplete="off" />
      </Field>
      <Field
        label={t("onboarding.seller.phone")}
        hint={t("login.identifierHint")}
        errors={fields.phone.errors}
        htmlFor={fields.phone.id}
      >
        <input {...getInputProps(fields.phone, { type: "tel" })} inputMode="tel" />
      </Field>
      <Field label={t("onboarding.seller.email")} errors={fields.email.errors} htmlFor={fields.email.id}>
        <input {...getInputProps(fields.email, { type: "email" })} />
      </Field>
      <Field
        label={t("onboarding.seller.commune")}
        hint={t("onboarding.seller.communeHint")}
        errors={fields.communeSlug.errors}
        htmlFor={fields.communeSlug.id}
      >
        <input
          type="search"
          aria-label={t("onboarding.seller.communeHint")}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="js-only"
        />
        <select {...getSelectProps(fields.communeSlug)}>
          <option value="" />
          {shown.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.fullName}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t("onboarding.seller.addressLine")}
        errors={fields.addressLine.errors}
        htmlFor={fields.addressLine.id}
      >
        <input {...getInputProps(fields.addressLine, { type: "text" })} />
      </Field>
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </WizardForm>
  );
}
