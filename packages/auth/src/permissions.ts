import { createAccessControl } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/organization/access";

/**
 * Access-control statements: every resource SyncStore guards and the actions on it. This module
 * has no server dependency so the browser can use it to decide which controls to show; the
 * server enforces the same statements in the tRPC permission middleware.
 */
export const statements = {
  ...defaultStatements,
  catalog: ["read", "write"],
  inventory: ["read", "write"],
  channel: ["read", "write"],
  sync: ["read", "write"],
  conflict: ["read", "write"],
  order: ["read", "write"],
  webhook: ["read", "write"],
  alert: ["read", "write"],
  report: ["read"],
  bulk: ["read", "write"],
  member: ["read", "create", "update", "delete"],
  settings: ["read", "write"],
  audit: ["read"],
  organization: ["update", "delete", "transfer"],
} as const;

export const ac = createAccessControl(statements);

type Statements = typeof statements;
export type Resource = keyof Statements;
export type Permission = {
  [R in Resource]: `${R & string}:${Statements[R][number] & string}`;
}[Resource];

export const roles = {
  owner: ac.newRole(statements),
  admin: ac.newRole({ ...statements, organization: ["update"] }),
  editor: ac.newRole({
    catalog: ["read", "write"],
    inventory: ["read", "write"],
    channel: ["read"],
    sync: ["read", "write"],
    conflict: ["read", "write"],
    order: ["read", "write"],
    webhook: ["read"],
    alert: ["read", "write"],
    report: ["read"],
    bulk: ["read", "write"],
    member: ["read"],
    settings: ["read"],
    ac: ["read"],
  }),
  viewer: ac.newRole({
    catalog: ["read"],
    inventory: ["read"],
    channel: ["read"],
    sync: ["read"],
    conflict: ["read"],
    order: ["read"],
    webhook: ["read"],
    alert: ["read"],
    report: ["read"],
    bulk: ["read"],
    member: ["read"],
    settings: ["read"],
    ac: ["read"],
  }),
};

export const roleNames = ["owner", "admin", "editor", "viewer"] as const;
export type RoleName = (typeof roleNames)[number];

export const roleDescriptions: Record<RoleName, string> = {
  owner: "Everything, including deleting the organization and transferring ownership",
  admin: "Everything but deleting the organization or transferring ownership",
  editor: "Catalog, inventory, orders, sync, conflicts, alerts, bulk operations and reports",
  viewer: "Read-only access and reports",
};

export function isRoleName(value: string): value is RoleName {
  return (roleNames as readonly string[]).includes(value);
}

/** Whether `role` grants `permission` ("resource:action"). Unknown roles grant nothing. */
export function can(role: string | null | undefined, permission: Permission): boolean {
  if (!role || !isRoleName(role)) return false;
  const [resource, action] = permission.split(":") as [Resource, string];
  const result = roles[role].authorize({ [resource]: [action] } as never);
  return result.success;
}

/** Every permission string, for the role matrix and the UI. */
export const allPermissions = (Object.entries(statements) as [Resource, readonly string[]][]).flatMap(
  ([resource, actions]) => actions.map((action) => `${resource}:${action}` as Permission),
);
