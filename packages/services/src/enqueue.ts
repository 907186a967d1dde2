import type { EntityManager } from "@syncstore/db";
import type { z } from "zod";
import { taskPayloads, type TaskName, type TaskPayload } from "./payloads";

/** graphile-worker runs lower numbers first. */
export const jobPriority = { high: -10, normal: 0, low: 10 } as const;

export interface EnqueueOptions {
  /** Jobs with the same key collapse into one pending job (the latest payload wins). */
  jobKey?: string;
  /** "replace" (default) resets run_at; "preserve_run_at" keeps the earliest; "unsafe_dedupe" keeps the existing job. */
  jobKeyMode?: "replace" | "preserve_run_at" | "unsafe_dedupe";
  priority?: keyof typeof jobPriority;
  runAt?: Date;
  maxAttempts?: number;
  /** Jobs in one named queue run one at a time, in order. */
  queueName?: string;
}

export class InvalidJobPayloadError extends Error {
  override readonly name = "InvalidJobPayloadError";
  constructor(
    readonly task: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(
      `Invalid payload for job "${task}": ${issues.map((i) => `${i.path.join(".") || "(root)"} ${i.message}`).join("; ")}`,
    );
  }
}

/**
 * Adds a job inside the caller's transaction (ARCHITECTURE invariant 1): pass the transactional
 * EntityManager; if the transaction rolls back, the job never existed. The payload is validated
 * against the task's schema first, so a bad payload fails the caller, not the worker.
 */
export async function enqueue<T extends TaskName>(
  tx: EntityManager,
  task: T,
  payload: TaskPayload<T>,
  options: EnqueueOptions = {},
): Promise<{ id: string }> {
  const parsed = taskPayloads[task].safeParse(payload);
  if (!parsed.success) throw new InvalidJobPayloadError(task, parsed.error.issues);
  const rows = await tx.execute<{ id: string }[]>(
    `select (graphile_worker.add_job(
       identifier => ?, payload => ?::json, queue_name => ?, run_at => ?::timestamptz,
       max_attempts => ?::int, job_key => ?, priority => ?::int, job_key_mode => ?
     )).id::text as id`,
    [
      task,
      JSON.stringify(parsed.data),
      options.queueName ?? null,
      options.runAt?.toISOString() ?? null,
      options.maxAttempts ?? null,
      options.jobKey ?? null,
      jobPriority[options.priority ?? "normal"],
      options.jobKey ? (options.jobKeyMode ?? "replace") : null,
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error(`graphile_worker.add_job returned no job for "${task}"`);
  return { id };
}
