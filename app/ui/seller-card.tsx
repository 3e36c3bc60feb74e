import { Link } from "@remix-run/react";
import { sellerUrl } from "#app/domain/urls.ts";
import { useT } from "#app/i18n/i18n.ts";

export type SellerCardData = {
  slug: string;
  displayName: string;
  kind: "household" | "startup";
  story: string;
  commune: { name: string };
  _count: { products: number };
};

export function SellerList({ sellers }: { sellers: SellerCardData[] }) {
  const t = useT();
  return (
    <ul className="seller-list">
      {sellers.map((s) => (
        <li key={s.slug} className="seller-card">
          <h3>
            <Link to={sellerUrl(s.slug)}>{s.displayName}</Link>
          </h3>
          <p className="card-meta">
            {t(s.kind === "household" ? "seller.household" : "seller.startup")} · {s.commune.name} ·{" "}
            {t("product.productsCount", { count: s._count.products })}
          </p>
          <p className="clamp">{s.story}</p>
        </li>
      ))}
    </ul>
  );
}
