"use client";

import type { CustomCellRendererProps } from "ag-grid-react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { syncLabel } from "../utils/sync-display";
import { SyncStateBadge } from "./sync-state-badge";

type Row = RouterOutputs["catalog"]["listVariants"]["rows"][number];

/** The grid's "Sync" column: the worst state of the variant's listings; the reason in the tooltip. */
export function SyncStatusCell({ data }: CustomCellRendererProps<Row>) {
  if (!data) return null;
  const where = data.syncChannel ? ` on ${data.syncChannel}` : "";
  const title =
    data.syncStatus === "not_listed"
      ? "Not listed on any shop"
      : data.syncStatus === "conflict"
        ? `Open conflict${where}: sync holds the conflicting fields until it is resolved on the Conflicts page`
        : `${syncLabel(data.syncStatus)}${where}${data.syncError && data.syncStatus === "failed" ? `: ${data.syncError}` : ""}`;
  return <SyncStateBadge state={data.syncStatus} title={title} className="align-middle" />;
}
