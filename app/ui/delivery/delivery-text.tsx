// How a delivery choice reads, at checkout and on orders: what it is, when, and what it costs.
import type { DeliveryOption } from "#app/domain/delivery.ts";
import { formatDate } from "#app/domain/dates.ts";
import { formatVnd } from "#app/domain/money.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";

export function useLeadTime() {
  const t = useT();
  return (minDays: number, maxDays: number) =>
    maxDays === 0
      ? t("delivery.lead.sameDay")
      : minDays === maxDays
        ? t("delivery.lead.day", { n: maxDays })
        : t("delivery.lead.days", { min: minDays, max: maxDays });
}

/** The words of a radio at checkout: "Người bán tự giao trong xã · 0–1 ngày — 15.000 ₫". */
export function DeliveryOptionText({ option }: { option: DeliveryOption }) {
  const t = useT();
  const locale = useLocale();
  const lead = useLeadTime();
  const fee = option.feeVnd === 0 ? t("delivery.free") : formatVnd(option.feeVnd, locale);
  switch (option.kind) {
    case "zone":
      return (
        <span>
          {t(`delivery.zone.${option.zone}`)} · {lead(option.minDays, option.maxDays)} —{" "}
          <strong>{fee}</strong>
          {option.freeFromVnd !== null && option.feeVnd > 0 ? (
            <span className="hint">
              {" "}
              ({t("delivery.freeFrom", { amount: formatVnd(option.freeFromVnd, locale) })})
            </span>
          ) : null}
        </span>
      );
    case "pickup":
      return (
        <span>
          {t("delivery.pickup", { point: option.name })} — <strong>{fee}</strong>
          <br />
          <span className="hint">
            {option.addressLine}, {option.communeName} ·{" "}
            {t("delivery.pickupOn", { date: formatDate(option.pickupOn, locale) })}
            {option.hours ? `, ${option.hours}` : ""}
          </span>
        </span>
      );
    case "carrier":
      return (
        <span>
          {t("delivery.carrier.ghn")} · {lead(option.minDays, option.maxDays)} — <strong>{fee}</strong>
        </span>
      );
  }
}

/** What an order says about its delivery, from the rule stored on it. */
export function OrderDeliveryText({
  order,
}: {
  order: {
    deliveryMethod: "seller" | "pickup" | "carrier";
    deliveryFeeVnd: number;
    deliveryRule: unknown;
    pickupOn: Date | string | null;
    pickupPoint: { name: string; addressLine: string; hours: string; commune: { name: string } } | null;
    carrierTrackingCode?: string | null;
  };
}) {
  const t = useT();
  const locale = useLocale();
  const lead = useLeadTime();
  const fee = order.deliveryFeeVnd === 0 ? t("delivery.free") : formatVnd(order.deliveryFeeVnd, locale);
  const rule = (order.deliveryRule ?? {}) as {
    zone?: "own" | "nearby" | "province";
    minDays?: number;
    maxDays?: number;
  };
  let what: string;
  if (order.deliveryMethod === "pickup" && order.pickupPoint) {
    const p = order.pickupPoint;
    what = `${t("delivery.pickup", { point: p.name })} (${p.addressLine}, ${p.commune.name})`;
    if (order.pickupOn) what += ` · ${t("delivery.pickupOn", { date: formatDate(order.pickupOn, locale) })}`;
    if (p.hours) what += `, ${p.hours}`;
  } else if (order.deliveryMethod === "carrier") {
    what = t("delivery.carrier.ghn");
    if (order.carrierTrackingCode) what += ` · ${order.carrierTrackingCode}`;
  } else {
    what = rule.zone ? t(`delivery.zone.${rule.zone}`) : t("delivery.zone.own");
    if (rule.minDays !== undefined && rule.maxDays !== undefined)
      what += ` · ${lead(rule.minDays, rule.maxDays)}`;
  }
  return (
    <span data-testid="order-delivery">
      {what} — {t("order.deliveryFee")}: <strong>{fee}</strong>
    </span>
  );
}
