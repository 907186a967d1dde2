import "server-only";
import { getAuth, type Auth } from "@syncstore/auth";
import { getConfig } from "@syncstore/config";
import { Pool } from "pg";

const globalForPool = globalThis as unknown as { __syncstoreWebAuthPool?: Pool };

/**
 * The better-auth instance of this process. Created on first use, not at import, so `next build`
 * can load the route modules without a database or secrets.
 */
export function getServerAuth(): Auth {
  globalForPool.__syncstoreWebAuthPool ??= new Pool({ connectionString: getConfig().DATABASE_URL, max: 5 });
  return getAuth(globalForPool.__syncstoreWebAuthPool);
}
