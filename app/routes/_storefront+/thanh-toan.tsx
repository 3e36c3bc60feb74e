// Checkout: who receives the order and where, and how each seller is paid. No account needed.
// The form carries a fingerprint of the quantities and prices shown, so the order is placed for
// exactly what the buyer saw or not at all.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
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

export async function loader({ request }: LoaderFunctionArgs) {
  const [cart, user] = await Promise.all([getCartView(await cartOwner(request)), getUser(request)]);
  if (cart.lines.length === 0 || cart.problems.length > 0) throw redirect("/gio-hang");
  const cardEnabled = cardPaymentsFromEnv(getEnv()) !== null;
  const communes = await getDb().commune.findMany({
    select: { slug: true, name: true },
    orderBy: { name: "asc" },
  });
  return {
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
  const { communes, groups, totalVnd, fingerprint, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "checkout",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CheckoutSchema }),
    shouldValidate: "onBlur",
    defaultValue: {
      ...defaults,
      pay: Object.fromEntries(groups.map((g) => [g.seller.id, g.methods[0] ?? ""])),
    },
  });
  const payFields = fields.pay.getFieldset();
  return (
    <section className="checkout-page">
      <h1>{t("checkout.title")}</h1>
      <Form method="post" className="form form-wide" {...getFormProps(form)}>
        <FormAlert message={actionData?.formError ?? form.errors?.[0]} />
        <input type="hidden" name="fingerprint" value={fingerprint} />
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
            </fieldset>
          );
        })}
        <p className="cart-total">
          {t("cart.total")}: <strong>{formatVnd(totalVnd, locale)}</strong>
        </p>
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
          <select {...getSelectProps(fields.communeSlug)}>
            <option value="">{t("checkout.communePick")}</option>
            {communes.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
