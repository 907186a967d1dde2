/**
 * The realtime contract between the gateway's socket.io server and its clients (browser and
 * emitters). Browser-safe: no Node or server imports may appear in this file.
 *
 * Add an event by adding one entry to `RealtimeEvents`; the socket.io maps below and the typed
 * emitter follow from it. Payloads carry ids and small display fields, never whole records:
 * a client that needs more refetches through tRPC.
 */

/** The socket.io path the gateway serves (the client must use the same one). */
export const REALTIME_PATH = "/realtime";

/** A new row in the organization's audit log. */
export interface AuditCreatedPayload {
  id: string;
  action: string;
  entity: string;
  entityId: string | null;
  actorName: string | null;
  /** ISO 8601 timestamp of the audited change. */
  at: string;
}

/** Why the team (members or invitations) of the organization changed. */
export type TeamChangeReason =
  | "member.added"
  | "member.removed"
  | "member.role_changed"
  | "invitation.created"
  | "invitation.canceled"
  | "invitation.accepted"
  /** The invitation email job delivered the email (SMTP) or, without SMTP, wrote it to the log. */
  | "invitation.emailed"
  | "invitation.logged"
  /** Settings → Organization changed the name, currency or time zone. */
  | "organization.updated";

export interface TeamChangedPayload {
  reason: TeamChangeReason;
}

/** Catalog rows (variants) another user saved; open grids refetch those rows. */
export interface CatalogRowsChangedPayload {
  variantIds: string[];
  actorId: string;
  /** ISO 8601 timestamp of the commit. */
  at: string;
}

/** Statuses of a bulk operation (the same values as the `bulk_operation.status` column). */
export type BulkOperationStatusValue = "queued" | "running" | "succeeded" | "failed" | "cancelled";

/**
 * Progress of a bulk operation after each batch. `done` counts processed rows (succeeded or
 * failed), `failed` the rows that could not be changed; `done === total` when it finished.
 */
export interface BulkProgressPayload {
  operationId: string;
  done: number;
  failed: number;
  total: number;
  status: BulkOperationStatusValue;
}

/** Progress of a manual or bulk sync run (the `sync_run` row after a listing finished). */
export interface SyncProgressPayload {
  runId: string;
  done: number;
  failed: number;
  total: number;
  status: "running" | "succeeded" | "failed" | "cancelled";
}

/** Listings whose sync state changed (pending, syncing, in_sync, failed, conflict, …). */
export interface ListingsChangedPayload {
  listingIds: string[];
  variantIds: string[];
  connectionId: string | null;
  reason: "sync" | "overrides" | "import" | "publish" | "webhook";
}

/** A webhook event was stored, processed or failed. */
export interface WebhookActivityPayload {
  eventId: string;
  platform: "shopee" | "tiktok";
  eventType: string;
  status: "received" | "processed" | "failed" | "unknown_shop" | "ignored";
  duplicate: boolean;
  /** ISO 8601 */
  at: string;
}

/** A new alert or a repeat of an open one. */
export interface AlertRaisedPayload {
  id: string;
  kind: string;
  severity: "info" | "warning" | "critical";
  title: string;
  count: number;
}

/** Alerts a person acknowledged or resolved: bells and alert lists refetch. */
export interface AlertUpdatedPayload {
  ids: string[];
  status: "acknowledged" | "resolved";
}

/** Stock of some variants changed (orders, adjustments, counts, imports): inventory views refresh them. */
export interface StockChangedPayload {
  variantIds: string[];
  reason: "order" | "adjustment" | "count" | "import" | "bulk" | "link";
}

/** A channel connection changed state (status, health, paused, token refreshed). */
export interface ConnectionChangedPayload {
  connectionId: string;
  status: string;
}

/** Progress of a report run as a job (rows written so far, of the planner's estimate). */
export interface ReportProgressPayload {
  runId: string;
  status: "queued" | "running" | "succeeded" | "failed";
  rows: number;
  totalRows: number | null;
}

/** Conflicts opened, refreshed or closed (by detection, a policy or a person); the Conflicts page and badge refetch. */
export interface ConflictsChangedPayload {
  opened: string[];
  closed: string[];
  listingIds: string[];
  /** ISO 8601 */
  at: string;
}

/** Event name to payload. Every realtime event has exactly one payload argument. */
export interface RealtimeEvents {
  "audit.created": AuditCreatedPayload;
  "team.changed": TeamChangedPayload;
  "catalog.rows_changed": CatalogRowsChangedPayload;
  "bulk.progress": BulkProgressPayload;
  "sync.progress": SyncProgressPayload;
  "listings.changed": ListingsChangedPayload;
  "webhook.activity": WebhookActivityPayload;
  "alert.raised": AlertRaisedPayload;
  "alert.updated": AlertUpdatedPayload;
  "connection.changed": ConnectionChangedPayload;
  "report.progress": ReportProgressPayload;
  "conflicts.changed": ConflictsChangedPayload;
  "stock.changed": StockChangedPayload;
}

export type RealtimeEventName = keyof RealtimeEvents;
export type RealtimePayload<E extends RealtimeEventName> = RealtimeEvents[E];

/** socket.io's server-to-client map, derived from `RealtimeEvents`. */
export type ServerToClientEvents = {
  [E in RealtimeEventName]: (payload: RealtimeEvents[E]) => void;
};

/** Clients only listen for now; commands go through tRPC. */
export type ClientToServerEvents = Record<never, never>;

/** Events between gateway replicas through the postgres adapter (none yet). */
export type InterServerEvents = Record<never, never>;

/** What the handshake stores on each authenticated socket (`socket.data`). */
export interface SocketData {
  userId: string;
  sessionId: string;
  organizationId: string;
  role: string;
}

/**
 * Codes the handshake refuses a socket with (`connect_error` carries `err.message === code` and
 * `err.data.code`). Refused sockets are not retried by socket.io-client; the web client
 * reconnects after the user signs in or switches organization.
 */
export const realtimeErrorCodes = ["UNAUTHENTICATED", "NO_ACTIVE_ORGANIZATION", "NOT_A_MEMBER", "INTERNAL"] as const;
export type RealtimeErrorCode = (typeof realtimeErrorCodes)[number];

export interface RealtimeErrorData {
  code: RealtimeErrorCode;
}
