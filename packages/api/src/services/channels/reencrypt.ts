import { keyIdOf, reencryptToken, type Keyring } from "@syncstore/channels";
import type { EntityManager } from "@syncstore/db";
import { sqlRows } from "../sql";

export interface ReencryptReport {
  connections: number;
  reencrypted: number;
  alreadyCurrent: number;
  /** Key ids still found before the run, so operators know which retired keys were needed. */
  keysSeen: string[];
}

/**
 * Moves every stored marketplace token (all organizations: an operator command) onto the keyring's
 * active key. Rows are locked and rewritten in batches; a value already under the active key is left
 * alone, so the command can be re-run after an interruption. Tokens are never printed.
 */
export async function reencryptAllTokens(
  em: EntityManager,
  keyring: Keyring,
  batchSize = 200,
): Promise<ReencryptReport> {
  const report: ReencryptReport = { connections: 0, reencrypted: 0, alreadyCurrent: 0, keysSeen: [] };
  const seen = new Set<string>();
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const done = await em.fork().transactional(async (tx) => {
      const rows = await sqlRows<{ id: string; access: string | null; refresh: string | null }>(
        tx,
        `select id::text, access_token_enc as access, refresh_token_enc as refresh from channel_connection
          where id > $1::uuid order by id limit $2 for update`,
        [after, batchSize],
      );
      for (const row of rows) {
        report.connections++;
        after = row.id;
        const values = [row.access, row.refresh].filter((value): value is string => Boolean(value));
        values.forEach((value) => seen.add(keyIdOf(value)));
        const next = {
          access: row.access && reencryptToken(keyring, row.access),
          refresh: row.refresh && reencryptToken(keyring, row.refresh),
        };
        if (next.access === row.access && next.refresh === row.refresh) {
          report.alreadyCurrent++;
          continue;
        }
        await sqlRows(
          tx,
          `update channel_connection set access_token_enc = $2, refresh_token_enc = $3, updated_at = now() where id = $1::uuid`,
          [row.id, next.access, next.refresh],
        );
        report.reencrypted++;
      }
      return rows.length < batchSize;
    });
    if (done) break;
  }
  report.keysSeen = [...seen].sort();
  return report;
}
