// Roles and their permissions live in the database (so an admin tool can later grant more); the
// matrix in app/domain/permissions.ts is the baseline every database must have. Idempotent: run at
// every start, it adds what is missing and never removes a grant made since.
import { parsePermission, rolePermissions, roleNames } from "#app/domain/permissions.ts";
import type { Db } from "../platform/db.server.ts";

export async function ensureRolesAndPermissions(db: Db) {
  for (const name of roleNames) {
    const grants = rolePermissions[name].map(parsePermission);
    for (const grant of grants) {
      await db.permission.upsert({ where: { action_entity_access: grant }, create: grant, update: {} });
    }
    const connect = grants.map((grant) => ({ action_entity_access: grant }));
    await db.role.upsert({
      where: { name },
      create: { name, permissions: { connect } },
      update: { permissions: { connect } },
    });
  }
}
