import { analyticsEntities } from "./analytics";
import { AuditLog } from "./audit-log";
import { bulkOperationEntities } from "./bulk-operation";
import { catalogEntities } from "./catalog";
import { catalogImportEntities } from "./catalog-import";
import { catalogPreferenceEntities } from "./catalog-preferences";
import { channelEntities } from "./channel-connection";
import { marketplaceEntities } from "./marketplace";
import { reportEntities, reportSystemEntities } from "./reports";
import { SocketIoAttachment } from "./socket-io-attachment";
import { syncEngineEntities } from "./sync-engine";
import { Account, Invitation, Member, Organization, RateLimit, Session, User, Verification } from "./auth";

export * from "./analytics";
export * from "./audit-log";
export * from "./auth";
export * from "./bulk-operation";
export * from "./catalog";
export * from "./catalog-import";
export * from "./catalog-preferences";
export * from "./channel-connection";
export * from "./marketplace";
export * from "./reports";
export * from "./socket-io-attachment";
export * from "./sync-engine";

/** Explicit list (no folder discovery) so bundlers such as Next.js see every entity. */
export const entities = [
  User,
  Session,
  Account,
  Verification,
  Organization,
  Member,
  Invitation,
  RateLimit,
  AuditLog,
  SocketIoAttachment,
  ...catalogEntities,
  ...catalogPreferenceEntities,
  ...channelEntities,
  ...bulkOperationEntities,
  ...catalogImportEntities,
  ...marketplaceEntities,
  ...syncEngineEntities,
  ...analyticsEntities,
  ...reportEntities,
  ...reportSystemEntities,
];
