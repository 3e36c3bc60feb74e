import { QRPay } from "vietnam-qr-pay";
import { describe, expect, it } from "vitest";
import { vietQrPayload, vietQrSvg } from "./vietqr.server.ts";

describe("VietQR for a bank transfer", () => {
  const input = {
    bankBin: "970436",
    accountNumber: "0071000123456",
    amountVnd: 337_500,
    note: "CP7K3M9QXA-2",
  };

  it("holds the seller's bank, account, the exact amount and the order code", () => {
    const parsed = new QRPay(vietQrPayload(input));
    expect(parsed.isValid).toBe(true);
    expect(parsed.consumer.bankBin).toBe("970436");
    expect(parsed.consumer.bankNumber).toBe("0071000123456");
    expect(parsed.amount).toBe("337500");
    expect(parsed.currency).toBe("704"); // VND
    expect(parsed.additionalData.purpose).toBe("CP7K3M9QXA-2");
  });

  it("draws an SVG QR code", async () => {
    const { svg } = await vietQrSvg(input);
    expect(svg).toMatch(/^<svg[^>]+viewBox/);
  });
});
