import { AuditLog } from "./audit-log";
import { Account, Invitation, Member, Organization, RateLimit, Session, User, Verification } from "./auth";

export * from "./audit-log";
export * from "./auth";

/** Explicit list (no folder discovery) so bundlers such as Next.js see every entity. */
export const entities = [User, Session, Account, Verification, Organization, Member, Invitation, RateLimit, AuditLog];
