import "server-only";
import { headers } from "next/headers";
import { getServerAuth } from "./auth";

/** The signed-in user's session for the current request, or null. */
export async function getServerSession() {
  // Reading the headers first makes the caller dynamic before anything touches configuration,
  // so `next build` never tries to prerender a signed-in page.
  const requestHeaders = await headers();
  const auth = await getServerAuth();
  return auth.api.getSession({ headers: requestHeaders });
}
