"use client";

import { SearchIcon, XIcon } from "lucide-react";
import { useState } from "react";
import { FilterSelect } from "@/components/common/filter-select";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { trpc } from "@/lib/trpc/react";
import { platformNames, statusLabels } from "../utils/webhook-display";
import { hasActiveFilters, type WebhookFilters } from "../utils/webhook-filters";

export function EventsFilters({
  filters,
  onChange,
  onClear,
}: {
  filters: WebhookFilters;
  onChange: <K extends keyof WebhookFilters>(key: K, value: WebhookFilters[K]) => void;
  onClear: () => void;
}) {
  const connections = trpc.channels.list.useQuery(undefined, { staleTime: 60_000 });
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(3,minmax(0,1fr))_minmax(0,1.5fr)_auto] lg:items-end">
      <FilterSelect
        id="webhook-platform"
        label="Platform"
        value={filters.platform}
        options={Object.entries(platformNames).map(([value, label]) => ({ value, label }))}
        onChange={(value) => onChange("platform", value as WebhookFilters["platform"])}
      />
      <FilterSelect
        id="webhook-shop"
        label="Shop"
        value={filters.shop}
        options={(connections.data ?? []).map((connection) => ({ value: connection.id, label: connection.name }))}
        onChange={(value) => onChange("shop", value)}
      />
      <FilterSelect
        id="webhook-status"
        label="Status"
        value={filters.status}
        options={Object.entries(statusLabels).map(([value, label]) => ({ value, label }))}
        onChange={(value) => onChange("status", value as WebhookFilters["status"])}
      />
      <SearchForm key={filters.q ?? ""} initial={filters.q ?? ""} onSearch={(q) => onChange("q", q)} />
      <Button variant="ghost" onClick={onClear} disabled={!hasActiveFilters(filters)}>
        <XIcon aria-hidden />
        Clear
      </Button>
    </div>
  );
}

/** Keyed by the applied search, so clearing the filters resets the field. */
function SearchForm({ initial, onSearch }: { initial: string; onSearch: (q: string | undefined) => void }) {
  const [search, setSearch] = useState(initial);
  return (
    <form
      className="grid gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(search.trim() || undefined);
      }}
    >
      <Label htmlFor="webhook-search">Order, product or event id</Label>
      <div className="flex gap-2">
        <Input
          id="webhook-search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="e.g. 2611240001LQXQ"
        />
        <Button type="submit" variant="outline" aria-label="Search">
          <SearchIcon aria-hidden />
        </Button>
      </div>
    </form>
  );
}
