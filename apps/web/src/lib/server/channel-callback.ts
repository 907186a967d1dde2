import "server-only";
import { randomUUID } from "node:crypto";
import { completeConnect, DomainError, getApiDeps } from "@syncstore/api";
import { NextResponse } from "next/server";
import { clientIpFromHeaders } from "@/lib/client-ip";

/**
 * Where a marketplace sends the seller back after authorizing: checks the signed state against
 * the signed-in user, exchanges the code, stores the encrypted tokens, and returns to /channels
 * with `?connected=<platform>` or `?error=<message>`. Codes and tokens are never logged.
 */
export async function handleChannelCallback(request: Request, platform: "shopee" | "tiktok"): Promise<Response> {
  const deps = await getApiDeps();
  const url = new URL(request.url);
  const back = (params: Record<string, string>) => {
    const target = new URL("/channels", deps.webUrl);
    for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
    return NextResponse.redirect(target, 303);
  };
  const requestId = request.headers.get("x-request-id") ?? randomUUID();
  const log = deps.logger.child({ requestId, platform, route: "channel-callback" });

  const denied = url.searchParams.get("error");
  if (denied) return back({ error: `The marketplace did not authorize the shop (${denied.slice(0, 100)})` });
  const code = url.searchParams.get("code");
  const state = url.searchParams.get("state");
  if (!code || !state) return back({ error: "The marketplace sent no authorization code; start again" });

  const session = await deps.auth.api.getSession({ headers: request.headers });
  if (!session) {
    const signIn = new URL("/sign-in", deps.webUrl);
    signIn.searchParams.set("next", `${url.pathname}${url.search}`);
    return NextResponse.redirect(signIn, 303);
  }

  try {
    const result = await completeConnect(deps, {
      platform,
      code,
      state,
      shopId: url.searchParams.get("shop_id"),
      sessionUser: { id: session.user.id, name: session.user.name },
      request: {
        ip: clientIpFromHeaders(request.headers),
        userAgent: request.headers.get("user-agent"),
        requestId,
      },
    });
    log.info({ userId: session.user.id, connections: result.connections.map((c) => c.id) }, "channel connected");
    return back({ connected: platform });
  } catch (error) {
    if (error instanceof DomainError) {
      log.warn({ userId: session.user.id, code: error.code, message: error.message }, "channel connection refused");
      return back({ error: error.message });
    }
    log.error({ err: error, userId: session.user.id }, "channel connection failed");
    return back({ error: `Could not connect the shop. Reference: ${requestId}` });
  }
}
