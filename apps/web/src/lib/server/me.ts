import "server-only";
import { appRouter, createCallerFactory, createContext, getApiDeps, type RouterOutputs } from "@syncstore/api";
import { headers } from "next/headers";

const createCaller = createCallerFactory(appRouter);

/**
 * The signed-in account as `me.context` answers it, for the first render. The server renders the
 * dashboard with it and the browser starts from the same data, so a page whose code arrives after
 * a client-side fetch could have answered still hydrates to what the server rendered.
 */
export async function getServerMe(): Promise<RouterOutputs["me"]["context"] | null> {
  const requestHeaders = await headers();
  const deps = await getApiDeps();
  try {
    return await createCaller(await createContext({ headers: requestHeaders, deps })).me.context();
  } catch {
    // The browser asks again and shows the error state if it fails there too.
    return null;
  }
}
