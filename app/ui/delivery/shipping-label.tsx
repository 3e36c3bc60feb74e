// An A6 delivery label: the order code as a QR code and in big letters, sender and receiver, the cash
// to collect and how the parcel travels. Pure (props in); labels.css lays it out on a phone screen and
// one per printed page. The print button is the only scripted part; without JavaScript the hint says
// how to print from the browser.
import type { ReactNode } from "react";
import { formatVnd } from "#app/domain/money.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";
import { OrderDeliveryText } from "#app/ui/delivery/delivery-text.tsx";

type Party = { phone: string; phoneDisplay: string; addressLine: string; communeName: string };

export type ShippingLabelProps = {
  code: string;
  /** The order code as an SVG QR code, drawn on the server. */
  qrSvg: string;
  sender: Party & { shopName: string; contactName: string };
  receiver: Party & { name: string };
  /** Goods and delivery to collect in cash; null when nothing is collected. */
  codVnd: number | null;
  /** Paid already (so the courier collects nothing). Unpaid and not COD: a transfer not yet seen. */
  paid: boolean;
  delivery: Parameters<typeof OrderDeliveryText>[0]["order"];
  buyerNote: string;
  deliveryNote: string | null;
};

function Address({ party }: { party: Party }) {
  return (
    <p className="label-address">
      {party.addressLine ? `${party.addressLine}, ` : ""}
      {party.communeName}
    </p>
  );
}

export function ShippingLabel({ label }: { label: ShippingLabelProps }) {
  const t = useT();
  const locale = useLocale();
  const { sender, receiver } = label;
  return (
    <article className="label" aria-label={t("label.title", { code: label.code })} data-testid="label">
      <header className="label-head">
        <div
          className="label-qr"
          role="img"
          aria-label={label.code}
          // The SVG is made on the server by `qrcode` from the order code alone.
          dangerouslySetInnerHTML={{ __html: label.qrSvg }}
        />
        <h2 className="label-code" data-testid="label-code">
          {label.code}
        </h2>
      </header>

      <section className="label-part label-to">
        <h3>{t("label.to")}</h3>
        <p className="label-name">{receiver.name}</p>
        <p className="label-phone">
          <a href={`tel:${receiver.phone}`}>{receiver.phoneDisplay}</a>
        </p>
        <Address party={receiver} />
      </section>

      <p className={label.codVnd === null ? "label-cod label-paid" : "label-cod"} data-testid="label-cod">
        {label.codVnd !== null
          ? t("label.cod", { amount: formatVnd(label.codVnd, locale) })
          : label.paid
            ? t("label.noCod")
            : t("label.noCodUnpaid")}
      </p>

      <section className="label-part label-from">
        <h3>{t("label.from")}</h3>
        <p className="label-name">{sender.shopName}</p>
        <p>
          {sender.contactName} · <a href={`tel:${sender.phone}`}>{sender.phoneDisplay}</a>
        </p>
        <Address party={sender} />
      </section>

      <p className="label-delivery">
        <OrderDeliveryText order={label.delivery} />
      </p>
      {label.buyerNote ? <p className="label-note">{t("label.note", { note: label.buyerNote })}</p> : null}
      {label.deliveryNote ? (
        <p className="label-note">{t("label.deliveryNote", { note: label.deliveryNote })}</p>
      ) : null}
    </article>
  );
}

/** "In nhãn": the browser's print dialog (a phone shares it to a printer or saves a PDF). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button js-only" onClick={() => window.print()}>
      {label}
    </button>
  );
}

/** The print button and the hint for printing without it; none of it is printed. */
export function LabelTools({ label, children }: { label: string; children?: ReactNode }) {
  const t = useT();
  return (
    <div className="label-tools">
      {children}
      <p className="label-print">
        <PrintButton label={label} /> <span className="hint">{t("label.hint")}</span>
      </p>
    </div>
  );
}
