import "server-only";
import { headers } from "next/headers";
import { getServerAuth } from "./auth";

/** The signed-in user's session for the current request, or null. */
export async function getServerSession() {
  return getServerAuth().api.getSession({ headers: await headers() });
}
