import type { z } from "zod";
import type { TaskContext } from "../context";
import type { taskPayloads } from "../payloads";
import { processWebhookEvent as processEvent, recordProcessingFailure } from "../webhooks/process";

/**
 * Applies one stored marketplace event (see `processWebhookEvent` in webhooks/process.ts). A failed
 * attempt records its error and rethrows, so graphile-worker retries with backoff; the last one
 * marks the event failed and raises an alert.
 */
export async function processWebhookEvent(
  payload: z.infer<(typeof taskPayloads)["process-webhook-event"]>,
  ctx: TaskContext,
): Promise<void> {
  const { attempts, max_attempts: maxAttempts } = ctx.helpers.job;
  try {
    await processEvent(ctx, payload.eventId, attempts, ctx.log);
  } catch (error) {
    const final = attempts >= maxAttempts;
    ctx.log.warn({ err: error, eventId: payload.eventId, attempts, maxAttempts, final }, "webhook processing failed");
    await recordProcessingFailure(ctx, payload.eventId, attempts, final, error, ctx.log).catch((err: unknown) =>
      ctx.log.error({ err, eventId: payload.eventId }, "could not record the webhook failure"),
    );
    throw error;
  }
}
