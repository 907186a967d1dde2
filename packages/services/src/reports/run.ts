import { sqlRows, type EntityManager } from "@syncstore/db";
import type { RealtimeEmitter } from "@syncstore/realtime";
import type { Logger } from "pino";
import type { Mailer } from "../mailer";
import { reportById, reportFiltersSchema } from "./definitions";
import { estimateReportRows, streamReport } from "./stream";
import { organizationCurrency } from "../settings/currency";

/** A finished file stays downloadable this long. */
export const REPORT_TTL_MS = 7 * 86_400_000;
/** Bytes per stored chunk of a report file. */
const CHUNK_BYTES = 512 * 1024;
/** Files up to this size are attached to scheduled emails; larger ones are linked. */
export const ATTACH_MAX_BYTES = 5 * 1024 * 1024;

interface RunRow {
  id: string;
  organization_id: string;
  report: string;
  filters: Record<string, unknown>;
  bom: boolean;
  status: string;
}

export interface ReportDeps {
  em: EntityManager;
  realtime: RealtimeEmitter;
  log: Logger;
}

/**
 * Runs a queued report into `report_file_chunk` (PostgreSQL, so every replica can serve the
 * download), with progress over socket.io. Idempotent: a retry starts the file again.
 */
export async function runReport(deps: ReportDeps, runId: string): Promise<void> {
  const { em } = deps;
  const [run] = await sqlRows<RunRow>(
    em,
    `select id::text, organization_id, report, filters, bom, status from report_run where id = $1`,
    [runId],
  );
  if (!run || run.status === "succeeded") return;
  const report = reportById(run.report);
  const room = deps.realtime.toOrganization(run.organization_id);
  const progress = (status: "running" | "succeeded" | "failed", rows: number, totalRows: number | null) =>
    room
      .emit("report.progress", { runId, status, rows, totalRows })
      .catch((err: unknown) => deps.log.warn({ err }, "emit failed"));
  if (!report) {
    await sqlRows(em, `update report_run set status = 'failed', error = $2, finished_at = now() where id = $1`, [
      runId,
      `Unknown report ${run.report}`,
    ]);
    return;
  }
  const filters = reportFiltersSchema.parse(run.filters);
  const totalRows = await estimateReportRows(em, report, run.organization_id, filters);
  await sqlRows(em, `delete from report_file_chunk where run_id = $1`, [runId]);
  await sqlRows(
    em,
    `update report_run set status = 'running', rows = 0, bytes = 0, total_rows = $2, error = null where id = $1`,
    [runId, totalRows],
  );
  await progress("running", 0, totalRows);
  let buffer: Buffer[] = [];
  let buffered = 0;
  let seq = 0;
  let bytes = 0;
  let rows = 0;
  const flush = async () => {
    if (buffered === 0) return;
    await sqlRows(em, `insert into report_file_chunk (run_id, seq, data) values ($1, $2, $3)`, [
      runId,
      seq,
      Buffer.concat(buffer),
    ]);
    seq += 1;
    bytes += buffered;
    buffer = [];
    buffered = 0;
  };
  try {
    const chunks = streamReport(em, report, run.organization_id, filters, {
      bom: run.bom,
      currency: await organizationCurrency(em, run.organization_id),
      onRows: async (count) => {
        rows = count;
        await sqlRows(em, `update report_run set rows = $2 where id = $1`, [runId, count]);
        await progress("running", count, totalRows);
      },
    });
    for await (const text of chunks) {
      const piece = Buffer.from(text, "utf8");
      buffer.push(piece);
      buffered += piece.length;
      if (buffered >= CHUNK_BYTES) await flush();
    }
    await flush();
    const date = new Date().toISOString().slice(0, 10);
    await sqlRows(
      em,
      `update report_run set status = 'succeeded', rows = $2, bytes = $3, file_name = $4, finished_at = now(),
              expires_at = now() + $5 * interval '1 millisecond' where id = $1`,
      [runId, rows, bytes, `${report.id}-${date}.csv`, REPORT_TTL_MS],
    );
    await progress("succeeded", rows, totalRows);
  } catch (error) {
    await sqlRows(em, `update report_run set status = 'failed', error = $2, finished_at = now() where id = $1`, [
      runId,
      error instanceof Error ? error.message : String(error),
    ]);
    await progress("failed", rows, totalRows);
    throw error;
  }
}

/** The stored file of a run, in order. */
export async function readReportFile(em: EntityManager, runId: string): Promise<Buffer> {
  const rows = await sqlRows<{ data: Buffer }>(
    em,
    `select data from report_file_chunk where run_id = $1 order by seq`,
    [runId],
  );
  return Buffer.concat(rows.map((row) => row.data));
}

interface DueSchedule {
  id: string;
  organization_id: string;
  name: string;
  report: string;
  filters: Record<string, unknown>;
  frequency: "daily" | "weekly";
  recipients: string[];
  bom: boolean;
}

/**
 * Sends every schedule that is due: one run each (kept in the history), mailed to the chosen
 * members who still belong to the organization, the file attached (or linked when large). The
 * next run time moves on first, in the same transaction that claims the schedule, so two workers
 * never send the same schedule twice.
 */
export async function sendDueReports(
  deps: ReportDeps & { mailer: Mailer; webUrl: string },
  now = new Date(),
): Promise<number> {
  const due = await deps.em.fork().transactional(async (tx) => {
    const rows = await sqlRows<DueSchedule>(
      tx,
      `select id::text, organization_id, name, report, filters, frequency, recipients, bom from report_schedule
        where enabled and next_run_at <= $1 order by next_run_at for update skip locked limit 20`,
      [now],
    );
    for (const row of rows)
      await sqlRows(
        tx,
        `update report_schedule set last_run_at = $2,
                next_run_at = greatest(next_run_at, $2) + case when frequency = 'weekly' then interval '7 days' else interval '1 day' end
          where id = $1`,
        [row.id, now],
      );
    return rows;
  });
  for (const schedule of due) {
    const [run] = await sqlRows<{ id: string }>(
      deps.em,
      `insert into report_run (id, organization_id, schedule_id, report, filters, bom, status, created_at)
       values (gen_random_uuid(), $1, $2, $3, $4, $5, 'queued', now()) returning id::text`,
      [schedule.organization_id, schedule.id, schedule.report, JSON.stringify(schedule.filters), schedule.bom],
    );
    if (!run) continue;
    await runReport(deps, run.id);
    const members = await sqlRows<{ email: string }>(
      deps.em,
      `select u.email from member m join "user" u on u.id = m.user_id where m.organization_id = $1 and m.user_id = any($2::text[])`,
      [schedule.organization_id, schedule.recipients],
    );
    const [file] = await sqlRows<{ file_name: string; bytes: number; rows: number }>(
      deps.em,
      `select file_name, bytes::float8 as bytes, rows::float8 as rows from report_run where id = $1`,
      [run.id],
    );
    const content = file && file.bytes <= ATTACH_MAX_BYTES ? await readReportFile(deps.em, run.id) : null;
    const link = `${deps.webUrl}/api/reports/runs/${run.id}`;
    for (const member of members)
      await deps.mailer.send({
        to: member.email,
        subject: `${schedule.name}: ${reportById(schedule.report)?.title ?? schedule.report} report`,
        text:
          `Your ${schedule.frequency} report "${schedule.name}" is ready: ${file?.rows ?? 0} rows.\n` +
          (content ? "The CSV file is attached." : `Download it (link valid for 7 days): ${link}`),
        ...(content && file ? { attachments: [{ filename: file.file_name, content, contentType: "text/csv" }] } : {}),
      });
    await sqlRows(deps.em, `update report_run set sent_to = $2 where id = $1`, [run.id, members.map((m) => m.email)]);
  }
  return due.length;
}
