"use client";

import { format, formatDistanceToNow } from "date-fns";
import { ActivityIcon, RefreshCwIcon, UnplugIcon } from "lucide-react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useCheckHealth, useDisconnect, useStartConnect } from "../hooks/use-channel-actions";
import { formatQuota, platformLabels, statusDisplay } from "../utils/connection-display";
import { ImportButton, ImportProgressLine, ListingCounts } from "./import-status";

type Connection = RouterOutputs["channels"]["list"][number];

function when(value: Date | string | null): string {
  if (!value) return "Never";
  const date = new Date(value);
  return formatDistanceToNow(date, { addSuffix: true });
}

export function ConnectionsTable({ connections, canWrite }: { connections: Connection[]; canWrite: boolean }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Shop</TableHead>
          <TableHead className="w-36">Status</TableHead>
          <TableHead className="w-32">Listings</TableHead>
          <TableHead className="hidden w-44 md:table-cell">Last health check</TableHead>
          <TableHead className="hidden 2xl:table-cell">API quota</TableHead>
          <TableHead className="hidden 2xl:table-cell">Token expires</TableHead>
          {canWrite ? <TableHead className="text-right">Actions</TableHead> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {connections.map((connection) => {
          const status = statusDisplay[connection.status];
          const details = `${platformLabels[connection.platform]}${connection.region ? ` · ${connection.region}` : ""}${connection.currency ? ` · ${connection.currency}` : ""} · shop ${connection.externalShopId}`;
          return (
            <TableRow
              key={connection.id}
              data-testid={`connection-${connection.platform}-${connection.externalShopId}`}
            >
              <TableCell className="max-w-0 min-w-40 whitespace-normal">
                {/* The table keeps its width: long shop names and ids shorten, the whole text in the tooltip. */}
                <p className="truncate font-medium" title={connection.name} id={`shop-${connection.id}`}>
                  {connection.name}
                </p>
                <p className="truncate text-xs text-muted-foreground" title={details}>
                  {details}
                </p>
              </TableCell>
              <TableCell>
                <Badge
                  variant={status.variant}
                  title={connection.lastError ?? status.hint}
                  data-testid="connection-status"
                >
                  {status.label}
                </Badge>
                {connection.lastError ? (
                  <p className="mt-1 max-w-36 truncate text-xs text-destructive" title={connection.lastError}>
                    {connection.lastError}
                  </p>
                ) : null}
                <ImportProgressLine connection={connection} />
              </TableCell>
              <TableCell>
                <ListingCounts connection={connection} />
              </TableCell>
              <TableCell className="hidden text-muted-foreground md:table-cell">
                <p className="text-sm whitespace-nowrap">{when(connection.lastHealthAt)}</p>
                {/* Below 2xl the quota and token columns fold in here, so the actions never overflow. */}
                <p className="text-xs whitespace-nowrap 2xl:hidden">Quota: {formatQuota(connection.quota)}</p>
                {connection.accessExpiresAt ? (
                  <p className="text-xs whitespace-nowrap 2xl:hidden">
                    Token until {format(new Date(connection.accessExpiresAt), "d MMM HH:mm")}
                  </p>
                ) : null}
              </TableCell>
              <TableCell className="hidden text-muted-foreground 2xl:table-cell">
                {formatQuota(connection.quota)}
              </TableCell>
              <TableCell className="hidden text-muted-foreground 2xl:table-cell">
                {connection.accessExpiresAt ? (
                  <span
                    title={`Refresh token until ${connection.refreshExpiresAt ? format(new Date(connection.refreshExpiresAt), "d MMM yyyy HH:mm") : "unknown"}`}
                  >
                    {format(new Date(connection.accessExpiresAt), "d MMM yyyy HH:mm")}
                  </span>
                ) : (
                  "—"
                )}
              </TableCell>
              {canWrite ? (
                <TableCell className="w-px text-right">
                  <ConnectionActions connection={connection} />
                </TableCell>
              ) : null}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function ConnectionActions({ connection }: { connection: Connection }) {
  const health = useCheckHealth();
  const disconnect = useDisconnect();
  const reconnect = useStartConnect();
  const label = `${platformLabels[connection.platform]} shop ${connection.name}`;
  if (connection.status === "disconnected") {
    return (
      <Button
        size="sm"
        variant="outline"
        disabled={reconnect.isPending || reconnect.isSuccess}
        onClick={() => reconnect.mutate({ platform: connection.platform })}
      >
        <RefreshCwIcon aria-hidden />
        Reconnect
      </Button>
    );
  }
  return (
    <div className="flex items-center justify-end gap-1.5">
      {connection.status === "needs_reauth" || connection.status === "expiring" ? (
        <Button
          size="sm"
          variant="outline"
          disabled={reconnect.isPending || reconnect.isSuccess}
          onClick={() => reconnect.mutate({ platform: connection.platform })}
        >
          <RefreshCwIcon aria-hidden />
          Reconnect
        </Button>
      ) : null}
      {connection.status !== "needs_reauth" ? <ImportButton connection={connection} /> : null}
      {/* Icon buttons below 2xl keep the row on one line at laptop widths; the name is in the tooltip. */}
      <Button
        size="sm"
        variant="outline"
        className="max-2xl:size-8 max-2xl:px-0"
        disabled={health.isPending}
        aria-label={`Check health of ${label}`}
        title={health.isPending ? "Checking…" : "Check health"}
        onClick={() => health.mutate({ connectionId: connection.id })}
      >
        <ActivityIcon aria-hidden className={health.isPending ? "animate-pulse" : undefined} />
        <span className="max-2xl:sr-only">{health.isPending ? "Checking…" : "Check health"}</span>
      </Button>
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button
            size="sm"
            variant="ghost"
            className="text-muted-foreground hover:text-destructive max-2xl:size-8 max-2xl:px-0"
            disabled={disconnect.isPending}
            aria-label={`Disconnect ${label}`}
            title="Disconnect"
          >
            <UnplugIcon aria-hidden />
            <span className="max-2xl:sr-only">Disconnect</span>
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Disconnect {connection.name}?</AlertDialogTitle>
            <AlertDialogDescription>
              SyncStore deletes this shop&apos;s access tokens right away and stops syncing it. You can connect it again
              later through {platformLabels[connection.platform]}.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction onClick={() => disconnect.mutate({ connectionId: connection.id })}>
              Disconnect
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
