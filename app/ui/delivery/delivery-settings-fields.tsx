// The seller's delivery settings, shared by /shop (edit any time) and the onboarding wizard's
// delivery step (set once with the defaults filled in): zones, the carrier and pickup points.
// Plain inputs, named as DeliverySettingsSchema reads them; errors come from the server's reply.
import { PickupScheduleSchema, type deliverySettingsDefaults } from "#app/domain/delivery.ts";
import { type T, useT } from "#app/i18n/i18n.ts";
import { FormAlert, useErrorText } from "#app/ui/forms.tsx";

type Zone = "own" | "nearby" | "province";
const zoneTitle = {
  own: "shop.delivery.own",
  nearby: "shop.delivery.nearby",
  province: "shop.delivery.province",
} as const;

export type DeliverySettingsView = {
  communes: { slug: string; name: string }[];
  commune: { slug: string; name: string };
  points: {
    id: string;
    name: string;
    addressLine: string;
    hours: string;
    schedule: unknown;
    commune: { name: string };
  }[];
  defaults: ReturnType<typeof deliverySettingsDefaults>;
  carrierAvailable: boolean;
};

export function DeliverySettingsFields({
  settings,
  errors,
}: {
  settings: DeliverySettingsView;
  /** conform's reply errors by field name ("own.fee"; "" for the whole form). */
  errors?: Record<string, string[] | null | undefined> | null;
}) {
  const { communes, commune, points, defaults, carrierAvailable } = settings;
  const t = useT();
  const errorText = useErrorText();
  const zoneFields = (zone: Zone) => {
    const d = defaults[zone];
    const error = errorText(
      ["fee", "freeFrom", "minDays", "maxDays"].flatMap((f) => errors?.[`${zone}.${f}`] ?? []),
    );
    return (
      <fieldset className="delivery-zone" data-testid={`zone-${zone}`}>
        <legend>
          {t(zoneTitle[zone])}
          {zone === "own" ? ` (${commune.name})` : ""}
        </legend>
        <label className="checkbox">
          <input type="checkbox" name={`${zone}.serve`} defaultChecked={d.serve === "on"} />
          {t("shop.delivery.serve")}
        </label>
        <label>
          {t("shop.delivery.fee")}
          <input name={`${zone}.fee`} inputMode="numeric" defaultValue={d.fee} />
        </label>
        <label>
          {t("shop.delivery.freeFrom")}
          <input name={`${zone}.freeFrom`} inputMode="numeric" defaultValue={d.freeFrom} />
        </label>
        <label>
          {t("shop.delivery.minDays")}
          <input name={`${zone}.minDays`} type="number" min={0} max={30} defaultValue={d.minDays} />
        </label>
        <label>
          {t("shop.delivery.maxDays")}
          <input name={`${zone}.maxDays`} type="number" min={0} max={30} defaultValue={d.maxDays} />
        </label>
        {zone === "nearby" ? (
          <label>
            {t("shop.delivery.nearbyCommunes")}
            <select name="nearbyCommunes" multiple size={6} defaultValue={defaults.nearbyCommunes}>
              {communes.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
      </fieldset>
    );
  };
  return (
    <>
      <FormAlert message={errorText(errors?.[""] ?? undefined)} />
      {zoneFields("own")}
      {zoneFields("nearby")}
      {zoneFields("province")}
      <fieldset>
        <legend>{t("delivery.carrier.ghn")}</legend>
        {carrierAvailable ? null : <p className="hint">{t("shop.delivery.carrierOff")}</p>}
        <label className="checkbox">
          <input
            type="checkbox"
            name="carrier"
            defaultChecked={defaults.carrier === "on"}
            disabled={!carrierAvailable}
          />
          {t("shop.delivery.carrier")}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            name="carrierEverywhere"
            defaultChecked={defaults.carrierEverywhere === "on"}
            disabled={!carrierAvailable}
          />
          {t("shop.delivery.carrierEverywhere")}
        </label>
      </fieldset>
      <fieldset data-testid="delivery-points">
        <legend>{t("shop.delivery.points")}</legend>
        {points.map((p) => {
          const schedule = PickupScheduleSchema.safeParse(p.schedule);
          return (
            <div key={p.id} className="delivery-point">
              <label className="checkbox">
                <input
                  type="checkbox"
                  name="points"
                  value={p.id}
                  defaultChecked={defaults.points.includes(p.id)}
                />
                <span>
                  <strong>{p.name}</strong> — {p.addressLine}, {p.commune.name}
                  {schedule.success ? (
                    <span className="hint">
                      {" "}
                      · {t("shop.delivery.pointSchedule", { schedule: scheduleText(schedule.data, t) })}
                      {p.hours ? `, ${p.hours}` : ""}
                    </span>
                  ) : null}
                </span>
              </label>
              <label>
                {t("shop.delivery.pointFee")}
                <input
                  name={`pointFee.${p.id}`}
                  inputMode="numeric"
                  defaultValue={defaults.pointFee[p.id] ?? "0"}
                />
              </label>
            </div>
          );
        })}
      </fieldset>
    </>
  );
}

const weekdayKeys = [
  "weekday.0",
  "weekday.1",
  "weekday.2",
  "weekday.3",
  "weekday.4",
  "weekday.5",
  "weekday.6",
] as const;

/** "phiên chợ mùng 5, 10, 15 âm lịch", "hằng tuần vào thứ Hai, thứ Tư". */
function scheduleText(schedule: ReturnType<typeof PickupScheduleSchema.parse>, t: T) {
  if (schedule.type === "weekly") {
    return t("schedule.weekly", {
      days: schedule.days.map((d) => t(weekdayKeys[d]!)).join(", "),
    });
  }
  return t(`schedule.${schedule.type}`, { days: schedule.days.join(", ") });
}
