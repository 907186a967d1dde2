import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { allPermissions, type Permission } from "@syncstore/auth/permissions";
import { initTRPC, TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import type { Context } from "./context";
import { DomainError, toTRPCError } from "./errors";
import { requireMembership } from "./membership";
import { ApiRateCounter, DEFAULT_API_LIMITS, RateLimitedError } from "./rate-limit";
import { transformer } from "./transformer";

/** What a procedure needs: a permission, any signed-in user, or nobody. */
export type ProcedureAccess = Permission | "authenticated" | "public";
export interface ProcedureMeta {
  access: ProcedureAccess;
}

/**
 * zod's flattened errors (fieldErrors keyed by the top-level field, for forms), plus every nested
 * issue under its full dotted path (`changes.3.variant.price`) so grids can mark the exact cell.
 */
function flattenWithPaths(error: ZodError) {
  const flat = z.flattenError(error);
  const fieldErrors: Record<string, string[]> = { ...flat.fieldErrors };
  for (const issue of error.issues) {
    if (issue.path.length < 2) continue;
    const key = issue.path.map(String).join(".");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { formErrors: flat.formErrors, fieldErrors };
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer,
    errorFormatter({ shape, error, ctx }) {
      const requestId = ctx?.requestId;
      const zodError = error.cause instanceof ZodError ? flattenWithPaths(error.cause) : null;
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        message: internal
          ? "Something went wrong on our side and nothing was changed. Try again in a moment; if it keeps failing, send support the details."
          : zodError
            ? "Some fields are invalid"
            : shape.message,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, requestId, zodError },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors become their transport code; anything else is logged once here with the request id. */
const errorMapping = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) {
      throw toTRPCError(cause);
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      ctx.log.error({ err: cause ?? result.error, path }, "unexpected error in procedure");
    }
  }
  return result;
});

/** One counter per ORM (per process in the web app), so concurrent calls share statements. */
const rateCounters = new WeakMap<Context["deps"]["orm"], ApiRateCounter>();
function rateCounter(orm: Context["deps"]["orm"]): ApiRateCounter {
  let counter = rateCounters.get(orm);
  if (!counter) {
    counter = new ApiRateCounter(() => orm.em.fork());
    rateCounters.set(orm, counter);
  }
  return counter;
}

/**
 * Every call counts against its user and its client address (shared through PostgreSQL, so
 * replicas agree); over the limit it is refused with TOO_MANY_REQUESTS (429 and Retry-After).
 * Then the call gets the barrier its cache reads wait for (see ApiCache): the request's own for
 * the first call on a context (the HTTP request's, already started by the session lookup), a new
 * one for every later call on the same context (a caller kept across calls must still see what
 * committed before). One middleware for both: each level of tRPC's chain copies the call's
 * options and context, and every call goes through this one.
 */
const admit = t.middleware(async ({ ctx, next }) => {
  const limits = ctx.deps.limits ?? DEFAULT_API_LIMITS;
  const keys: { key: string; limit: number }[] = [];
  if (ctx.session) keys.push({ key: `api:user:${ctx.session.user.id}`, limit: limits.perUserPerMinute });
  if (ctx.ip) keys.push({ key: `api:ip:${ctx.ip}`, limit: limits.perAddressPerMinute });
  try {
    await rateCounter(ctx.deps.orm).consume(keys);
  } catch (error) {
    if (error instanceof RateLimitedError) {
      throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: error.message, cause: error });
    }
    throw error;
  }
  const unclaimed = ctx.unclaimedCacheBarrier;
  const barrier = unclaimed.barrier ?? ctx.deps.cache?.requestBarrier();
  unclaimed.barrier = undefined;
  return next({ ctx: { cacheBarrier: barrier } });
});

/**
 * Each call is a span (`trpc <path>`), a child of the HTTP request's span when the web app traces
 * (Next.js's own spans), so the jobs it enqueues carry its trace (see `enqueue`). A no-op when
 * no tracer provider is registered.
 */
const tracing = t.middleware(({ next, path, type }) =>
  trace
    .getTracer("syncstore")
    .startActiveSpan(
      `trpc ${path}`,
      { kind: SpanKind.SERVER, attributes: { "rpc.system": "trpc", "rpc.method": path, "trpc.type": type } },
      async (span) => {
        try {
          const result = await next();
          if (!result.ok) {
            span.setAttribute("trpc.error_code", result.error.code);
            if (result.error.code === "INTERNAL_SERVER_ERROR") span.setStatus({ code: SpanStatusCode.ERROR });
          }
          return result;
        } finally {
          span.end();
        }
      },
    ),
);

const base = t.procedure.use(tracing).use(errorMapping).use(admit);

export const publicProcedure = base.meta({ access: "public" });

const requireSession = t.middleware(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  return next({ ctx: { session: ctx.session, user: ctx.session.user } });
});

export const authenticatedProcedure = base.meta({ access: "authenticated" }).use(requireSession);

/**
 * Resolves the active organization and the caller's role in it, and hands the procedure an
 * EntityManager scoped to that organization (the tenant filter). Refuses with FORBIDDEN when the
 * role lacks the permission, whatever the UI shows.
 */
export function permissionProcedure(permission: Permission) {
  if (!allPermissions.includes(permission)) throw new Error(`Unknown permission ${permission}`);
  // The session check (requireSession's) and the membership in one middleware, as `admit`.
  return base.meta({ access: permission }).use(async ({ ctx, next }) => {
    if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
    const { organizationId, role, membershipId, em } = await requireMembership(
      ctx.deps,
      ctx.session,
      permission,
      ctx.cacheBarrier,
    );
    return next({
      ctx: {
        session: ctx.session,
        user: ctx.session.user,
        organizationId,
        role,
        membershipId,
        em,
        log: ctx.log.child({ organizationId }),
      },
    });
  });
}
