import "server-only";
import { getApiDeps, type ApiDeps } from "@syncstore/api";

/**
 * The better-auth instance of this process, shared with the tRPC context (one pool, one
 * instance). Created on first use, not at import, so `next build` needs no database or secrets.
 */
export async function getServerAuth(): Promise<ApiDeps["auth"]> {
  return (await getApiDeps()).auth;
}
