"use client";

import { variantSyncStatusLabels, variantSyncStatuses } from "@syncstore/domain";
import type { GridApi } from "ag-grid-community";
import { SearchIcon, XIcon } from "lucide-react";
import { useEffect, useEffectEvent, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useDebouncedValue } from "../hooks/use-debounced-value";
import type { SavedView } from "../hooks/use-saved-views";
import type { CategoryOption, VariantRow } from "../utils/catalog-types";
import { productStatuses } from "../utils/catalog-types";
import { readColumnLayout } from "../utils/column-layout";
import {
  activeFilterCount,
  compactFilter,
  fromListVariantsFilter,
  toListVariantsQuery,
  type GridQuery,
} from "../utils/grid-query";
import { ColumnChooser } from "./column-chooser";
import { ExportButton } from "./export-button";
import { RangeFilters } from "./range-filters";
import { SavedViewsMenu } from "./saved-views-menu";
import { SetFilter } from "./set-filter";

const SEARCH_DEBOUNCE_MS = 300;

/** Quick search, filters, saved views and the column chooser; edit actions on the right. */
export function GridToolbar({
  query,
  onQueryChange,
  onPatchQuery,
  onClearFilters,
  categories,
  brands,
  currency,
  api,
  onLayoutChanged,
  actions,
}: {
  query: GridQuery;
  onQueryChange: (query: GridQuery) => void;
  onPatchQuery: (patch: Partial<GridQuery>) => void;
  onClearFilters: () => void;
  categories: CategoryOption[];
  brands: string[];
  currency: string;
  api: GridApi<VariantRow> | null;
  onLayoutChanged: () => void;
  actions: ReactNode;
}) {
  const [search, setSearch] = useState(query.q ?? "");
  const debounced = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  // Only a settled search box writes to the URL (not every render that changes the query).
  const writeSearch = useEffectEvent((value: string) => {
    if ((query.q ?? "") !== value) onPatchQuery({ q: value || undefined });
  });
  useEffect(() => writeSearch(debounced), [debounced]);

  const handleApplyView = (view: SavedView) => {
    onQueryChange({ ...fromListVariantsFilter(view.state.filter, view.state.sort, currency), q: query.q });
    if (api && view.state.columns.length) {
      api.applyColumnState({
        state: view.state.columns.map((column) => ({
          colId: column.field,
          width: column.width,
          hide: column.hidden ?? false,
          pinned: column.pinned ?? null,
        })),
        applyOrder: true,
      });
      onLayoutChanged();
    }
  };
  const currentState = () => {
    const { filter, sort } = toListVariantsQuery(query, currency);
    return { filter: compactFilter(filter), sort, columns: api ? readColumnLayout(api) : [] };
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="relative w-full sm:w-64">
        <SearchIcon
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
          aria-hidden
        />
        <Input
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Search title, SKU, brand, tag…"
          aria-label="Search products"
          className="h-8 pl-8"
        />
      </div>
      <SetFilter
        label="Status"
        options={productStatuses.map((status) => ({
          value: status,
          label: status.charAt(0).toUpperCase() + status.slice(1),
        }))}
        selected={query.status}
        onChange={(values) => onPatchQuery({ status: values as GridQuery["status"] })}
      />
      <SetFilter
        label="Category"
        options={categories.map((category) => ({ value: category.id, label: category.path }))}
        selected={query.category}
        onChange={(values) => onPatchQuery({ category: values })}
      />
      <SetFilter
        label="Brand"
        options={brands.map((brand) => ({ value: brand, label: brand }))}
        selected={query.brand}
        onChange={(values) => onPatchQuery({ brand: values })}
      />
      <SetFilter
        label="Sync"
        options={variantSyncStatuses.map((status) => ({ value: status, label: variantSyncStatusLabels[status] }))}
        selected={query.sync}
        onChange={(values) => onPatchQuery({ sync: values as GridQuery["sync"] })}
      />
      <RangeFilters
        key={JSON.stringify([query.title, query.sku, query.priceMin, query.priceMax, query.stockMin, query.stockMax])}
        query={query}
        currency={currency}
        onApply={onPatchQuery}
      />
      {activeFilterCount(query) > 0 ? (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setSearch("");
            onClearFilters();
          }}
        >
          <XIcon aria-hidden />
          Clear
        </Button>
      ) : null}
      <div className="ml-auto flex flex-wrap items-center gap-2">
        <SavedViewsMenu currentState={currentState} onApply={handleApplyView} />
        <ColumnChooser api={api} onChanged={onLayoutChanged} />
        <ExportButton query={query} currency={currency} api={api} />
        {actions}
      </div>
    </div>
  );
}
