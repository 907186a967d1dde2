import { stringify } from "csv-stringify/sync";
import type { EntityManager } from "@syncstore/db";
import { listAudit, type AuditItem, type AuditQuery } from "./audit";

const PAGE = 500;

const columns: { header: string; cell: (item: AuditItem) => string }[] = [
  { header: "Time (UTC)", cell: (item) => item.at.toISOString() },
  { header: "Actor", cell: (item) => item.actor?.name ?? "System" },
  { header: "Actor email", cell: (item) => item.actor?.email ?? "" },
  { header: "Action", cell: (item) => item.action },
  { header: "Entity", cell: (item) => item.entity },
  { header: "Entity label", cell: (item) => item.label ?? "" },
  { header: "Entity id", cell: (item) => item.entityId ?? "" },
  { header: "Changes", cell: (item) => (Object.keys(item.diff).length ? JSON.stringify(item.diff) : "") },
  { header: "IP", cell: (item) => item.ip ?? "" },
  { header: "User agent", cell: (item) => item.userAgent ?? "" },
];

/**
 * The audit log as CSV with the list's filters, newest first, a page of rows at a time (the list's
 * own keyset cursor), so a long history never sits in memory.
 */
export async function* exportAuditCsv(
  em: EntityManager,
  query: Omit<AuditQuery, "cursor" | "limit">,
): AsyncGenerator<string, void, undefined> {
  yield stringify([columns.map((column) => column.header)]);
  let cursor: string | undefined;
  do {
    const page = await listAudit(em, { ...query, cursor, limit: PAGE });
    if (page.items.length) yield stringify(page.items.map((item) => columns.map((column) => column.cell(item))));
    cursor = page.nextCursor ?? undefined;
    em.clear();
  } while (cursor);
}
