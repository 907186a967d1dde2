import { Migration } from '@mikro-orm/migrations';

/**
 * The sales rollups recompute each touched (shop, hour) and (shop, day) bucket by a range over
 * coalesce(placed_at, created_at) per connection. Without an index on that expression the planner
 * compared every touched bucket with every order of the shop: the first rollup of a year of orders
 * (1,000,000 in bench:reports) ran for many minutes; with it, each bucket is one index range scan.
 */
export class Migration20261203171000_order_rollup_index extends Migration {

  override name = 'Migration20261203171000_order_rollup_index';

  override up(): void | Promise<void> {
    this.addSql(`create index if not exists "channel_order_connection_placed_index" on "channel_order" ("connection_id", (coalesce("placed_at", "created_at")));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "channel_order_connection_placed_index";`);
  }

}
