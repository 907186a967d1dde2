import { analyticsEntities } from "./analytics";
import { AuditLog } from "./audit-log";
import { bulkOperationEntities } from "./bulk-operation";
import { catalogEntities } from "./catalog";
import { catalogImportEntities } from "./catalog-import";
import { catalogPreferenceEntities } from "./catalog-preferences";
import { channelEntities } from "./channel-connection";
import { settingsEntities } from "./settings";
import { reportEntities, reportSystemEntities } from "./reports";
import { alertEntities } from "./alerts";
import { listingEntities } from "./listings";
import { orderEntities } from "./orders";
import { syncEntities } from "./sync";
import { webhookEntities } from "./webhooks";
import { conflictEntities } from "./conflicts";
import { inventoryEntities } from "./inventory";
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
export * from "./settings";
export * from "./reports";
export * from "./listings";
export * from "./orders";
export * from "./alerts";
export * from "./sync";
export * from "./webhooks";
export * from "./conflicts";
export * from "./inventory";
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
  ...listingEntities,
  ...syncEntities,
  ...webhookEntities,
  ...orderEntities,
  ...inventoryEntities,
  ...alertEntities,
  ...syncEngineEntities,
  ...settingsEntities,
  ...analyticsEntities,
  ...reportEntities,
  ...reportSystemEntities,
  ...conflictEntities,
];
