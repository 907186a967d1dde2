import type { EntityManager } from "@syncstore/db";
import type { z } from "zod";
import { taskPayloads, type TaskName, type TaskPayload } from "./payloads";
import { currentTraceparent } from "./tracing/context";

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
 * against the task's schema first, so a bad payload fails the caller, not the worker. When the
 * caller is being traced, the payload also carries its W3C `traceparent`, which the worker's task
 * wrapper continues (`createTaskList`): one trace from the request to the marketplace call.
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
      JSON.stringify(withTraceparent(parsed.data)),
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

/** The payload with the active trace's `traceparent` (unchanged when nothing is traced). */
function withTraceparent(payload: object): object {
  const traceparent = currentTraceparent();
  return traceparent ? { ...payload, traceparent } : payload;
}

/** SQL expressions (of the rows in `from`) for each payload field of a task: exactly its fields. */
export type PayloadColumns<T extends TaskName> = { [K in keyof Required<TaskPayload<T>>]: string };

export interface JobSpecs<T extends TaskName> {
  task: T;
  /** The rows to enqueue one job each for: `marked m`, `saved s where s.inserted`. */
  from: string;
  /** The payload as SQL expressions over those rows, e.g. `{ listingId: "m.id" }`. */
  payload: PayloadColumns<T>;
  /** Job key: the constant prefix (from the task's key function) and the expression of the row's id. */
  jobKey?: { prefix: string; id: string };
  /**
   * What a job already waiting under the key keeps: "preserve_run_at" its run time (a burst of
   * edits rides along with the first), "replace" nothing (the new run time wins).
   */
  jobKeyMode: "replace" | "preserve_run_at";
  /** A run time expression (timestamptz); null means now. */
  runAt?: string;
  /** A named priority, or an SQL expression per row (`{ sql: "f.priority" }`). */
  priority?: keyof typeof jobPriority | { sql: string };
  maxAttempts?: number;
  /**
   * An SQL expression (text, may be null) giving each row's producer `traceparent`, for a statement
   * saving the rows of several traced requests at once (the gateway's group commit). Without it, the
   * active trace's `traceparent`, if any, goes into every payload.
   */
  traceparent?: string;
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The PostgreSQL type a payload field is cast to, so PostgreSQL refuses what the schema would. */
function payloadFieldCast(task: string, field: string, schema: z.ZodType): string {
  const def = schema._zod.def as { type: string; format?: string };
  if (def.type === "string") return def.format === "uuid" ? "uuid" : "text";
  throw new Error(
    `addJobsSql: field "${field}" of task "${task}" is a ${def.type}; only strings and uuids are supported`,
  );
}

/**
 * The set-based producer: a `graphile_worker.add_jobs(…)` call expression enqueuing one job per
 * row of `spec.from`, for use inside the statement that produced the rows (one round trip, one
 * transaction, as `enqueue` guarantees for one job). The payload is checked against the task's
 * schema when the SQL is built: the fields must be exactly the schema's (also checked by the
 * types), and each value is cast to the field's type (uuid fields to `uuid`), so a wrong value
 * fails the statement instead of the worker. Task name, key prefix and numbers are inlined as
 * literals; expressions may use the caller's placeholders. The active trace's `traceparent`, when
 * the caller is traced, is added to every payload as a literal (as `enqueue` does), unless
 * `spec.traceparent` gives one per row.
 */
export function addJobsSql<T extends TaskName>(spec: JobSpecs<T>): string {
  const schema = taskPayloads[spec.task] as z.ZodType;
  const object =
    schema._zod.def.type === "default" ? (schema._zod.def as unknown as { innerType: z.ZodType }).innerType : schema;
  const shape = (object as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  const given = Object.keys(spec.payload).sort();
  const expected = Object.keys(shape).sort();
  if (given.join() !== expected.join())
    throw new Error(`addJobsSql: task "${spec.task}" takes {${expected.join(", ")}}, not {${given.join(", ")}}`);
  const payload = given
    .map((field) => {
      const type = payloadFieldCast(spec.task, field, shape[field] as z.ZodType);
      return `${literal(field)}, (${spec.payload[field as keyof PayloadColumns<T>]})::${type}`;
    })
    .join(", ");
  const traceparent = currentTraceparent();
  const payloadObject =
    spec.traceparent !== undefined
      ? `case when (${spec.traceparent}) is null then json_build_object(${payload})
          else json_build_object(${payload}, 'traceparent', (${spec.traceparent})::text) end`
      : traceparent
        ? `json_build_object(${payload}, 'traceparent', ${literal(traceparent)}::text)`
        : `json_build_object(${payload})`;
  const priority =
    spec.priority === undefined
      ? "null"
      : typeof spec.priority === "string"
        ? String(jobPriority[spec.priority])
        : `(${spec.priority.sql})::int`;
  const fields = [
    literal(spec.task),
    payloadObject,
    "null",
    spec.runAt ? `(${spec.runAt})::timestamptz` : "null",
    spec.maxAttempts === undefined ? "null" : String(Math.trunc(spec.maxAttempts)),
    spec.jobKey ? `${literal(spec.jobKey.prefix)} || (${spec.jobKey.id})::text` : "null",
    priority,
    "null",
  ];
  return `graphile_worker.add_jobs(
    array(select row(${fields.join(", ")})::graphile_worker.job_spec from ${spec.from}),
    ${spec.jobKeyMode === "preserve_run_at" ? "true" : "false"}
  )`;
}
