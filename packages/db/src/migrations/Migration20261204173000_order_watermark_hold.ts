import { Migration } from '@mikro-orm/migrations';

/**
 * The order watermark remembers since when a shop's stock pushes are held, so a push waits only for
 * the order events received before the hold began. Without it, a steady stream of orders (one always
 * in flight) held every push to the shop for as long as the stream lasted (bench:inventory: p50
 * 35 s from an order to the other shop during a burst).
 */
export class Migration20261204173000_order_watermark_hold extends Migration {

  override name = 'Migration20261204173000_order_watermark_hold';

  override up(): void | Promise<void> {
    this.addSql(`alter table "channel_connection" add column "stock_push_held_since" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "channel_connection" drop column "stock_push_held_since";`);
  }

}
