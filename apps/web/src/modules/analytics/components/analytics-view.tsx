"use client";

import { PageHeader } from "@/components/common/page-header";
import { trpc } from "@/lib/trpc/react";
import { useAnalyticsFilters } from "../hooks/use-analytics-filters";
import { AnalyticsFilters } from "./analytics-filters";
import { AnalyticsHelp } from "./analytics-help";
import { PricingSection } from "./pricing-section";
import { ProductsSection } from "./products-section";
import { SalesSection } from "./sales-section";
import { StockSection } from "./stock-section";
import { SyncHealthSection } from "./sync-health-section";

const sectionState = (query: { isLoading: boolean; error: { message: string } | null; refetch: () => unknown }) => ({
  isLoading: query.isLoading,
  error: query.error,
  refetch: query.refetch,
});

export function AnalyticsView() {
  const { search, range, update, filter } = useAnalyticsFilters();
  const connections = trpc.channels.list.useQuery();
  const keep = { placeholderData: <T,>(previous: T | undefined) => previous };
  const sales = trpc.analytics.sales.useQuery(filter, keep);
  const products = trpc.analytics.products.useQuery(filter, keep);
  const pricing = trpc.analytics.pricing.useQuery(filter, keep);
  const stock = trpc.analytics.stock.useQuery(filter, keep);
  const health = trpc.analytics.syncHealth.useQuery(filter, keep);
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Analytics"
        description="Sales, products, pricing, stock and sync health across your shops. Amounts in your organization's currency."
        actions={<AnalyticsHelp />}
      />
      <AnalyticsFilters
        search={search}
        range={range}
        shops={(connections.data ?? []).map((c) => ({ id: c.id, name: c.name, platform: c.platform }))}
        onChange={update}
      />
      <SalesSection data={sales.data} state={sectionState(sales)} compare={search.compare} range={range} />
      <ProductsSection data={products.data} state={sectionState(products)} range={range} />
      <PricingSection data={pricing.data} state={sectionState(pricing)} range={range} />
      <StockSection data={stock.data} state={sectionState(stock)} range={range} />
      <SyncHealthSection data={health.data} state={sectionState(health)} range={range} />
    </div>
  );
}
