import { describe, expect, it } from "vitest";
import { allows } from "#app/domain/permissions.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { ensureRolesAndPermissions } from "#app/services/identity/roles.server.ts";

describe("ensureRolesAndPermissions (run at every start)", () => {
  it("creates the four roles with their permissions in an empty database, and is idempotent", async () => {
    const db = getDb();
    await ensureRolesAndPermissions(db);
    await ensureRolesAndPermissions(db);
    const roles = await db.role.findMany({ include: { permissions: true } });
    expect(roles.map((r) => r.name).sort()).toEqual(["admin", "buyer", "seller", "volunteer"]);
    const admin = roles.find((r) => r.name === "admin")!;
    expect(allows(admin.permissions, "approve:seller:any")).toBe(true);
    const volunteer = roles.find((r) => r.name === "volunteer")!;
    expect(allows(volunteer.permissions, "approve:seller:any")).toBe(false);
  });

  it("keeps a grant an admin added later", async () => {
    const db = getDb();
    await ensureRolesAndPermissions(db);
    await db.role.update({
      where: { name: "volunteer" },
      data: { permissions: { create: { action: "read", entity: "report", access: "own" } } },
    });
    await ensureRolesAndPermissions(db);
    const volunteer = await db.role.findUniqueOrThrow({
      where: { name: "volunteer" },
      include: { permissions: true },
    });
    expect(allows(volunteer.permissions, "read:report:own")).toBe(true);
  });
});
