import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Organization, User } from "./auth";

/** Same shape as the domain's `RoundingRule` (the db package does not import the domain). */
export type CurrencyRounding =
  { kind: "none" } | { kind: "ending"; ending: "99" | "90" } | { kind: "step"; units: number };

/**
 * One currency the organization sells in besides its own: the rate entered by hand (units of this
 * currency per unit of the organization's currency, exact decimal), when and by whom it was set,
 * and how converted prices are rounded. A null rate keeps the rounding while pushes stay held.
 */
export const ExchangeRate = defineEntity({
  name: "ExchangeRate",
  tableName: "exchange_rate",
  uniques: [{ properties: ["organizationId", "currency"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade"),
    currency: p.string().columnType("text"),
    rate: p.decimal("string").precision(20).scale(10).nullable(),
    rounding: p.json<CurrencyRounding>(),
    setAt: p.datetime().nullable(),
    setById: () => p.manyToOne(User).mapToPk().nullable().fieldName("set_by").deleteRule("set null"),
    updatedAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type ExchangeRate = InferEntity<typeof ExchangeRate>;

export const settingsEntities = [ExchangeRate];
