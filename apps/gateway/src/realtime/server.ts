import { type Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/postgres-adapter";
import {
  REALTIME_PATH,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "@syncstore/realtime/events";
import { REALTIME_CHANNEL_PREFIX } from "@syncstore/realtime/emitter";
import { organizationRoom } from "@syncstore/realtime/rooms";
import { type Pool } from "pg";
import { Server } from "socket.io";
import { type GatewayMetrics } from "../http/metrics";
import { type Logger } from "../logger";
import { authenticateHandshake, HandshakeRefusedError, type SessionResolver } from "./handshake";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Table for adapter messages over NOTIFY's 8000-byte limit (created by a packages/db migration). */
export const ATTACHMENTS_TABLE = "socket_io_attachments";

export interface RealtimeServerOptions {
  pool: Pool;
  logger: Logger;
  metrics: GatewayMetrics;
  /** Origin of the admin app (WEB_URL); its pages connect with their session cookie. */
  corsOrigin: string;
  resolveSession: SessionResolver;
  /** How often open sockets are checked against their session and membership (default 3 s). */
  reauthorizeEveryMs?: number;
}

interface LiveAccess {
  session_id: string;
  organization_id: string;
  role: string;
}

/**
 * The sockets whose session still exists, has not expired, still has the socket's organization
 * active, and whose user is still a member there (with the role now held). One statement for every
 * socket of this process.
 */
const LIVE_ACCESS = `
select x.session_id, x.organization_id, m.role
  from unnest($1::text[], $2::text[]) as x(session_id, organization_id)
  join session s on s.id = x.session_id and s.expires_at > now() and s.active_organization_id = x.organization_id
  join member m on m.user_id = s.user_id and m.organization_id = x.organization_id`;

/** The rooms a socket belongs in for what it may see (today: its organization's). */
function roomsFor(data: SocketData): string[] {
  return [organizationRoom(data.organizationId)];
}

/**
 * socket.io at `/realtime`: sockets authenticate with the better-auth session cookie and join
 * their active organization's room. The postgres adapter shares rooms between gateway replicas
 * and delivers what workers publish with `@syncstore/realtime`'s emitter.
 */
export function attachRealtime(httpServer: HttpServer, options: RealtimeServerOptions): RealtimeServer {
  const { pool, metrics } = options;
  const logger = options.logger.child({ component: "realtime" });
  const io: RealtimeServer = new Server(httpServer, {
    path: REALTIME_PATH,
    serveClient: false,
    cors: { origin: options.corsOrigin, credentials: true },
    // Browsers always send Origin on a socket handshake; only the admin's own pages may connect with
    // its cookie (a foreign page would otherwise ride the user's session: finding 4).
    allowRequest: (req, callback) => {
      const allowed = req.headers.origin === options.corsOrigin;
      if (!allowed) {
        metrics.realtimeRefusals.inc({ code: "FORBIDDEN_ORIGIN" });
        logger.debug({ origin: req.headers.origin ?? null }, "socket refused: origin");
      }
      callback(allowed ? null : "FORBIDDEN_ORIGIN", allowed);
    },
    adapter: createAdapter(pool, {
      channelPrefix: REALTIME_CHANNEL_PREFIX,
      tableName: ATTACHMENTS_TABLE,
      errorHandler: (err) => logger.warn({ err }, "postgres adapter error"),
    }),
  });

  io.use((socket, next) => {
    authenticateHandshake(socket.handshake.headers, options.resolveSession, pool).then(
      (data) => {
        socket.data = data;
        next();
      },
      (err: unknown) => {
        if (err instanceof HandshakeRefusedError) {
          metrics.realtimeRefusals.inc({ code: err.code });
          logger.debug({ code: err.code, address: socket.handshake.address }, "socket refused");
          next(err);
          return;
        }
        metrics.realtimeRefusals.inc({ code: "INTERNAL" });
        logger.error({ err }, "socket handshake failed");
        next(new HandshakeRefusedError("INTERNAL"));
      },
    );
  });

  io.on("connection", (socket) => {
    const { userId, organizationId } = socket.data;
    metrics.realtimeSockets.inc();
    void socket.join(roomsFor(socket.data));
    logger.debug({ userId, organizationId, socketId: socket.id }, "socket connected");
    socket.on("disconnect", (reason) => {
      metrics.realtimeSockets.dec();
      logger.debug({ userId, organizationId, socketId: socket.id, reason }, "socket disconnected");
    });
  });

  /**
   * Access is not only checked at the handshake: every few seconds each open socket is checked
   * again. A signed-out or expired session, a removed member or an organization no longer active
   * disconnects the socket; a changed role updates it and its rooms (finding 2).
   */
  let checking = false;
  const reauthorize = async () => {
    if (checking) return;
    checking = true;
    try {
      const sockets = [...io.of("/").sockets.values()];
      if (sockets.length === 0) return;
      const { rows } = await pool.query<LiveAccess>(LIVE_ACCESS, [
        sockets.map((socket) => socket.data.sessionId),
        sockets.map((socket) => socket.data.organizationId),
      ]);
      const live = new Map(rows.map((row) => [`${row.session_id}\u0000${row.organization_id}`, row.role]));
      for (const socket of sockets) {
        const role = live.get(`${socket.data.sessionId}\u0000${socket.data.organizationId}`);
        if (role === undefined) {
          logger.debug({ userId: socket.data.userId, socketId: socket.id }, "socket access ended; disconnecting");
          metrics.realtimeRefusals.inc({ code: "ACCESS_ENDED" });
          socket.disconnect(true);
          continue;
        }
        if (role !== socket.data.role) {
          const before = new Set(roomsFor(socket.data));
          socket.data = { ...socket.data, role };
          const after = roomsFor(socket.data);
          for (const room of before) if (!after.includes(room)) void socket.leave(room);
          void socket.join(after);
        }
      }
    } catch (err) {
      logger.warn({ err }, "socket re-authorisation failed; will try again");
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void reauthorize(), options.reauthorizeEveryMs ?? 3_000);
  timer.unref();
  httpServer.once("close", () => clearInterval(timer));

  return io;
}
