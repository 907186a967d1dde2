import type { ChannelDeps } from "@syncstore/channels";
import type { Orm } from "@syncstore/db";
import type { RealtimeEmitter } from "@syncstore/realtime";
import type { JobHelpers } from "graphile-worker";
import type { Logger } from "pino";
import type { Mailer } from "./mailer";
import type { SyncSettings } from "./sync/settings";

/** What every task gets besides its payload. Created once per worker process. */
export interface JobDeps {
  orm: Orm;
  realtime: RealtimeEmitter;
  mailer: Mailer;
  logger: Logger;
  webUrl: string;
  /** Marketplace adapters and the token keyring (token refresh). */
  channels: Pick<ChannelDeps, "adapters" | "keyring">;
  /** Sync engine tunables (rate limits from configuration); defaults when absent. */
  sync?: SyncSettings;
  /** Days webhook events are kept (`WEBHOOK_RETENTION_DAYS`; 0 = forever); 90 when absent. */
  webhookRetentionDays?: number;
}

export interface TaskContext extends Omit<JobDeps, "logger"> {
  helpers: JobHelpers;
  /** Logger bound to this job (id, task, attempt). */
  log: Logger;
}
