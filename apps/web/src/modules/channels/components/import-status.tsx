"use client";

import { DownloadIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useStartImport } from "../hooks/use-channel-actions";
import { importActive, importPercent, importProgressText } from "../utils/import-progress";

type Connection = RouterOutputs["channels"]["list"][number];

/** Linked / unmatched / failed counts with the link to the Unmatched screen. */
export function ListingCounts({ connection }: { connection: Connection }) {
  const counts = connection.listingCounts;
  return (
    <div className="grid gap-0.5 text-xs whitespace-nowrap" data-testid="listing-counts">
      <span>
        <span className="font-medium tabular-nums">{counts.linked}</span> linked
      </span>
      {counts.unmatched > 0 ? (
        <Link className="text-primary underline-offset-2 hover:underline" href={`/channels/${connection.id}/unmatched`}>
          <span className="font-medium tabular-nums">{counts.unmatched}</span> unmatched
        </Link>
      ) : (
        <span className="text-muted-foreground">0 unmatched</span>
      )}
      {counts.held > 0 ? (
        <Link
          className="text-amber-700 underline-offset-2 hover:underline dark:text-amber-400"
          href="/settings/organization"
          title={`Prices are never sent unconverted: set a ${connection.currency ?? ""} rate in Settings`}
          data-testid="held-prices"
        >
          <span className="font-medium tabular-nums">{counts.held}</span> prices held: set a {connection.currency} rate
        </Link>
      ) : null}
      {counts.failed > 0 ? (
        <span className="text-destructive">
          <span className="font-medium tabular-nums">{counts.failed}</span> failed
        </span>
      ) : null}
    </div>
  );
}

/** The last import's progress bar (live while it runs) or outcome. */
export function ImportProgressLine({ connection }: { connection: Connection }) {
  const progress = connection.importProgress;
  if (!progress) return null;
  const active = importActive(progress);
  return (
    <div className="mt-1 grid max-w-56 gap-1" data-testid="import-progress">
      {active ? <Progress value={importPercent(progress)} aria-label="Import progress" /> : null}
      <p className={progress.status === "failed" ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>
        {importProgressText(progress)}
      </p>
    </div>
  );
}

export function ImportButton({ connection }: { connection: Connection }) {
  const start = useStartImport();
  const active = importActive(connection.importProgress);
  return (
    <Button
      size="sm"
      variant="outline"
      disabled={active || start.isPending}
      aria-label={`Import listings of ${connection.name}`}
      onClick={() => start.mutate({ connectionId: connection.id })}
    >
      <DownloadIcon aria-hidden />
      {active ? "Importing…" : "Import listings"}
    </Button>
  );
}
