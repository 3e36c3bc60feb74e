// Checkout: who receives the order and where, how each seller delivers and is paid. No account needed.
// The form carries a fingerprint of the quantities and prices shown and, per seller, the delivery
// choice with the fee shown, so the order is placed for exactly what the buyer saw or not at all.
// Delivery choices depend on the buyer's commune: with JavaScript, picking one reloads them
// (?xa=<commune>); without, "Tính phí giao" (or placing the order after changing the commune)
// posts the form and the page comes back with the choices for the new commune and nothing lost.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { deliveryChoiceValue } from "#app/domain/delivery.ts";
import { checkoutDeliveryView } from "#app/services/delivery/options.server.ts";
import { carrierFromEnv } from "#app/services/delivery/ghn.server.ts";
import { DeliveryOptionText } from "#app/ui/delivery/delivery-text.tsx";
import { cartFingerprint, CheckoutSchema, methodsFor } from "#app/domain/checkout.ts";
import { formatVnd } from "#app/domain/money.ts";
import { formatVietnamesePhone } from "#app/domain/phone.ts";
import { formatQuantity, unitLabel } from "#app/domain/units.ts";
import { getUser } from "#app/services/identity/auth.server.ts";
import { cartOwner, rememberOrder, siteUrlOf } from "#app/services/orders/buyer-context.server.ts";
import { getCartView } from "#app/services/orders/cart.server.ts";
import { placeOrder } from "#app/services/orders/checkout.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { getEnv } from "#app/services/platform/env.server.ts";
import { cardPaymentsFromEnv } from "#app/services/payments/card.server.ts";
import { localeFromRequest, makeT, useLocale, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { Field, FormAlert } from "#app/ui/forms.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { UserError } from "#app/domain/user-error.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";

const listCommunes = () =>
  getDb().commune.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } });

/** The delivery choices for a commune the buyer picked, or null when none (or an unknown one) is. */
async function deliveryFor(
  cart: Awaited<ReturnType<typeof getCartView>>,
  communes: { slug: string; name: string }[],
  slug: unknown,
) {
  const commune = communes.find((c) => c.slug === slug);
  return commune ? checkoutDeliveryView(cart.groups, commune, carrierFromEnv(getEnv())) : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const [cart, user] = await Promise.all([getCartView(await cartOwner(request)), getUser(request)]);
  if (cart.lines.length === 0 || cart.problems.length > 0) throw redirect("/gio-hang");
  const cardEnabled = cardPaymentsFromEnv(getEnv()) !== null;
  const communes = await listCommunes();
  const delivery = await deliveryFor(cart, communes, new URL(request.url).searchParams.get("xa"));
  return {
    delivery,
    title: makeT(localeFromRequest(request))("checkout.title"),
    communes,
    groups: cart.groups.map((g) => ({
      seller: { id: g.seller.id, displayName: g.seller.displayName },
      methods: methodsFor(g.seller, cardEnabled),
      subtotalVnd: g.subtotalVnd,
      lines: g.lines.map((l) => ({
        id: l.id,
        name: l.name,
        unit: l.unit,
        quantityMilli: l.quantityMilli,
        lineTotalVnd: l.lineTotalVnd,
      })),
    })),
    totalVnd: cart.totalVnd,
    fingerprint: cartFingerprint(
      cart.lines.map((l) => ({
        productId: l.productId,
        quantityMilli: l.quantityMilli,
        priceVnd: l.priceVnd,
      })),
    ),
    defaults: {
      buyerName: user?.name ?? "",
      buyerPhone: user?.phone ? formatVietnamesePhone(user.phone) : "",
      buyerEmail: user?.email ?? "",
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  { name: "robots", content: "noindex" },
];

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormBody(request);
  // The choices shown were for another commune (or none): show the ones for this commune first.
  const communeSlug = formData.get("communeSlug");
  if (formData.get("intent") === "delivery" || formData.get("deliveryFor") !== communeSlug) {
    const cart = await getCartView(await cartOwner(request));
    if (cart.lines.length === 0) return redirect("/gio-hang");
    const delivery = await deliveryFor(cart, await listCommunes(), communeSlug);
    const t = makeT(localeFromRequest(request));
    return data(
      {
        result: undefined,
        formError: delivery
          ? t("checkout.deliveryRecomputed", { commune: delivery.communeName })
          : t("checkout.error.commune"),
        delivery,
        values: Object.fromEntries(
          [...formData].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
        ),
      },
      { status: delivery ? 200 : 400 },
    );
  }
  const submission = parseWithZod(formData, { schema: CheckoutSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), formError: null }, { status: 400 });
  }
  const [owner, user] = await Promise.all([cartOwner(request), getUser(request)]);
  try {
    const placed = await placeOrder(submission.value, {
      owner,
      buyerId: user?.id ?? null,
      locale: localeFromRequest(request),
      siteUrl: siteUrlOf(request),
      cardPayments: cardPaymentsFromEnv(getEnv()),
      carrier: carrierFromEnv(getEnv()),
    });
    const headers = { "Set-Cookie": await rememberOrder(request, placed.groupCode) };
    if (placed.cardPaymentUrl) return redirect(placed.cardPaymentUrl, { headers });
    const query = placed.cardFailed ? "?the=loi" : "?moi=1";
    return redirect(`/don-hang/${placed.groupCode}${query}`, { headers });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    // The cart changed under the buyer (another buyer took the last unit, a price moved): the checkout
    // page cannot show this cart any more, so the cart page says what happened. A redirect, not data:
    // without JavaScript the page rendered after this action would itself redirect to the cart and
    // lose the message.
    if (error.messageKey === "checkout.error.soldOut" || error.messageKey === "checkout.error.changed") {
      const notice: Record<string, string> =
        error.messageKey === "checkout.error.soldOut"
          ? { "het-hang": String(error.values.productId ?? "") }
          : { "thay-doi": "1" };
      return redirect(`/gio-hang?${new URLSearchParams(notice)}`);
    }
    // Not conform form errors: conform would keep them and block the corrected resubmission.
    return userErrorReply(request, error, { result: submission.reply() });
  }
}

export default function CheckoutPage() {
  const loaded = useLoaderData<typeof loader>();
  const { communes, groups, fingerprint, defaults } = loaded;
  const actionData = useActionData<typeof action>();
  const [, setSearchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  // The choices recomputed by the action (no JavaScript) win over the loader's for the old commune.
  const delivery = actionData && "delivery" in actionData ? actionData.delivery : loaded.delivery;
  const posted = actionData && "values" in actionData ? nestPosted(actionData.values) : null;
  const [form, fields] = useForm({
    id: "checkout",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CheckoutSchema }),
    shouldValidate: "onBlur",
    defaultValue: {
      ...defaults,
      communeSlug: delivery?.communeSlug ?? "",
      pay: Object.fromEntries(groups.map((g) => [g.seller.id, g.methods[0] ?? ""])),
      ...(posted ?? {}),
    },
  });
  const payFields = fields.pay.getFieldset();
  // The cheapest choice is preselected; the total follows what the buyer picks.
  const [picked, setPicked] = useState<Record<string, number>>({});
  const feeOf = (sellerId: string) => picked[sellerId] ?? delivery?.bySeller[sellerId]?.[0]?.feeVnd ?? 0;
  const feesVnd = groups.reduce((sum, g) => sum + feeOf(g.seller.id), 0);
  const goodsVnd = loaded.totalVnd;
  return (
    <section className="checkout-page">
      <h1>{t("checkout.title")}</h1>
      <Form method="post" className="form form-wide" {...getFormProps(form)}>
        <FormAlert message={actionData?.formError ?? form.errors?.[0]} />
        <input type="hidden" name="fingerprint" value={fingerprint} />
        <input type="hidden" name="deliveryFor" value={delivery?.communeSlug ?? ""} />
        {groups.map((group) => {
          const pay = payFields[group.seller.id];
          return (
            <fieldset key={group.seller.id} className="checkout-group">
              <legend>{t("checkout.payment", { shop: group.seller.displayName })}</legend>
              <ul className="checkout-lines">
                {group.lines.map((line) => (
                  <li key={line.id}>
                    {line.name} · {formatQuantity(line.quantityMilli, locale)} {unitLabel(line.unit, locale)}{" "}
                    — {formatVnd(line.lineTotalVnd, locale)}
                  </li>
                ))}
              </ul>
              <p>
                {t("cart.subtotal")}: <strong>{formatVnd(group.subtotalVnd, locale)}</strong>
              </p>
              {group.methods.map((method) => (
                <label key={method} className="checkbox">
                  <input
                    type="radio"
                    name={`pay.${group.seller.id}`}
                    value={method}
                    defaultChecked={pay?.initialValue === method}
                  />
                  {t(`checkout.method.${method}`)}
                </label>
              ))}
              {pay?.errors?.length ? (
                <p className="error-text" role="alert">
                  {t("checkout.error.payment", { shop: group.seller.displayName })}
                </p>
              ) : null}
              <DeliveryChoices
                sellerId={group.seller.id}
                shop={group.seller.displayName}
                delivery={delivery}
                onPick={(fee) => setPicked((p) => ({ ...p, [group.seller.id]: fee }))}
              />
            </fieldset>
          );
        })}
        <dl className="cart-total">
          <dt>{t("checkout.goods")}</dt>
          <dd>{formatVnd(goodsVnd, locale)}</dd>
          <dt>{t("checkout.deliveryFee")}</dt>
          <dd data-testid="checkout-fees">{delivery ? formatVnd(feesVnd, locale) : "—"}</dd>
          <dt>{t("cart.total")}</dt>
          <dd>
            <strong data-testid="checkout-total">{formatVnd(goodsVnd + feesVnd, locale)}</strong>
          </dd>
        </dl>
        <h2>{t("checkout.buyer")}</h2>
        <Field label={t("checkout.name")} errors={fields.buyerName.errors} htmlFor={fields.buyerName.id}>
          <input {...getInputProps(fields.buyerName, { type: "text" })} autoComplete="name" />
        </Field>
        <Field label={t("checkout.phone")} errors={fields.buyerPhone.errors} htmlFor={fields.buyerPhone.id}>
          <input {...getInputProps(fields.buyerPhone, { type: "tel" })} autoComplete="tel" />
        </Field>
        <Field
          label={t("checkout.email")}
          hint={t("checkout.emailHint")}
          errors={fields.buyerEmail.errors}
          htmlFor={fields.buyerEmail.id}
        >
          <input {...getInputProps(fields.buyerEmail, { type: "email" })} autoComplete="email" />
        </Field>
        <Field
          label={t("checkout.commune")}
          errors={fields.communeSlug.errors}
          htmlFor={fields.communeSlug.id}
        >
          <select
            {...getSelectProps(fields.communeSlug)}
            onChange={(event) =>
              setSearchParams(event.currentTarget.value ? { xa: event.currentTarget.value } : {}, {
                replace: true,
                preventScrollReset: true,
              })
            }
          >
            <option value="">{t("checkout.communePick")}</option>
            {communes.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
          <button
            type="submit"
            name="intent"
            value="delivery"
            className="button button-secondary"
            formNoValidate
          >
            {t("checkout.deliveryRecompute")}
          </button>
        </Field>
        <Field
          label={t("checkout.address")}
          errors={fields.addressLine.errors}
          htmlFor={fields.addressLine.id}
        >
          <input {...getInputProps(fields.addressLine, { type: "text" })} autoComplete="street-address" />
        </Field>
        <Field label={t("checkout.note")} errors={fields.note.errors} htmlFor={fields.note.id}>
          <textarea {...getTextareaProps(fields.note)} rows={2} />
        </Field>
        <p className="hint">{t("checkout.noAccountNeeded")}</p>
        <button type="submit" className="button">
          {t("checkout.place")}
        </button>
      </Form>
    </section>
  );
}

/** The posted fields as the form's default values ("pay.<id>" → pay[id]; delivery is recomputed). */
function nestPosted(values: Record<string, string>) {
  const pay: Record<string, string> = {};
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (name.startsWith("pay.")) pay[name.slice(4)] = value;
    else if (!name.startsWith("ship.") && name !== "deliveryFor" && name !== "intent") flat[name] = value;
  }
  return { ...flat, pay };
}

/** One seller's delivery radios, cheapest first and preselected; a plain radio list without JavaScript. */
function DeliveryChoices({
  sellerId,
  shop,
  delivery,
  onPick,
}: {
  sellerId: string;
  shop: string;
  delivery: {
    communeName: string;
    bySeller: Record<string, Parameters<typeof DeliveryOptionText>[0]["option"][]>;
  } | null;
  onPick: (feeVnd: number) => void;
}) {
  const t = useT();
  if (!delivery) return <p className="hint">{t("checkout.deliveryPickCommune")}</p>;
  const options = delivery.bySeller[sellerId] ?? [];
  if (options.length === 0) {
    return (
      <p className="error-text" role="alert">
        {t("checkout.deliveryNone", { shop, commune: delivery.communeName })}
      </p>
    );
  }
  return (
    <fieldset className="checkout-delivery">
      <legend>{t("checkout.delivery", { shop })}</legend>
      {options.map((option, index) => (
        <label key={option.key} className="checkbox">
          <input
            type="radio"
            name={`ship.${sellerId}`}
            value={deliveryChoiceValue(option)}
            defaultChecked={index === 0}
            onChange={() => onPick(option.feeVnd)}
          />
          <DeliveryOptionText option={option} />
        </label>
      ))}
    </fieldset>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
