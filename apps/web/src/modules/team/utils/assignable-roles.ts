import { roleNames, type RoleName } from "@syncstore/auth/permissions";

/**
 * Roles the current user may hand out. Only an owner makes owners; the server enforces the same
 * rule, this only keeps the choice honest.
 */
export function assignableRoles(currentRole: string | null | undefined): readonly RoleName[] {
  if (currentRole === "owner") return roleNames;
  if (currentRole === "admin") return roleNames.filter((role) => role !== "owner");
  return [];
}
