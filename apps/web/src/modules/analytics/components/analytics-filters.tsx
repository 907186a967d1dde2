"use client";

import { Input } from "@/components/ui/input";
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
      <div className="grid gap-1">
        <Label htmlFor="analytics-from">From</Label>
        <Input
          id="analytics-from"
          type="date"
          className="w-40"
          value={range.from}
          max={range.to}
          onChange={(event) =>
            event.target.value && onChange({ range: "custom", from: event.target.value, to: range.to })
          }
        />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="analytics-to">To</Label>
        <Input
          id="analytics-to"
          type="date"
          className="w-40"
          value={range.to}
          min={range.from}
          onChange={(event) =>
            event.target.value && onChange({ range: "custom", from: range.from, to: event.target.value })
          }
        />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="analytics-shop">Shop</Label>
        <Select
          value={search.shops[0] ?? "all"}
          onValueChange={(value) => onChange({ shops: value === "all" ? [] : [value] })}
        >
          <SelectTrigger id="analytics-shop" className="w-52">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="all">All shops</SelectItem>
            {shops.map((shop) => (
              <SelectItem key={shop.id} value={shop.id}>
                {shop.name} ({shop.platform === "tiktok" ? "TikTok Shop" : "Shopee"})
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
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
