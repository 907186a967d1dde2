import type { Logger } from "pino";
import { announceAlerts } from "../alerts/raise";
import { retryChannelCall } from "../channels/retry-call";
import type { JobDeps } from "../context";
import { applyProductState } from "../webhooks/listings";
import { isShopReachable, loadShopConnection, shopSessionOf } from "../channels/shop-session";
import { conflictsChanged, raiseConflictAlert } from "./alerts";
import { detectConflicts, type DetectResult } from "./detect";

/**
 * The compare-with-live pass: reads every product of a shop (not only recently updated ones, as
 * reconciliation does) and runs three-way detection on what it shows. Catches edits whose update
 * time fell outside every reconciliation window. One transaction per page of products; every page
 * to the shop's end (no cap). A platform whose list answer leaves out images and description
 * (TikTok's product search) is read product by product for them, within the shared rate limiter.
 */
export async function compareWithLive(
  deps: Pick<JobDeps, "orm" | "channels" | "realtime">,
  connectionId: string,
  log: Logger,
): Promise<{ products: number; opened: number; closed: number }> {
  const em = deps.orm.em.fork();
  const connection = await loadShopConnection(em, connectionId);
  const summary = { products: 0, opened: 0, closed: 0 };
  if (!connection || !isShopReachable(connection)) return summary;
  const session = shopSessionOf(deps.channels.keyring, connection);
  const adapter = deps.channels.adapters.get(connection.platform);
  const conn = { id: connection.id, organizationId: connection.organizationId, platform: connection.platform };
  let pageToken: string | null = null;
  const seen = new Set<string>();
  for (;;) {
    const listed = await retryChannelCall(() => adapter.listProducts(session, { pageToken, includeDeleted: true }));
    const result = {
      ...listed,
      products: await Promise.all(
        listed.products.map((product) =>
          product.images === undefined && !/DELETE/.test(product.status)
            ? retryChannelCall(() => adapter.getProduct(session, product.productId))
            : product,
        ),
      ),
    };
    const detected: DetectResult[] = [];
    const alert = await em.fork().transactional(async (tx) => {
      const listingIds: string[] = [];
      for (const product of result.products) {
        const applied = await applyProductState(tx, conn, product, product.updatedAt ?? new Date(), null, {
          source: "batch",
        });
        listingIds.push(...applied.listingIds);
      }
      detected.push(await detectConflicts(tx, { listingIds, source: "compare", observedAt: new Date() }));
      return raiseConflictAlert(tx, conn, { opened: detected.flatMap((d) => d.opened), closed: [], decided: [] });
    });
    summary.products += result.products.length;
    summary.opened += detected.reduce((n, d) => n + d.opened.length, 0);
    summary.closed += detected.reduce((n, d) => n + d.closed.length, 0);
    if (alert) await announceAlerts(deps.realtime, log, [{ organizationId: conn.organizationId, alert }]);
    for (const changed of conflictsChanged(detected))
      await deps.realtime
        .toOrganization(conn.organizationId)
        .emit("conflicts.changed", changed)
        .catch((err: unknown) => log.warn({ err }, "conflicts.changed emit failed"));
    pageToken = result.nextPageToken;
    if (!pageToken) break;
    if (seen.has(pageToken)) throw new Error(`The platform returned the page cursor ${pageToken} twice`);
    seen.add(pageToken);
  }
  log.info({ connectionId, ...summary }, "compare-with-live finished");
  return summary;
}
