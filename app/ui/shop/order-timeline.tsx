// An order's history as the shop reads it: one line per step, with its time in the province's zone.
import type { OrderEvent } from "#app/domain/orders.ts";
import { formatProvinceTime } from "#app/domain/orders-csv.ts";
import { useLocale, useT, type T } from "#app/i18n/i18n.ts";

function describe(event: OrderEvent, t: T): { label: string; detail?: string } {
  switch (event.kind) {
    case "shipped":
      return {
        label: t("shopOrders.event.shipped"),
        detail: event.deliveryNote ? t("order.deliveryNote", { note: event.deliveryNote }) : undefined,
      };
    case "paid":
      return { label: t("shopOrders.event.paid"), detail: t(`order.method.${event.paymentMethod}`) };
    case "cancelled":
      return {
        label: event.by
          ? `${t("shopOrders.event.cancelled")} · ${t(`shopOrders.cancelledBy.${event.by}`)}`
          : t("shopOrders.event.cancelled"),
        detail: event.reason ? t("order.cancelReason", { reason: event.reason }) : undefined,
      };
    case "refunded":
      return {
        label: t("shopOrders.event.refunded"),
        detail: event.reason ? t("shopOrders.refundReason", { reason: event.reason }) : undefined,
      };
    default:
      return { label: t(`shopOrders.event.${event.kind}`) };
  }
}

export function OrderTimeline({ events }: { events: readonly OrderEvent[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ol className="shop-timeline" data-testid="order-timeline">
      {events.map((event) => {
        const { label, detail } = describe(event, t);
        return (
          <li key={event.kind}>
            <time dateTime={event.at.toISOString()}>{formatProvinceTime(event.at, locale)}</time>
            {label}
            {detail ? (
              <>
                <br />
                <span className="card-meta">{detail}</span>
              </>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
