import { Emitter } from "@socket.io/postgres-emitter";
import { type RealtimeEventName, type RealtimeEvents, type ServerToClientEvents } from "./events";
import { organizationRoom } from "./rooms";

/**
 * Anything that runs a parameterised query: a `pg.Pool`, or a `pg.PoolClient` inside a
 * transaction. NOTIFY is transactional, so an event published through a transaction's client is
 * delivered only if that transaction commits.
 */
export interface RealtimeQueryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** Channel prefix shared by the gateway's postgres adapter and every emitter. */
export const REALTIME_CHANNEL_PREFIX = "socket.io";

/**
 * PostgreSQL refuses NOTIFY payloads over 8000 bytes; the library would then fall back to the
 * attachments table. Realtime payloads carry ids, so we refuse big ones before they get there,
 * leaving room for the envelope (packet type, namespace, rooms).
 */
export const MAX_REALTIME_PAYLOAD_BYTES = 6000;

export class RealtimePayloadTooLargeError extends Error {
  override readonly name = "RealtimePayloadTooLargeError";
  constructor(
    readonly event: string,
    readonly bytes: number,
  ) {
    super(
      `Realtime event "${event}" has a ${bytes}-byte payload (limit ${MAX_REALTIME_PAYLOAD_BYTES}). ` +
        "Send ids and let the client refetch the data.",
    );
  }
}

export interface OrganizationBroadcast {
  /** Resolves once PostgreSQL accepted the notification; rejects with the database error. */
  emit<E extends RealtimeEventName>(event: E, payload: RealtimeEvents[E]): Promise<void>;
}

export interface RealtimeEmitter {
  toOrganization(organizationId: string): OrganizationBroadcast;
  emitToOrganization<E extends RealtimeEventName>(
    organizationId: string,
    event: E,
    payload: RealtimeEvents[E],
  ): Promise<void>;
}

/**
 * postgres-emitter 0.1.1 predates the cluster-adapter protocol that postgres-adapter 0.4+ speaks:
 * the adapter routes each message by a top-level `nsp`, which the emitter does not write, so its
 * broadcasts were silently dropped. We add it to the NOTIFY payload (the emitter only publishes to
 * the root namespace here). Remove once the emitter writes `nsp` itself.
 */
function withNamespace(values: unknown[]): unknown[] {
  const [channel, payload] = values;
  if (typeof payload !== "string" || values.length !== 2) return values;
  const message = JSON.parse(payload) as Record<string, unknown>;
  return [channel, JSON.stringify({ ...message, nsp: message.nsp ?? "/" })];
}

/** The library's typed `emit` cannot follow a generic event name; callers above are typed. */
interface UntypedBroadcast {
  emit(event: RealtimeEventName, payload: RealtimeEvents[RealtimeEventName]): true;
}

/**
 * Publishes typed events to the sockets of an organization, from any process (workers, API),
 * through `@socket.io/postgres-emitter`; every gateway replica's postgres adapter delivers them.
 */
export function createRealtimeEmitter(pool: RealtimeQueryable): RealtimeEmitter {
  // The library publishes fire-and-forget and, on failure, emits an "error" event through the
  // same pool. We capture the query it starts (synchronously, inside `emit`) so callers can
  // await it and see the real error, and hand the library a promise that never rejects.
  let captured: Promise<unknown>[] | undefined;
  const recordingPool: RealtimeQueryable = {
    query(text, values) {
      const result = pool.query(text, values && withNamespace(values));
      captured?.push(result);
      return result.catch(() => ({ rows: [] }));
    },
  };
  const emitter = new Emitter<ServerToClientEvents>(recordingPool, "/", {
    channelPrefix: REALTIME_CHANNEL_PREFIX,
  });

  const emitToOrganization = async <E extends RealtimeEventName>(
    organizationId: string,
    event: E,
    payload: RealtimeEvents[E],
  ): Promise<void> => {
    const bytes = Buffer.byteLength(JSON.stringify(payload));
    if (bytes > MAX_REALTIME_PAYLOAD_BYTES) throw new RealtimePayloadTooLargeError(event, bytes);
    const room = organizationRoom(organizationId);
    const queries: Promise<unknown>[] = [];
    captured = queries;
    try {
      const broadcast: UntypedBroadcast = emitter.to(room);
      broadcast.emit(event, payload);
    } finally {
      captured = undefined;
    }
    if (queries.length === 0) throw new Error(`Realtime event "${event}" was not published`);
    await Promise.all(queries);
  };

  return {
    emitToOrganization,
    toOrganization: (organizationId) => ({
      emit: (event, payload) => emitToOrganization(organizationId, event, payload),
    }),
  };
}
