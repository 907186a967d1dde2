import { type IncomingHttpHeaders } from "node:http";
import { type RealtimeErrorCode, type RealtimeErrorData, type SocketData } from "@syncstore/realtime/events";
import { type Pool } from "pg";

/** The parts of a better-auth session the gateway needs. */
export interface GatewaySession {
  userId: string;
  sessionId: string;
  activeOrganizationId: string | null;
}

/** Resolves the session behind a request's cookies; null when anonymous or expired. */
export type SessionResolver = (headers: Headers) => Promise<GatewaySession | null>;

export class HandshakeRefusedError extends Error {
  readonly data: RealtimeErrorData;
  constructor(readonly code: RealtimeErrorCode) {
    super(code);
    this.data = { code };
  }
}

export function toFetchHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/**
 * Who a socket is: the session's user, and its active organization once `member` confirms the
 * user still belongs to it (a removed member's session may still name the organization).
 */
export async function authenticateHandshake(
  incoming: IncomingHttpHeaders,
  resolveSession: SessionResolver,
  pool: Pool,
): Promise<SocketData> {
  const session = await resolveSession(toFetchHeaders(incoming));
  if (!session) throw new HandshakeRefusedError("UNAUTHENTICATED");
  const organizationId = session.activeOrganizationId;
  if (!organizationId) throw new HandshakeRefusedError("NO_ACTIVE_ORGANIZATION");
  const membership = await pool.query<{ role: string }>(
    "SELECT role FROM member WHERE organization_id = $1 AND user_id = $2",
    [organizationId, session.userId],
  );
  const role = membership.rows[0]?.role;
  if (!role) throw new HandshakeRefusedError("NOT_A_MEMBER");
  return { userId: session.userId, sessionId: session.sessionId, organizationId, role };
}
