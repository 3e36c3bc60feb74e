// GHN_TOKEN=… npx tsx scripts/ghn-areas.ts — reads GHN's master data (/master-data/province,
// /district, /ward) for the old provinces Khánh Hòa and Ninh Thuận and prints the DISTRICTS and AREAS
// tables of app/services/delivery/ghn-areas.ts with GHN's real district IDs and ward codes, to paste
// over the placeholders (then set GHN_AREA_IDS_ARE_PLACEHOLDERS to false). Names are matched without
// accents or the Phường/Xã/Huyện… prefix; for each commune the old wards of `mergedFrom` are tried in
// order, whole ones first. What cannot be matched is listed on stderr, to settle by hand.
// GHN_API_URL picks the gateway (default: the test gateway; master data is the same on both).
import fs from "node:fs";
import { z } from "zod";
import { foldVietnamese } from "#app/domain/text.ts";
import { GHN_TEST_GATEWAY } from "#app/services/delivery/ghn.server.ts";

const token = process.env.GHN_TOKEN;
if (!token) {
  console.error("Set GHN_TOKEN (a GHN API token; the test gateway's works for master data).");
  process.exit(1);
}
const base = `${(process.env.GHN_API_URL ?? GHN_TEST_GATEWAY).replace(/\/+$/, "")}/shiip/public-api`;

async function masterData<T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Token: token! },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const envelope = z.object({ code: z.number(), message: z.string().nullish(), data: schema });
  const parsed = envelope.safeParse(await response.json());
  if (!parsed.success || parsed.data.code !== 200) {
    throw new Error(
      `GHN ${path}: HTTP ${response.status} ${parsed.success ? parsed.data.message : "unexpected shape"}`,
    );
  }
  return parsed.data.data;
}

const key = (name: string) =>
  foldVietnamese(name)
    .replace(/^(thanh pho|tp\.?|thi xa|huyen|quan|phuong|xa|thi tran|dac khu)\s+/, "")
    .replace(/[^a-z0-9]/g, "");

const communes = z
  .object({
    units: z.array(
      z.object({
        slug: z.string(),
        formerDistrict: z.string(),
        mergedFrom: z.array(z.string()),
        partialFrom: z.array(z.string()),
      }),
    ),
  })
  .parse(
    JSON.parse(
      fs.readFileSync(new URL("../prisma/seed/data/khanh-hoa-communes.json", import.meta.url), "utf8"),
    ),
  );

const provinces = await masterData(
  "/master-data/province",
  {},
  z.array(z.object({ ProvinceID: z.number(), ProvinceName: z.string() })),
);
const districts = new Map<string, { id: number; province: string; name: string }>();
for (const provinceName of ["Khánh Hòa", "Ninh Thuận"]) {
  const province = provinces.find((p) => key(p.ProvinceName) === key(provinceName));
  if (!province) {
    console.error(
      `GHN has no province named ${provinceName} (it may have moved to the new two-level units).`,
    );
    continue;
  }
  const list = await masterData(
    "/master-data/district",
    { province_id: province.ProvinceID },
    z.array(z.object({ DistrictID: z.number(), DistrictName: z.string() })),
  );
  for (const d of list)
    districts.set(key(d.DistrictName), { id: d.DistrictID, province: provinceName, name: d.DistrictName });
}

const wardSchema = z.array(z.object({ WardCode: z.string(), WardName: z.string() })).nullable();
const wardsOf = new Map<number, Map<string, { code: string; name: string }>>();
const districtLines: string[] = [];
const areaLines: string[] = [];
const misses: string[] = [];
for (const unit of communes.units) {
  const district = districts.get(key(unit.formerDistrict));
  if (!district) {
    misses.push(`${unit.slug}: no GHN district "${unit.formerDistrict}"`);
    areaLines.push(`  "${unit.slug}": null,`);
    continue;
  }
  if (!wardsOf.has(district.id)) {
    const wards = (await masterData("/master-data/ward", { district_id: district.id }, wardSchema)) ?? [];
    wardsOf.set(
      district.id,
      new Map(wards.map((w) => [key(w.WardName), { code: w.WardCode, name: w.WardName }])),
    );
    districtLines.push(
      `  "${unit.formerDistrict}": { province: "${district.province}", districtId: ${district.id} }, // ${district.name}`,
    );
  }
  const candidates = [
    ...unit.mergedFrom.filter((w) => !unit.partialFrom.includes(w)),
    ...unit.mergedFrom.filter((w) => unit.partialFrom.includes(w)),
  ];
  const ward = candidates
    .map((name) => ({ name, ghn: wardsOf.get(district.id)!.get(key(name)) }))
    .find((c) => c.ghn);
  if (!ward) {
    misses.push(`${unit.slug}: none of ${candidates.join(", ")} is a GHN ward of ${district.name}`);
    areaLines.push(`  "${unit.slug}": null,`);
    continue;
  }
  areaLines.push(
    `  "${unit.slug}": { district: "${unit.formerDistrict}", ward: "${ward.name}", wardCode: "${ward.ghn!.code}" }, // ${ward.ghn!.name}`,
  );
}

console.log(`// From ${base} on ${new Date().toISOString().slice(0, 10)}.`);
console.log(
  [
    "const DISTRICTS = {",
    ...districtLines,
    "} as const satisfies Record<string, { province: OldProvince; districtId: number }>;",
    "",
    "const AREAS: Record<string, AreaEntry | null> = {",
    ...areaLines,
    "};",
  ].join("\n"),
);
if (misses.length) console.error(`Not matched (${misses.length}):\n${misses.join("\n")}`);
