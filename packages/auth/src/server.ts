import { randomUUID } from "node:crypto";
import { getConfig } from "@syncstore/config";
import { passwordSchema, slugify } from "@syncstore/domain";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { organization } from "better-auth/plugins";
import type { Pool } from "pg";
import { AccountThrottle } from "./account-throttle";
import { ac, roles } from "./permissions";
import { coreSchema, organizationSchema, rateLimitSchema } from "./schema-mapping";

export interface CreateAuthOptions {
  pool: Pool;
  secret: string;
  baseURL: string;
  trustedOrigins?: string[];
  rateLimitMax?: number;
  /**
   * Sends the link that confirms a user owns their email address (SMTP, or the log when none is
   * configured). Without it no verification email is sent.
   */
  sendVerificationEmail?: (message: { email: string; name: string; url: string }) => Promise<void>;
  /** Session cookies only over HTTPS (production). */
  secureCookies?: boolean;
  /** Extra better-auth plugins the host needs (e.g. Next.js cookies in the web app). */
  plugins?: Parameters<typeof betterAuth>[0]["plugins"];
}

/**
 * better-auth for SyncStore: email + password, sessions in PostgreSQL, organizations with our
 * four roles. Team mutations (invite, role change, removal) go through our tRPC services so they
 * are audited and enqueue their jobs in the same transaction; better-auth owns sign-up, sign-in,
 * sessions and the active organization.
 */
export function createAuth(options: CreateAuthOptions) {
  const { pool } = options;
  const limit = options.rateLimitMax ?? 30;
  const accounts = new AccountThrottle(pool);
  return betterAuth({
    appName: "SyncStore",
    baseURL: options.baseURL,
    secret: options.secret,
    database: pool,
    trustedOrigins: options.trustedOrigins,
    telemetry: { enabled: false },
    advanced: {
      database: { generateId: () => randomUUID() },
      ...(options.secureCookies === undefined ? {} : { useSecureCookies: options.secureCookies }),
    },
    ...coreSchema,
    // A new address replaces the old one only once its owner opens the link sent to it.
    user: { ...coreSchema.user, changeEmail: { enabled: true } },
    // Sign-up answers the same whether or not the address already has an account (finding 10):
    // without auto sign-in better-auth answers a known address with the same 200 and a synthetic
    // user (no session either way) after hashing the password as for a new one, so the reply and
    // its timing class do not tell. The web app signs the new user in with a second call.
    emailAndPassword: { enabled: true, minPasswordLength: 10, maxPasswordLength: 128, autoSignIn: false },
    // Invitations can only be accepted from a confirmed address (finding 8): the link is sent on
    // sign-up and again when an unconfirmed user tries to accept.
    emailVerification: {
      sendOnSignUp: Boolean(options.sendVerificationEmail),
      autoSignInAfterVerification: true,
      expiresIn: 60 * 60 * 24,
      ...(options.sendVerificationEmail
        ? {
            sendVerificationEmail: async ({ user, url }: { user: { email: string; name: string }; url: string }) =>
              options.sendVerificationEmail?.({ email: user.email, name: user.name, url }),
          }
        : {}),
    },
    session: { ...coreSchema.session, expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "database",
      ...rateLimitSchema,
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: limit },
        "/sign-up/email": { window: 60, max: limit },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-in/email") {
          const email = (ctx.body as { email?: unknown } | undefined)?.email;
          if (typeof email !== "string") return;
          const wait = await accounts.waitSeconds(email);
          if (wait > 0) {
            throw new APIError(
              "TOO_MANY_REQUESTS",
              {
                code: "ACCOUNT_THROTTLED",
                message: `Too many failed sign-ins for this account. Try again in ${wait} s.`,
              },
              { "Retry-After": String(wait) },
            );
          }
          return;
        }
        // An account created from an invitation is for the invited address only.
        const invitationId = ctx.path === "/sign-up/email" ? ctx.headers?.get("x-invitation-id") : null;
        if (invitationId) {
          const email = (ctx.body as { email?: unknown } | undefined)?.email;
          const invitation = await pool.query<{ email: string }>(
            `select email from "invitation" where id = $1 and status = 'pending' and expires_at > now()`,
            [invitationId],
          );
          const invited = invitation.rows[0]?.email;
          if (!invited) {
            throw new APIError("BAD_REQUEST", {
              code: "INVITATION_NOT_FOUND",
              message: "This invitation is no longer valid. Ask for a new one.",
            });
          }
          if (typeof email !== "string" || email.trim().toLowerCase() !== invited.toLowerCase()) {
            throw new APIError("BAD_REQUEST", {
              code: "INVITATION_EMAIL_MISMATCH",
              message: `This invitation is for ${invited}: create the account with that address.`,
            });
          }
        }
        // The same rules for a new account and a changed password, whoever calls the endpoint.
        if (ctx.path !== "/sign-up/email" && ctx.path !== "/change-password") return;
        const body = ctx.body as { password?: unknown; newPassword?: unknown } | undefined;
        const password = ctx.path === "/change-password" ? body?.newPassword : body?.password;
        const result = passwordSchema.safeParse(password ?? "");
        if (!result.success) {
          throw new APIError("BAD_REQUEST", {
            code: "WEAK_PASSWORD",
            message: result.error.issues[0]?.message ?? "Password is too weak",
          });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const email = (ctx.body as { email?: unknown } | undefined)?.email;
        if (typeof email !== "string") return;
        const returned = ctx.context.returned;
        if (returned instanceof APIError) {
          if (returned.statusCode === 401) await accounts.recordFailure(email);
        } else await accounts.clear(email);
      }),
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            await createPersonalOrganization(pool, user);
          },
        },
      },
      session: {
        create: {
          before: async (session) => {
            const activeOrganizationId = await firstOrganizationOf(pool, session.userId);
            return { data: { ...session, activeOrganizationId } };
          },
        },
      },
    },
    plugins: [
      organization({
        ac,
        roles,
        creatorRole: "owner",
        schema: organizationSchema,
        invitationExpiresIn: 60 * 60 * 24 * 7,
      }),
      ...(options.plugins ?? []),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * A new user gets an organization of their own, unless someone invited them: then they join the
 * inviting organization when they accept, and get no empty organization of their own.
 */
async function createPersonalOrganization(pool: Pool, user: { id: string; name: string; email: string }) {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const invited = await client.query(
      `select 1 from "invitation" where lower(email) = lower($1) and status = 'pending' and expires_at > now() limit 1`,
      [user.email],
    );
    if (invited.rowCount) {
      await client.query("commit");
      return;
    }
    const organizationId = randomUUID();
    const name = `${user.name.split(" ")[0] || "My"}'s store`;
    const slug = `${slugify(name)}-${organizationId.slice(0, 8)}`;
    await client.query(`insert into "organization" (id, name, slug, created_at) values ($1, $2, $3, now())`, [
      organizationId,
      name,
      slug,
    ]);
    await client.query(
      `insert into "member" (id, organization_id, user_id, role, created_at) values ($1, $2, $3, 'owner', now())`,
      [randomUUID(), organizationId, user.id],
    );
    await client.query(
      `insert into "audit_log" (id, organization_id, actor_id, action, entity, entity_id, diff, created_at)
       values ($1, $2, $3, 'organization.create', 'organization', $2, $4, now())`,
      [randomUUID(), organizationId, user.id, JSON.stringify({ name: { before: null, after: name } })],
    );
    // better-auth runs this hook after the sign-up created its session: make the new organization
    // that session's active one (later sessions pick it in the session hook below).
    await client.query(
      `update "session" set active_organization_id = $1 where user_id = $2 and active_organization_id is null`,
      [organizationId, user.id],
    );
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}

async function firstOrganizationOf(pool: Pool, userId: string): Promise<string | null> {
  const result = await pool.query<{ organization_id: string }>(
    `select organization_id from "member" where user_id = $1 order by created_at asc limit 1`,
    [userId],
  );
  return result.rows[0]?.organization_id ?? null;
}

const globalForAuth = globalThis as unknown as { __syncstoreAuth?: Auth; __syncstoreAuthPool?: Pool };

/** The process-wide better-auth instance, configured from the environment. */
export function getAuth(
  pool: Pool,
  plugins?: CreateAuthOptions["plugins"],
  sendVerificationEmail?: CreateAuthOptions["sendVerificationEmail"],
): Auth {
  if (globalForAuth.__syncstoreAuth) return globalForAuth.__syncstoreAuth;
  const config = getConfig();
  globalForAuth.__syncstoreAuth = createAuth({
    pool,
    secret: config.BETTER_AUTH_SECRET,
    baseURL: config.WEB_URL,
    trustedOrigins: [config.WEB_URL, config.GATEWAY_URL],
    rateLimitMax: config.AUTH_RATE_LIMIT_MAX,
    // In production the cookie is Secure (browsers treat http://localhost as secure too, so a local
    // production build still signs in).
    secureCookies: config.NODE_ENV === "production",
    sendVerificationEmail,
    plugins,
  });
  return globalForAuth.__syncstoreAuth;
}
