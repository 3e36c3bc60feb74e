// A pickup point's day list, for the volunteers of its team (and admins): the parcels buyers will
// collect, by market day — today, the coming days, then overdue ones — each with the code to ask
// for, the buyer, the shop, and the cash to take. One big button per parcel records the handover
// (a plain form: it works without JavaScript; the page comes back with a short confirmation).
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { formatDate } from "#app/domain/dates.ts";
import { formatVnd } from "#app/domain/money.ts";
import { formatProvinceTime } from "#app/domain/orders-csv.ts";
import {
  ORDER_CODE,
  collectPickup,
  pickupDayList,
  requirePoint,
} from "#app/services/delivery/pickup.server.ts";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { userErrorReply } from "#app/services/http/replies.server.ts";
import { requireUser } from "#app/services/identity/auth.server.ts";
import { siteUrlOf } from "#app/services/orders/buyer-context.server.ts";
import { localeFromRequest, makeT, useLocale, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { FormAlert } from "#app/ui/forms.tsx";
import pickupStyles from "#app/styles/pickup.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: pickupStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Signed out → the sign-in page first, so the URL says nothing about which points exist.
  const user = await requireUser(request);
  const { point } = await requirePoint(user, params.pointId ?? "");
  const days = await pickupDayList(point.id);
  // After a handover the page comes back with ?xong=<code>: the confirmation names the order.
  const done = new URL(request.url).searchParams.get("xong") ?? "";
  return {
    doneCode: ORDER_CODE.test(done) ? done : null,
    title: makeT(localeFromRequest(request))("pickup.title", { name: point.name }),
    point: {
      id: point.id,
      name: point.name,
      addressLine: point.addressLine,
      communeName: point.commune.name,
      hours: point.hours,
      closed: point.closedAt !== null && point.closedAt <= new Date(),
    },
    days,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  { name: "robots", content: "noindex" },
];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { point } = await requirePoint(user, params.pointId ?? "");
  const form = await readFormBody(request);
  // What the button posts: the code printed on the label. Spaces and lower case (someone typing it)
  // are tidied before the pattern check. Built here, not at module level: the pattern lives in a
  // .server module, which the browser bundle never sees.
  const CollectSchema = z.object({
    intent: z.literal("collect"),
    orderCode: z
      .string()
      .max(40)
      .transform((code) => code.replace(/\s/g, "").toUpperCase())
      .pipe(z.string().regex(ORDER_CODE)),
  });
  const parsed = CollectSchema.safeParse({ intent: form.get("intent"), orderCode: form.get("orderCode") });
  if (!parsed.success) {
    const t = makeT(localeFromRequest(request));
    return data({ orderCode: null, formError: t("pickup.error.badForm") }, { status: 400 });
  }
  const { orderCode } = parsed.data;
  try {
    await collectPickup(user, point.id, orderCode, { siteUrl: siteUrlOf(request) });
  } catch (error) {
    return userErrorReply(request, error, { orderCode });
  }
  return redirect(`/diem-nhan/${point.id}?xong=${encodeURIComponent(orderCode)}`);
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Day = Loaded["days"][number];
type Parcel = Day["parcels"][number];

function DayHeading({ day }: { day: Day }) {
  const t = useT();
  const date = formatDate(day.day, useLocale());
  const label =
    day.when === "today"
      ? t("pickup.today", { date })
      : day.when === "overdue"
        ? t("pickup.overdue", { date })
        : t("pickup.day", { date });
  return <h2 className={day.when === "overdue" ? "pickup-overdue" : undefined}>{label}</h2>;
}

function ParcelCard({ parcel, error }: { parcel: Parcel; error: string | null }) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().formData?.get("orderCode") === parcel.code;
  return (
    <li
      className="pickup-parcel"
      data-testid="pickup-parcel"
      data-collected={parcel.collectedAt ? "" : undefined}
    >
      <p className="pickup-code">{parcel.code}</p>
      <p className="pickup-buyer">
        {parcel.buyerName}{" "}
        <a className="pickup-call" href={`tel:${parcel.buyerPhone}`}>
          {parcel.buyerPhoneDisplay}
        </a>
      </p>
      <p className="card-meta">
        {t("pickup.shop", { shop: parcel.shopName })} · {t("pickup.items", { count: parcel.itemCount })}
      </p>
      <p className={`pickup-money pickup-money-${parcel.payment}`} data-testid="pickup-money">
        {parcel.payment === "cod" && parcel.toCollectVnd !== null
          ? t("pickup.cod", { amount: formatVnd(parcel.toCollectVnd, locale) })
          : parcel.payment === "paid"
            ? t("pickup.paid")
            : t("pickup.noCash")}
      </p>
      {parcel.collectedAt ? (
        <p className="ok">
          {t("pickup.collected", { time: formatProvinceTime(parcel.collectedAt, locale) })}
        </p>
      ) : parcel.status === "placed" ? (
        <p className="notice">{t("pickup.waitingSeller")}</p>
      ) : parcel.status === "delivered" ? (
        <p className="card-meta">{t("pickup.delivered")}</p>
      ) : null}
      <FormAlert message={error} />
      {parcel.canCollect ? (
        <Form method="post" className="pickup-form">
          <input type="hidden" name="intent" value="collect" />
          <input type="hidden" name="orderCode" value={parcel.code} />
          <button type="submit" className="button pickup-collect" disabled={busy}>
            {t("pickup.collect")}
          </button>
        </Form>
      ) : null}
    </li>
  );
}

export default function PickupPointDay() {
  const loaded = useLoaderData<typeof loader>();
  const { point, days } = loaded;
  const actionData = useActionData<typeof action>();
  const t = useT();
  const doneCode = actionData ? null : loaded.doneCode;
  // An error about a parcel on the page sits on its card; any other at the top.
  const onCard =
    actionData?.orderCode != null &&
    days.some((d) => d.parcels.some((p) => p.code === actionData.orderCode && p.canCollect));
  return (
    <section className="pickup">
      <h1>{t("pickup.title", { name: point.name })}</h1>
      <p className="card-meta">
        {point.addressLine}, {point.communeName}
        {point.hours ? ` · ${t("pickup.hours", { hours: point.hours })}` : ""}
      </p>
      {point.closed ? <p className="notice">{t("pickup.closed")}</p> : null}
      <p>{t("pickup.intro")}</p>
      {doneCode ? (
        <p className="ok" role="status">
          {t("pickup.collectedDone", { code: doneCode })}
        </p>
      ) : null}
      {actionData && !onCard ? <FormAlert message={actionData.formError} /> : null}
      {days.length === 0 ? <p className="notice">{t("pickup.empty")}</p> : null}
      {days.map((day) => (
        <section key={`${day.when}-${String(day.day)}`} className="pickup-day">
          <DayHeading day={day} />
          <ul className="list-plain pickup-parcels">
            {day.parcels.map((parcel) => (
              <ParcelCard
                key={parcel.code}
                parcel={parcel}
                error={onCard && actionData?.orderCode === parcel.code ? actionData.formError : null}
              />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
