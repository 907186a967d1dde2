import { type Auth } from "@syncstore/auth";
import { type SessionResolver } from "./handshake";

/** Validates the better-auth session cookie the browser sends with the socket.io handshake. */
export function betterAuthSessionResolver(auth: Auth): SessionResolver {
  return async (headers) => {
    const result = await auth.api.getSession({ headers });
    if (!result) return null;
    return {
      userId: result.user.id,
      sessionId: result.session.id,
      activeOrganizationId: result.session.activeOrganizationId ?? null,
    };
  };
}
