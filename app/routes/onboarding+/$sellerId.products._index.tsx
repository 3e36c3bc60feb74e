// Step 5: the shop's products.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatVnd } from "#app/domain/money.ts";
import { formatQuantity, unitLabel } from "#app/domain/units.ts";
import { getOnboardingSeller, requireSellerAccess } from "#app/services/onboarding/wizard.server.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSellerAccess(request, params.sellerId ?? "");
  const seller = await getOnboardingSeller(params.sellerId!);
  return { sellerId: seller.id, products: seller.products, editable: seller.editable };
}

export default function ProductsStep() {
  const { sellerId, products, editable } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {products.length === 0 ? <p className="notice">{t("onboarding.products.none")}</p> : null}
      <ul className="list-plain" data-testid="wizard-products">
        {products.map((p) => (
          <li key={p.id} className="seller-card">
            <strong>{p.name}</strong> — {formatVnd(p.priceVnd, locale)} / {unitLabel(p.unit, locale)} ·{" "}
            {formatQuantity(p.stockMilli, locale)} ·{" "}
            {t("onboarding.products.photos", { count: p._count.images })}{" "}
            {editable ? (
              <Link to={`/onboarding/${sellerId}/products/${p.id}`}>{t("onboarding.products.edit")}</Link>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <p>
          <Link className="button" to={`/onboarding/${sellerId}/products/new`}>
            {t("onboarding.products.add")}
          </Link>{" "}
          <Link to={`/onboarding/${sellerId}/review`}>{t("onboarding.continue")}</Link>
        </p>
      ) : null}
    </>
  );
}
