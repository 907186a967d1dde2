"use client";

import type { GridApi } from "ag-grid-community";
import { DownloadIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { VariantRow } from "../utils/catalog-types";
import { readColumnLayout } from "../utils/column-layout";
import { catalogExportUrl } from "../utils/export-url";
import type { GridQuery } from "../utils/grid-query";

/** Downloads the current view (filters, search, sort, visible columns) as CSV, streamed by the server. */
export function ExportButton({
  query,
  currency,
  api,
}: {
  query: GridQuery;
  currency: string;
  api: GridApi<VariantRow> | null;
}) {
  const handleExport = () => {
    const link = document.createElement("a");
    link.href = catalogExportUrl(query, currency, api ? readColumnLayout(api) : []);
    link.download = "";
    link.click();
  };
  return (
    <Button type="button" variant="outline" size="sm" onClick={handleExport}>
      <DownloadIcon aria-hidden />
      Export CSV
    </Button>
  );
}
