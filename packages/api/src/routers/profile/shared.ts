import type { Context } from "../../core/context";
import { requestOf } from "../../core/scope";
import type { ProfileActor } from "../../services/settings/profile";

type SessionContext = Context & { session: NonNullable<Context["session"]> };

export function profileActorOf(ctx: SessionContext): ProfileActor {
  return {
    deps: ctx.deps,
    headers: ctx.headers,
    user: { id: ctx.session.user.id, name: ctx.session.user.name, email: ctx.session.user.email },
    sessionId: ctx.session.session.id,
    activeOrganizationId: (ctx.session.session.activeOrganizationId as string | null | undefined) ?? null,
    request: requestOf(ctx),
  };
}
