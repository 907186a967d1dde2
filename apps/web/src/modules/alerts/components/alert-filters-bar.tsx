"use client";

import { alertGroupLabels, alertGroups } from "@syncstore/domain";
import { XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { trpc } from "@/lib/trpc/react";
import { severityLabels } from "../utils/alert-display";
import { hasActiveAlertFilters, type AlertFilters } from "../utils/alert-filters";

const ALL = "__all__";

const stateOptions = [
  { value: "active", label: "Active" },
  { value: "open", label: "Open" },
  { value: "acknowledged", label: "Acknowledged" },
  { value: "resolved", label: "Resolved" },
  { value: "all", label: "All" },
];

function FilterSelect({
  id,
  label,
  value,
  options,
  allLabel,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  allLabel?: string;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <div className="grid min-w-0 grid-cols-1 gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Select value={value ?? ALL} onValueChange={(next) => onChange(next === ALL ? undefined : next)}>
        <SelectTrigger id={id} className="w-full">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {allLabel ? <SelectItem value={ALL}>{allLabel}</SelectItem> : null}
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

export function AlertFiltersBar({
  filters,
  onChange,
  onClear,
}: {
  filters: AlertFilters;
  onChange: (next: Partial<AlertFilters>) => void;
  onClear: () => void;
}) {
  const facets = trpc.alerts.facets.useQuery(undefined, { staleTime: 30_000 });
  return (
    <div className="grid gap-3 sm:grid-cols-2 sm:items-end lg:grid-cols-4 2xl:grid-cols-[repeat(4,minmax(0,1fr))_9.5rem_9.5rem_auto]">
      <FilterSelect
        id="alerts-state"
        label="State"
        value={filters.state}
        options={stateOptions}
        onChange={(value) => onChange({ state: (value ?? "active") as AlertFilters["state"] })}
      />
      <FilterSelect
        id="alerts-severity"
        label="Severity"
        value={filters.severity}
        allLabel="Any severity"
        options={(["critical", "warning", "info"] as const).map((value) => ({ value, label: severityLabels[value] }))}
        onChange={(value) => onChange({ severity: value as AlertFilters["severity"] })}
      />
      <FilterSelect
        id="alerts-group"
        label="Kind"
        value={filters.group}
        allLabel="Every kind"
        options={alertGroups.map((value) => ({ value, label: alertGroupLabels[value].split(" (")[0] ?? value }))}
        onChange={(value) => onChange({ group: value as AlertFilters["group"] })}
      />
      <FilterSelect
        id="alerts-shop"
        label="Shop"
        value={filters.shop}
        allLabel="Every shop"
        options={(facets.data?.shops ?? []).map((shop) => ({ value: shop.id, label: shop.name }))}
        onChange={(value) => onChange({ shop: value })}
      />
      <div className="grid gap-2">
        <Label htmlFor="alerts-from">From</Label>
        <Input
          id="alerts-from"
          type="date"
          value={filters.from ?? ""}
          onChange={(event) => onChange({ from: event.target.value || undefined })}
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="alerts-to">To</Label>
        <Input
          id="alerts-to"
          type="date"
          value={filters.to ?? ""}
          onChange={(event) => onChange({ to: event.target.value || undefined })}
        />
      </div>
      <Button
        variant="ghost"
        className="justify-self-start"
        onClick={onClear}
        disabled={!hasActiveAlertFilters(filters)}
      >
        <XIcon aria-hidden />
        Clear
      </Button>
    </div>
  );
}
