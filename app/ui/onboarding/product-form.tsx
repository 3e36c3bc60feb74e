// A product in the wizard: name, category, unit, step, price per unit, stock, photos, certification.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { MAX_PRODUCT_PHOTOS, ProductFormSchema } from "#app/domain/onboarding.ts";
import { productUnits, unitLabel } from "#app/domain/units.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";
import { Field, FormAlert } from "#app/ui/forms.tsx";
import { WizardForm } from "#app/ui/onboarding/wizard-form.tsx";
import type { PhotoData } from "#app/domain/images.ts";
import { ResponsiveImage } from "#app/ui/responsive-image.tsx";

export type ProductDefaults = Partial<
  Record<
    | "name"
    | "categorySlug"
    | "description"
    | "unit"
    | "stepMilli"
    | "priceVnd"
    | "stockMilli"
    | "certKind"
    | "certStars"
    | "certNumber"
    | "certExpiresAt"
    | "localOnly"
    | "weightGrams",
    string
  >
>;

export function ProductForm({
  categories,
  defaults,
  photos = [],
  lastResult,
  formError,
  submitLabel,
}: {
  categories: { slug: string; name: string; nameEn: string }[];
  defaults?: ProductDefaults;
  photos?: PhotoData[];
  lastResult?: SubmissionResult<string[]>;
  formError?: string | null;
  submitLabel: string;
}) {
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "product-form",
    lastResult,
    constraint: getZodConstraint(ProductFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProductFormSchema }),
    shouldValidate: "onBlur",
    defaultValue: { stepMilli: "1", unit: "kg", ...defaults },
  });
  return (
    <WizardForm formId="product" multipart className="form form-wide" {...getFormProps(form)}>
      <FormAlert message={formError} />
      <Field label={t("onboarding.product.name")} errors={fields.name.errors} htmlFor={fields.name.id}>
        <input {...getInputProps(fields.name, { type: "text" })} />
      </Field>
      <Field
        label={t("onboarding.product.category")}
        errors={fields.categorySlug.errors}
        htmlFor={fields.categorySlug.id}
      >
        <select {...getSelectProps(fields.categorySlug)}>
          <option value="" />
          {categories.map((c) => (
            <option key={c.slug} value={c.slug}>
              {locale === "vi" ? c.name : c.nameEn}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t("onboarding.product.description")}
        errors={fields.description.errors}
        htmlFor={fields.description.id}
      >
        <textarea {...getTextareaProps(fields.description)} />
      </Field>
      <div className="row-2">
        <Field label={t("onboarding.product.unit")} errors={fields.unit.errors} htmlFor={fields.unit.id}>
          <select {...getSelectProps(fields.unit)}>
            {productUnits.map((u) => (
              <option key={u} value={u}>
                {unitLabel(u, locale)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t("onboarding.product.stepLabel")}
          errors={fields.stepMilli.errors}
          htmlFor={fields.stepMilli.id}
        >
          <input {...getInputProps(fields.stepMilli, { type: "text" })} inputMode="decimal" />
        </Field>
      </div>
      <div className="row-2">
        <Field
          label={t("onboarding.product.priceLabel")}
          hint={t("onboarding.product.priceHint")}
          errors={fields.priceVnd.errors}
          htmlFor={fields.priceVnd.id}
        >
          <input {...getInputProps(fields.priceVnd, { type: "text" })} inputMode="numeric" />
        </Field>
        <Field
          label={t("onboarding.product.stockLabel")}
          errors={fields.stockMilli.errors}
          htmlFor={fields.stockMilli.id}
        >
          <input {...getInputProps(fields.stockMilli, { type: "text" })} inputMode="decimal" />
        </Field>
      </div>
      <div className="row-2">
        <Field
          label={t("listings.weight")}
          errors={fields.weightGrams.errors}
          htmlFor={fields.weightGrams.id}
        >
          <input {...getInputProps(fields.weightGrams, { type: "text" })} inputMode="numeric" />
        </Field>
        <label className="checkbox">
          <input {...getInputProps(fields.localOnly, { type: "checkbox" })} />
          {t("listings.localOnly")}
        </label>
      </div>
      {photos.length ? (
        <div className="photo-row">
          {photos.map((p) => (
            <figure key={p.storageKey}>
              <ResponsiveImage photo={p} sizes="7rem" />
              <label className="checkbox hint">
                <input type="checkbox" name="removePhoto" value={p.storageKey} />
                {t("onboarding.product.removePhoto")}
              </label>
            </figure>
          ))}
        </div>
      ) : null}
      <Field
        label={t("onboarding.product.photosLabel")}
        hint={t("onboarding.photo.hint")}
        htmlFor="product-photos"
      >
        <input
          id="product-photos"
          type="file"
          name="photos"
          accept="image/*"
          multiple
          data-max={MAX_PRODUCT_PHOTOS}
        />
      </Field>
      <fieldset className="field">
        <legend>{t("onboarding.product.cert")}</legend>
        <select {...getSelectProps(fields.certKind)} aria-label={t("onboarding.product.cert")}>
          <option value="">{t("onboarding.product.certNone")}</option>
          <option value="ocop">OCOP</option>
          <option value="vietgap">VietGAP</option>
          <option value="organic">{t("cert.organic")}</option>
        </select>
        <div className="row-2">
          <Field
            label={t("onboarding.product.certStarsLabel")}
            errors={fields.certStars.errors}
            htmlFor={fields.certStars.id}
          >
            <select {...getSelectProps(fields.certStars)}>
              <option value="" />
              <option value="3">3</option>
              <option value="4">4</option>
              <option value="5">5</option>
            </select>
          </Field>
          <Field
            label={t("onboarding.product.certNumberLabel")}
            errors={fields.certNumber.errors}
            htmlFor={fields.certNumber.id}
          >
            <input {...getInputProps(fields.certNumber, { type: "text" })} />
          </Field>
        </div>
        <Field
          label={t("onboarding.product.certExpiresLabel")}
          errors={fields.certExpiresAt.errors}
          htmlFor={fields.certExpiresAt.id}
        >
          <input {...getInputProps(fields.certExpiresAt, { type: "date" })} />
        </Field>
        <Field label={t("onboarding.product.certPhotoLabel")} htmlFor="cert-photo">
          <input id="cert-photo" type="file" name="certPhoto" accept="image/*" />
        </Field>
      </fieldset>
      <button type="submit" className="button" name="intent" value="save">
        {submitLabel}
      </button>
    </WizardForm>
  );
}
