import { getAuth, type CreateAuthOptions } from "@syncstore/auth";
import { getConfig } from "@syncstore/config";
import { getOrm } from "@syncstore/db";
import { createMailer } from "@syncstore/services";
import { createRealtimeEmitter } from "@syncstore/realtime";
import pg from "pg";
import { createLogger } from "@syncstore/config/logger";
import { startApiCache } from "./core/cache/api-cache";
import type { ApiDeps } from "./core/context";
import { createChannelDeps } from "./services/channels/deps";
import { verificationMailSender } from "./services/settings/verification-mail";

const globalForDeps = globalThis as unknown as { __syncstoreApiDeps?: Promise<ApiDeps> };

/** The process-wide API collaborators for a host such as the web app. */
export function getApiDeps(authPlugins?: CreateAuthOptions["plugins"]): Promise<ApiDeps> {
  globalForDeps.__syncstoreApiDeps ??= (async () => {
    const config = getConfig();
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 5 });
    const logger = createLogger({ service: "web", level: config.LOG_LEVEL, format: config.LOG_FORMAT });
    pool.on("error", (err) => logger.warn({ err }, "idle PostgreSQL connection failed"));
    const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger });
    return {
      orm: await getOrm(),
      auth: getAuth(pool, authPlugins, verificationMailSender(mailer)),
      realtime: createRealtimeEmitter(pool),
      logger,
      webUrl: config.WEB_URL,
      limits: {
        perUserPerMinute: config.API_RATE_LIMIT_PER_USER,
        perAddressPerMinute: config.API_RATE_LIMIT_PER_ADDRESS,
      },
      channels: createChannelDeps(config),
      // One LISTEN connection per process keeps the hot reads in memory and exact (see ApiCache).
      cache: await startApiCache(config.DATABASE_URL, logger),
    };
  })();
  return globalForDeps.__syncstoreApiDeps;
}
