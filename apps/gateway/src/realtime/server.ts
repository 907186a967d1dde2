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
    void socket.join(organizationRoom(organizationId));
    logger.debug({ userId, organizationId, socketId: socket.id }, "socket connected");
    socket.on("disconnect", (reason) => {
      metrics.realtimeSockets.dec();
      logger.debug({ userId, organizationId, socketId: socket.id, reason }, "socket disconnected");
    });
  });

  return io;
}
