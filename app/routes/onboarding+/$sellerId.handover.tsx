// The volunteer hands an approved shop over: a one-time invite code for the seller's own sign-in,
// shown once (never stored in clear) as a big code, a QR code and a printable card.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatDate } from "#app/domain/dates.ts";
import { formatVietnamesePhone } from "#app/domain/phone.ts";
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import { getOnboardingSeller, requireSellerAccess } from "#app/services/onboarding/wizard.server.ts";
import { createInvite, INVITE_TTL_MS } from "#app/services/onboarding/handover.server.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { getEnv } from "#app/services/platform/env.server.ts";
import { readFormBody } from "#app/services/http/request-body.server.ts";
import { notFound, userErrorReply } from "#app/services/http/replies.server.ts";

const HandoverSchema = z.object({ intent: z.literal("create-invite") });

const inviteDays = Math.round(INVITE_TTL_MS / (24 * 60 * 60 * 1000));

function sellerIdOf(params: LoaderFunctionArgs["params"]) {
  const sellerId = params.sellerId;
  if (!sellerId) throw notFound();
  return sellerId;
}

async function sellerSummary(sellerId: string) {
  const seller = await getOnboardingSeller(sellerId);
  return {
    id: seller.id,
    displayName: seller.displayName,
    contactName: seller.contactName,
    phone: formatVietnamesePhone(seller.phone),
    status: seller.status,
    owned: Boolean(seller.ownerId),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const sellerId = sellerIdOf(params);
  await requireSellerAccess(request, sellerId);
  const t = makeT(localeFromRequest(request));
  return { title: t("handover.title"), seller: await sellerSummary(sellerId) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  { name: "robots", content: "noindex" },
];

// A one-time code may be on this page (after the action): no cache, shared or private, keeps it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function action({ request, params }: ActionFunctionArgs) {
  const sellerId = sellerIdOf(params);
  const volunteer = await requireSellerAccess(request, sellerId);
  const submission = parseWithZod(await readFormBody(request), { schema: HandoverSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), invite: null }, { status: 400 });
  }
  let code: string;
  try {
    code = await createInvite(volunteer, sellerId);
  } catch (error) {
    return userErrorReply(request, error, { result: submission.reply(), invite: null });
  }
  const seller = await sellerSummary(sellerId);
  // PUBLIC_URL, not the request's Host: the printed card must lead to this site.
  const url = `${getEnv().publicUrl}/moi/${code}`;
  // Imported here, inside the action, so the QR encoder stays out of the browser bundle.
  const { default: QRCode } = await import("qrcode");
  const qrSvg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return data(
    {
      result: submission.reply({ resetForm: true }),
      invite: {
        code,
        url,
        qrSvg,
        phone: seller.phone,
        contactName: seller.contactName,
        shop: seller.displayName,
        expiresAt: new Date(Date.now() + INVITE_TTL_MS).toISOString(),
      },
    },
    // The code is in this response only: keep it out of every cache.
    { headers: { "Cache-Control": "no-store" } },
  );
}

// Only the card prints; the rest of the page (header, buttons, notes) is hidden on paper.
const cardStyles = `
.handover-card { border: 2px dashed #14613b; border-radius: 12px; padding: 1.25rem; max-width: 34rem; margin: 1rem 0; background: #fff; color: #000; }
.handover-card h2 { margin: 0 0 0.25rem; font-size: 1.4rem; }
.handover-card .qr { width: 14rem; max-width: 100%; margin: 0.75rem 0; }
.handover-card .qr svg { display: block; width: 100%; height: auto; }
.handover-card dl { margin: 0.5rem 0; }
.handover-card dt { font-weight: 600; margin-top: 0.6rem; }
.handover-card dd { margin: 0; }
.handover-card .invite-code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 2.4rem; font-weight: 700; letter-spacing: 0.12em; word-break: break-all; }
.handover-card .invite-phone { font-size: 1.6rem; font-weight: 700; }
.handover-card .invite-link { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 1rem; word-break: break-all; }
.handover-card .steps { font-size: 1.15rem; margin-top: 0.9rem; }
@media print {
  @page { margin: 12mm; }
  .site-header, .site-footer, .skip-link, .no-print { display: none !important; }
  body * { visibility: hidden; }
  .handover-card, .handover-card * { visibility: visible; }
  .handover-card { position: absolute; left: 0; top: 0; margin: 0; width: 16cm; max-width: 100%; border-color: #000; }
}
`;

export default function HandoverPage() {
  const { seller } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form] = useForm({
    id: "handover",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HandoverSchema }),
  });
  const invite = actionData?.invite ?? null;
  const serverError = actionData && "formError" in actionData ? String(actionData.formError) : null;
  const formError = serverError ?? form.errors?.[0];
  const canCreate = seller.status === "approved" && !seller.owned;
  return (
    <section>
      <style dangerouslySetInnerHTML={{ __html: cardStyles }} />
      <h1 className="no-print">{t("handover.title")}</h1>
      <dl className="no-print">
        <dt>{t("handover.shop")}</dt>
        <dd>{seller.displayName}</dd>
        <dt>{t("handover.contact")}</dt>
        <dd>{seller.contactName}</dd>
        <dt>{t("handover.phone")}</dt>
        <dd>{seller.phone}</dd>
        <dt>{t("handover.status")}</dt>
        <dd>
          <span className="chip" data-testid="seller-status">
            {t(`sellerStatus.${seller.status}`)}
          </span>
        </dd>
      </dl>

      {formError ? (
        <p className="alert no-print" role="alert" id={form.errorId}>
          {formError}
        </p>
      ) : null}

      {invite ? (
        <>
          <p className="notice no-print" role="status">
            {t("handover.created")}
          </p>
          <InviteCard invite={invite} />
          <p className="no-print">
            <button type="button" className="button" onClick={() => window.print()}>
              {t("handover.print")}
            </button>{" "}
            <span className="hint">{t("handover.printHint")}</span>
          </p>
        </>
      ) : seller.owned ? (
        <p className="notice">{t("handover.owned")}</p>
      ) : seller.status !== "approved" ? (
        <p className="notice">{t("handover.waitForApproval")}</p>
      ) : (
        <p>{t("handover.intro")}</p>
      )}

      {canCreate ? (
        <Form method="post" className="form no-print" {...getFormProps(form)}>
          <p className="hint">{t("handover.createHint", { days: inviteDays })}</p>
          {/* Once a card is on screen, a new one is the rarer need: a quiet link, not the main button. */}
          <button
            type="submit"
            name="intent"
            value="create-invite"
            className={invite ? "link-button" : "button"}
          >
            {invite ? t("handover.createAnother") : t("handover.create")}
          </button>
        </Form>
      ) : null}

      <p className="no-print">
        <Link to="/onboarding">{t("handover.back")}</Link>
      </p>
    </section>
  );
}

type Invite = {
  code: string;
  url: string;
  qrSvg: string;
  phone: string;
  contactName: string;
  shop: string;
  expiresAt: string;
};

/** The card the seller keeps: written for them, so always in Vietnamese whatever the page language. */
function InviteCard({ invite }: { invite: Invite }) {
  const t = makeT("vi");
  return (
    <article className="handover-card" lang="vi" data-testid="invite-card">
      <h2>{t("handover.card.title")}</h2>
      <p>{t("handover.card.greeting", { name: invite.contactName, shop: invite.shop })}</p>
      <div
        className="qr"
        role="img"
        aria-label={t("handover.card.qrAlt")}
        // Generated on the server by the qrcode library from our own URL.
        dangerouslySetInnerHTML={{ __html: invite.qrSvg }}
      />
      <dl>
        <dt>{t("handover.card.code")}</dt>
        <dd className="invite-code">{invite.code}</dd>
        <dt>{t("handover.card.phone")}</dt>
        <dd className="invite-phone">{invite.phone}</dd>
        <dt>{t("handover.card.link")}</dt>
        <dd className="invite-link">{invite.url}</dd>
      </dl>
      <p className="steps">{t("handover.card.steps")}</p>
      <p>{t("handover.card.expires", { date: formatDate(invite.expiresAt, "vi") })}</p>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
