import { describe, expect, it } from "vitest";
import { catalogs } from "#app/i18n/messages.ts";
import {
  applyMove,
  canAddPhotos,
  canRemovePhoto,
  certificationChange,
  copyName,
  dateInputValue,
  doneNotices,
  isLowStock,
  isShownToBuyers,
  movedInList,
  movesFor,
  needsVerification,
  priceInput,
  productStatuses,
  quantityInput,
  QuickActionSchema,
  restock,
  statusForStock,
  statusMoves,
  type CertificationClaim,
} from "./listing-rules.ts";

const claim: CertificationClaim = {
  kind: "ocop",
  stars: 4,
  number: "OCOP-KH-2025-0012",
  expiresAt: new Date("2027-05-01T00:00:00+07:00"),
  photoKey: "abc.webp",
};

describe("which certification edits need an admin", () => {
  it("keeps a certification checked only while every checked field is the same", () => {
    expect(certificationChange(claim, { ...claim })).toBe("unchanged");
    expect(certificationChange(claim, { ...claim, number: " OCOP-KH-2025-0012 " })).toBe("unchanged");
    expect(certificationChange(claim, { ...claim, expiresAt: new Date(claim.expiresAt!) })).toBe("unchanged");
    for (const change of [
      { kind: "vietgap" },
      { stars: 5 },
      { number: "OCOP-KH-2025-0013" },
      { expiresAt: new Date("2028-05-01T00:00:00+07:00") },
      { expiresAt: null },
      { photoKey: "def.webp" },
    ]) {
      expect(certificationChange(claim, { ...claim, ...change })).toBe("changed");
    }
  });

  it("needs a check for a new or changed certification, not for an unchanged or removed one", () => {
    expect(certificationChange(null, claim)).toBe("added");
    expect(certificationChange(claim, null)).toBe("removed");
    expect(certificationChange(null, null)).toBe("none");
    expect(needsVerification("added")).toBe(true);
    expect(needsVerification("changed")).toBe(true);
    expect(needsVerification("unchanged")).toBe(false);
    expect(needsVerification("removed")).toBe(false);
  });

  it("shows buyers only checked certifications that have not expired", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(isShownToBuyers({ verifiedAt: null, expiresAt: null }, now)).toBe(false);
    expect(isShownToBuyers({ verifiedAt: now, expiresAt: null }, now)).toBe(true);
    expect(isShownToBuyers({ verifiedAt: now, expiresAt: new Date("2025-12-31T00:00:00Z") }, now)).toBe(
      false,
    );
  });

  it("shows a stored expiry date as the Vietnamese day it was typed", () => {
    expect(dateInputValue(new Date("2027-05-01T00:00:00+07:00"))).toBe("2027-05-01");
    expect(dateInputValue(new Date("2027-05-01T23:59:00+07:00"))).toBe("2027-05-01");
  });
});

describe("status moves", () => {
  const listing = { status: "active" as const, stockMilli: 5000, photoCount: 2 };

  it("marks sold out by emptying the stock", () => {
    expect(applyMove("soldOut", listing)).toEqual({ ok: true, value: { status: "sold_out", stockMilli: 0 } });
  });

  it("archives and brings back: on sale with stock, sold out without", () => {
    expect(applyMove("archive", listing)).toEqual({
      ok: true,
      value: { status: "archived", stockMilli: 5000 },
    });
    expect(applyMove("unarchive", { ...listing, status: "archived" })).toEqual({
      ok: true,
      value: { status: "active", stockMilli: 5000 },
    });
    expect(applyMove("publish", { status: "draft", stockMilli: 0, photoCount: 1 })).toEqual({
      ok: true,
      value: { status: "sold_out", stockMilli: 0 },
    });
  });

  it("refuses moves that do not apply, and putting a product without a photo on sale", () => {
    expect(applyMove("unarchive", listing)).toEqual({ ok: false, error: "listings.error.move" });
    expect(applyMove("soldOut", { ...listing, status: "draft" })).toEqual({
      ok: false,
      error: "listings.error.move",
    });
    expect(applyMove("publish", { status: "draft", stockMilli: 1000, photoCount: 0 })).toEqual({
      ok: false,
      error: "listings.error.needPhoto",
    });
  });

  it("offers only the moves that apply", () => {
    for (const status of productStatuses) {
      for (const move of movesFor(status)) {
        expect(applyMove(move, { status, stockMilli: 1000, photoCount: 1 }).ok).toBe(true);
      }
    }
  });

  it("lets stock move a listed product between on sale and sold out, and nothing else", () => {
    expect(statusForStock("active", 0)).toBe("sold_out");
    expect(statusForStock("sold_out", 500)).toBe("active");
    expect(statusForStock("draft", 500)).toBe("draft");
    expect(statusForStock("archived", 0)).toBe("archived");
  });
});

describe("restocking", () => {
  const mango = { status: "active" as const, stockMilli: 2500, stepMilli: 500 };

  it("adds whole steps exactly", () => {
    expect(restock(mango, 5000)).toEqual({ ok: true, value: { status: "active", stockMilli: 7500 } });
    expect(restock({ ...mango, status: "sold_out", stockMilli: 0 }, 500)).toEqual({
      ok: true,
      value: { status: "active", stockMilli: 500 },
    });
  });

  it("refuses an off-step, zero or absurd quantity", () => {
    expect(restock(mango, 1300)).toEqual({ ok: false, error: "listings.error.offStep" });
    expect(restock(mango, 0)).toEqual({ ok: false, error: "listings.error.offStep" });
    expect(restock(mango, 2_000_000_000)).toEqual({ ok: false, error: "listings.error.tooMuch" });
  });

  it("calls fewer than three steps low", () => {
    expect(isLowStock({ ...mango, stockMilli: 1000 })).toBe(true);
    expect(isLowStock({ ...mango, stockMilli: 1500 })).toBe(false);
    expect(isLowStock({ ...mango, status: "draft", stockMilli: 0 })).toBe(false);
  });
});

describe("photos and copies", () => {
  it("keeps the last photo of a listed product", () => {
    expect(canRemovePhoto("active", 1).ok).toBe(false);
    expect(canRemovePhoto("sold_out", 1).ok).toBe(false);
    expect(canRemovePhoto("active", 2).ok).toBe(true);
    expect(canRemovePhoto("archived", 1).ok).toBe(true);
    expect(canRemovePhoto("draft", 1).ok).toBe(true);
    expect(canAddPhotos(6, 2).ok).toBe(true);
    expect(canAddPhotos(7, 2).ok).toBe(false);
  });

  it("moves a photo one place, and not past either end", () => {
    expect(movedInList(["a", "b", "c"], 2, "up")).toEqual(["a", "c", "b"]);
    expect(movedInList(["a", "b", "c"], 0, "down")).toEqual(["b", "a", "c"]);
    expect(movedInList(["a", "b", "c"], 0, "up")).toBeNull();
    expect(movedInList(["a", "b", "c"], 2, "down")).toBeNull();
    expect(movedInList(["a"], 5, "up")).toBeNull();
  });

  it("names a copy within the name's limit", () => {
    expect(copyName("Xoài cát Hòa Lộc")).toBe("Xoài cát Hòa Lộc (bản sao)");
    expect(copyName("x".repeat(150))).toHaveLength(150);
  });
});

describe("quick action forms", () => {
  it("reads quantities and prices as sellers type them", () => {
    expect(QuickActionSchema.parse({ intent: "restock", productId: "p1", addMilli: "2,5" })).toEqual({
      intent: "restock",
      productId: "p1",
      addMilli: 2500,
    });
    expect(QuickActionSchema.parse({ intent: "price", productId: "p1", priceVnd: "65.000" })).toMatchObject({
      priceVnd: 65000,
    });
    expect(QuickActionSchema.safeParse({ intent: "price", productId: "p1", priceVnd: "0" }).success).toBe(
      false,
    );
    expect(QuickActionSchema.safeParse({ intent: "explode", productId: "p1" }).success).toBe(false);
  });

  it("writes values back into forms so that they read the same", () => {
    expect(quantityInput(12500)).toBe("12,5");
    expect(quantityInput(1_000_000)).toBe("1000");
    expect(priceInput(65000)).toBe("65.000");
    expect(priceInput(1_250_000)).toBe("1.250.000");
    expect(
      QuickActionSchema.parse({ intent: "restock", productId: "p", addMilli: quantityInput(1_000_000) }),
    ).toMatchObject({ addMilli: 1_000_000 });
  });
});

it("has a message in both languages for every rule, move and notice", () => {
  const keys = [
    ...[
      "move",
      "needPhoto",
      "offStep",
      "tooMuch",
      "lastPhoto",
      "tooManyPhotos",
      "notFound",
      "photoNotFound",
      "category",
      "intent",
    ].map((k) => `listings.error.${k}`),
    ...statusMoves.map((m) => `listings.move.${m}`),
    ...doneNotices.map((d) => `listings.done.${d}`),
    ...productStatuses.map((s) => `listings.status.${s}`),
    "listings.restock.invalid",
  ];
  for (const key of keys) {
    expect(catalogs.vi, key).toHaveProperty([key]);
    expect(catalogs.en, key).toHaveProperty([key]);
  }
});
