import { appRouter, createContext, getApiDeps } from "@syncstore/api";
import { getConfig } from "@syncstore/config";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { clientIpFromHeaders } from "@/lib/client-ip";

export const dynamic = "force-dynamic";

function handler(request: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () =>
      createContext({
        headers: request.headers,
        deps: await getApiDeps(),
        ip: clientIpFromHeaders(request.headers, getConfig().TRUST_PROXY),
      }),
  });
}

export { handler as GET, handler as POST };
