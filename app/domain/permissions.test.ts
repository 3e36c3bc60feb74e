import { describe, expect, it } from "vitest";
import { allows, parsePermission, rolePermissions } from "./permissions.ts";

const grants = (role: keyof typeof rolePermissions) => rolePermissions[role].map(parsePermission);

describe("allows", () => {
  it("lets 'any' cover 'own'", () => {
    expect(allows(grants("admin"), "update:seller:own")).toBe(true);
  });
  it("does not let 'own' cover 'any'", () => {
    expect(allows(grants("volunteer"), "update:seller:own")).toBe(true);
    expect(allows(grants("volunteer"), "update:seller:any")).toBe(false);
  });
  it("keeps buyers and sellers away from approval", () => {
    expect(allows(grants("buyer"), "approve:seller:any")).toBe(false);
    expect(allows(grants("seller"), "approve:seller:any")).toBe(false);
    expect(allows(grants("admin"), "approve:seller:any")).toBe(true);
  });
});

describe("permission strings", () => {
  it("refuses a misspelt entity at compile time and a misspelt grant at run time", () => {
    // `npm run typecheck` fails if this line ever compiles: the entity is misspelt.
    // @ts-expect-error "prodcut" is not an Entity
    const typo: Parameters<typeof allows>[1] = "update:prodcut:own";
    expect(allows(grants("admin"), typo)).toBe(false);
  });
  it("parses what the seed writes into the database", () => {
    expect(parsePermission("approve:seller:any")).toEqual({
      action: "approve",
      entity: "seller",
      access: "any",
    });
  });
});
