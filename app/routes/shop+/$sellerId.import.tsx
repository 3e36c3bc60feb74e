import { listCategories } from "#app/services/catalog/catalog.server.ts";
// Import products from a spreadsheet, step 1: what the file needs, the template, and the upload.
// The upload is read and checked into a preview (the child route, $importId); nothing is saved
// until the volunteer confirms there.
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useOutlet } from "@remix-run/react";
import { importLimits, unitList } from "#app/domain/product-import.ts";
import { previewImport, tooLargeError } from "#app/services/shops/import.server.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import { filesOf, readForm } from "#app/services/http/uploads.server.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { FormAlert } from "#app/ui/forms.tsx";
import importStyles from "#app/styles/import.css";
import { UserError } from "#app/domain/user-error.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: importStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  const categories = await listCategories();
  return { sellerId: shop.seller.id, suspended: shop.seller.suspended, categories };
}

// The file plus the form around it (field names, boundaries).
const uploadLimits = { fileBytes: importLimits.maxBytes, requestBytes: importLimits.maxBytes + 64 * 1024 };

export async function action({ request, params }: ActionFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "", { write: true });
  try {
    // The spreadsheet's own limit, not the photos': a bigger body is refused as it arrives.
    const form = await readForm(request, uploadLimits).catch((error: unknown) => {
      const tooLarge = error instanceof UserError && error.messageKey === "image.rejected.too_large";
      throw tooLarge ? tooLargeError() : error;
    });
    const [file] = filesOf(form, "file");
    if (!file) throw new UserError("import.file.missing");
    if (file.size > importLimits.maxBytes) throw tooLargeError();
    const importId = await previewImport(shop, {
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return redirect(`/shop/${shop.seller.id}/import/${importId}`);
  } catch (error) {
    return userErrorReply(request, error);
  }
}

export default function ImportPage() {
  const outlet = useOutlet();
  return (
    <section className="import">
      {/* The preview ($importId) renders here instead of the upload form. */}
      {outlet ?? <UploadForm />}
    </section>
  );
}

function UploadForm() {
  const { sellerId, suspended, categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const categoryNames = categories.map((c) => (locale === "vi" ? c.name : c.nameEn)).join("; ");
  return (
    <>
      <h2>{t("import.title")}</h2>
      <p>{t("import.intro")}</p>
      <details className="import-help" open>
        <summary>{t("import.howTitle")}</summary>
        <ul>
          <li>{t("import.howHeader")}</li>
          <li>{t("import.howUnits", { units: unitList(locale) })}</li>
          <li>{t("import.howCategories", { categories: categoryNames })}</li>
          <li>{t("import.howNumbers")}</li>
          <li>{t("import.howAllOrNothing")}</li>
          <li>
            {t("import.limits", {
              rows: importLimits.maxRows.toLocaleString(locale === "vi" ? "vi-VN" : "en-US"),
              megabytes: importLimits.maxBytes / (1024 * 1024),
            })}
          </li>
        </ul>
      </details>
      <p>
        <a href={`/shop/${sellerId}/import-template.csv`} download>
          {t("import.template")}
        </a>
      </p>
      {suspended ? (
        <p className="notice">{t("import.suspended")}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" className="form">
          <FormAlert message={actionData?.formError} />
          <div className="field">
            <label htmlFor="import-file">{t("import.file")}</label>
            <input
              id="import-file"
              type="file"
              name="file"
              required
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            />
          </div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("import.upload")}
          </button>
        </Form>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
