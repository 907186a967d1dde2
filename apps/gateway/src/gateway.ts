import { createServer, type Server as HttpServer } from "node:http";
import { type AddressInfo } from "node:net";
import { type Express } from "express";
import { createGatewayApp, type GatewayAppOptions } from "./app";
import { type GatewayMetrics } from "./http/metrics";
import { attachRealtime, type RealtimeServer } from "./realtime/server";
import { type SessionResolver } from "./realtime/handshake";

export interface GatewayOptions extends GatewayAppOptions {
  /** Origin allowed to open realtime sockets with credentials (WEB_URL). */
  webUrl: string;
  resolveSession: SessionResolver;
  timeouts?: { headersMs?: number; requestMs?: number };
  /** How often open sockets are re-authorised (default 3 s). */
  reauthorizeEveryMs?: number;
}

export interface Gateway {
  app: Express;
  httpServer: HttpServer;
  io: RealtimeServer;
  metrics: GatewayMetrics;
  /** Listens on `port` (0 picks a free one) and resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections, disconnects sockets and waits for HTTP requests in flight. */
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  override readonly name = "PortInUseError";
  constructor(readonly port: number) {
    super(
      `Port ${port} is already in use, so the gateway cannot start. Stop the process using it ` +
        "or set GATEWAY_PORT to a free port.",
    );
  }
}

export function createGateway(options: GatewayOptions): Gateway {
  const { app, listener, metrics, webhooks } = createGatewayApp(options);
  // Slow clients cannot hold a connection: headers within 15 s, the whole request within 30 s
  // (checked every second rather than Node's default 30 s).
  const httpServer = createServer({ connectionsCheckingInterval: 1_000 }, listener);
  httpServer.headersTimeout = options.timeouts?.headersMs ?? 15_000;
  httpServer.requestTimeout = options.timeouts?.requestMs ?? 30_000;
  httpServer.keepAliveTimeout = 5_000;
  const io = attachRealtime(httpServer, {
    pool: options.pool,
    logger: options.logger,
    metrics,
    corsOrigin: new URL(options.webUrl).origin,
    resolveSession: options.resolveSession,
    reauthorizeEveryMs: options.reauthorizeEveryMs,
  });

  let closing: Promise<void> | undefined;

  return {
    app,
    httpServer,
    io,
    metrics,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        const onError = (err: NodeJS.ErrnoException) => {
          httpServer.off("listening", onListening);
          reject(err.code === "EADDRINUSE" ? new PortInUseError(port) : err);
        };
        const onListening = () => {
          httpServer.off("error", onError);
          resolve((httpServer.address() as AddressInfo).port);
        };
        httpServer.once("error", onError);
        httpServer.once("listening", onListening);
        httpServer.listen(port, host);
      }),
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        // io.close() disconnects every socket, closes the adapter (releasing its LISTEN client)
        // and closes the HTTP server, which waits for requests in flight.
        void io.close((err) => {
          const code = (err as NodeJS.ErrnoException | undefined)?.code;
          if (err && code !== "ERR_SERVER_NOT_RUNNING") reject(err);
          else resolve();
        });
      }).then(() => webhooks?.close());
      return closing;
    },
  };
}
