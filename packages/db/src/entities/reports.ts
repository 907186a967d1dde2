import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Organization, User } from "./auth";

const organization = () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade");
const uuid = () =>
  p
    .uuid()
    .primary()
    .onCreate(() => randomUUID());

export const reportFrequencies = ["daily", "weekly"] as const;
export type ReportFrequency = (typeof reportFrequencies)[number];

/** A saved report with its filters, mailed daily or weekly to chosen members. */
export const ReportSchedule = defineEntity({
  name: "ReportSchedule",
  tableName: "report_schedule",
  indexes: [{ properties: ["organizationId"] }, { properties: ["nextRunAt"] }],
  properties: {
    id: uuid(),
    organizationId: organization(),
    name: p.string().columnType("text"),
    report: p.string().columnType("text"),
    filters: p.json<Record<string, unknown>>().default("{}"),
    frequency: p.enum(reportFrequencies),
    /** Member user ids the file goes to. */
    recipients: p.array().columnType("text[]").default([]),
    bom: p.boolean().default(false),
    enabled: p.boolean().default(true),
    nextRunAt: p.datetime(),
    lastRunAt: p.datetime().nullable(),
    createdById: () => p.manyToOne(User).mapToPk().nullable().fieldName("created_by").deleteRule("set null"),
    createdAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date()),
  },
});
export type ReportSchedule = InferEntity<typeof ReportSchedule>;

export const reportRunStatuses = ["queued", "running", "succeeded", "failed"] as const;
export type ReportRunStatus = (typeof reportRunStatuses)[number];

/**
 * One run of a report (on request as a job, or by a schedule). The file is kept in PostgreSQL
 * (`report_file_chunk`) so any replica serves the download until `expiresAt`.
 */
export const ReportRun = defineEntity({
  name: "ReportRun",
  tableName: "report_run",
  indexes: [{ properties: ["organizationId", "createdAt"] }, { properties: ["expiresAt"] }],
  properties: {
    id: uuid(),
    organizationId: organization(),
    scheduleId: () => p.manyToOne(ReportSchedule).mapToPk().nullable().fieldName("schedule_id").deleteRule("set null"),
    report: p.string().columnType("text"),
    filters: p.json<Record<string, unknown>>().default("{}"),
    bom: p.boolean().default(false),
    status: p.enum(reportRunStatuses).default("queued"),
    rows: p.bigint("number").default(0),
    /** Estimated rows when the run started (progress). */
    totalRows: p.bigint("number").nullable(),
    bytes: p.bigint("number").default(0),
    fileName: p.string().columnType("text").nullable(),
    error: p.string().columnType("text").nullable(),
    /** Who got the mail (scheduled runs). */
    sentTo: p.array().columnType("text[]").default([]),
    actorId: () => p.manyToOne(User).mapToPk().nullable().fieldName("actor_id").deleteRule("set null"),
    createdAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date()),
    finishedAt: p.datetime().nullable(),
    expiresAt: p.datetime().nullable(),
  },
});
export type ReportRun = InferEntity<typeof ReportRun>;

/** The CSV of a report run in ordered chunks (bytea), streamed back on download. */
export const ReportFileChunk = defineEntity({
  name: "ReportFileChunk",
  tableName: "report_file_chunk",
  primaryKeys: ["runId", "seq"],
  properties: {
    runId: () => p.manyToOne(ReportRun).mapToPk().primary().fieldName("run_id").deleteRule("cascade"),
    seq: p.integer().primary(),
    data: p.blob(),
  },
});
export type ReportFileChunk = InferEntity<typeof ReportFileChunk>;

export const reportEntities = [ReportSchedule, ReportRun];
export const reportSystemEntities = [ReportFileChunk];
