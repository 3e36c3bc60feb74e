// Demo data: the 65 communes, roles and permissions, three volunteer teams, 30+ sellers with their
// products and placeholder photos, and one demo account per role. Replaces whatever was there.
import { type DeliveryZones, defaultDeliveryZones } from "#app/domain/delivery.ts";
import { hashPassword } from "#app/services/identity/auth.server.ts";
import type { Db } from "#app/services/platform/db.server.ts";
import type { FileStorage } from "#app/services/platform/storage.server.ts";
import { normalizeVietnamesePhone } from "#app/domain/phone.ts";
import type { RoleName } from "#app/domain/permissions.ts";
import { ensureRolesAndPermissions } from "#app/services/identity/roles.server.ts";
import { foldVietnamese, slugify } from "#app/domain/text.ts";
import { toMilli } from "#app/domain/units.ts";
import communesFile from "./data/khanh-hoa-communes.json" with { type: "json" };
import { sellers as seedSellers } from "./data/sellers.ts";
import { imageLimits, processImage } from "#app/services/images/pipeline.server.ts";
import { mainVariant } from "#app/domain/images.ts";
import { placeholderImage } from "./placeholder-images.ts";
import type { CategorySlug, SeedSeller } from "./types.ts";
import { DEMO_PASSWORD, demoAccounts } from "./demo-accounts.ts";

export { DEMO_PASSWORD, demoAccounts };

const categories: { slug: CategorySlug; name: string; nameEn: string }[] = [
  { slug: "trai-cay", name: "Trái cây", nameEn: "Fruit" },
  { slug: "rau-cu", name: "Rau củ, gia vị", nameEn: "Vegetables and herbs" },
  { slug: "hai-san", name: "Hải sản tươi", nameEn: "Fresh seafood" },
  { slug: "hai-san-kho", name: "Hải sản khô, một nắng", nameEn: "Dried seafood" },
  { slug: "nuoc-mam-muoi", name: "Nước mắm, muối", nameEn: "Fish sauce and salt" },
  { slug: "yen-sao", name: "Yến sào", nameEn: "Bird's nest" },
  { slug: "ca-phe-tra", name: "Cà phê, trà, đồ uống", nameEn: "Coffee, tea and drinks" },
  { slug: "hat-mat-ong", name: "Hạt, mật ong, đặc sản khô", nameEn: "Nuts, honey and pantry" },
  { slug: "thu-cong", name: "Thủ công mỹ nghệ", nameEn: "Crafts" },
];

// Three commune teams; each seller is onboarded by the team of its area (by former district).
const teams = [
  {
    key: "cam-lam",
    communeSlug: "cam-lam",
    name: "Tổ công nghệ số cộng đồng xã Cam Lâm",
    areas: ["Cam Lâm", "Cam Ranh", "Khánh Sơn", "Trường Sa"],
    volunteers: [
      { name: "Nguyễn Văn Khoa", phone: "0900 000 002", email: "tnv.khoa@chophien.vn", lead: true },
      { name: "Đặng Thị Ngọc Ánh", phone: "0900 000 012", email: null, lead: false },
    ],
  },
  {
    key: "nha-trang",
    communeSlug: "nha-trang",
    name: "Tổ công nghệ số cộng đồng phường Nha Trang",
    areas: ["Nha Trang", "Ninh Hòa", "Vạn Ninh", "Diên Khánh", "Khánh Vĩnh"],
    volunteers: [
      { name: "Võ Minh Tuấn", phone: "0900 000 021", email: "tuan.vo@chophien.vn", lead: true },
      { name: "Huỳnh Thị Thu Trang", phone: "0900 000 022", email: null, lead: false },
    ],
  },
  {
    key: "phan-rang",
    communeSlug: "phan-rang",
    name: "Tổ công nghệ số cộng đồng phường Phan Rang",
    areas: [],
    volunteers: [
      { name: "Thập Văn Hùng", phone: "0900 000 031", email: "hung.thap@chophien.vn", lead: true },
      { name: "Lưu Thị Kim Ngân", phone: "0900 000 032", email: null, lead: false },
    ],
  },
] as const;

type Commune = (typeof communesFile.units)[number];

function phoneOrThrow(text: string) {
  const phone = normalizeVietnamesePhone(text);
  if (!phone) throw new Error(`Seed data has an invalid phone number: ${text}`);
  return phone;
}

// A fixed clock and a seeded sequence so the demo data is the same on every machine.
const seedNow = new Date("2026-11-01T08:00:00+07:00");
function daysAgo(days: number) {
  return new Date(seedNow.getTime() - days * 24 * 60 * 60 * 1000);
}

const demoPickupPoints = [
  {
    name: "Sạp Tổ công nghệ số — chợ Cam Đức",
    kind: "market_stall",
    communeSlug: "cam-lam",
    addressLine: "Chợ Cam Đức, cổng chính",
    hours: "6:00–10:00",
    // Phiên chợ mùng 5, 10, 15, 20, 25, 30 âm lịch.
    schedule: { type: "lunar", days: [5, 10, 15, 20, 25, 30] },
    team: "cam-lam",
    servedBy: ["cam-lam", "nha-trang"],
  },
  {
    name: "Văn phòng Tổ công nghệ số phường Nha Trang",
    kind: "team_office",
    communeSlug: "nha-trang",
    addressLine: "Nhà văn hóa phường, 2 Lê Thánh Tôn",
    hours: "8:00–17:00",
    schedule: { type: "weekly", days: [1, 2, 3, 4, 5, 6] },
    team: "nha-trang",
    servedBy: ["nha-trang"],
  },
] as const;

/** The defaults plus the communes next door at 20.000 đ (a neighbour's motorbike run). */
function demoNearbyZones(communeSlug: string): DeliveryZones {
  const zones = defaultDeliveryZones();
  const nearby = {
    "cam-lam": ["cam-hiep", "cam-an", "suoi-dau"],
    "nha-trang": ["bac-nha-trang", "nam-nha-trang"],
  };
  const list = nearby[communeSlug as keyof typeof nearby];
  return list
    ? {
        ...zones,
        nearby: { feeVnd: 20_000, freeFromVnd: 500_000, minDays: 1, maxDays: 2, communeSlugs: list },
      }
    : zones;
}

export async function clearDatabase(db: Db) {
  // Children before parents.
  await db.$transaction([
    db.auditLog.deleteMany(),
    db.outboxMessage.deleteMany(),
    db.certification.deleteMany(),
    db.productImage.deleteMany(),
    db.product.deleteMany(),
    db.seller.deleteMany(),
    db.pickupPoint.deleteMany(),
    db.category.deleteMany(),
    db.teamMember.deleteMany(),
    db.volunteerTeam.deleteMany(),
    db.commune.deleteMany(),
    db.session.deleteMany(),
    db.password.deleteMany(),
    db.user.deleteMany(),
    db.permission.deleteMany(),
    db.role.deleteMany(),
    db.rateLimiterFlexible.deleteMany(),
  ]);
}

export type SeedSummary = { communes: number; sellers: number; products: number; users: number };

export async function seedDatabase(
  db: Db,
  storage: FileStorage,
  {
    sellers = seedSellers,
    log = (_: string) => {},
  }: { sellers?: SeedSeller[]; log?: (m: string) => void } = {},
): Promise<SeedSummary> {
  await clearDatabase(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await ensureRolesAndPermissions(db);

  // Communes.
  const communes: Commune[] = communesFile.units;
  await db.commune.createMany({
    data: communes.map((c) => ({
      slug: c.slug,
      name: c.name,
      fullName: c.fullName,
      type: c.type as "phuong" | "xa" | "dac_khu",
      formerDistrict: c.formerDistrict,
      formerDistricts: c.formerDistricts,
      mergedFrom: c.mergedFrom,
    })),
  });
  const communeIds = new Map(
    (await db.commune.findMany({ select: { id: true, slug: true } })).map((c) => [c.slug, c.id]),
  );
  const communeBySlug = new Map(communes.map((c) => [c.slug, c]));
  log(`${communes.length} communes`);

  async function createUser(u: { name: string; phone: string; email: string | null }, roles: RoleName[]) {
    return db.user.create({
      data: {
        name: u.name,
        phone: phoneOrThrow(u.phone),
        email: u.email,
        password: { create: { hash: passwordHash } },
        roles: { connect: roles.map((name) => ({ name })) },
      },
    });
  }

  // Demo accounts and volunteer teams.
  const admin = await createUser(demoAccounts[0], ["admin"]);
  const buyer = await createUser(demoAccounts[3], ["buyer"]);
  const demoSeller = await createUser(demoAccounts[2], ["seller"]);
  const teamIds = new Map<string, { teamId: string; volunteerIds: string[] }>();
  for (const team of teams) {
    const created = await db.volunteerTeam.create({
      data: { name: team.name, communeId: communeIds.get(team.communeSlug)! },
    });
    const volunteerIds: string[] = [];
    for (const v of team.volunteers) {
      const user = await createUser(v, ["volunteer"]);
      await db.teamMember.create({
        data: { teamId: created.id, userId: user.id, role: v.lead ? "lead" : "member" },
      });
      volunteerIds.push(user.id);
    }
    teamIds.set(team.key, { teamId: created.id, volunteerIds });
  }
  const teamFor = (commune: Commune) =>
    teams.find((t) => (t.areas as readonly string[]).includes(commune.formerDistrict))?.key ?? "phan-rang";

  // Pickup points run by the teams: the Cam Lâm market on its lunar market days, and the Nha Trang
  // team's office on weekdays. Sellers of each team's area bring goods to them (below).
  const pickupPoints = new Map<string, string[]>();
  for (const p of demoPickupPoints) {
    const point = await db.pickupPoint.create({
      data: {
        name: p.name,
        kind: p.kind,
        communeId: communeIds.get(p.communeSlug)!,
        addressLine: p.addressLine,
        hours: p.hours,
        schedule: p.schedule,
        teamId: teamIds.get(p.team)!.teamId,
      },
    });
    for (const team of p.servedBy) pickupPoints.set(team, [...(pickupPoints.get(team) ?? []), point.id]);
  }

  await db.category.createMany({ data: categories.map((c, i) => ({ ...c, sortOrder: i })) });
  const categoryIds = new Map((await db.category.findMany()).map((c) => [c.slug, c.id]));

  // Sellers: the first is the demo seller's own shop (handed over); the last four are still being
  // onboarded (two drafts, two waiting for review) so those screens have something to show.
  let productCount = 0;
  const usedSlugs = new Set<string>();
  for (const [index, s] of sellers.entries()) {
    const commune = communeBySlug.get(s.communeSlug);
    if (!commune) throw new Error(`Seed seller ${s.slug} names an unknown commune: ${s.communeSlug}`);
    const team = teamIds.get(teamFor(commune))!;
    const fromEnd = sellers.length - index;
    const status = fromEnd <= 2 ? "draft" : fromEnd <= 4 ? "submitted" : "approved";
    const handedOver = index === 0;
    const seller = await db.seller.create({
      data: {
        slug: s.slug,
        kind: s.kind,
        displayName: s.displayName,
        contactName: handedOver ? demoAccounts[2].name : s.contactName,
        phone: handedOver ? phoneOrThrow(demoAccounts[2].phone) : phoneOrThrow(s.phone),
        communeId: communeIds.get(s.communeSlug)!,
        addressLine: s.addressLine,
        story: s.story,
        ...demoPaymentSettings(s, index),
        status,
        approvedAt: status === "approved" ? daysAgo(60 - (index % 50)) : null,
        ownerId: handedOver ? demoSeller.id : null,
        onboardedById: team.volunteerIds[index % team.volunteerIds.length]!,
        teamId: team.teamId,
        createdAt: daysAgo(90 - (index % 60)),
        // Null keeps the defaults (15.000 đ in the commune, 30.000 đ in the province); some sellers
        // also deliver to the communes around them.
        deliveryZones: index % 3 === 1 ? demoNearbyZones(commune.slug) : undefined,
        pickupPoints: {
          create: (pickupPoints.get(teamFor(commune)) ?? []).map((pickupPointId, i) => ({
            pickupPointId,
            feeVnd: i === 0 ? 0 : 5_000,
          })),
        },
      },
    });

    const slugs = s.products.map((p) => {
      let slug = slugify(`${p.name} ${s.slug}`);
      while (usedSlugs.has(slug)) slug += "-2";
      usedSlugs.add(slug);
      return slug;
    });
    // A seller's photos are drawn and processed together: sharp spreads them over the cores.
    const photos = await Promise.all(
      s.products.map((p, i) => seedPhoto(storage, { seed: slugs[i]!, category: p.category, alt: p.name })),
    );
    for (const [pIndex, p] of s.products.entries()) {
      const slug = slugs[pIndex]!;
      const issued = daysAgo(200 + ((index * 7 + pIndex * 13) % 500));
      const certifications = [
        ...(p.ocopStars
          ? [
              {
                kind: "ocop" as const,
                stars: p.ocopStars,
                number: `OCOP-KH-${2023 + (index % 3)}-${String(100 + productCount).padStart(4, "0")}`,
                issuedAt: issued,
                expiresAt: addYears(issued, 3),
                verifiedAt: issued,
                verifiedById: admin.id,
              },
            ]
          : []),
        ...(p.vietgap
          ? [
              {
                kind: "vietgap" as const,
                number: `VietGAP-TT-${String(20 + (index % 70)).padStart(2, "0")}-${String(1000 + productCount)}`,
                issuedAt: issued,
                expiresAt: addYears(issued, 2),
                verifiedAt: issued,
                verifiedById: admin.id,
              },
            ]
          : []),
        ...(p.organic
          ? [
              {
                kind: "organic" as const,
                number: `TCVN11041-${String(500 + productCount)}`,
                issuedAt: issued,
                expiresAt: addYears(issued, 3),
                verifiedAt: issued,
                verifiedById: admin.id,
              },
            ]
          : []),
      ];
      await db.product.create({
        data: {
          slug,
          sellerId: seller.id,
          categoryId: categoryIds.get(p.category)!,
          name: p.name,
          description: p.description,
          unit: p.unit,
          stepMilli: toMilli(p.step),
          stockMilli: toMilli(p.stock),
          priceVnd: p.priceVnd,
          status: p.stock <= 0 ? "sold_out" : "active",
          createdAt: daysAgo((index * 5 + pIndex * 3) % 80),
          images: { create: photos[pIndex]! },
          certifications: { create: certifications },
        },
      });
      productCount++;
    }
  }
  log(`${sellers.length} sellers, ${productCount} products`);

  const users = await db.user.count();
  void buyer;
  return { communes: communes.length, sellers: sellers.length, products: productCount, users };
}

/**
 * A placeholder photo through the real photo pipeline, WebP variants only (the demo has 240 photos;
 * AVIF and JPEG would triple the seeding time for flat placeholder graphics).
 */
async function seedPhoto(
  storage: FileStorage,
  { seed, category, alt }: { seed: string; category: CategorySlug; alt: string },
) {
  const image = await placeholderImage({ seed, category });
  const processed = await processImage(image.bytes, storage, imageLimits, ["webp"]);
  return {
    storageKey: mainVariant(processed.variants).key,
    alt,
    width: processed.width,
    height: processed.height,
    variants: processed.variants,
    blurDataUrl: processed.blurDataUrl,
  };
}

function addYears(date: Date, years: number) {
  const copy = new Date(date);
  copy.setFullYear(copy.getFullYear() + years);
  return copy;
}

// Fictional shop emails and bank accounts (real VietQR bank BINs, made-up account numbers), so that
// order emails and VietQR codes have something to show. Every shop takes cash on delivery; two in
// three also take bank transfers; every other shop has an email address.
const demoBankBins = ["970436", "970405", "970415", "970418", "970422"] as const;
function demoPaymentSettings(s: SeedSeller, index: number) {
  const bank = index % 3 !== 2;
  return {
    email: index % 2 === 0 ? `${s.slug}@example.vn` : null,
    acceptsCod: true,
    acceptsBankTransfer: bank,
    bankBin: bank ? demoBankBins[index % demoBankBins.length]! : null,
    bankAccountNumber: bank ? `10${String(2026_0000 + index * 7919).padStart(10, "0")}` : null,
    bankAccountName: bank ? foldVietnamese(s.contactName).toUpperCase() : null,
  };
}
