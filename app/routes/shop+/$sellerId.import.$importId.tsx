import { listCategories } from "#app/services/catalog/catalog.server.ts";
// Import products from a spreadsheet, step 2: every row as it will be saved, the errors to fix in
// Vietnamese, and — only when no row has an error — the button that saves them all at once.
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formatVnd } from "#app/domain/money.ts";
import { type ImportRow, rowErrorText } from "#app/domain/product-import.ts";
import { formatQuantity, unitLabel } from "#app/domain/units.ts";
import { sellerUrl } from "#app/domain/urls.ts";
import { commitImport, getImport } from "#app/services/shops/import.server.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { FormAlert } from "#app/ui/forms.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { badRequest, userErrorReply } from "#app/services/http/replies.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  const found = await getImport(shop.seller.id, params.importId ?? "");
  const categories = await listCategories();
  return {
    sellerId: shop.seller.id,
    sellerSlug: shop.seller.slug,
    suspended: shop.seller.suspended,
    categories: Object.fromEntries(categories.map((c) => [c.slug, { name: c.name, nameEn: c.nameEn }])),
    fileName: found.fileName,
    validRows: found.validRows,
    errorRows: found.errorRows,
    committedAt: found.committedAt,
    ignoredColumns: found.ignoredColumns,
    // A good row is shown from what will be saved; a bad one from what the file says.
    rows: found.rows.map((r) => ({ ...r, cells: r.product ? null : r.cells })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "", { write: true });
  const found = await getImport(shop.seller.id, params.importId ?? "");
  if ((await readFormBody(request)).get("intent") !== "confirm") throw badRequest();
  try {
    await commitImport(shop, found.id);
  } catch (error) {
    return userErrorReply(request, error);
  }
  return redirect(`/shop/${shop.seller.id}/import/${found.id}`);
}

type PreviewRow = Omit<ImportRow, "cells"> & { cells: ImportRow["cells"] | null };

export default function ImportPreview() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const rows = d.rows as PreviewRow[];
  const total = d.validRows + d.errorRows;
  const withErrors = rows.filter((r) => r.errors.length);
  return (
    <>
      <h2>{t("import.preview.title", { fileName: d.fileName })}</h2>
      <p data-testid="import-summary">
        {t("import.preview.summary", { total, valid: d.validRows, errors: d.errorRows })}
      </p>
      {d.ignoredColumns.length ? (
        <p className="notice">{t("import.preview.ignored", { columns: d.ignoredColumns.join(", ") })}</p>
      ) : null}
      <FormAlert message={actionData?.formError} />

      {d.committedAt ? (
        <div className="ok" role="status" data-testid="import-committed">
          <p>{t("import.preview.committed", { count: d.validRows })}</p>
          <p>
            <Link to={`/shop/${d.sellerId}/listings`}>{t("import.preview.seeListings")}</Link> ·{" "}
            <a href={sellerUrl(d.sellerSlug)}>{t("import.preview.storefront")}</a>
          </p>
        </div>
      ) : d.errorRows > 0 ? (
        <div className="alert" role="alert" data-testid="import-errors">
          <p>{t("import.preview.hasErrors", { errors: d.errorRows })}</p>
          <h3>{t("import.preview.errorList")}</h3>
          <ul>
            {withErrors.flatMap((r) =>
              r.errors.map((e) => <li key={`${r.row}-${e.field}`}>{rowErrorText(t, r.row, e, locale)}</li>),
            )}
          </ul>
          <p>
            <Link className="button" to={`/shop/${d.sellerId}/import`}>
              {t("import.preview.reupload")}
            </Link>
          </p>
        </div>
      ) : (
        <p className="ok">{t("import.preview.ready")}</p>
      )}

      <div className="table-scroll">
        <table className="table import-table" data-testid="import-preview">
          <thead>
            <tr>
              <th scope="col">{t("import.col.row")}</th>
              <th scope="col">{t("import.col.name")}</th>
              <th scope="col">{t("import.col.category")}</th>
              <th scope="col">{t("import.col.unit")}</th>
              <th scope="col">{t("import.col.step")}</th>
              <th scope="col">{t("import.col.price")}</th>
              <th scope="col">{t("import.col.stock")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <PreviewTableRow key={r.row} row={r} categories={d.categories} />
            ))}
          </tbody>
        </table>
      </div>

      {!d.committedAt && d.errorRows === 0 && !d.suspended ? (
        <Form method="post" className="import-confirm">
          <button
            type="submit"
            name="intent"
            value="confirm"
            className="button"
            disabled={navigation.state === "submitting"}
          >
            {t("import.preview.confirm", { count: d.validRows })}
          </button>
        </Form>
      ) : null}
    </>
  );
}

function PreviewTableRow({
  row,
  categories,
}: {
  row: PreviewRow;
  categories: Record<string, { name: string; nameEn: string }>;
}) {
  const t = useT();
  const locale = useLocale();
  const p = row.product;
  if (p) {
    const category = categories[p.categorySlug];
    return (
      <tr>
        <td>{row.row}</td>
        <td>
          {p.name}
          {p.description ? <span className="import-description">{p.description}</span> : null}
        </td>
        <td>{category ? (locale === "vi" ? category.name : category.nameEn) : p.categorySlug}</td>
        <td>{unitLabel(p.unit, locale)}</td>
        <td className="num">{formatQuantity(p.stepMilli, locale)}</td>
        <td className="num">{formatVnd(p.priceVnd, locale)}</td>
        <td className="num">{formatQuantity(p.stockMilli, locale)}</td>
      </tr>
    );
  }
  const cells = row.cells!;
  const bad = new Set(row.errors.map((e) => e.field));
  const cell = (field: keyof typeof cells, numeric = false) => (
    <td className={`${numeric ? "num " : ""}${bad.has(field) ? "import-bad-cell" : ""}`.trim() || undefined}>
      {cells[field]}
    </td>
  );
  return (
    <>
      <tr className="import-row-error">
        <td>{row.row}</td>
        {cell("name")}
        {cell("category")}
        {cell("unit")}
        {cell("step", true)}
        {cell("price", true)}
        {cell("stock", true)}
      </tr>
      <tr className="import-row-error">
        <td colSpan={7}>
          {row.errors.map((e) => (
            <p key={e.field} className="error-text">
              {rowErrorText(t, row.row, e, locale)}
            </p>
          ))}
        </td>
      </tr>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
