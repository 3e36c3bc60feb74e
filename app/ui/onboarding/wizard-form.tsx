// What JavaScript adds to the wizard's plain forms (which work without it):
// - a draft of what was typed is kept in the browser and restored after a reload or a lost
//   connection, and cleared once the server has saved the step;
// - photos are downscaled in the browser before upload (phones take 12-megapixel photos; the
//   volunteer is often on a weak mobile connection), and the upload shows a progress bar;
// - a lost connection gets a clear message and a retry button, and nothing typed is lost.
import { Form, useNavigate, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useT } from "#app/i18n/i18n.ts";

const MAX_EDGE = 2560;

/** Re-encodes a photo to at most 2560 px on its long edge. Anything the browser cannot decode is sent as is. */
export async function downscalePhoto(file: File): Promise<File> {
  if (!file.type.startsWith("image/") || typeof createImageBitmap !== "function") return file;
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size < 2_000_000 && file.type !== "image/heic") return file;
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d")!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.86));
    return blob ? new File([blob], file.name.replace(/\.\w+$/, "") + ".jpg", { type: "image/jpeg" }) : file;
  } catch {
    // HEIC on browsers that cannot decode it, or a broken file: the server explains what to do.
    return file;
  }
}

type Status =
  { kind: "idle" } | { kind: "uploading"; percent: number } | { kind: "offline"; retry: () => void };

export function WizardForm({
  formId,
  action,
  multipart = false,
  children,
  ...formProps
}: {
  formId: string;
  action?: string;
  multipart?: boolean;
  children: ReactNode;
} & Omit<React.FormHTMLAttributes<HTMLFormElement>, "action" | "encType" | "method">) {
  const t = useT();
  const navigate = useNavigate();
  const submit = useSubmit();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const draftKey = `chophien-draft:${typeof location === "undefined" ? "" : location.pathname}:${formId}`;

  // Restore a draft once, then keep saving what is typed.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const saved = sessionStorage.getItem(draftKey) ?? localStorage.getItem(draftKey);
    if (saved) {
      const values = JSON.parse(saved) as Record<string, string>;
      for (const [name, value] of Object.entries(values)) {
        const field = form.elements.namedItem(name);
        if (field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio"))
          continue;
        if (
          field instanceof HTMLInputElement ||
          field instanceof HTMLTextAreaElement ||
          field instanceof HTMLSelectElement
        ) {
          if (field.type !== "file") field.value = value;
        }
      }
    }
    const save = () => {
      const values: Record<string, string> = {};
      for (const element of Array.from(form.elements)) {
        if (
          (element instanceof HTMLInputElement &&
            !["file", "checkbox", "radio", "hidden", "password"].includes(element.type)) ||
          element instanceof HTMLTextAreaElement ||
          element instanceof HTMLSelectElement
        ) {
          if (element.name) values[element.name] = element.value;
        }
      }
      localStorage.setItem(draftKey, JSON.stringify(values));
    };
    form.addEventListener("input", save);
    return () => form.removeEventListener("input", save);
  }, [draftKey]);

  const offline = (retry: () => void) => setStatus({ kind: "offline", retry });

  async function send(form: HTMLFormElement) {
    const data = new FormData(form);
    for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[type="file"]'))) {
      if (!input.name || !input.files?.length) continue;
      data.delete(input.name);
      for (const file of Array.from(input.files)) data.append(input.name, await downscalePhoto(file));
    }
    setStatus({ kind: "uploading", percent: 0 });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", action ?? location.pathname + location.search);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable)
        setStatus({ kind: "uploading", percent: Math.round((e.loaded / e.total) * 100) });
    };
    xhr.onerror = () => offline(() => void send(form));
    xhr.onload = () => {
      setStatus({ kind: "idle" });
      const landed = new URL(xhr.responseURL);
      if (xhr.status < 400 && landed.pathname !== location.pathname) {
        // Saved: the server redirected to the next step.
        localStorage.removeItem(draftKey);
        navigate(landed.pathname + landed.search);
      } else {
        // The server refused something (nothing was saved): send it again through Remix so the page
        // shows what to fix. Refusals happen before any photo is processed, so this is cheap.
        submit(data, { method: "post", encType: "multipart/form-data", action });
      }
    };
    xhr.send(data);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    formProps.onSubmit?.(event); // conform's validation may stop the submission
    if (event.defaultPrevented) return;
    if (!navigator.onLine) {
      event.preventDefault();
      offline(() => formRef.current?.requestSubmit());
      return;
    }
    if (multipart) {
      event.preventDefault();
      void send(event.currentTarget);
      return;
    }
    localStorage.removeItem(draftKey);
  }

  const busy = status.kind === "uploading" || navigation.state === "submitting";
  // Plain steps submit through Remix; steps with photos go through XMLHttpRequest for the progress bar.
  const FormElement = multipart ? "form" : Form;
  return (
    <FormElement
      {...formProps}
      ref={formRef}
      method="post"
      action={action}
      encType={multipart ? "multipart/form-data" : undefined}
      onSubmit={onSubmit}
      aria-busy={busy}
    >
      {status.kind === "offline" ? (
        <p className="alert" role="alert">
          {t("onboarding.offline")}{" "}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setStatus({ kind: "idle" });
              status.retry();
            }}
          >
            {t("onboarding.retry")}
          </button>
        </p>
      ) : null}
      {children}
      {status.kind === "uploading" ? (
        <p>
          <label>
            {t("onboarding.uploading")} <progress max={100} value={status.percent} /> {status.percent}%
          </label>
        </p>
      ) : null}
    </FormElement>
  );
}
