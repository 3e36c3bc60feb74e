// One of the shop's orders: what to pack, who to send it to, how the money comes, what has happened,
// and the next steps as plain forms (they work without JavaScript; after each, the page comes back
// with a short confirmation). The buttons follow availableActions; the server checks everything again.
import { orderTotalVnd } from "#app/domain/delivery.ts";
import { OrderDeliveryText } from "#app/ui/delivery/delivery-text.tsx";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatVnd } from "#app/domain/money.ts";
import { availableActions, orderEvents } from "#app/domain/orders.ts";
import {
  errorOnField,
  isMoveIntent,
  MoveSchema,
  toOrderAction,
  type MoveIntent,
} from "#app/domain/order-moves.ts";
import { formatProvinceTime } from "#app/domain/orders-csv.ts";
import { allows } from "#app/domain/permissions.ts";
import { formatQuantity, unitLabel } from "#app/domain/units.ts";
import { productUrl } from "#app/domain/urls.ts";
import { siteUrlOf } from "#app/services/orders/buyer-context.server.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import { getShopOrder, moveShopOrder, normalizeShopOrderCode } from "#app/services/shops/orders.server.ts";
import { localeFromRequest, makeT, useLocale, useT, type T } from "#app/i18n/i18n.ts";
import { isMessageKey } from "#app/i18n/messages.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { FormAlert } from "#app/ui/forms.tsx";
import { ButtonForm, TextForm } from "#app/ui/shop/order-forms.tsx";
import { OrderTimeline } from "#app/ui/shop/order-timeline.tsx";
import shopOrdersStyles from "#app/styles/shop-orders.css";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { notFound, userErrorReply } from "#app/services/http/replies.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: shopOrdersStyles }];

async function loadOrder(request: Request, params: LoaderFunctionArgs["params"], write: boolean) {
  const shop = await requireShop(request, params.sellerId ?? "", { write });
  const code = normalizeShopOrderCode(params.code ?? "");
  const order = code ? await getShopOrder(shop.seller.id, code) : null;
  if (!order) throw notFound();
  return { shop, order };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop, order } = await loadOrder(request, params, false);
  // Who may change it: not a suspended shop, and only someone whose role may update orders.
  const canAct = !shop.seller.suspended && allows(shop.user.grants, "update:order:own");
  return {
    title: makeT(localeFromRequest(request))("order.title", { code: order.code }),
    sellerId: shop.seller.id,
    suspended: shop.seller.suspended,
    order,
    events: orderEvents(order),
    actions: canAct ? availableActions(order, "seller") : [],
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  { name: "robots", content: "noindex" },
];

/** The first schema message, translated; anything unknown reads as "what did you mean?". */
function firstError(t: T, error: Record<string, string[] | null> | null | undefined) {
  const key = Object.values(error ?? {})
    .flat()
    .find((message): message is string => typeof message === "string");
  return t(isMessageKey(key) ? key : "shopOrders.error.badIntent");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop, order } = await loadOrder(request, params, true);
  const t = makeT(localeFromRequest(request));
  const submission = parseWithZod(await readFormBody(request), { schema: MoveSchema });
  if (submission.status !== "success") {
    const intent = submission.payload.intent;
    return data(
      {
        intent: typeof intent === "string" ? intent : null,
        result: submission.reply(),
        formError: firstError(t, submission.error),
        onField: errorOnField(intent, submission.error),
      },
      { status: 400 },
    );
  }
  const move = submission.value;
  try {
    await moveShopOrder(shop, order.code, toOrderAction(move), { siteUrl: siteUrlOf(request) });
  } catch (error) {
    return userErrorReply(request, error, {
      intent: move.intent,
      result: submission.reply(),
      onField: false,
    });
  }
  return redirect(`/shop/${shop.seller.id}/orders/${order.code}?xong=${move.intent}`);
}

export default function ShopOrder() {
  const { sellerId, suspended, order, events, actions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const done = searchParams.get("xong");
  const doneIntent = !actionData && done && isMoveIntent(done) ? done : null;
  const lastResultFor = (intent: MoveIntent) =>
    actionData?.intent === intent ? actionData.result : undefined;
  // A field's error sits by its box, unless that form is not on the page any more (the order moved on).
  const onShownField = actionData?.onField && (actions as string[]).includes(actionData.intent ?? "");
  const topError = actionData && !onShownField ? actionData.formError : null;
  return (
    <section>
      <p className="breadcrumbs">
        <Link to={`/shop/${sellerId}/orders`}>← {t("shopOrders.back")}</Link>
      </p>
      <h2>{t("order.title", { code: order.code })}</h2>
      {order.status === "confirmed" || order.status === "shipped" ? (
        // A plain link: the label page has no workspace layout, so it prints as the label alone.
        <p>
          <a className="button button-secondary" href={`/shop/${sellerId}/orders/${order.code}/nhan`}>
            {t("label.print")}
          </a>
        </p>
      ) : null}
      <p>
        <span className="status" data-testid="order-status">
          {t(`shopOrders.status.${order.status}`)}
        </span>{" "}
        <span className="card-meta">
          {t("shopOrders.placedAt", { date: formatProvinceTime(order.createdAt, locale) })}
        </span>
      </p>
      {doneIntent ? (
        <p className="ok" role="status">
          {t(`shopOrders.done.${doneIntent}`)}
        </p>
      ) : null}
      <FormAlert message={topError} />

      <section className="order-part" aria-labelledby="order-items">
        <h3 id="order-items">{t("shopOrders.items")}</h3>
        <ul className="list-plain">
          {order.items.map((item) => (
            <li key={item.id}>
              {item.product ? (
                <Link to={productUrl(item.product.slug)}>{item.productName}</Link>
              ) : (
                item.productName
              )}
              <br />
              <span className="card-meta">
                {formatQuantity(item.quantityMilli, locale)} {unitLabel(item.unit, locale)} ×{" "}
                {formatVnd(item.unitPriceVnd, locale)} ={" "}
                <strong>{formatVnd(item.lineTotalVnd, locale)}</strong>
              </span>
            </li>
          ))}
        </ul>
        <dl className="order-facts">
          <dt>{t("order.goods")}</dt>
          <dd>{formatVnd(order.subtotalVnd, locale)}</dd>
          <dt>{t("order.delivery")}</dt>
          <dd>
            <OrderDeliveryText order={order} />
          </dd>
          <dt>{t("shopOrders.total")}</dt>
          <dd>
            <strong data-testid="order-total">{formatVnd(orderTotalVnd(order), locale)}</strong>
          </dd>
          <dt>{t("order.payment")}</dt>
          <dd data-testid="order-payment">
            {t(`order.method.${order.paymentMethod}`)} · {t(`order.payment.${order.paymentStatus}`)}
          </dd>
        </dl>
      </section>

      <section className="order-part" aria-labelledby="order-buyer">
        <h3 id="order-buyer">{t("shopOrders.buyer")}</h3>
        <dl className="order-facts">
          <dt>{t("shopOrders.name")}</dt>
          <dd>{order.group.buyerName}</dd>
          <dt>{t("shopOrders.phone")}</dt>
          <dd>
            <a className="shop-call" href={`tel:${order.group.buyerPhone}`}>
              {order.group.buyerPhoneDisplay}
            </a>
          </dd>
          {order.group.buyerEmail ? (
            <>
              <dt>{t("shopOrders.email")}</dt>
              <dd>{order.group.buyerEmail}</dd>
            </>
          ) : null}
          <dt>{t("shopOrders.address")}</dt>
          <dd>
            {order.group.addressLine}, {order.group.commune.name}
          </dd>
          {order.group.note ? (
            <>
              <dt>{t("shopOrders.note")}</dt>
              <dd data-testid="buyer-note">{order.group.note}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="order-part" aria-labelledby="order-todo">
        <h3 id="order-todo">{t("shopOrders.todo")}</h3>
        {suspended ? <p className="notice">{t("shopOrders.suspended")}</p> : null}
        {!suspended && actions.length === 0 ? (
          <p>
            {order.status === "placed" && order.paymentMethod === "card" && order.paymentStatus === "unpaid"
              ? t("shopOrders.action.confirmCardUnpaid")
              : t("shopOrders.noActions")}
          </p>
        ) : null}
        <div className="shop-actions">
          {actions.includes("confirm") ? (
            <ButtonForm
              intent="confirm"
              label={t("shopOrders.action.confirm")}
              hint={t("shopOrders.action.confirmHint")}
            />
          ) : null}
          {actions.includes("ship") ? (
            <TextForm
              intent="ship"
              name="deliveryNote"
              label={t("shopOrders.action.shipNote")}
              hint={t("shopOrders.action.shipNoteHint")}
              submit={t("shopOrders.action.ship")}
              lastResult={lastResultFor("ship")}
            />
          ) : null}
          {actions.includes("deliver") ? (
            <ButtonForm intent="deliver" label={t("shopOrders.action.deliver")} />
          ) : null}
          {actions.includes("mark_paid") ? (
            <ButtonForm
              intent="mark_paid"
              label={t(
                order.paymentMethod === "bank_transfer"
                  ? "shopOrders.action.markPaid.bank_transfer"
                  : "shopOrders.action.markPaid.cod",
              )}
              hint={t(
                order.paymentMethod === "bank_transfer"
                  ? "shopOrders.action.markPaidHint.bank_transfer"
                  : "shopOrders.action.markPaidHint.cod",
                { amount: formatVnd(orderTotalVnd(order), locale), code: order.code },
              )}
            />
          ) : null}
          {actions.includes("cancel") ? (
            <details open={actionData?.intent === "cancel"}>
              <summary>{t("shopOrders.action.cancelOpen")}</summary>
              <TextForm
                intent="cancel"
                name="reason"
                label={t("shopOrders.action.cancelReason")}
                hint={t("shopOrders.action.cancelHint")}
                submit={t("shopOrders.action.cancel")}
                danger
                lastResult={lastResultFor("cancel")}
              />
            </details>
          ) : null}
          {actions.includes("refund") ? (
            <details open={actionData?.intent === "refund"}>
              <summary>{t("shopOrders.action.refundOpen")}</summary>
              <TextForm
                intent="refund"
                name="reason"
                label={t("shopOrders.action.refundReason")}
                hint={t("shopOrders.action.refundHint")}
                submit={t("shopOrders.action.refund")}
                danger
                lastResult={lastResultFor("refund")}
              />
            </details>
          ) : null}
        </div>
      </section>

      <section className="order-part" aria-labelledby="order-timeline">
        <h3 id="order-timeline">{t("shopOrders.timeline")}</h3>
        <OrderTimeline events={events} />
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
