import { createChannelDeps } from "@syncstore/channels";
import type { Env } from "@syncstore/config";
import { createOrm } from "@syncstore/db";
import { createRealtimeEmitter } from "@syncstore/realtime";
import type { Pool } from "pg";
import type { Logger } from "pino";
import type { JobDeps } from "./context";
import { createMailer } from "./mailer";
import { syncSettingsFrom } from "./sync/settings";

/**
 * Everything the tasks need, built once per worker process. `pool` is the worker's own pool
 * (shared with graphile-worker) and carries realtime NOTIFYs; the ORM keeps its own pool.
 */
export async function createJobDeps(options: { config: Env; logger: Logger; pool: Pool }): Promise<JobDeps> {
  const { config, logger, pool } = options;
  return {
    orm: await createOrm(config.DATABASE_URL),
    realtime: createRealtimeEmitter(pool),
    mailer: createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger }),
    logger,
    webUrl: config.WEB_URL,
    channels: createChannelDeps(config),
    sync: syncSettingsFrom(config),
    webhookRetentionDays: config.WEBHOOK_RETENTION_DAYS,
  };
}
