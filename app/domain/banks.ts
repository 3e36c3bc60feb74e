// Banks that take VietQR transfers, from the vietnam-qr-pay package's list (names, BINs).
import { BanksObject } from "vietnam-qr-pay";

export type Bank = { bin: string; shortName: string; name: string };

export const vietQrBanks: Bank[] = Object.values(BanksObject)
  .filter((b) => b.vietQRStatus === 1 && /^\d{6}$/.test(b.bin))
  .map((b) => ({ bin: b.bin, shortName: b.shortName, name: b.name }))
  .sort((a, b) => a.shortName.localeCompare(b.shortName, "vi"));

export function bankByBin(bin: string | null | undefined) {
  return vietQrBanks.find((b) => b.bin === bin) ?? null;
}
