import { randomUUID } from "node:crypto";
import type { Auth } from "@syncstore/auth";
import type { Orm } from "@syncstore/db";
import type { RealtimeEmitter } from "@syncstore/realtime";
import type { Logger } from "pino";
import type { ChannelDeps } from "../services/channels/deps";
import type { ApiLimits } from "./rate-limit";

/** Long-lived collaborators, created once per process by the host (the web app, tests). */
export interface ApiDeps {
  orm: Orm;
  auth: Auth;
  realtime: RealtimeEmitter;
  logger: Logger;
  webUrl: string;
  /** Marketplace adapters, the token keyring and the OAuth state secret. */
  channels: ChannelDeps;
  /** Calls per minute per user and per address (defaults to `DEFAULT_API_LIMITS`). */
  limits?: ApiLimits;
}

export interface CreateContextOptions {
  headers: Headers;
  deps: ApiDeps;
  ip?: string | null;
}

export type SessionResult = NonNullable<Awaited<ReturnType<Auth["api"]["getSession"]>>>;

export async function createContext({ headers, deps, ip }: CreateContextOptions) {
  const requestId = headers.get("x-request-id") ?? randomUUID();
  const session = await deps.auth.api.getSession({ headers });
  return {
    deps,
    headers,
    requestId,
    ip: ip ?? null,
    userAgent: headers.get("user-agent"),
    session,
    log: deps.logger.child({ requestId, userId: session?.user.id }),
  };
}

export type Context = Awaited<ReturnType<typeof createContext>>;
