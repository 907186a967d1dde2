import {
  DomainError,
  describeRounding,
  parseListingPriceRule,
  formatListingPriceRule,
  ListingRuleParseError,
  type ExchangeRateInput,
  type ListingPriceRule,
  type OrganizationGeneralInput,
  type RoundingRule,
} from "@syncstore/domain";
import { ChannelConnection, ExchangeRate, Member, Organization, Session, sqlRows, User } from "@syncstore/db";
import { enqueue, markListingsForSync, publishListingJobKey, PUBLISH_MAX_ATTEMPTS } from "@syncstore/services";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";

export interface ExchangeRateDto {
  currency: string;
  rate: string | null;
  rounding: RoundingRule;
  roundingText: string;
  setAt: Date | null;
  setBy: string | null;
}

export interface ShopCurrencyDto {
  currency: string;
  shops: string[];
  /** Listings whose price pushes wait for this currency's rate. */
  held: number;
}

export interface OrganizationSettingsDto {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  marginThresholdPercent: number | null;
  rates: ExchangeRateDto[];
  /** Currencies the connected shops sell in other than the organization's, with what waits on them. */
  shopCurrencies: ShopCurrencyDto[];
}

/** Trims the noise of numeric(20,10) ("4.7125000000" → "4.7125"). */
function plainRate(rate: string | null): string | null {
  if (rate === null) return null;
  return rate.includes(".") ? rate.replace(/0+$/, "").replace(/\.$/, "") : rate;
}

export async function getOrganizationSettings(scope: OrgScope): Promise<OrganizationSettingsDto> {
  const organizationId = scope.actor.organizationId;
  const org = await scope.em.findOneOrFail(Organization, { id: organizationId });
  const rates = await scope.em.find(ExchangeRate, {}, { orderBy: { currency: "asc" } });
  const setters = rates.flatMap((rate) => (rate.setById ? [rate.setById] : []));
  const users = setters.length ? await scope.em.find(User, { id: { $in: setters } }) : [];
  const names = new Map(users.map((user) => [user.id, user.name]));
  const shops = await sqlRows<{ currency: string; shops: string[]; held: number }>(
    scope.em,
    `select c.currency, array_agg(distinct c.name order by c.name) as shops,
            (select count(*)::int from listing l join channel_connection x on x.id = l.connection_id
              where l.organization_id = $1 and x.currency = c.currency and l.last_error_code = 'NO_EXCHANGE_RATE'
                and l.sync_state = 'failed') as held
       from channel_connection c
      where c.organization_id = $1 and c.currency is not null and c.currency <> $2 and c.status <> 'disconnected'
      group by c.currency order by c.currency`,
    [organizationId, org.currency],
  );
  return {
    id: org.id,
    name: org.name,
    currency: org.currency,
    timeZone: org.timeZone,
    marginThresholdPercent:
      org.marginThresholdBps === null || org.marginThresholdBps === undefined ? null : org.marginThresholdBps / 100,
    rates: rates.map((rate) => ({
      currency: rate.currency,
      rate: plainRate(rate.rate ?? null),
      rounding: rate.rounding,
      roundingText: describeRounding(rate.rounding, rate.currency),
      setAt: rate.setAt ?? null,
      setBy: rate.setById ? (names.get(rate.setById) ?? "Former member") : null,
    })),
    shopCurrencies: shops,
  };
}

export async function updateOrganizationGeneral(scope: OrgScope, input: OrganizationGeneralInput): Promise<void> {
  const organizationId = scope.actor.organizationId;
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const org = await change.tx.findOneOrFail(Organization, { id: organizationId });
    const before = {
      name: org.name,
      currency: org.currency,
      timeZone: org.timeZone,
      marginThresholdBps: org.marginThresholdBps ?? null,
    };
    org.name = input.name;
    org.currency = input.currency;
    org.timeZone = input.timeZone;
    org.marginThresholdBps =
      input.marginThresholdPercent === null ? null : Math.round(input.marginThresholdPercent * 100);
    const after = {
      name: org.name,
      currency: org.currency,
      timeZone: org.timeZone,
      marginThresholdBps: org.marginThresholdBps,
    };
    await change.tx.flush();
    change.audit({
      action: "organization.update",
      entity: "organization",
      entityId: organizationId,
      label: org.name,
      before,
      after,
    });
    // Another base currency changes every converted price: queue every shop's prices again.
    if (before.currency !== after.currency) await markListingsForSync(change.tx, { organizationId, all: true });
    change.emit("team.changed", { reason: "organization.updated" });
  });
}

/**
 * Saves the rate and rounding of one currency. Pushes held for want of that rate, and every price
 * on shops in that currency, are queued again in the same transaction.
 */
export async function saveExchangeRate(scope: OrgScope, input: ExchangeRateInput): Promise<void> {
  const organizationId = scope.actor.organizationId;
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const org = await change.tx.findOneOrFail(Organization, { id: organizationId });
    if (input.currency === org.currency && input.rate !== null)
      throw DomainError.invalidFields([
        { path: ["currency"], message: `${org.currency} is the organization's own currency; it needs no rate` },
      ]);
    const existing = await change.tx.findOne(ExchangeRate, { currency: input.currency });
    const before = existing ? { rate: plainRate(existing.rate ?? null), rounding: existing.rounding } : null;
    const row =
      existing ??
      change.tx.create(ExchangeRate, {
        organizationId,
        currency: input.currency,
        rounding: input.rounding,
      });
    const rateChanged = plainRate(row.rate ?? null) !== input.rate;
    row.rate = input.rate;
    row.rounding = input.rounding;
    if (rateChanged || !existing) {
      row.setAt = new Date();
      row.setById = scope.actor.userId;
    }
    await change.tx.flush();
    change.audit({
      action: existing ? "exchange_rate.update" : "exchange_rate.create",
      entity: "exchange_rate",
      entityId: row.id,
      label: input.currency,
      before,
      after: { rate: input.rate, rounding: input.rounding },
    });
    await requeueCurrency(change.tx, organizationId, input.currency);
  });
}

export async function deleteExchangeRate(scope: OrgScope, currency: string): Promise<void> {
  const organizationId = scope.actor.organizationId;
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const row = await change.tx.findOne(ExchangeRate, { currency });
    if (!row) throw new DomainError("NOT_FOUND", `No ${currency} rate is set`);
    change.audit({
      action: "exchange_rate.delete",
      entity: "exchange_rate",
      entityId: row.id,
      label: currency,
      before: { rate: plainRate(row.rate ?? null), rounding: row.rounding },
    });
    change.tx.remove(row);
    await change.tx.flush();
    await requeueCurrency(change.tx, organizationId, currency);
  });
}

/** Published listings get their price pushed again; products held before publishing are published. */
async function requeueCurrency(tx: OrgScope["em"], organizationId: string, currency: string): Promise<void> {
  const connections = await tx.find(ChannelConnection, { currency, status: { $ne: "disconnected" } });
  for (const connection of connections)
    await markListingsForSync(tx, { organizationId, connectionId: connection.id, all: true });
  const unpublished = await sqlRows<{ connectionId: string; productId: string }>(
    tx,
    `select distinct l.connection_id as "connectionId", l.product_id as "productId"
       from listing l join channel_connection c on c.id = l.connection_id
      where l.organization_id = $1 and c.currency = $2 and l.external_product_id is null
        and l.last_error_code = 'NO_EXCHANGE_RATE' and l.product_id is not null`,
    [organizationId, currency],
  );
  for (const row of unpublished) {
    await sqlRows(
      tx,
      `update listing set sync_state = 'pending', last_error = null, last_error_code = null, updated_at = now()
        where organization_id = $1 and connection_id = $2 and product_id = $3 and external_product_id is null`,
      [organizationId, row.connectionId, row.productId],
    );
    await enqueue(
      tx,
      "publish-listing",
      { connectionId: row.connectionId, productId: row.productId },
      { jobKey: publishListingJobKey(row.connectionId, row.productId), maxAttempts: PUBLISH_MAX_ATTEMPTS },
    );
  }
}

export interface ChannelDefaultDto {
  connectionId: string;
  name: string;
  platform: "shopee" | "tiktok";
  currency: string;
  priceRule: string;
  status: string;
}

export async function listChannelDefaults(scope: OrgScope): Promise<ChannelDefaultDto[]> {
  const org = await scope.em.findOneOrFail(Organization, { id: scope.actor.organizationId });
  const rows = await scope.em.find(
    ChannelConnection,
    { status: { $ne: "disconnected" } },
    { orderBy: { platform: "asc", name: "asc" } },
  );
  return rows.map((row) => {
    const currency = row.currency ?? org.currency;
    return {
      connectionId: row.id,
      name: row.name,
      platform: row.platform,
      currency,
      priceRule: formatListingPriceRule((row.defaultPriceRule as ListingPriceRule | null) ?? null, currency),
      status: row.status,
    };
  });
}

export async function setChannelDefaultPriceRule(
  scope: OrgScope,
  input: { connectionId: string; priceRule: string },
): Promise<void> {
  const organizationId = scope.actor.organizationId;
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const org = await change.tx.findOneOrFail(Organization, { id: organizationId });
    const row = await change.tx.findOne(ChannelConnection, { id: input.connectionId });
    if (!row) throw new DomainError("NOT_FOUND", "This shop is not connected to this organization");
    const currency = row.currency ?? org.currency;
    let rule: ListingPriceRule | null;
    try {
      rule = parseListingPriceRule(input.priceRule, currency);
    } catch (error) {
      if (error instanceof ListingRuleParseError)
        throw DomainError.invalidFields([{ path: ["priceRule"], message: error.message }]);
      throw error;
    }
    const before = formatListingPriceRule((row.defaultPriceRule as ListingPriceRule | null) ?? null, currency);
    row.defaultPriceRule = rule;
    await change.tx.flush();
    change.audit({
      action: "channel.default_price_rule",
      entity: "channel_connection",
      entityId: row.id,
      label: row.name,
      before: { defaultPriceRule: before || null },
      after: { defaultPriceRule: formatListingPriceRule(rule, currency) || null },
    });
    await markListingsForSync(change.tx, { organizationId, connectionId: row.id, all: true });
  });
}

/** Owner only: removes the organization and everything it owns (foreign keys cascade). */
export async function deleteOrganization(scope: OrgScope, confirmation: string): Promise<void> {
  const organizationId = scope.actor.organizationId;
  const org = await scope.em.findOneOrFail(Organization, { id: organizationId });
  if (confirmation.trim() !== org.name)
    throw DomainError.invalidFields([{ path: ["confirmation"], message: `Type "${org.name}" exactly to confirm` }]);
  await scope.em.transactional(async (tx) => {
    await tx.nativeUpdate(Session, { activeOrganizationId: organizationId }, { activeOrganizationId: null });
    await sqlRows(tx, `delete from "organization" where id = $1`, [organizationId]);
  });
  scope.deps.logger.info({ organizationId, by: scope.actor.userId }, "organization deleted");
}

/** Owner only: another member becomes owner; the caller stays on as admin. */
export async function transferOwnership(scope: OrgScope, memberId: string): Promise<void> {
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const target = await change.tx.findOne(Member, { id: memberId });
    if (!target)
      throw DomainError.invalidFields([{ path: ["memberId"], message: "This person is not a member any more" }]);
    if (target.userId === scope.actor.userId)
      throw DomainError.invalidFields([
        { path: ["memberId"], message: "You are the owner already; choose someone else" },
      ]);
    const mine = await change.tx.findOneOrFail(Member, { userId: scope.actor.userId });
    const user = await change.tx.findOne(User, { id: target.userId });
    const previous = target.role;
    target.role = "owner";
    mine.role = "admin";
    await change.tx.flush();
    change.audit({
      action: "organization.transfer",
      entity: "member",
      entityId: target.id,
      label: user?.email ?? null,
      before: { role: previous, yourRole: "owner" },
      after: { role: "owner", yourRole: "admin" },
    });
    change.emit("team.changed", { reason: "member.role_changed" });
  });
}
