import { z } from "zod";

const port = z.coerce.number().int().min(1).max(65535);
const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

/**
 * Every environment variable SyncStore reads, with its default and purpose. The README table is
 * generated from the `describe` texts, so keep them short and true.
 */
export const envSchema = z.object({
  NODE_ENV: z
    .enum(["development", "test", "production"])
    .default("development")
    .describe("Runtime mode; production requires every secret to be set explicitly"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info")
    .describe("pino log level for every process"),
  LOG_FORMAT: z
    .enum(["json", "pretty"])
    .default("json")
    .describe("json for log collectors; pretty for people (`npm start` sets it)"),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .describe("PostgreSQL connection string; `npm start` sets it to the embedded server when unset"),
  DATABASE_POOL_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(10)
    .describe("Connections per process in the MikroORM pool"),
  WEB_PORT: port.default(3000).describe("Port of the Next.js admin"),
  GATEWAY_PORT: port.default(4000).describe("Port of the gateway (webhooks, realtime, health)"),
  WEB_URL: z
    .url()
    .default("http://localhost:3000")
    .describe("Public URL of the admin, used in links such as invitations"),
  GATEWAY_URL: z
    .url()
    .default("http://localhost:4000")
    .describe("Public URL of the gateway, used by browsers for realtime"),
  GATEWAY_PUBLIC_URL: z
    .url()
    .optional()
    .describe(
      "URL marketplaces post webhooks to (`<it>/webhooks/shopee`, `/webhooks/tiktok`; Shopee signs it); defaults to GATEWAY_URL",
    ),
  WEBHOOK_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10_485_760)
    .default(262_144)
    .describe("Largest webhook body the gateway reads; larger requests get 413"),
  WEBHOOK_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(86_400)
    .describe(
      "Signed webhooks whose timestamp is older are refused (401); must exceed the platforms' retry schedule (about 16 h)",
    ),
  WEBHOOK_BAD_SIGNATURES_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .default(30)
    .describe("Webhook signature failures allowed per client address per minute before it gets 429"),
  BETTER_AUTH_SECRET: z
    .string()
    .min(32, "must be at least 32 characters")
    .describe("Signs sessions and cookies; generated into .env.local in development"),
  TOKEN_ENCRYPTION_KEY: z
    .base64("must be base64")
    .refine((value) => Buffer.from(value, "base64").length === 32, "must decode to 32 bytes")
    .describe("AES-256-GCM key (base64, 32 bytes) for marketplace tokens; generated in development"),
  TOKEN_ENCRYPTION_KEY_ID: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, "lowercase letters, digits and dashes, at most 32")
    .default("k1")
    .describe("Id stored beside each ciphertext so keys can rotate"),
  TOKEN_ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .regex(
      /^([a-z0-9-]{1,32}:[A-Za-z0-9+/=]+)(,[a-z0-9-]{1,32}:[A-Za-z0-9+/=]+)*$/,
      "must be id:base64 pairs separated by commas",
    )
    .optional()
    .describe("Retired token keys still needed to decrypt (id:base64,…) while re-encrypting under the active key"),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/ })
    .optional()
    .describe("SMTP server for invitation emails; when unset the email is written to the log"),
  MAIL_FROM: z.string().default("SyncStore <no-reply@syncstore.local>").describe("Sender of outgoing email"),
  AUTH_RATE_LIMIT_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .default(30)
    .describe("Sign-in/sign-up attempts allowed per IP per minute"),
  WORKER_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(10)
    .describe("Jobs one worker process runs at once"),
  WORKER_CRON: booleanFlag.default(true).describe("Whether this worker runs the crontab"),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, "TRUST_PROXY is true, false or the number of proxies in front of the app")
    .default("false")
    .transform((value) => (value === "true" ? 1 : value === "false" ? 0 : Number(value)))
    .describe(
      "Reverse proxies in front of web and gateway (false, true = 1, or a count): the client address is the entry that many hops from the right of X-Forwarded-For; otherwise the socket's",
    ),
  API_RATE_LIMIT_PER_USER: z.coerce
    .number()
    .int()
    .min(1)
    .default(1200)
    .describe("tRPC calls one signed-in user may make per minute (counted in PostgreSQL across replicas)"),
  API_RATE_LIMIT_PER_ADDRESS: z.coerce
    .number()
    .int()
    .min(1)
    .default(2400)
    .describe("tRPC calls one client address may make per minute (counted in PostgreSQL across replicas)"),
  METRICS_TOKEN: z
    .string()
    .min(16)
    .optional()
    .describe("Bearer token /metrics requires on the public port; unset, /metrics is served only on METRICS_PORT"),
  METRICS_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .optional()
    .describe("Separate port (bound to METRICS_HOST) serving the gateway's /metrics without a token"),
  METRICS_HOST: z.string().default("127.0.0.1").describe("Interface the metrics port listens on"),
  SHOPEE_API_BASE_URL: z
    .url()
    .default("http://localhost:4101")
    .describe(
      "Shopee Open Platform host; the simulator in development, https://partner.shopeemobile.com in production",
    ),
  SHOPEE_PARTNER_ID: z.coerce
    .number()
    .int()
    .positive()
    .default(2001887)
    .describe("Shopee partner id; the default is the simulator's seeded app"),
  SHOPEE_PARTNER_KEY: z
    .string()
    .min(1)
    .default("shpk-syncstore-dev-partner-key-0001")
    .describe("Shopee partner key (signs requests and pushes); the default is the simulator's seeded app"),
  TIKTOK_API_BASE_URL: z
    .url()
    .default("http://localhost:4102")
    .describe(
      "TikTok Shop API host; the simulator in development, https://open-api.tiktokglobalshop.com in production",
    ),
  TIKTOK_AUTH_BASE_URL: z
    .url()
    .default("http://localhost:4103")
    .describe("TikTok Shop token host; the simulator in development, https://auth.tiktok-shops.com in production"),
  TIKTOK_AUTHORIZE_URL: z
    .url()
    .default("http://localhost:4103/open/authorize")
    .describe("Page where sellers authorize the app; https://services.tiktokshop.com/open/authorize in production"),
  TIKTOK_APP_KEY: z
    .string()
    .min(1)
    .default("6syncstoredev")
    .describe("TikTok Shop app key; the default is the simulator's seeded app"),
  TIKTOK_APP_SECRET: z
    .string()
    .min(1)
    .default("syncstore-dev-tiktok-app-secret-0001")
    .describe("TikTok Shop app secret (signs requests and webhooks); the default is the simulator's seeded app"),
  TIKTOK_SERVICE_ID: z
    .string()
    .min(1)
    .default("7100000000000000001")
    .describe("TikTok Shop service id used in the authorization link; the default is the simulator's seeded app"),
  CHANNEL_HTTP_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(120000)
    .default(15000)
    .describe("Timeout of one marketplace API call, in milliseconds"),
  SYNC_RATE_LIMIT_SHOPEE: z.coerce
    .number()
    .min(0)
    .max(10000)
    .default(18)
    .describe("Sync calls per second per Shopee shop and API, all workers together (0 = no limit)"),
  SYNC_RATE_LIMIT_TIKTOK: z.coerce
    .number()
    .min(0)
    .max(10000)
    .default(40)
    .describe("Sync calls per second per TikTok shop and API, all workers together (0 = no limit)"),
});

export type Env = z.infer<typeof envSchema>;

/**
 * The webhook URLs registered with the marketplaces. Shopee signs the callback URL, so the gateway
 * verifies against this configured string, never the Host header it receives.
 */
export function webhookCallbackUrls(env: Pick<Env, "GATEWAY_URL" | "GATEWAY_PUBLIC_URL">): {
  shopee: string;
  tiktok: string;
} {
  const base = (env.GATEWAY_PUBLIC_URL ?? env.GATEWAY_URL).replace(/\/+$/, "");
  return { shopee: `${base}/webhooks/shopee`, tiktok: `${base}/webhooks/tiktok` };
}

/** Variables that must be set explicitly in production (no development default is generated). */
export const productionSecrets = ["BETTER_AUTH_SECRET", "TOKEN_ENCRYPTION_KEY"] as const;
