/**
 * Re-encrypts every stored marketplace token under the active key (TOKEN_ENCRYPTION_KEY /
 * TOKEN_ENCRYPTION_KEY_ID). Rotate a key by moving the old one to TOKEN_ENCRYPTION_PREVIOUS_KEYS,
 * setting the new one, running this, then dropping the old key.
 *
 *   DATABASE_URL=… pnpm tokens:reencrypt
 */
import { getConfig } from "@syncstore/config";
import { createLogger } from "@syncstore/config/logger";
import { createOrm } from "@syncstore/db";
import { createChannelDeps } from "../services/channels/deps";
import { reencryptAllTokens } from "../services/channels/reencrypt";

const config = getConfig();
const log = createLogger({ service: "tokens-reencrypt", level: config.LOG_LEVEL, format: config.LOG_FORMAT });
const orm = await createOrm();
try {
  const { keyring } = createChannelDeps(config);
  const report = await reencryptAllTokens(orm.em.fork(), keyring);
  log.info(
    { ...report, activeKeyId: keyring.activeKeyId },
    `Checked ${report.connections} connection(s): ${report.reencrypted} re-encrypted under "${keyring.activeKeyId}", ` +
      `${report.alreadyCurrent} already current. Keys found before the run: ${report.keysSeen.join(", ") || "none"}.`,
  );
} finally {
  await orm.close(true);
}
