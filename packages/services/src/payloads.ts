import { z } from "zod";

/**
 * Payload schema of every task, by task name. Payloads carry ids, never data (invariant 2): the
 * task reads current state when it runs.
 */
export const taskPayloads = {
  "send-invitation-email": z.object({ invitationId: z.uuid() }),
  "prune-auth-records": z.object({}).default({}),
  "prune-catalog-imports": z.object({}).default({}),
  "prune-webhook-events": z.object({}).default({}),
  "catalog-bulk-operation": z.object({ operationId: z.uuid() }),
  "refresh-channel-tokens": z.object({}).default({}),
  "refresh-channel-token": z.object({ connectionId: z.uuid() }),
  "sync-listing": z.object({ listingId: z.uuid() }),
  "process-webhook-event": z.object({ eventId: z.uuid() }),
  "reconcile-channels": z.object({}).default({}),
  "reconcile-connection": z.object({ connectionId: z.uuid() }),
  "compare-live-listings": z.object({ connectionId: z.uuid() }),
  "import-listings": z.object({ connectionId: z.uuid() }),
  "publish-listing": z.object({ connectionId: z.uuid(), productId: z.uuid() }),
  "schedule-performance-pulls": z.object({}).default({}),
  "pull-performance": z.object({ connectionId: z.uuid() }),
  "rollup-analytics": z.object({}).default({}),
  "run-report": z.object({ runId: z.uuid() }),
  "send-scheduled-reports": z.object({}).default({}),
  "prune-report-files": z.object({}).default({}),
  "send-alert-email": z.object({ alertId: z.uuid() }),
  "send-alert-digests": z.object({}).default({}),
} as const;

export type TaskName = keyof typeof taskPayloads;
export type TaskPayload<T extends TaskName> = z.input<(typeof taskPayloads)[T]>;
