import { createTrpcHandler, getApiDeps } from "@syncstore/api";
import { getConfig } from "@syncstore/config";
import { clientIpFromHeaders } from "@/lib/client-ip";

export const dynamic = "force-dynamic";

let serve: Promise<(request: Request) => Promise<Response>> | undefined;

/** Origin checks, body limits and rate limits live in the API package's handler (tested there). */
function handler(request: Request): Promise<Response> {
  serve ??= getApiDeps().then((deps) =>
    createTrpcHandler({
      deps,
      allowedOrigins: [getConfig().WEB_URL],
      clientIp: (incoming) => clientIpFromHeaders(incoming.headers),
    }),
  );
  return serve.then((handle) => handle(request));
}

export { handler as GET, handler as POST };
