"use client";

import { XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { trpc } from "@/lib/trpc/react";
import { hasActiveFilters, type AuditFilters } from "../utils/audit-filters";
import { formatAction } from "../utils/format-action";

const ALL = "__all__";

type Option = { value: string; label: string };

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
      <FacetSelect
        id="filter-actor"
        label="Actor"
        value={filters.actor}
        options={actors}
        onChange={(v) => onChange("actor", v)}
      />
      <FacetSelect
        id="filter-action"
        label="Action"
        value={filters.action}
        options={actions}
        onChange={(v) => onChange("action", v)}
      />
      <FacetSelect
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

function FacetSelect({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  options: Option[];
  onChange: (value: string | undefined) => void;
}) {
  // A value from the URL that the facets do not list (yet) still shows as selected.
  const known = value === undefined || options.some((option) => option.value === value);
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Select value={value ?? ALL} onValueChange={(next) => onChange(next === ALL ? undefined : next)}>
        <SelectTrigger id={id} className="w-full">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>All</SelectItem>
          {known || value === undefined ? null : <SelectItem value={value}>{value}</SelectItem>}
          {options.map((option) => (
            <SelectItem key={option.value} value={option.value}>
              {option.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}
