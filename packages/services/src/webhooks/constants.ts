/** The task that processes one stored webhook event ({ eventId }). */
export const WEBHOOK_PROCESS_TASK = "process-webhook-event";

/**
 * Attempts before an event is marked failed and alerted. graphile-worker backs off exponentially
 * (about e^attempt seconds: 3 s, 7 s, 20 s, 55 s, 2.5 min, 7 min, 18 min), so eight attempts span
 * about half an hour: long enough to ride out a marketplace outage, short enough to alert the same day.
 * The gateway enqueues with this value (its `add_jobs` call) and replays use it too.
 */
export const WEBHOOK_PROCESS_MAX_ATTEMPTS = 8;

/** One pending processing job per event: a replay while a job is queued folds into it. */
export function webhookProcessJobKey(eventId: string): string {
  return `webhook:${eventId}`;
}
