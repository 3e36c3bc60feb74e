// Small form pieces shared by the wizard's steps: a label, the input, a hint and the first error,
// translated (schemas return i18n keys).
import type { ReactNode } from "react";
import { useT } from "#app/i18n/i18n.ts";
import { isMessageKey } from "#app/i18n/messages.ts";

export function useErrorText() {
  const t = useT();
  return (errors: string[] | undefined) => {
    const first = errors?.[0];
    if (!first) return null;
    // Keys from schemas are translated; anything else (a server message) is shown as is.
    return isMessageKey(first) ? t(first) : first;
  };
}

export function Field({
  label,
  hint,
  errors,
  htmlFor,
  children,
}: {
  label: string;
  hint?: string;
  errors?: string[];
  htmlFor?: string;
  children: ReactNode;
}) {
  const errorText = useErrorText()(errors);
  return (
    <div className="field">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint ? <span className="hint">{hint}</span> : null}
      {errorText ? (
        <p className="error-text" role="alert">
          {errorText}
        </p>
      ) : null}
    </div>
  );
}

export function FormAlert({ message, id }: { message?: string | null; id?: string }) {
  return message ? (
    <p className="alert" role="alert" id={id}>
      {message}
    </p>
  ) : null;
}
