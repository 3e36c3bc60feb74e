// Shapes of the demo data. Plain data, no Prisma types, so the seed content stays easy to read.

export const categorySlugs = [
  "trai-cay", // Trái cây
  "rau-cu", // Rau, củ, gia vị tươi
  "hai-san", // Hải sản tươi
  "hai-san-kho", // Hải sản khô, một nắng
  "nuoc-mam-muoi", // Nước mắm, muối
  "yen-sao", // Yến sào
  "ca-phe-tra", // Cà phê, trà, đồ uống
  "hat-mat-ong", // Hạt, mật ong, đặc sản khô
  "thu-cong", // Thủ công mỹ nghệ (gốm, thổ cẩm)
] as const;
export type CategorySlug = (typeof categorySlugs)[number];

export const seedUnits = ["kg", "g", "bo", "chuc", "nai", "hop", "chai", "tui", "con", "cai"] as const;
export type SeedUnit = (typeof seedUnits)[number];

export type SeedProduct = {
  name: string; // Vietnamese, with accents
  description: string; // 1–3 Vietnamese sentences
  category: CategorySlug;
  unit: SeedUnit;
  /** Smallest quantity a buyer can add, in the unit (0.5 for half a kilo). */
  step: number;
  /** Stock in the unit. */
  stock: number;
  /** Price per unit, whole đồng. */
  priceVnd: number;
  ocopStars?: 3 | 4 | 5;
  vietgap?: boolean;
  organic?: boolean;
};

export type SeedSeller = {
  slug: string; // ASCII, unique
  kind: "household" | "startup";
  displayName: string;
  contactName: string;
  /** A fictional Vietnamese mobile number, as people write it: "0905 123 456". */
  phone: string;
  /** A slug from data/khanh-hoa-communes.json. */
  communeSlug: string;
  addressLine: string; // thôn / tổ dân phố, street
  story: string; // 2–4 Vietnamese sentences
  products: SeedProduct[];
};
