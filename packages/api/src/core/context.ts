import { randomUUID } from "node:crypto";
import type { Auth } from "@syncstore/auth";
import type { Orm } from "@syncstore/db";
import type { RealtimeEmitter } from "@syncstore/realtime";
import type { Logger } from "pino";
import type { ChannelDeps } from "../services/channels/deps";
import type { ApiCache, Barrier } from "./cache/api-cache";
import { type InFlight, inFlightFor } from "./in-flight";
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
  /**
   * In-process caches of sessions, memberships, `me.context` and grid blocks, invalidated by
   * PostgreSQL notifications (see ApiCache). Without one, every call reads the database.
   */
  cache?: ApiCache;
}

export interface CreateContextOptions {
  headers: Headers;
  deps: ApiDeps;
  ip?: string | null;
}

export type SessionResult = NonNullable<Awaited<ReturnType<Auth["api"]["getSession"]>>>;

const sessionLookups = new WeakMap<Auth, InFlight<SessionResult | null>>();

/**
 * The request's session (better-auth). Requests carrying the same credentials while a lookup is
 * on its way share that lookup: a grid scrolling and a page's queries arrive together, and each
 * would otherwise take a pooled connection for the same row. With `deps.cache`, a session found is
 * also kept (until it expires, a session or membership changes, or the cache's TTL passes).
 */
function lookUpSession(deps: ApiDeps, headers: Headers, barrier?: Barrier): Promise<SessionResult | null> {
  const cookie = headers.get("cookie");
  const authorization = headers.get("authorization");
  if (!cookie && !authorization) return deps.auth.api.getSession({ headers });
  const credentials = `${cookie ?? ""}\n${authorization ?? ""}`;
  const load = () =>
    inFlightFor(sessionLookups, deps.auth).run(credentials, () => deps.auth.api.getSession({ headers }));
  if (!deps.cache) return load();
  return deps.cache.session(credentials, load, (found) => new Date(found?.session.expiresAt ?? 0).getTime(), barrier);
}

export async function createContext({ headers, deps, ip }: CreateContextOptions) {
  const requestId = headers.get("x-request-id") ?? randomUUID();
  // The request's reads from the caches share one barrier (see ApiCache.requestBarrier); the
  // first procedure call takes it over (core/trpc.ts), later calls on this context start their own.
  const cacheBarrier = deps.cache?.requestBarrier();
  const session = await lookUpSession(deps, headers, cacheBarrier);
  return {
    unclaimedCacheBarrier: { barrier: cacheBarrier },
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
