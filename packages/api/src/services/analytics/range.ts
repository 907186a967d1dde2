import { salesPeriodPresets, sqlRows, typedSql, type EntityManager } from "@syncstore/db";
import { organizationCurrency } from "@syncstore/services";
import {
  addDays,
  convertToOrganizationMinor,
  daysBetween,
  MissingRateError,
  type ExchangeRates,
} from "@syncstore/domain";
import { z } from "zod";
import { organizationOf } from "../sql";

const isoDate = z.iso.date();

/** The Analytics page's filters: an inclusive shop-local date range and an optional shop subset. */
export const analyticsFilterSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    shops: z.array(z.uuid()).max(50).default([]),
  })
  .refine((value) => value.from <= value.to, {
    path: ["to"],
    message: "The end date must not be before the start date",
  })
  .refine((value) => daysBetween(value.from, addDays(value.to, 1)).length <= 366, {
    path: ["from"],
    message: "Choose at most 366 days",
  });
export type AnalyticsFilter = z.infer<typeof analyticsFilterSchema>;

export interface Period {
  from: string;
  /** Exclusive. */
  to: string;
  days: number;
}

/** The selected period and the one just before it, of the same length. */
export function periodsOf(filter: AnalyticsFilter): { current: Period; previous: Period } {
  const to = addDays(filter.to, 1);
  const days = daysBetween(filter.from, to).length;
  return {
    current: { from: filter.from, to, days },
    previous: { from: addDays(filter.from, -days), to: filter.from, days },
  };
}

export interface ShopRow {
  id: string;
  name: string;
  platform: "shopee" | "tiktok";
  region: string | null;
}

export async function shopsOf(em: EntityManager, filter: Pick<AnalyticsFilter, "shops">): Promise<ShopRow[]> {
  let query = typedSql(em)
    .selectFrom("channel_connection")
    .select(["id", "name", "platform", "region"])
    .where("organization_id", "=", organizationOf(em))
    .where("status", "<>", "disconnected");
  if (filter.shops.length > 0) query = query.where("id", "in", filter.shops);
  return query.orderBy("platform").orderBy("name").execute();
}

/**
 * The organization's currency and exchange rates. The rates table belongs to Settings; until it is
 * on main this returns the currency alone, so amounts in other currencies are reported as not
 * converted (never silently mixed).
 */
export async function exchangeRatesOf(em: EntityManager): Promise<ExchangeRates> {
  const base = await organizationCurrency(em, organizationOf(em));
  const table = await sqlRows<{ exists: boolean }>(em, `select to_regclass('exchange_rate') is not null as exists`);
  if (!table[0]?.exists) return { base, rates: {} };
  const rows = await sqlRows<{ currency: string; rate: string }>(
    em,
    `select distinct on (currency) currency, rate::text from exchange_rate where organization_id = $1 order by currency, set_at desc`,
    [organizationOf(em)],
  );
  return { base, rates: Object.fromEntries(rows.map((row) => [row.currency.toUpperCase(), Number(row.rate)])) };
}

/** Converts, collecting the currencies without a rate instead of failing the page. */
export function converter(rates: ExchangeRates) {
  const missing = new Set<string>();
  return {
    convert(amount: number, currency: string): number {
      try {
        return convertToOrganizationMinor(amount, currency, rates);
      } catch (error) {
        if (!(error instanceof MissingRateError)) throw error;
        missing.add(currency);
        return 0;
      }
    },
    missing: () => [...missing].sort(),
  };
}

/** Planner settings one heavy Analytics read may change for itself. */
export interface ReadSettings {
  /** "0": the statement runs in this process only (see `stock.ts` for why). */
  max_parallel_workers_per_gather?: "0";
  /** Memory per sort or hash of the statement, e.g. "32MB": a range summed from sales_daily hashes in memory. */
  work_mem?: `${number}MB`;
}

/**
 * Runs one read in its own read-only transaction with `settings` applied to it alone (`set local`),
 * so they never leak to the pooled connection's next user.
 */
export async function readWith<T>(
  em: EntityManager,
  settings: ReadSettings,
  read: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  return em.fork().transactional(
    async (tx) => {
      for (const [name, value] of Object.entries(settings))
        await sqlRows(tx, `select set_config($1, $2, true)`, [name, String(value)]);
      return read(tx);
    },
    { readOnly: true },
  );
}

/**
 * A range no preset answers sums a period of `sales_daily` per variant (a year: a million rows at
 * 100k variants): with the default 4 MB the grouping spilled to disk; 32 MB keeps both hashes in
 * memory (about 20 MB each at that size), and serially, so one request holds one process's worth.
 */
export const ON_DEMAND_READ: ReadSettings = { work_mem: "32MB", max_parallel_workers_per_gather: "0" };

export async function rollupFreshness(em: EntityManager, name: string): Promise<string | null> {
  const row = await typedSql(em)
    .selectFrom("rollup_state")
    .select("last_run_at")
    .where("name", "=", name)
    .executeTakeFirst();
  return row?.last_run_at ? row.last_run_at.toISOString() : null;
}

/** The `sales_period_*` rows of one preset and scope (all shops, or one shop). */
export interface SalesPeriodKey {
  days: number;
  scope: string;
}

/**
 * The preset whose `sales_period_*` rows answer exactly this period and shop set (the rollup keeps
 * the last 7, 30, 90 and 365 days through yesterday of every shop not disconnected, together and
 * each shop alone), or null: the caller then sums `sales_daily` over the period itself.
 */
export async function salesPeriodOf(
  em: EntityManager,
  period: Period,
  shopIds: string[],
): Promise<SalesPeriodKey | null> {
  if (!(salesPeriodPresets as readonly number[]).includes(period.days)) return null;
  const states = await sqlRows<{ scope: string; through: string; shops: string[] }>(
    em,
    `select scope, through::text, shops from sales_period_state where organization_id = $1 and period_days = $2`,
    [organizationOf(em), period.days],
  );
  const wanted = [...shopIds].sort();
  const state = states.find((row) => {
    const covered = [...row.shops].sort();
    return (
      row.through === addDays(period.to, -1) &&
      wanted.length === covered.length &&
      wanted.every((id, i) => id === covered[i])
    );
  });
  return state ? { days: period.days, scope: state.scope } : null;
}
