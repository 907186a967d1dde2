export interface ImportProgressView {
  status: "queued" | "running" | "succeeded" | "failed";
  products: number;
  total: number | null;
  listings: number;
  linked: number;
  error: string | null;
}

export const importActive = (progress: ImportProgressView | null) =>
  progress?.status === "queued" || progress?.status === "running";

/** Percent of the shop's products read (indeterminate shops count as 0 until done). */
export function importPercent(progress: ImportProgressView): number {
  if (progress.status === "succeeded") return 100;
  if (!progress.total) return 0;
  return Math.min(100, Math.round((progress.products / progress.total) * 100));
}

/** "Importing 50 of 120 products" / "Imported 58 products, 60 listings (2 matched by SKU)" / the failure. */
export function importProgressText(progress: ImportProgressView): string {
  switch (progress.status) {
    case "queued":
      return "Import queued…";
    case "running":
      return `Importing ${progress.products}${progress.total ? ` of ${progress.total}` : ""} products…`;
    case "succeeded":
      // "linked" here would contradict the live count beside it once listings are linked by hand.
      return `Imported ${progress.products} ${progress.products === 1 ? "product" : "products"}, ${progress.listings} ${progress.listings === 1 ? "listing" : "listings"} (${progress.linked} matched by SKU)`;
    case "failed":
      return `Import failed: ${progress.error ?? "unknown error"}`;
  }
}
