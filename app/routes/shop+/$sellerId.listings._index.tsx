// /shop/:sellerId/listings — every product of the shop, with the changes a seller makes most often a
// tap or two away: add stock, change the price, mark sold out, stop or resume selling, make a copy.
// Each is a small plain form (works without JavaScript); the server checks every rule again.
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  isDoneNotice,
  isProductStatus,
  movesFor,
  priceInput,
  productStatuses,
  QuickActionSchema,
  quantityInput,
  suggestedRestockMilli,
  type ProductStatus,
} from "#app/domain/listing-rules.ts";
import { formatVnd } from "#app/domain/money.ts";
import { formatQuantity, unitLabel } from "#app/domain/units.ts";
import {
  listShopProducts,
  requireShopProduct,
  runQuickAction,
  shopProductName,
} from "#app/services/shops/listings.server.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import { localeFromRequest, makeT, useLocale, useT } from "#app/i18n/i18n.ts";
import listingsStyles from "#app/styles/listings.css";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { useErrorText } from "#app/ui/forms.tsx";
import { ResponsiveImage } from "#app/ui/responsive-image.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: listingsStyles }];

/** ?status=… filters; anything else shows every product. */
const statusFilter = (url: URL): ProductStatus | null => {
  const value = url.searchParams.get("status");
  return isProductStatus(value) ? value : null;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  const url = new URL(request.url);
  const status = statusFilter(url);
  const done = url.searchParams.get("done");
  const doneProduct = url.searchParams.get("product");
  const notice =
    isDoneNotice(done) && doneProduct
      ? { done, product: (await shopProductName(shop.seller.id, doneProduct)) ?? "" }
      : null;
  return {
    title: makeT(localeFromRequest(request))("listings.title"),
    sellerId: shop.seller.id,
    canWrite: !shop.seller.suspended,
    status,
    notice,
    ...(await listShopProducts(shop.seller.id, status)),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
];

export async function action({ request, params }: ActionFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "", { write: true });
  const form = await readFormBody(request);
  const productId = String(form.get("productId") ?? "");
  const intent = String(form.get("intent") ?? "");
  const submission = parseWithZod(form, { schema: QuickActionSchema });
  if (submission.status !== "success") {
    return data({ productId, intent, result: submission.reply(), formError: null }, { status: 400 });
  }
  await requireShopProduct(shop, submission.value.productId);
  let copyId: string | null;
  try {
    ({ copyId } = await runQuickAction(shop, submission.value));
  } catch (error) {
    return userErrorReply(request, error, { productId, intent, result: submission.reply() });
  }
  const base = `/shop/${shop.seller.id}/listings`;
  if (copyId) return redirect(`${base}/${copyId}?done=duplicate&product=${copyId}`);
  const status = statusFilter(new URL(request.url));
  const query = new URLSearchParams({
    ...(status ? { status } : {}),
    done: submission.value.intent,
    product: productId,
  });
  return redirect(`${base}?${query}#p-${productId}`);
}

type Product = ReturnType<typeof useLoaderData<typeof loader>>["products"][number];
type ActionData = ReturnType<typeof useActionData<typeof action>>;

function ListingRow({
  product: p,
  sellerId,
  canWrite,
  reply,
}: {
  product: Product;
  sellerId: string;
  canWrite: boolean;
  reply: ActionData;
}) {
  const t = useT();
  const locale = useLocale();
  const errorText = useErrorText();
  const unit = unitLabel(p.unit, locale);
  const step = `${formatQuantity(p.stepMilli, locale)} ${unit}`;
  const mine = reply?.productId === p.id ? reply : undefined;
  const fieldErrors = mine?.result.error ?? {};
  const message =
    mine?.formError ??
    errorText(fieldErrors.addMilli ?? fieldErrors.priceVnd ?? fieldErrors.intent ?? undefined);
  const typed = (mine?.result.initialValue ?? {}) as Record<string, unknown>;
  const editUrl = `/shop/${sellerId}/listings/${p.id}`;
  return (
    <li
      id={`p-${p.id}`}
      className={`listing listing-${p.status}${p.lowStock ? " listing-low" : ""}`}
      data-testid="listing"
      data-status={p.status}
    >
      <div className="listing-head">
        <Link to={editUrl} className="listing-thumb" tabIndex={-1} aria-hidden>
          {p.photo ? (
            <ResponsiveImage photo={p.photo} sizes="4.5rem" alt="" />
          ) : (
            <span className="listing-nophoto">{t("listings.noPhoto")}</span>
          )}
        </Link>
        <div>
          <h3 className="card-title">
            <Link to={editUrl}>{p.name}</Link>
          </h3>
          <p className="price">
            {formatVnd(p.priceVnd, locale)} {t("product.perUnit", { unit })}
          </p>
          <p className="card-meta">
            {t("listings.stock", { quantity: formatQuantity(p.stockMilli, locale), unit })}
          </p>
          <p>
            <span className="chip">{t(`listings.status.${p.status}`)}</span>{" "}
            {p.lowStock ? <span className="badge badge-out">{t("listings.lowStock")}</span> : null}
            {p.pendingCertifications ? <span className="badge">{t("listings.certPending")}</span> : null}
          </p>
        </div>
      </div>
      {message ? (
        <p className="alert" role="alert">
          {message}
        </p>
      ) : null}
      {canWrite ? (
        <div className="listing-forms">
          <Form method="post" className="listing-quick">
            <input type="hidden" name="productId" value={p.id} />
            <label htmlFor={`restock-${p.id}`}>{t("listings.restock.label", { unit })}</label>
            <div className="listing-inline">
              <input
                key={String(typed.addMilli ?? "")}
                id={`restock-${p.id}`}
                name="addMilli"
                type="text"
                inputMode="decimal"
                required
                defaultValue={
                  mine?.intent === "restock" && typeof typed.addMilli === "string"
                    ? typed.addMilli
                    : quantityInput(suggestedRestockMilli(p.stepMilli))
                }
                aria-describedby={`restock-${p.id}-hint`}
              />
              <button type="submit" className="button" name="intent" value="restock">
                {t("listings.restock.submit")}
              </button>
            </div>
            <span className="hint" id={`restock-${p.id}-hint`}>
              {t("listings.restock.hint", { step })}
            </span>
          </Form>
          <Form method="post" className="listing-quick">
            <input type="hidden" name="productId" value={p.id} />
            <label htmlFor={`price-${p.id}`}>{t("listings.price.label", { unit })}</label>
            <div className="listing-inline">
              <input
                key={String(typed.priceVnd ?? "")}
                id={`price-${p.id}`}
                name="priceVnd"
                type="text"
                inputMode="numeric"
                required
                defaultValue={
                  mine?.intent === "price" && typeof typed.priceVnd === "string"
                    ? typed.priceVnd
                    : priceInput(p.priceVnd)
                }
              />
              <button type="submit" className="button button-quiet" name="intent" value="price">
                {t("listings.price.submit")}
              </button>
            </div>
          </Form>
          <Form method="post" className="listing-buttons">
            <input type="hidden" name="productId" value={p.id} />
            {movesFor(p.status).map((move) => (
              <button key={move} type="submit" className="button button-quiet" name="intent" value={move}>
                {t(`listings.move.${move}`)}
              </button>
            ))}
            <button type="submit" className="button button-quiet" name="intent" value="duplicate">
              {t("listings.duplicate")}
            </button>
            <Link to={editUrl} className="button button-quiet">
              {t("listings.edit")}
            </Link>
          </Form>
        </div>
      ) : null}
    </li>
  );
}

export default function Listings() {
  const { sellerId, canWrite, status, notice, products, counts, total } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const base = `/shop/${sellerId}/listings`;
  return (
    <section className="listings">
      <h2>{t("listings.title")}</h2>
      <p className="card-meta">{t("listings.intro")}</p>
      {canWrite ? (
        <p>
          <Link className="button" to={`${base}/new`}>
            {t("listings.add")}
          </Link>
        </p>
      ) : null}
      {notice ? (
        <p className="ok" role="status" data-testid="listings-notice">
          {t(`listings.done.${notice.done}`, { product: notice.product })}
        </p>
      ) : null}
      <nav aria-label={t("listings.filter.label")}>
        <ul className="chips listings-filter">
          <li>
            <Link to={base} aria-current={status === null ? "page" : undefined}>
              {t("listings.filter.count", { label: t("listings.filter.all"), count: total })}
            </Link>
          </li>
          {productStatuses.map((s) => (
            <li key={s}>
              <Link to={`${base}?status=${s}`} aria-current={status === s ? "page" : undefined}>
                {t("listings.filter.count", {
                  label: t(`listings.status.${s}`),
                  count: counts[s],
                })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {products.length === 0 ? (
        <p className="notice">{t(total === 0 ? "listings.empty" : "listings.emptyFilter")}</p>
      ) : (
        <ul className="listing-list" data-testid="listings">
          {products.map((p) => (
            <ListingRow key={p.id} product={p} sellerId={sellerId} canWrite={canWrite} reply={reply} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
