"use client";

import { DateRangeFields, ShopSelect } from "@/components/common/period-fields";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { previousRangeOf, rangePresets, type AnalyticsSearch } from "../utils/filters";

export function AnalyticsFilters({
  search,
  range,
  shops,
  onChange,
}: {
  search: AnalyticsSearch;
  range: { from: string; to: string };
  shops: { id: string; name: string; platform: string }[];
  onChange: (patch: Partial<AnalyticsSearch>) => void;
}) {
  const previous = previousRangeOf(range);
  return (
    <div className="flex flex-wrap items-end gap-3 rounded-xl border bg-card p-3">
      <div className="grid gap-1">
        <Label htmlFor="analytics-range">Period</Label>
        <Select
          value={search.range}
          onValueChange={(value) =>
            onChange({ range: value as AnalyticsSearch["range"], from: range.from, to: range.to })
          }
        >
          <SelectTrigger id="analytics-range" className="w-40">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {rangePresets.map((preset) => (
              <SelectItem key={preset.id} value={preset.id}>
                {preset.label}
              </SelectItem>
            ))}
            <SelectItem value="custom">Custom</SelectItem>
          </SelectContent>
        </Select>
      </div>
      <DateRangeFields
        idPrefix="analytics"
        from={range.from}
        to={range.to}
        onFromChange={(from) => from && onChange({ range: "custom", from, to: range.to })}
        onToChange={(to) => to && onChange({ range: "custom", from: range.from, to })}
      />
      <ShopSelect
        id="analytics-shop"
        value={search.shops[0] ?? "all"}
        shops={shops}
        onChange={(value) => onChange({ shops: value === "all" ? [] : [value] })}
      />
      <label className="flex items-center gap-2 pb-2 text-sm">
        <input
          type="checkbox"
          className="size-4"
          checked={search.compare}
          onChange={(event) => onChange({ compare: event.target.checked })}
        />
        Compare with {previous.from} – {previous.to}
      </label>
    </div>
  );
}
