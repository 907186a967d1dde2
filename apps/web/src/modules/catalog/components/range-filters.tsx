"use client";

import { SlidersHorizontalIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { gridQuerySchema, type GridQuery } from "../utils/grid-query";
import { ToolbarPopover } from "./toolbar-popover";

type Draft = { title: string; sku: string; priceMin: string; priceMax: string; stockMin: string; stockMax: string };

const draftOf = (query: GridQuery): Draft => ({
  title: query.title ?? "",
  sku: query.sku ?? "",
  priceMin: query.priceMin ?? "",
  priceMax: query.priceMax ?? "",
  stockMin: query.stockMin?.toString() ?? "",
  stockMax: query.stockMax?.toString() ?? "",
});

/** Text filters (title, SKU contains) and number ranges (price, stock), applied together. */
export function RangeFilters({
  query,
  currency,
  onApply,
}: {
  query: GridQuery;
  currency: string;
  onApply: (patch: Partial<GridQuery>) => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(query));
  const count = [query.title, query.sku, query.priceMin, query.priceMax, query.stockMin, query.stockMax].filter(
    (value) => value !== undefined,
  ).length;
  const set = (key: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    // The same schema as the URL: a value that does not parse is dropped, not sent.
    const parsed = gridQuerySchema
      .pick({ title: true, sku: true, priceMin: true, priceMax: true, stockMin: true, stockMax: true })
      .parse({
        title: draft.title || undefined,
        sku: draft.sku || undefined,
        priceMin: draft.priceMin || undefined,
        priceMax: draft.priceMax || undefined,
        stockMin: draft.stockMin || undefined,
        stockMax: draft.stockMax || undefined,
      });
    onApply(parsed);
  };

  return (
    <ToolbarPopover label="More filters" count={count} icon={<SlidersHorizontalIcon aria-hidden />} className="w-80">
      <form className="grid gap-3" onSubmit={handleSubmit}>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-title">Title contains</Label>
          <Input id="filter-title" className="h-8" value={draft.title} onChange={set("title")} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-sku">SKU contains</Label>
          <Input id="filter-sku" className="h-8" value={draft.sku} onChange={set("sku")} />
        </div>
        <fieldset className="grid grid-cols-2 gap-2">
          <legend className="mb-1.5 text-sm font-medium">Price ({currency})</legend>
          <Input
            aria-label="Minimum price"
            placeholder="Min"
            inputMode="decimal"
            className="h-8"
            value={draft.priceMin}
            onChange={set("priceMin")}
          />
          <Input
            aria-label="Maximum price"
            placeholder="Max"
            inputMode="decimal"
            className="h-8"
            value={draft.priceMax}
            onChange={set("priceMax")}
          />
        </fieldset>
        <fieldset className="grid grid-cols-2 gap-2">
          <legend className="mb-1.5 text-sm font-medium">Stock on hand</legend>
          <Input
            aria-label="Minimum stock"
            placeholder="Min"
            inputMode="numeric"
            className="h-8"
            value={draft.stockMin}
            onChange={set("stockMin")}
          />
          <Input
            aria-label="Maximum stock"
            placeholder="Max"
            inputMode="numeric"
            className="h-8"
            value={draft.stockMax}
            onChange={set("stockMax")}
          />
        </fieldset>
        <div className="flex justify-between">
          <Button
            type="button"
            variant="ghost"
            size="sm"
            onClick={() => {
              setDraft(draftOf({ status: [], category: [], brand: [], tag: [], sync: [], sort: [] }));
              onApply({
                title: undefined,
                sku: undefined,
                priceMin: undefined,
                priceMax: undefined,
                stockMin: undefined,
                stockMax: undefined,
              });
            }}
          >
            Reset
          </Button>
          <Button type="submit" size="sm">
            Apply
          </Button>
        </div>
      </form>
    </ToolbarPopover>
  );
}
