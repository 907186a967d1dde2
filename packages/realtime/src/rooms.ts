/** Room naming shared by the gateway (joins) and emitters (targets). Browser-safe. */

export type OrganizationRoom = `org:${string}`;

/** Every socket of an organization's members (with that organization active) is in this room. */
export function organizationRoom(organizationId: string): OrganizationRoom {
  if (organizationId.length === 0) throw new Error("organizationRoom needs a non-empty organization id");
  return `org:${organizationId}`;
}
