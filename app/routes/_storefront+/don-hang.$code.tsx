// An order group's page: what was ordered from whom, each order's status and payment, how to pay
// (VietQR for bank transfer, the card page for cards), and a cancel button while the seller has not
// confirmed. Opened by the buyer's browser that placed or looked it up, the buyer's account, or an
// admin (read only); a seller in the checkout is sent to its own part in /shop.
import { orderTotalVnd } from "#app/domain/delivery.ts";
import { OrderDeliveryText } from "#app/ui/delivery/delivery-text.tsx";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { bankByBin } from "#app/domain/banks.ts";
import { multilineText } from "#app/domain/form-fields.ts";
import { normalizeOrderCode } from "#app/domain/checkout.ts";
import { formatDate } from "#app/domain/dates.ts";
import { formatVnd } from "#app/domain/money.ts";
import { availableActions } from "#app/domain/orders.ts";
import { formatQuantity, unitLabel } from "#app/domain/units.ts";
import { productUrl } from "#app/domain/urls.ts";
import { getUser } from "#app/services/identity/auth.server.ts";
import { orderGroupViewer, siteUrlOf } from "#app/services/orders/buyer-context.server.ts";
import { abandonCardPayment } from "#app/services/orders/card-webhooks.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { getEnv } from "#app/services/platform/env.server.ts";
import { actOnOrder, cancelAsGuestBuyer, getOrderGroup } from "#app/services/orders/orders.server.ts";
import { cardPaymentsFromEnv } from "#app/services/payments/card.server.ts";
import { shopRole } from "#app/services/shops/access.server.ts";
import { vietQrSvg } from "#app/services/payments/vietqr.server.ts";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { localeFromRequest, makeT, useLocale, useT } from "#app/i18n/i18n.ts";
import { isMessageKey } from "#app/i18n/messages.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { FormAlert } from "#app/ui/forms.tsx";
import { forbidden, notFound, userErrorReply } from "#app/services/http/replies.server.ts";

async function loadForViewer(request: Request, rawCode: string) {
  const code = normalizeOrderCode(rawCode);
  if (!code) throw notFound();
  const [group, user] = await Promise.all([getOrderGroup(code), getUser(request)]);
  if (!group) throw notFound();
  const db = getDb();
  const viewer = await orderGroupViewer(request, group, user, async (userId, sellerId) =>
    Boolean(await shopRole(db, userId, sellerId)),
  );
  if (!viewer) throw redirect(`/tra-cuu-don-hang?${new URLSearchParams({ ma: code })}`);
  // A shop sees only its own part of a checkout, in its workspace.
  if (typeof viewer === "object") throw redirect(`/shop/orders/${viewer.shopOrderCode}`);
  return { group, user, viewer };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, viewer } = await loadForViewer(request, params.code ?? "");
  const orders = await Promise.all(
    group.orders.map(async (order) => {
      const bank = bankByBin(order.seller.bankBin);
      const showQr =
        order.paymentMethod === "bank_transfer" &&
        order.paymentStatus === "unpaid" &&
        order.status !== "cancelled" &&
        order.seller.bankBin &&
        order.seller.bankAccountNumber;
      const transfer = showQr
        ? {
            qrSvg: (
              await vietQrSvg({
                bankBin: order.seller.bankBin!,
                accountNumber: order.seller.bankAccountNumber!,
                amountVnd: orderTotalVnd(order),
                note: order.code,
              })
            ).svg,
            bankName: bank ? `${bank.shortName} — ${bank.name}` : order.seller.bankBin!,
            accountNumber: order.seller.bankAccountNumber!,
            accountName: order.seller.bankAccountName ?? "",
          }
        : null;
      return {
        ...order,
        seller: { displayName: order.seller.displayName, phone: order.seller.phone },
        transfer,
        buyerCanCancel: viewer === "buyer" && availableActions(order, "buyer").includes("cancel"),
      };
    }),
  );
  const t = makeT(localeFromRequest(request));
  return {
    title: t("order.title", { code: group.code }),
    group: {
      code: group.code,
      buyerName: group.buyerName,
      addressLine: group.addressLine,
      communeName: group.commune.name,
      totalVnd: group.totalVnd,
      createdAt: group.createdAt,
    },
    orders,
    card:
      viewer === "buyer" && group.cardSession
        ? { status: group.cardSession.status, url: group.cardSession.url }
        : null,
    cardUnpaid: group.orders.some(
      (o) => o.paymentMethod === "card" && o.paymentStatus === "unpaid" && o.status === "placed",
    ),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  { name: "robots", content: "noindex" },
];

const BuyerCancelSchema = z.object({
  orderCode: z.string().max(40),
  reason: multilineText(500).default(""),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, user, viewer } = await loadForViewer(request, params.code ?? "");
  // Cancelling and abandoning a card payment are the buyer's; an admin reading the page is not one.
  if (viewer !== "buyer") throw forbidden();
  const formData = await readFormBody(request);
  const intent = formData.get("intent");
  const t = makeT(localeFromRequest(request));
  const siteUrl = siteUrlOf(request);
  try {
    if (intent === "abandon-card") {
      const payments = cardPaymentsFromEnv(getEnv());
      if (!payments) throw notFound();
      await abandonCardPayment(payments, group.code, siteUrl);
      return redirect(`/don-hang/${group.code}`);
    }
    if (intent !== "cancel") return data({ formError: t("order.refuse.notAllowed") }, { status: 400 });
    const parsed = BuyerCancelSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const key =
        issue.path[0] === "reason" && isMessageKey(issue.message) ? issue.message : "order.refuse.notAllowed";
      return data({ formError: t(key) }, { status: 400 });
    }
    const { orderCode, reason } = parsed.data;
    if (!group.orders.some((o) => o.code === orderCode)) {
      return data({ formError: t("order.refuse.notAllowed") }, { status: 400 });
    }
    if (user && group.buyerId === user.id) {
      await actOnOrder(user, orderCode, { type: "cancel", reason }, { siteUrl });
    } else {
      // A guest who placed or looked up this order (loadForViewer checked the browser holds it).
      await cancelAsGuestBuyer(orderCode, group.code, reason, siteUrl, user?.id ?? null);
    }
    return redirect(`/don-hang/${group.code}`);
  } catch (error) {
    return userErrorReply(request, error);
  }
}

export default function OrderGroupPage() {
  const { group, orders, card, cardUnpaid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const cardReturn = searchParams.get("the");
  return (
    <section className="order-page">
      <h1>{t("order.title", { code: group.code })}</h1>
      <FormAlert message={actionData?.formError} />
      {searchParams.get("moi") || cardReturn === "xong" ? (
        <div className="notice" role="status">
          <p>{t("order.thanks")}</p>
          <p>{t("order.keepCode", { code: group.code })}</p>
        </div>
      ) : null}
      {cardReturn === "loi" ? <p className="alert">{t("checkout.cardFailed")}</p> : null}
      {cardUnpaid && cardReturn === "xong" ? <p className="notice">{t("order.card.processing")}</p> : null}
      {cardUnpaid && cardReturn === "huy" ? <p className="notice">{t("order.card.cancelled")}</p> : null}
      {cardUnpaid && card?.status === "open" ? (
        <div className="card-actions">
          {card.url ? (
            <a href={card.url} className="button">
              {t("order.card.pay")}
            </a>
          ) : null}
          <Form method="post" className="inline-form">
            <button type="submit" name="intent" value="abandon-card" className="link-button">
              {t("order.card.abandon")}
            </button>
          </Form>
        </div>
      ) : null}
      <p className="card-meta">
        {t("order.placedAt", { date: formatDate(group.createdAt, locale) })} · {t("order.deliverTo")}:{" "}
        {group.buyerName}, {group.addressLine}, {group.communeName}
      </p>
      {orders.map((order) => (
        <article key={order.code} className="order-part" data-testid="order-part">
          <h2>{t("order.sellerPart", { code: order.code, shop: order.seller.displayName })}</h2>
          <ul>
            {order.items.map((item) => (
              <li key={item.id}>
                {item.product ? (
                  <Link to={productUrl(item.product.slug)}>{item.productName}</Link>
                ) : (
                  item.productName
                )}{" "}
                · {formatQuantity(item.quantityMilli, locale)} {unitLabel(item.unit, locale)} —{" "}
                {formatVnd(item.lineTotalVnd, locale)}
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
            <dt>{t("order.partTotal")}</dt>
            <dd data-testid="order-part-total">
              <strong>{formatVnd(orderTotalVnd(order), locale)}</strong>
            </dd>
            <dt>{t("order.status")}</dt>
            <dd data-testid="order-status">{t(`order.status.${order.status}`)}</dd>
            <dt>{t("order.payment")}</dt>
            <dd data-testid="order-payment">
              {t(`order.method.${order.paymentMethod}`)} · {t(`order.payment.${order.paymentStatus}`)}
            </dd>
          </dl>
          {order.deliveryNote ? <p>{t("order.deliveryNote", { note: order.deliveryNote })}</p> : null}
          {order.deliveryMethod === "pickup" && order.status !== "cancelled" && !order.collectedAt ? (
            <p>{t("order.pickupCode", { code: order.code })}</p>
          ) : null}
          {order.status === "cancelled" && order.cancelReason ? (
            <p>{t("order.cancelReason", { reason: order.cancelReason })}</p>
          ) : null}
          {order.transfer ? (
            <section
              className="vietqr"
              aria-label={t("order.bank.title", { shop: order.seller.displayName })}
            >
              <h3>{t("order.bank.title", { shop: order.seller.displayName })}</h3>
              <p>{t("order.bank.scan")}</p>
              <div
                className="qr"
                role="img"
                aria-label="VietQR"
                // Generated on the server by the qrcode library from the order's own data.
                dangerouslySetInnerHTML={{ __html: order.transfer.qrSvg }}
              />
              <dl className="order-facts">
                <dt>{t("order.bank.bank")}</dt>
                <dd>{order.transfer.bankName}</dd>
                <dt>{t("order.bank.account")}</dt>
                <dd data-testid="bank-account">{order.transfer.accountNumber}</dd>
                <dt>{t("order.bank.holder")}</dt>
                <dd>{order.transfer.accountName}</dd>
                <dt>{t("order.bank.amount")}</dt>
                <dd>{formatVnd(orderTotalVnd(order), locale)}</dd>
                <dt>{t("order.bank.note")}</dt>
                <dd data-testid="transfer-note">{order.code}</dd>
              </dl>
              <p className="hint">{t("order.bank.after")}</p>
            </section>
          ) : null}
          {order.buyerCanCancel && order.paymentMethod !== "card" ? (
            <Form method="post" className="form cancel-form">
              <input type="hidden" name="orderCode" value={order.code} />
              <label>
                {t("order.cancelReasonLabel")}
                <input type="text" name="reason" maxLength={500} />
              </label>
              <button type="submit" name="intent" value="cancel" className="link-button">
                {t("order.cancel")}
              </button>
            </Form>
          ) : null}
        </article>
      ))}
      <p className="cart-total">
        {t("cart.total")}: <strong>{formatVnd(group.totalVnd, locale)}</strong>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
