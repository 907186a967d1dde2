import type { TaskContext } from "../context";

/** Placeholder replaced by webhook processing (issue 6); a job that reaches it fails loudly. */
export async function processWebhookEvent(payload: { eventId: string }, ctx: TaskContext): Promise<void> {
  ctx.log.error({ eventId: payload.eventId }, "process-webhook-event is not implemented yet");
  throw new Error("process-webhook-event is not implemented yet");
}
