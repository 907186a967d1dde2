"use client";

import { DownloadIcon, SearchIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { exportUrl, stockFilterOptions, type InventoryQuery, type StockFilterValue } from "../utils/inventory-query";
import type { StockShop } from "../utils/stock-types";

/** Stock filter, shop filter, SKU / title search (debounced) and the CSV export of the current filter. */
export function InventoryToolbar({
  query,
  shops,
  onChange,
}: {
  query: InventoryQuery;
  shops: StockShop[];
  onChange: (patch: Partial<InventoryQuery>) => void;
}) {
  const [search, setSearch] = useState(query.q ?? "");
  useEffect(() => {
    const value = search.trim();
    if (value === (query.q ?? "")) return;
    const timer = setTimeout(() => onChange({ q: value || undefined }), 300);
    return () => clearTimeout(timer);
  }, [search, query.q, onChange]);
  const handleExport = () => {
    const link = document.createElement("a");
    link.href = exportUrl(query);
    link.download = "";
    link.click();
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="relative">
        <SearchIcon className="absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden />
        <Input
          className="w-64 pl-8"
          placeholder="Search SKU or product"
          aria-label="Search SKU or product"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      <Select value={query.stock} onValueChange={(value) => onChange({ stock: value as StockFilterValue })}>
        <SelectTrigger className="w-40" aria-label="Stock filter">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {stockFilterOptions.map((option) => (
            <SelectItem key={option.value} value={option.value}>
              {option.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <Select
        value={query.shop ?? "all"}
        onValueChange={(value) => onChange({ shop: value === "all" ? undefined : value })}
      >
        <SelectTrigger className="w-48" aria-label="Shop filter">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value="all">All shops</SelectItem>
          {shops.map((shop) => (
            <SelectItem key={shop.id} value={shop.id}>
              {shop.name}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <Button type="button" variant="outline" onClick={handleExport} className="ml-auto">
        <DownloadIcon aria-hidden />
        Export CSV
      </Button>
    </div>
  );
}
