// The small forms on a shop's order page: each posts one move (its `intent`) and works without
// JavaScript; with it, the text box is checked against the same schema as the server's.
import { type SubmissionResult, getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { MAX_DELIVERY_NOTE_LENGTH, moveSchemas, type MoveIntent } from "#app/domain/order-moves.ts";
import { MAX_REASON_LENGTH } from "#app/domain/orders.ts";
import { Field, FormAlert, useErrorText } from "#app/ui/forms.tsx";

/** A move that needs no words: one big button. */
export function ButtonForm({ intent, label, hint }: { intent: MoveIntent; label: string; hint?: string }) {
  const busy = useNavigation().formData?.get("intent") === intent;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {hint ? <span className="hint">{hint}</span> : null}
      <button type="submit" className="button" disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

/** A move with one text box (the delivery note, or the reason to cancel or refund). */
export function TextForm({
  intent,
  name,
  label,
  hint,
  submit,
  danger = false,
  lastResult,
}: {
  intent: "ship" | "cancel" | "refund";
  name: "deliveryNote" | "reason";
  label: string;
  hint: string;
  submit: string;
  danger?: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const schema = moveSchemas[intent];
  const busy = useNavigation().formData?.get("intent") === intent;
  const [form, fields] = useForm<{ intent: string; deliveryNote?: string; reason?: string }>({
    id: `order-${intent}`,
    lastResult,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const field = fields[name];
  const errorText = useErrorText();
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <Field label={label} hint={hint} htmlFor={field.id} errors={field.errors}>
        <textarea
          {...getTextareaProps(field)}
          rows={name === "deliveryNote" ? 2 : 3}
          maxLength={name === "deliveryNote" ? MAX_DELIVERY_NOTE_LENGTH : MAX_REASON_LENGTH}
        />
      </Field>
      <FormAlert message={errorText(form.errors)} />
      <button type="submit" className={danger ? "button button-danger" : "button"} disabled={busy}>
        {submit}
      </button>
    </Form>
  );
}
