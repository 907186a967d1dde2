import { AuditLog, type EntityManager } from "@syncstore/db";
import type { RealtimeEventName, RealtimeEvents } from "@syncstore/realtime/events";
import type { ApiDeps } from "./context";

/** Who is changing what, from where: the part of a request context that an audit row records. */
export interface Actor {
  organizationId: string;
  userId: string | null;
  userName: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | null;
  /** What a person calls the entity now (SKU, product title, shop name, member email). */
  label?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

type Diff = Record<string, { before: unknown; after: unknown }>;

/** The fields that differ between two snapshots (missing = null). */
export function diffOf(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Diff {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const diff: Diff = {};
  for (const key of keys) {
    const a = before?.[key] ?? null;
    const b = after?.[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) diff[key] = { before: a, after: b };
  }
  return diff;
}

interface PendingEvent {
  organizationId: string;
  event: RealtimeEventName;
  payload: RealtimeEvents[RealtimeEventName];
}

/** Collects the audit rows (written in the transaction) and events (sent after commit) of one change. */
export class Change {
  readonly events: PendingEvent[] = [];
  constructor(
    readonly tx: EntityManager,
    readonly actor: Actor,
  ) {}

  audit(entry: AuditEntry): void {
    const row = this.tx.create(AuditLog, {
      organizationId: this.actor.organizationId,
      actorId: this.actor.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      entityLabel: entry.label ?? null,
      diff: diffOf(entry.before, entry.after),
      ip: this.actor.ip,
      userAgent: this.actor.userAgent,
      requestId: this.actor.requestId,
    });
    this.emit("audit.created", {
      id: row.id,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      actorName: this.actor.userName,
      at: row.createdAt.toISOString(),
    });
  }

  emit<E extends RealtimeEventName>(
    event: E,
    payload: RealtimeEvents[E],
    organizationId = this.actor.organizationId,
  ): void {
    this.events.push({ organizationId, event, payload });
  }
}

/**
 * Runs `work` in one transaction with its audit rows; realtime events go out only after the
 * commit (a rolled-back change announces nothing). A failed emit is logged, never undoes the change.
 */
export async function withChange<T>(
  deps: Pick<ApiDeps, "realtime" | "logger">,
  em: EntityManager,
  actor: Actor,
  work: (change: Change) => Promise<T>,
): Promise<T> {
  let change: Change | undefined;
  const result = await em.transactional(async (tx) => {
    change = new Change(tx, actor);
    return work(change);
  });
  for (const { organizationId, event, payload } of change?.events ?? []) {
    await deps.realtime
      .toOrganization(organizationId)
      .emit(event, payload as never)
      .catch((err: unknown) => deps.logger.warn({ err, event }, "realtime emit failed"));
  }
  return result;
}
