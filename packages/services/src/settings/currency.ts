import { sqlRows, type EntityManager } from "@syncstore/db";

/**
 * The organization's currency (ISO 4217), the currency of every master amount. The one lookup of
 * it: screens, exports, imports, bulk edits and reports all call this. An organization created
 * before currencies existed reads as USD, the column's default.
 */
export async function organizationCurrency(em: EntityManager, organizationId: string): Promise<string> {
  const [row] = await sqlRows<{ currency: string }>(em, `select currency from organization where id = $1`, [
    organizationId,
  ]);
  return row?.currency ?? "USD";
}
