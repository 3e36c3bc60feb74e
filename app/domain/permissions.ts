// Permissions are data: "action:entity:access" strings attached to roles in the database.
// "any" access implies "own": an admin who may update any product may update their own.

export const roleNames = ["admin", "volunteer", "seller", "buyer"] as const;
export type RoleName = (typeof roleNames)[number];

export const actions = ["create", "read", "update", "approve"] as const;
export type Action = (typeof actions)[number];
export const entities = ["seller", "product", "user", "audit", "report", "order"] as const;
export type Entity = (typeof entities)[number];
export type Access = "own" | "any";
/** A typo such as "update:prodcut:own" fails to compile. */
export type PermissionString = `${Action}:${Entity}:${Access}`;

/**
 * A grant as the database holds it: plain strings, because rows written by an older seed may
 * name an action this code no longer knows. allows() only ever compares them.
 */
export type Grant = { action: string; entity: string; access: string };

export function parsePermission(permission: PermissionString): Grant {
  const [action, entity, access] = permission.split(":");
  return { action: action ?? "", entity: entity ?? "", access: access ?? "" };
}

/** Does any grant allow this action on this entity with at least the given access? */
export function allows(grants: readonly Grant[], required: PermissionString) {
  const need = parsePermission(required);
  return grants.some(
    (g) =>
      g.action === need.action &&
      g.entity === need.entity &&
      (g.access === "any" || g.access === need.access),
  );
}

/** What each role may do. The seed writes this into the Role/Permission tables. */
export const rolePermissions: Record<RoleName, PermissionString[]> = {
  admin: [
    "read:seller:any",
    "update:seller:any",
    "approve:seller:any",
    "read:product:any",
    "update:product:any",
    "read:user:any",
    "update:user:any",
    "read:audit:any",
    "read:report:any",
    "read:order:any",
    "update:order:any",
  ],
  volunteer: [
    "create:seller:own",
    "read:seller:own",
    "update:seller:own",
    "create:product:own",
    "read:product:own",
    "update:product:own",
    "read:order:own",
    "update:order:own",
  ],
  seller: [
    "read:seller:own",
    "update:seller:own",
    "create:product:own",
    "read:product:own",
    "update:product:own",
    "read:order:own",
    "update:order:own",
  ],
  buyer: ["create:order:own", "read:order:own"],
};
