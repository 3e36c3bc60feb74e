// One of the shop's orders: what to pack, who to send it to, how the money comes, what has happened,
// and the next steps as plain forms (they work without JavaScript; after each, the page comes back
// with a short confirmation). The buttons follow availableActions; the server checks everything again.
import { type SubmissionResult, getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { formatVnd } from "#app/domain/money.ts";
import { type OrderAction, availableActions, MAX_REASON_LENGTH } from "#app/domain/orders.ts";
import { formatProvinceTime } from "#app/domain/orders-csv.ts";
import { allows } from "#app/domain/permissions.ts";
import { formatQuantity, unitLabel } from "#app/domain/units.ts";
import { productUrl } from "#app/domain/urls.ts";
import { siteUrlOf } from "#app/services/orders/buyer-context.server.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import { getShopOrder, moveShopOrder, normalizeShopOrderCode } from "#app/services/shops/orders.server.ts";
import { localeFromRequest, makeT, useLocale, useT, type T } from "#app/i18n/i18n.ts";
import { catalogs, type MessageKey } from "#app/i18n/messages.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { Field, FormAlert } from "#app/ui/forms.tsx";
import shopOrdersStyles from "#app/styles/shop-orders.css";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { plainText } from "#app/domain/form-fields.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: shopOrdersStyles }];

const MAX_DELIVERY_NOTE_LENGTH = 300;

const reason = plainText({ multiline: true, missing: "order.refuse.reasonRequired" })
  .min(1, "order.refuse.reasonRequired")
  .max(MAX_REASON_LENGTH, "shopOrders.error.reasonTooLong");

// One schema per button. The delivery note is optional (a seller delivering in person has nothing to
// add) but the form asks for it, since it is what the buyer reads in the "on its way" email.
const moveSchemas = {
  confirm: z.object({ intent: z.literal("confirm") }),
  ship: z.object({
    intent: z.literal("ship"),
    deliveryNote: plainText({ multiline: true })
      .max(MAX_DELIVERY_NOTE_LENGTH, "shopOrders.error.noteTooLong")
      .optional(),
  }),
  deliver: z.object({ intent: z.literal("deliver") }),
  mark_paid: z.object({ intent: z.literal("mark_paid") }),
  cancel: z.object({ intent: z.literal("cancel"), reason }),
  refund: z.object({ intent: z.literal("refund"), reason }),
};
type Intent = keyof typeof moveSchemas;

const MoveSchema = z.discriminatedUnion(
  "intent",
  [
    moveSchemas.confirm,
    moveSchemas.ship,
    moveSchemas.deliver,
    moveSchemas.mark_paid,
    moveSchemas.cancel,
    moveSchemas.refund,
  ],
  { error: "shopOrders.error.badIntent" },
);

function toAction(move: z.infer<typeof MoveSchema>): OrderAction {
  switch (move.intent) {
    case "ship":
      return { type: "ship", deliveryNote: move.deliveryNote ?? "" };
    case "cancel":
    case "refund":
      return { type: move.intent, reason: move.reason };
    default:
      return { type: move.intent };
  }
}

async function loadOrder(request: Request, params: LoaderFunctionArgs["params"], write: boolean) {
  const shop = await requireShop(request, params.sellerId ?? "", { write });
  const code = normalizeShopOrderCode(params.code ?? "");
  const order = code ? await getShopOrder(shop.seller.id, code) : null;
  if (!order) throw new Response("Not found", { status: 404 });
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
  return t(key && Object.hasOwn(catalogs.vi, key) ? (key as MessageKey) : "shopOrders.error.badIntent");
}

// The forms with a text box show their own field's error; every other message goes at the top.
const textFields = { ship: "deliveryNote", cancel: "reason", refund: "reason" } as const;
function errorOnField(intent: unknown, error: Record<string, string[] | null> | null | undefined) {
  if (typeof intent !== "string" || !Object.hasOwn(textFields, intent)) return false;
  const field = textFields[intent as keyof typeof textFields];
  return Object.entries(error ?? {}).every(([name, messages]) => name === field || !messages?.length);
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
    await moveShopOrder(shop, order.code, toAction(move), { siteUrl: siteUrlOf(request) });
  } catch (error) {
    return userErrorReply(request, error, {
      intent: move.intent,
      result: submission.reply(),
      onField: false,
    });
  }
  return redirect(`/shop/${shop.seller.id}/orders/${order.code}?xong=${move.intent}`);
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type ShownOrder = Loaded["order"];

type When = Date | string;

function timeline(order: ShownOrder, t: T) {
  const events: { key: string; at: When; label: string; detail?: string }[] = [
    { key: "placed", at: order.createdAt, label: t("shopOrders.event.placed") },
  ];
  const add = (key: string, at: When | null, label: string, detail?: string) => {
    if (at) events.push({ key, at, label, detail });
  };
  add("confirmed", order.confirmedAt, t("shopOrders.event.confirmed"));
  add(
    "shipped",
    order.shippedAt,
    t("shopOrders.event.shipped"),
    order.deliveryNote ? t("order.deliveryNote", { note: order.deliveryNote }) : undefined,
  );
  add("delivered", order.deliveredAt, t("shopOrders.event.delivered"));
  add(
    "paid",
    order.paidAt,
    t("shopOrders.event.paid"),
    t(`order.method.${order.paymentMethod}` as MessageKey),
  );
  add(
    "cancelled",
    order.cancelledAt,
    order.cancelledBy
      ? `${t("shopOrders.event.cancelled")} · ${t(`shopOrders.cancelledBy.${order.cancelledBy}` as MessageKey)}`
      : t("shopOrders.event.cancelled"),
    order.cancelReason ? t("order.cancelReason", { reason: order.cancelReason }) : undefined,
  );
  add(
    "refunded",
    order.refundedAt,
    t("shopOrders.event.refunded"),
    order.refundReason ? t("shopOrders.refundReason", { reason: order.refundReason }) : undefined,
  );
  return events.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}

export default function ShopOrder() {
  const { sellerId, suspended, order, actions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const done = searchParams.get("xong");
  const doneIntent = !actionData && done && Object.hasOwn(moveSchemas, done) ? (done as Intent) : null;
  const lastResultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);
  // A field's error sits by its box, unless that form is not on the page any more (the order moved on).
  const onShownField = actionData?.onField && (actions as string[]).includes(actionData.intent ?? "");
  const topError = actionData && !onShownField ? actionData.formError : null;
  return (
    <section>
      <p className="breadcrumbs">
        <Link to={`/shop/${sellerId}/orders`}>← {t("shopOrders.back")}</Link>
      </p>
      <h2>{t("order.title", { code: order.code })}</h2>
      <p>
        <span className="status" data-testid="order-status">
          {t(`shopOrders.status.${order.status}` as MessageKey)}
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
          <dt>{t("shopOrders.total")}</dt>
          <dd>
            <strong>{formatVnd(order.subtotalVnd, locale)}</strong>
          </dd>
          <dt>{t("order.payment")}</dt>
          <dd data-testid="order-payment">
            {t(`order.method.${order.paymentMethod}` as MessageKey)} ·{" "}
            {t(`order.payment.${order.paymentStatus}` as MessageKey)}
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
                { amount: formatVnd(order.subtotalVnd, locale), code: order.code },
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
        <ol className="shop-timeline" data-testid="order-timeline">
          {timeline(order, t).map((event) => (
            <li key={event.key}>
              <time dateTime={new Date(event.at).toISOString()}>{formatProvinceTime(event.at, locale)}</time>
              {event.label}
              {event.detail ? (
                <>
                  <br />
                  <span className="card-meta">{event.detail}</span>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}

/** A move that needs no words: one big button. */
function ButtonForm({ intent, label, hint }: { intent: Intent; label: string; hint?: string }) {
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
function TextForm({
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
  const t = useT();
  // Translated here: Field only recognises keys whose first part is lower case ("order.…").
  const translate = (key: string) => (Object.hasOwn(catalogs.vi, key) ? t(key as MessageKey) : key);
  const errors = field.errors?.map(translate);
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <Field label={label} hint={hint} htmlFor={field.id} errors={errors}>
        <textarea
          {...getTextareaProps(field)}
          rows={name === "deliveryNote" ? 2 : 3}
          maxLength={name === "deliveryNote" ? MAX_DELIVERY_NOTE_LENGTH : MAX_REASON_LENGTH}
        />
      </Field>
      {form.errors?.[0] ? <FormAlert message={translate(form.errors[0])} /> : null}
      <button type="submit" className={danger ? "button button-danger" : "button"} disabled={busy}>
        {submit}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
