// The cart: lines grouped by seller (each seller becomes its own order), quantities in each
// product's unit and step, and what changed since the buyer added them. Plain forms: works without
// JavaScript.
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CartAddSchema, CartRemoveSchema, type CartProblem } from "#app/domain/checkout.ts";
import { formatVnd } from "#app/domain/money.ts";
import { formatQuantity, unitLabel } from "#app/domain/units.ts";
import { cartOwner } from "#app/services/orders/buyer-context.server.ts";
import {
  acceptCartChanges,
  addToCart,
  getCartView,
  removeFromCart,
  setCartQuantity,
  setGuestCartCookie,
} from "#app/services/orders/cart.server.ts";
import { localeFromRequest, makeT, useLocale, useT } from "#app/i18n/i18n.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { isMessageKey } from "#app/i18n/messages.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { FormAlert } from "#app/ui/forms.tsx";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const cart = await getCartView(await cartOwner(request));
  const t = makeT(localeFromRequest(request));
  // Sent here by a checkout that could not be placed (see thanh-toan.tsx): say why. Only a product in
  // this cart can be named, so a crafted link cannot put words on the page.
  const params = new URL(request.url).searchParams;
  const soldOut = cart.lines.find((l) => l.productId === params.get("het-hang"));
  const checkoutNotice = soldOut
    ? t("checkout.error.soldOut", { product: soldOut.name })
    : params.has("thay-doi")
      ? t("checkout.error.changed")
      : null;
  return { cart, checkoutNotice, title: t("cart.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  { name: "robots", content: "noindex" },
];

export async function action({ request }: ActionFunctionArgs) {
  const owner = await cartOwner(request);
  const formData = await readFormBody(request);
  const intent = formData.get("intent");
  const t = makeT(localeFromRequest(request));
  const fail = (message: string) => data({ formError: message }, { status: 400 });
  try {
    if (intent === "accept") {
      await acceptCartChanges(owner);
      return redirect("/gio-hang");
    }
    if (intent === "remove") {
      const submission = parseWithZod(formData, { schema: CartRemoveSchema });
      if (submission.status !== "success") return fail(t("cart.error.unknownProduct"));
      await removeFromCart(owner, submission.value.productId);
      return redirect("/gio-hang");
    }
    if (intent !== "add" && intent !== "update") return fail(t("cart.error.unknownProduct"));
    const submission = parseWithZod(formData, { schema: CartAddSchema });
    if (submission.status !== "success") {
      const first = Object.values(submission.error ?? {}).flat()[0];
      return fail(t(isMessageKey(first) ? first : "cart.error.quantity"));
    }
    const { productId, quantity } = submission.value;
    if (intent === "update") {
      await setCartQuantity(owner, productId, quantity);
      return redirect("/gio-hang");
    }
    const added = await addToCart(owner, productId, quantity);
    const headers = added.created ? { "Set-Cookie": await setGuestCartCookie(added.cartId) } : undefined;
    return redirect("/gio-hang", { headers });
  } catch (error) {
    return userErrorReply(request, error);
  }
}

function problemText(p: CartProblem, t: ReturnType<typeof useT>, locale: Locale) {
  switch (p.kind) {
    case "unavailable":
      return t("cart.problem.unavailable", { product: p.name });
    case "priceChanged":
      return t("cart.problem.priceChanged", {
        product: p.name,
        from: formatVnd(p.fromVnd, locale),
        to: formatVnd(p.toVnd, locale),
      });
    case "notEnoughStock":
      return t("cart.problem.notEnoughStock", {
        product: p.name,
        available: formatQuantity(p.availableMilli, locale),
      });
    case "offStep":
      return t("cart.problem.offStep", { product: p.name, step: formatQuantity(p.stepMilli, locale) });
  }
}

export default function CartPage() {
  const { cart, checkoutNotice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <section className="cart-page">
      <h1>{t("cart.title")}</h1>
      <FormAlert message={actionData?.formError ?? checkoutNotice} />
      {cart.lines.length === 0 ? (
        <p>
          {t("cart.empty")} <Link to="/">{t("cart.continue")}</Link>
        </p>
      ) : (
        <>
          {cart.problems.length ? (
            <div className="notice" role="status" data-testid="cart-problems">
              <p>{t("cart.problemsTitle")}</p>
              <ul>
                {cart.problems.map((p) => (
                  <li key={`${p.kind}-${p.productId}`}>{problemText(p, t, locale)}</li>
                ))}
              </ul>
              <Form method="post">
                <button type="submit" name="intent" value="accept" className="button">
                  {t("cart.acceptChanges")}
                </button>
              </Form>
            </div>
          ) : null}
          {cart.groups.map((group) => (
            <section key={group.seller.id} className="cart-group" aria-label={group.seller.displayName}>
              <h2>{t("cart.from", { shop: group.seller.displayName })}</h2>
              <ul className="cart-lines">
                {group.lines.map((line) => {
                  const unit = unitLabel(line.unit, locale);
                  return (
                    <li key={line.id} className="cart-line" data-testid="cart-line">
                      <Link to={line.url} className="cart-line-name">
                        {line.name}
                      </Link>
                      <span className="card-meta">
                        {formatVnd(line.priceVnd, locale)} / {unit}
                      </span>
                      <Form method="post" className="inline-form cart-qty">
                        <input type="hidden" name="productId" value={line.productId} />
                        <label>
                          <span className="visually-hidden">{t("cart.quantity", { unit })}</span>
                          <input
                            name="quantity"
                            type="text"
                            inputMode="decimal"
                            size={5}
                            defaultValue={formatQuantity(line.quantityMilli, locale)}
                            aria-label={t("cart.quantity", { unit })}
                          />
                        </label>
                        <span>{unit}</span>
                        <button type="submit" name="intent" value="update" className="link-button">
                          {t("cart.update")}
                        </button>
                      </Form>
                      <strong>{formatVnd(line.lineTotalVnd, locale)}</strong>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="productId" value={line.productId} />
                        <button type="submit" name="intent" value="remove" className="link-button">
                          {t("cart.remove")}
                        </button>
                      </Form>
                    </li>
                  );
                })}
              </ul>
              <p className="cart-subtotal">
                {t("cart.subtotal")}: <strong>{formatVnd(group.subtotalVnd, locale)}</strong>
              </p>
            </section>
          ))}
          <p className="cart-total">
            {t("cart.total")}: <strong data-testid="cart-total">{formatVnd(cart.totalVnd, locale)}</strong>
          </p>
          {cart.problems.length === 0 ? (
            <Link to="/thanh-toan" className="button">
              {t("cart.checkout")}
            </Link>
          ) : null}
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
