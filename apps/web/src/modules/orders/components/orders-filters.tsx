"use client";

import { SearchIcon, XIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { trpc } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";
import { phaseLabels } from "../utils/order-display";
import { hasActiveFilters, type OrderFilters } from "../utils/order-filters";

const ALL = "__all__";

function FilterSelect({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
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
          <SelectItem value={ALL}>All</SelectItem>
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

/** Keyed by the applied value, so clearing the filters resets the field. */
function TextFilter({
  id,
  label,
  placeholder,
  initial,
  onApply,
}: {
  id: string;
  label: string;
  placeholder: string;
  initial: string;
  onApply: (value: string | undefined) => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <form
      className="grid gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(value.trim() || undefined);
      }}
    >
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <Input id={id} value={value} onChange={(event) => setValue(event.target.value)} placeholder={placeholder} />
        <Button type="submit" variant="outline" aria-label={`Apply ${label.toLowerCase()}`}>
          <SearchIcon aria-hidden />
        </Button>
      </div>
    </form>
  );
}

function ToggleChip({
  pressed,
  count,
  label,
  tone,
  onToggle,
}: {
  pressed: boolean;
  count: number | undefined;
  label: string;
  tone: "destructive" | "warning";
  onToggle: () => void;
}) {
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      aria-pressed={pressed}
      onClick={onToggle}
      className={cn(
        pressed && (tone === "destructive" ? "border-destructive bg-destructive/10" : "border-warning bg-warning/10"),
      )}
    >
      {label}
      {count !== undefined ? (
        <span
          className={cn(
            "rounded-full px-1.5 text-xs tabular-nums",
            count > 0
              ? tone === "destructive"
                ? "bg-destructive text-white"
                : "bg-warning text-foreground"
              : "bg-muted",
          )}
        >
          {count}
        </span>
      ) : null}
    </Button>
  );
}

export function OrdersFilters({
  filters,
  onChange,
  onClear,
}: {
  filters: OrderFilters;
  onChange: <K extends keyof OrderFilters>(key: K, value: OrderFilters[K]) => void;
  onClear: () => void;
}) {
  const connections = trpc.channels.list.useQuery(undefined, { staleTime: 60_000 });
  const counts = trpc.orders.counts.useQuery(undefined, { staleTime: 10_000 });
  return (
    <div className="grid gap-3">
      <div className="grid gap-3 sm:grid-cols-2 sm:items-end lg:grid-cols-3 2xl:grid-cols-6">
        <FilterSelect
          id="orders-shop"
          label="Shop"
          value={filters.shop}
          options={(connections.data ?? []).map((connection) => ({ value: connection.id, label: connection.name }))}
          onChange={(value) => onChange("shop", value)}
        />
        <FilterSelect
          id="orders-status"
          label="Status"
          value={filters.status}
          options={Object.entries(phaseLabels).map(([value, label]) => ({ value, label }))}
          onChange={(value) => onChange("status", value as OrderFilters["status"])}
        />
        <div className="grid gap-2">
          <Label htmlFor="orders-from">Placed from</Label>
          <Input
            id="orders-from"
            type="date"
            value={filters.from ?? ""}
            max={filters.to}
            onChange={(event) => onChange("from", event.target.value || undefined)}
          />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="orders-to">Placed to</Label>
          <Input
            id="orders-to"
            type="date"
            value={filters.to ?? ""}
            min={filters.from}
            onChange={(event) => onChange("to", event.target.value || undefined)}
          />
        </div>
        <TextFilter
          key={`sku-${filters.sku ?? ""}`}
          id="orders-sku"
          label="SKU"
          placeholder="e.g. TEE-BLK"
          initial={filters.sku ?? ""}
          onApply={(value) => onChange("sku", value)}
        />
        <TextFilter
          key={`q-${filters.q ?? ""}`}
          id="orders-search"
          label="Order number"
          placeholder="e.g. 2612030002AZCU"
          initial={filters.q ?? ""}
          onApply={(value) => onChange("q", value)}
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <ToggleChip
          pressed={Boolean(filters.oversold)}
          count={counts.data?.oversold}
          label="Oversold"
          tone="destructive"
          onToggle={() => onChange("oversold", filters.oversold ? undefined : "1")}
        />
        <ToggleChip
          pressed={Boolean(filters.unmatched)}
          count={counts.data?.unmatched}
          label="Unmatched"
          tone="warning"
          onToggle={() => onChange("unmatched", filters.unmatched ? undefined : "1")}
        />
        <Button variant="ghost" size="sm" onClick={onClear} disabled={!hasActiveFilters(filters)}>
          <XIcon aria-hidden />
          Clear filters
        </Button>
      </div>
    </div>
  );
}
