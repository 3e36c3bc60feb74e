// Step 3: the shop's story, what it makes, and a cover photo.
import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { StoryStepSchema } from "#app/domain/onboarding.ts";
import {
  assertSellerEditable,
  getOnboardingSeller,
  requireSellerAccess,
  saveStory,
} from "#app/services/onboarding/wizard.server.ts";
import { coverPhotoFromJson } from "#app/services/images/stored-photos.server.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";
import { filesOf, preparePhotos, readForm, storeThen } from "#app/services/http/uploads.server.ts";
import { useT } from "#app/i18n/i18n.ts";
import { Field, FormAlert } from "#app/ui/forms.tsx";
import { WizardForm } from "#app/ui/onboarding/wizard-form.tsx";
import { ResponsiveImage } from "#app/ui/responsive-image.tsx";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSellerAccess(request, params.sellerId ?? "");
  const seller = await getOnboardingSeller(params.sellerId!);
  const cover = coverPhotoFromJson(seller.coverPhoto);
  return {
    story: seller.story,
    makes: seller.makes,
    cover,
    editable: seller.editable,
    name: seller.displayName,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const volunteer = await requireSellerAccess(request, params.sellerId ?? "");
  try {
    const form = await readForm(request);
    const submission = parseWithZod(form, { schema: StoryStepSchema });
    if (submission.status !== "success")
      return data({ result: submission.reply(), formError: null }, { status: 400 });
    const { value } = submission;
    const files = filesOf(form, "cover").slice(0, 1);
    if (files.length) await assertSellerEditable(params.sellerId!);
    const prepared = await preparePhotos(files);
    await storeThen(prepared.files, () =>
      saveStory(volunteer, params.sellerId!, value, prepared.photos[0] ?? null),
    );
    return redirect(`/onboarding/${params.sellerId}/payment`);
  } catch (error) {
    return userErrorReply(request, error);
  }
}

export default function StoryStep() {
  const { story, makes, cover, editable, name } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "story-step",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    constraint: getZodConstraint(StoryStepSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StoryStepSchema }),
    shouldValidate: "onBlur",
    defaultValue: { story, makes },
  });
  return (
    <WizardForm formId="story" multipart className="form form-wide" {...getFormProps(form)}>
      <FormAlert message={actionData?.formError} />
      <Field
        label={t("onboarding.story.story")}
        hint={t("onboarding.story.storyHint")}
        errors={fields.story.errors}
        htmlFor={fields.story.id}
      >
        <textarea {...getTextareaProps(fields.story)} disabled={!editable} />
      </Field>
      <Field label={t("onboarding.story.makes")} errors={fields.makes.errors} htmlFor={fields.makes.id}>
        <input {...getInputProps(fields.makes, { type: "text" })} disabled={!editable} />
      </Field>
      {cover ? (
        <figure className="photo-row">
          <ResponsiveImage
            photo={{
              storageKey: cover.key,
              alt: name,
              width: cover.width,
              height: cover.height,
              variants: cover.variants,
              blurDataUrl: cover.blurDataUrl,
            }}
            sizes="20rem"
          />
          <figcaption className="hint">{t("onboarding.story.coverCurrent")}</figcaption>
        </figure>
      ) : null}
      {editable ? (
        <>
          <Field label={t("onboarding.story.cover")} hint={t("onboarding.photo.hint")} htmlFor="cover-photo">
            <input id="cover-photo" type="file" name="cover" accept="image/*" />
          </Field>
          <button type="submit" className="button">
            {t("onboarding.saveNext")}
          </button>
        </>
      ) : null}
    </WizardForm>
  );
}
