// What GHN prices on, for each of the 65 communes of Khánh Hòa (since 1 July 2025). GHN's API still
// keys fees and lead times on the OLD three-level units (district ID + ward code, as listed by its
// /shiip/public-api/master-data/district and /master-data/ward), so each new commune is sent as its
// former district (`formerDistrict` in prisma/seed/data/khanh-hoa-communes.json) and one
// representative old ward: the first of `mergedFrom` that came over whole (not in `partialFrom`).
// Merged Khánh Hòa + Ninh Thuận: the Ninh Thuận districts stay under GHN's old Ninh Thuận province.
//
// THE GHN IDs BELOW ARE PLACEHOLDERS. GHN's district IDs and ward codes for Khánh Hòa and Ninh Thuận
// could not be found in any public source we could read (GHN's docs only show Hồ Chí Minh/Hà Nội
// examples; the GSO codes some sites print, e.g. Nha Trang 568, are not GHN's IDs). They are shaped so
// nobody mistakes them for real ones: district IDs 990xx (GHN's are four-digit, e.g. 1442) and ward
// codes starting with "X". Fill them in with `npx tsx scripts/ghn-areas.ts` (needs GHN_TOKEN), which
// reads GHN's master data and prints this table; until then GHN itself refuses these areas, and only
// the fake (tests/fakes/ghn-fake.ts) accepts them. docs/decisions/013-carrier-port-and-ghn.md.
//
// Trường Sa (islands) is left out: no parcel service there is assumed, so it is "unknown_area".
import { CarrierError } from "./carrier-port.server.ts";

export type OldProvince = "Khánh Hòa" | "Ninh Thuận";

/** What GHN's fee, lead-time and create endpoints take for a place. */
export type GhnArea = { districtId: number; wardCode: string };

type AreaEntry = {
  district: keyof typeof DISTRICTS;
  /** The representative old ward (bare name, no Phường/Xã/Thị trấn), for people and the script. */
  ward: string;
  wardCode: string;
};

/** False once scripts/ghn-areas.ts has written GHN's real IDs into this file. */
export const GHN_AREA_IDS_ARE_PLACEHOLDERS = true;

const DISTRICTS = {
  "Nha Trang": { province: "Khánh Hòa", districtId: 99001 },
  "Cam Ranh": { province: "Khánh Hòa", districtId: 99002 },
  "Ninh Hòa": { province: "Khánh Hòa", districtId: 99003 },
  "Vạn Ninh": { province: "Khánh Hòa", districtId: 99004 },
  "Diên Khánh": { province: "Khánh Hòa", districtId: 99005 },
  "Cam Lâm": { province: "Khánh Hòa", districtId: 99006 },
  "Khánh Vĩnh": { province: "Khánh Hòa", districtId: 99007 },
  "Khánh Sơn": { province: "Khánh Hòa", districtId: 99008 },
  "Phan Rang–Tháp Chàm": { province: "Ninh Thuận", districtId: 99010 },
  "Ninh Hải": { province: "Ninh Thuận", districtId: 99011 },
  "Thuận Bắc": { province: "Ninh Thuận", districtId: 99012 },
  "Ninh Sơn": { province: "Ninh Thuận", districtId: 99013 },
  "Bác Ái": { province: "Ninh Thuận", districtId: 99014 },
  "Ninh Phước": { province: "Ninh Thuận", districtId: 99015 },
  "Thuận Nam": { province: "Ninh Thuận", districtId: 99016 },
} as const satisfies Record<string, { province: OldProvince; districtId: number }>;

const AREAS: Record<string, AreaEntry | null> = {
  "nha-trang": { district: "Nha Trang", ward: "Vạn Thạnh", wardCode: "X0101" },
  "bac-nha-trang": { district: "Nha Trang", ward: "Vĩnh Hòa", wardCode: "X0102" },
  "tay-nha-trang": { district: "Nha Trang", ward: "Ngọc Hiệp", wardCode: "X0103" },
  "nam-nha-trang": { district: "Nha Trang", ward: "Phước Hải", wardCode: "X0104" },
  "bac-cam-ranh": { district: "Cam Ranh", ward: "Cam Nghĩa", wardCode: "X0201" },
  "cam-ranh": { district: "Cam Ranh", ward: "Cam Phú", wardCode: "X0202" },
  "cam-linh": { district: "Cam Ranh", ward: "Cam Thuận", wardCode: "X0203" },
  "ba-ngoi": { district: "Cam Ranh", ward: "Ba Ngòi", wardCode: "X0204" },
  "nam-cam-ranh": { district: "Cam Ranh", ward: "Cam Lập", wardCode: "X0205" },
  "ninh-hoa": { district: "Ninh Hòa", ward: "Ninh Hiệp", wardCode: "X0301" },
  "dong-ninh-hoa": { district: "Ninh Hòa", ward: "Ninh Diêm", wardCode: "X0302" },
  "hoa-thang": { district: "Ninh Hòa", ward: "Ninh Giang", wardCode: "X0303" },
  "bac-ninh-hoa": { district: "Ninh Hòa", ward: "Ninh An", wardCode: "X0304" },
  "tan-dinh": { district: "Ninh Hòa", ward: "Ninh Xuân", wardCode: "X0305" },
  "nam-ninh-hoa": { district: "Ninh Hòa", ward: "Ninh Lộc", wardCode: "X0306" },
  "tay-ninh-hoa": { district: "Ninh Hòa", ward: "Ninh Tây", wardCode: "X0307" },
  "hoa-tri": { district: "Ninh Hòa", ward: "Ninh Thượng", wardCode: "X0308" },
  "dai-lanh": { district: "Vạn Ninh", ward: "Vạn Thạnh", wardCode: "X0401" },
  "tu-bong": { district: "Vạn Ninh", ward: "Vạn Khánh", wardCode: "X0402" },
  "van-thang": { district: "Vạn Ninh", ward: "Vạn Bình", wardCode: "X0403" },
  "van-ninh": { district: "Vạn Ninh", ward: "Vạn Giã", wardCode: "X0404" },
  "van-hung": { district: "Vạn Ninh", ward: "Xuân Sơn", wardCode: "X0405" },
  "dien-khanh": { district: "Diên Khánh", ward: "Diên Khánh", wardCode: "X0501" },
  "dien-lac": { district: "Diên Khánh", ward: "Diên Thạnh", wardCode: "X0502" },
  "dien-dien": { district: "Diên Khánh", ward: "Diên Sơn", wardCode: "X0503" },
  "dien-lam": { district: "Diên Khánh", ward: "Xuân Đồng", wardCode: "X0504" },
  "dien-tho": { district: "Diên Khánh", ward: "Diên Tân", wardCode: "X0505" },
  "suoi-hiep": { district: "Diên Khánh", ward: "Suối Tiên", wardCode: "X0506" },
  "cam-lam": { district: "Cam Lâm", ward: "Cam Đức", wardCode: "X0601" },
  "suoi-dau": { district: "Cam Lâm", ward: "Suối Cát", wardCode: "X0602" },
  "cam-hiep": { district: "Cam Lâm", ward: "Sơn Tân", wardCode: "X0603" },
  "cam-an": { district: "Cam Lâm", ward: "Cam Phước Tây", wardCode: "X0604" },
  "bac-khanh-vinh": { district: "Khánh Vĩnh", ward: "Khánh Bình", wardCode: "X0701" },
  "trung-khanh-vinh": { district: "Khánh Vĩnh", ward: "Khánh Trung", wardCode: "X0702" },
  "tay-khanh-vinh": { district: "Khánh Vĩnh", ward: "Giang Ly", wardCode: "X0703" },
  "nam-khanh-vinh": { district: "Khánh Vĩnh", ward: "Cầu Bà", wardCode: "X0704" },
  "khanh-vinh": { district: "Khánh Vĩnh", ward: "Khánh Vĩnh", wardCode: "X0705" },
  "khanh-son": { district: "Khánh Sơn", ward: "Tô Hạp", wardCode: "X0801" },
  "tay-khanh-son": { district: "Khánh Sơn", ward: "Sơn Lâm", wardCode: "X0802" },
  "dong-khanh-son": { district: "Khánh Sơn", ward: "Sơn Trung", wardCode: "X0803" },
  "truong-sa": null, // islands: no GHN service assumed (see the header)
  "phan-rang": { district: "Phan Rang–Tháp Chàm", ward: "Kinh Dinh", wardCode: "X1001" },
  "dong-hai": { district: "Phan Rang–Tháp Chàm", ward: "Mỹ Bình", wardCode: "X1002" },
  "ninh-chu": { district: "Phan Rang–Tháp Chàm", ward: "Văn Hải", wardCode: "X1003" },
  "bao-an": { district: "Phan Rang–Tháp Chàm", ward: "Phước Mỹ", wardCode: "X1004" },
  "do-vinh": { district: "Phan Rang–Tháp Chàm", ward: "Đô Vinh", wardCode: "X1005" },
  "ninh-hai": { district: "Ninh Hải", ward: "Phương Hải", wardCode: "X1101" },
  "xuan-hai": { district: "Ninh Hải", ward: "Hộ Hải", wardCode: "X1102" },
  "vinh-hai": { district: "Ninh Hải", ward: "Nhơn Hải", wardCode: "X1103" },
  "thuan-bac": { district: "Thuận Bắc", ward: "Bắc Phong", wardCode: "X1201" },
  "cong-hai": { district: "Thuận Bắc", ward: "Phước Chiến", wardCode: "X1202" },
  "ninh-son": { district: "Ninh Sơn", ward: "Tân Sơn", wardCode: "X1301" },
  "lam-son": { district: "Ninh Sơn", ward: "Lâm Sơn", wardCode: "X1302" },
  "anh-dung": { district: "Ninh Sơn", ward: "Hòa Sơn", wardCode: "X1303" },
  "my-son": { district: "Ninh Sơn", ward: "Mỹ Sơn", wardCode: "X1304" },
  "bac-ai-dong": { district: "Bác Ái", ward: "Phước Đại", wardCode: "X1401" },
  "bac-ai": { district: "Bác Ái", ward: "Phước Tiến", wardCode: "X1402" },
  "bac-ai-tay": { district: "Bác Ái", ward: "Phước Hòa", wardCode: "X1403" },
  "ninh-phuoc": { district: "Ninh Phước", ward: "Phước Dân", wardCode: "X1501" },
  "phuoc-huu": { district: "Ninh Phước", ward: "Phước Thái", wardCode: "X1502" },
  "phuoc-hau": { district: "Ninh Phước", ward: "Phước Vinh", wardCode: "X1503" },
  "thuan-nam": { district: "Thuận Nam", ward: "Phước Nam", wardCode: "X1601" },
  "ca-na": { district: "Thuận Nam", ward: "Phước Diêm", wardCode: "X1602" },
  "phuoc-ha": { district: "Thuận Nam", ward: "Nhị Hà", wardCode: "X1603" },
  "phuoc-dinh": { district: "Thuận Nam", ward: "Phước Dinh", wardCode: "X1604" },
};

/** GHN's district ID and ward code for a commune; CarrierError "unknown_area" when there is none. */
export function ghnAreaFor(communeSlug: string): GhnArea {
  const entry = Object.hasOwn(AREAS, communeSlug) ? AREAS[communeSlug] : undefined;
  if (entry === undefined) throw new CarrierError("unknown_area", `No GHN area for commune "${communeSlug}"`);
  if (entry === null) throw new CarrierError("unknown_area", `GHN does not serve commune "${communeSlug}"`);
  return { districtId: DISTRICTS[entry.district].districtId, wardCode: entry.wardCode };
}

/** Every mapped commune with its old district and ward, for the fake's master data and the script. */
export function ghnAreaTable(): {
  communeSlug: string;
  province: OldProvince;
  district: string;
  ward: string;
  area: GhnArea;
}[] {
  return Object.entries(AREAS).flatMap(([communeSlug, entry]) =>
    entry
      ? [
          {
            communeSlug,
            province: DISTRICTS[entry.district].province,
            district: entry.district,
            ward: entry.ward,
            area: { districtId: DISTRICTS[entry.district].districtId, wardCode: entry.wardCode },
          },
        ]
      : [],
  );
}
