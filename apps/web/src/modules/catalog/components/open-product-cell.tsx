"use client";

import type { CustomCellRendererProps } from "ag-grid-react";
import { ExternalLinkIcon } from "lucide-react";
import Link from "next/link";
import type { VariantRow } from "../utils/catalog-types";

/** The grid's "Open" column: a link to the row's product in the product editor. */
export function OpenProductCell({ data }: CustomCellRendererProps<VariantRow>) {
  if (!data) return null;
  return (
    <Link
      href={`/products/${data.productId}`}
      className="inline-flex size-6 items-center justify-center rounded text-muted-foreground hover:bg-muted hover:text-foreground"
      aria-label={`Open ${data.productTitle}`}
      title="Open in the product editor"
      data-testid="open-product"
    >
      <ExternalLinkIcon className="size-3.5" aria-hidden />
    </Link>
  );
}
