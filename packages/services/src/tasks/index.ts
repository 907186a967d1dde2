import type { Task, TaskList } from "graphile-worker";
import type { z } from "zod";
import type { JobDeps, TaskContext } from "../context";
import { taskPayloads, type TaskName } from "../payloads";
import { inJobSpan } from "../tracing/context";
import { catalogBulkOperation } from "./catalog-bulk-operation";
import { pruneAuthRecords } from "./prune-auth-records";
import { pruneCatalogImports } from "./prune-catalog-imports";
import { pruneWebhookEvents } from "./prune-webhook-events";
import { refreshChannelToken, refreshChannelTokens } from "./refresh-channel-tokens";
import { sendInvitationEmail } from "./send-invitation-email";
import { syncListing } from "./sync-listing";
import { processWebhookEventTask } from "./process-webhook-event";
import { reconcileChannels, reconcileConnectionTask } from "./reconcile-channels";
import { importListings } from "./import-listings";
import { publishListingTask } from "./publish-listing";
import { pullPerformanceTask, schedulePerformancePulls } from "./pull-performance";
import { pruneReportFiles, runReportTask, sendScheduledReports } from "./reports";
import { rollupAnalytics } from "./rollup-analytics";
import { compareLiveListings } from "./compare-live-listings";
import { sendAlertDigests, sendAlertEmail } from "./send-alert-email";

export { invitationLink } from "./send-invitation-email";

type Handler<T extends TaskName> = (payload: z.infer<(typeof taskPayloads)[T]>, ctx: TaskContext) => Promise<void>;

const handlers: { [T in TaskName]: Handler<T> } = {
  "send-invitation-email": sendInvitationEmail,
  "prune-auth-records": pruneAuthRecords,
  "prune-catalog-imports": pruneCatalogImports,
  "prune-webhook-events": pruneWebhookEvents,
  "catalog-bulk-operation": catalogBulkOperation,
  "refresh-channel-tokens": refreshChannelTokens,
  "refresh-channel-token": refreshChannelToken,
  "sync-listing": syncListing,
  "process-webhook-event": processWebhookEventTask,
  "reconcile-channels": reconcileChannels,
  "reconcile-connection": reconcileConnectionTask,
  "import-listings": importListings,
  "publish-listing": publishListingTask,
  "schedule-performance-pulls": schedulePerformancePulls,
  "pull-performance": pullPerformanceTask,
  "rollup-analytics": rollupAnalytics,
  "run-report": runReportTask,
  "send-scheduled-reports": sendScheduledReports,
  "prune-report-files": pruneReportFiles,
  "compare-live-listings": compareLiveListings,
  "send-alert-email": sendAlertEmail,
  "send-alert-digests": sendAlertDigests,
};

/**
 * graphile-worker's task list: each task parses its payload with its schema (a malformed payload
 * fails the job with a clear error instead of half-running) and gets a job-bound logger. Each run
 * is a CONSUMER span continuing the trace its producer stored in the payload (`traceparent`, see
 * `enqueue`), so the marketplace calls it makes join the request that caused them; the logger
 * carries the trace id when traced.
 */
export function createTaskList(deps: JobDeps): TaskList {
  const list: TaskList = {};
  for (const name of Object.keys(handlers) as TaskName[]) {
    const task: Task = (payload, helpers) =>
      inJobSpan(name, payload, { "job.id": helpers.job.id, "job.attempt": helpers.job.attempts }, async (traceId) => {
        const data = taskPayloads[name].parse(payload ?? {});
        const log = deps.logger.child({
          jobId: helpers.job.id,
          task: name,
          attempt: helpers.job.attempts,
          ...(traceId ? { traceId } : {}),
        });
        await (handlers[name] as Handler<typeof name>)(data as never, { ...deps, helpers, log });
      });
    list[name] = task;
  }
  return list;
}

/**
 * graphile-worker crontab: auth housekeeping every hour at minute 17 (avoids the top-of-hour
 * rush), abandoned CSV uploads at minute 23, webhook events older than `WEBHOOK_RETENTION_DAYS` at minute 47; marketplace tokens checked every 10 minutes (refreshed 30 minutes before they expire);
 * every connected shop reconciled every 15 minutes (orders and listings webhooks may have missed);
 * analytics rollups every 5 minutes; marketplace performance pulled once a day per shop (checked hourly);
 * scheduled reports sent when due (checked every 5 minutes), expired report files deleted hourly.
 */
export const crontab = [
  "17 * * * * prune-auth-records ?max=3&jobKey=prune-auth-records",
  "23 * * * * prune-catalog-imports ?max=3&jobKey=prune-catalog-imports",
  "47 * * * * prune-webhook-events ?max=3&jobKey=prune-webhook-events",
  "*/10 * * * * refresh-channel-tokens ?max=1&jobKey=refresh-channel-tokens",
  "7,22,37,52 * * * * reconcile-channels ?max=1&jobKey=reconcile-channels",
  "*/5 * * * * rollup-analytics ?max=1&jobKey=rollup-analytics",
  "41 * * * * schedule-performance-pulls ?max=1&jobKey=schedule-performance-pulls",
  "*/5 * * * * send-scheduled-reports ?max=1&jobKey=send-scheduled-reports",
  "29 * * * * prune-report-files ?max=1&jobKey=prune-report-files",
  "0 7 * * * send-alert-digests ?max=1&jobKey=send-alert-digests",
].join("\n");
