// Bank transfer by VietQR: the NAPAS payload (bank, account, exact amount and the order code as the
// transfer note) encoded by `vietnam-qr-pay`, drawn as an SVG QR code. Every Vietnamese banking app
// reads it and pre-fills the transfer, so the buyer only confirms.
import QRCode from "qrcode";
import { QRPay } from "vietnam-qr-pay";

export type VietQrInput = { bankBin: string; accountNumber: string; amountVnd: number; note: string };

/** The payload string (what the QR code holds), checked by parsing it back. */
export function vietQrPayload({ bankBin, accountNumber, amountVnd, note }: VietQrInput) {
  const qr = QRPay.initVietQR({
    bankBin,
    bankNumber: accountNumber,
    amount: String(amountVnd),
    // Banks strip accents and most punctuation from transfer notes; the order code survives as is.
    purpose: note,
  });
  const payload = qr.build();
  if (!new QRPay(payload).isValid) throw new Error(`Invalid VietQR payload for bank ${bankBin}`);
  return payload;
}

export async function vietQrSvg(input: VietQrInput) {
  const payload = vietQrPayload(input);
  const svg = await QRCode.toString(payload, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { payload, svg };
}
