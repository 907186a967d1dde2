"use client";

import { XIcon } from "lucide-react";
import { FilterSelect } from "@/components/common/filter-select";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { trpc } from "@/lib/trpc/react";
import { hasActiveFilters, type AuditFilters } from "../utils/audit-filters";
import { formatAction } from "../utils/format-action";

export function AuditFiltersBar({
  filters,
  onChange,
  onClear,
}: {
  filters: AuditFilters;
  onChange: <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) => void;
  onClear: () => void;
}) {
  const facets = trpc.audit.facets.useQuery(undefined, { staleTime: 60_000 });
  const actors = facets.data?.actors.map((actor) => ({ value: actor.id, label: actor.name })) ?? [];
  const actions = facets.data?.actions.map((action) => ({ value: action, label: formatAction(action) })) ?? [];
  const entities = facets.data?.entities.map((entity) => ({ value: entity, label: entity })) ?? [];

  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(3,minmax(0,1fr))_auto_auto_auto] lg:items-end">
      <FilterSelect
        id="filter-actor"
        label="Actor"
        value={filters.actor}
        options={actors}
        onChange={(v) => onChange("actor", v)}
      />
      <FilterSelect
        id="filter-action"
        label="Action"
        value={filters.action}
        options={actions}
        onChange={(v) => onChange("action", v)}
      />
      <FilterSelect
        id="filter-entity"
        label="Entity"
        value={filters.entity}
        options={entities}
        onChange={(v) => onChange("entity", v)}
      />
      <div className="grid gap-2">
        <Label htmlFor="filter-from">From</Label>
        <Input
          id="filter-from"
          type="date"
          value={filters.from ?? ""}
          max={filters.to}
          onChange={(event) => onChange("from", event.target.value || undefined)}
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="filter-to">To</Label>
        <Input
          id="filter-to"
          type="date"
          value={filters.to ?? ""}
          min={filters.from}
          onChange={(event) => onChange("to", event.target.value || undefined)}
        />
      </div>
      <Button
        variant="ghost"
        onClick={onClear}
        disabled={!hasActiveFilters(filters)}
        className="sm:col-span-2 lg:col-span-1"
      >
        <XIcon aria-hidden />
        Clear
      </Button>
    </div>
  );
}
